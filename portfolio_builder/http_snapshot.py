"""An issuer snapshot: a committed JSON file of answers recorded from issuers.

It lets a site verify offline (or while the network is down) with documents that
were recorded once: hosted assertions, badge classes, issuer profiles, keys,
revocation and status lists. ``HttpFetcher`` consults it after its cache and only
when it does not use the network; a live or cached answer always wins. Answers
from it are marked with the day they were recorded. A build never writes it.

The file::

    {
      "recorded": "2025-12-01",
      "answers": {
        "https://issuer.example/assertions/1": {
          "status": 200,
          "content_type": "application/ld+json",
          "body": {"...": "a JSON document, or a string for text such as a PEM key"},
          "recorded": "2025-11-30"
        }
      }
    }

``recorded`` on an answer is optional (the file's date applies). Bodies are held in
the file itself, never named by path, so a snapshot cannot make the builder read
other files. Only http(s) addresses and final answers (no redirects) are accepted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from portfolio_builder.fetching import FetchResult

MAX_FILE_BYTES = 32 * 1024 * 1024
_DAY: dict[str, Any] = {"type": "string", "minLength": 10}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["recorded", "answers"],
    "additionalProperties": False,
    "properties": {
        "recorded": _DAY,
        "answers": {
            "type": "object",
            "propertyNames": {"pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#]+"},
            "additionalProperties": {
                "type": "object",
                "required": ["status", "body"],
                "additionalProperties": False,
                "properties": {
                    "status": {"type": "integer", "minimum": 200, "maximum": 599},
                    "content_type": {"type": "string"},
                    "body": {"type": ["object", "array", "string"]},
                    "recorded": _DAY,
                },
            },
        },
    },
}


class SnapshotError(Exception):
    """The snapshot file cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Recorded:
    """One recorded answer."""

    status: int
    content_type: str
    body: bytes
    recorded_on: str


@dataclass(frozen=True, slots=True)
class IssuerSnapshot:
    path: Path
    answers: Mapping[str, Recorded]

    def answer(self, url: str) -> FetchResult | None:
        """The recorded answer for ``url`` (its fragment ignored), or None."""
        found = self.answers.get(url) or self.answers.get(url.split("#", 1)[0])
        if found is None:
            return None
        return FetchResult(
            url,
            url,
            found.status,
            found.content_type,
            found.body,
            recorded_on=found.recorded_on,
        )


def _day(value: str, where: str) -> str:
    """The calendar day of an ISO 8601 date or date-time."""
    text = value.strip().replace("z", "Z")
    try:
        day = datetime.fromisoformat(text).date() if "T" in text else date.fromisoformat(text)
    except ValueError:
        raise SnapshotError(f"{where}: {value!r} is not an ISO 8601 date") from None
    return day.isoformat()


def _body(value: Any) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    return json.dumps(value, indent=2, ensure_ascii=False).encode("utf-8")


def _parse(data: Any, where: str) -> dict[str, Recorded]:
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: e.path)
    if errors:
        error = errors[0]
        at = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise SnapshotError(f"{where}: {at}: {error.message[:200]}")
    default = _day(data["recorded"], f"{where}: recorded")
    answers: dict[str, Recorded] = {}
    for url, entry in data["answers"].items():
        if 300 <= entry["status"] < 400:
            raise SnapshotError(f"{where}: {url}: a redirect; record the final answer instead")
        day = _day(entry["recorded"], f"{where}: {url}") if "recorded" in entry else default
        kind = entry.get("content_type", "application/json")
        answers[url] = Recorded(entry["status"], kind, _body(entry["body"]), day)
    return answers


def load_snapshot(path: Path) -> IssuerSnapshot:
    """Read and check a snapshot file; ``SnapshotError`` names the file and the problem."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SnapshotError(f"{path}: larger than {MAX_FILE_BYTES:,} bytes")
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SnapshotError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise SnapshotError(f"{path}: not valid JSON: {exc}") from None
    return IssuerSnapshot(path, _parse(data, str(path)))
