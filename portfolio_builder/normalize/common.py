"""Small, typed readers over untrusted JSON, shared by the version mappers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from portfolio_builder.diagnostics import Diagnostic, error, warning
from portfolio_builder.model import Alignment, Evidence, Image, Issuer, JSONObject, Ref

_DIGITS = re.compile(r"^\d{1,12}$")


@dataclass(slots=True)
class Notes:
    """Diagnostics collected while mapping one payload."""

    path: str
    items: list[Diagnostic] = field(default_factory=list)

    def warn(self, code: str, message: str, hint: str = "") -> None:
        self.items.append(warning(code, message, self.path, hint))

    def error(self, code: str, message: str, hint: str = "") -> None:
        self.items.append(error(code, message, self.path, hint))


def text(value: Any) -> str | None:
    """A non-empty string, or None. Numbers become strings; anything else is ignored."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return str(value)
    return None


def first_text(value: Any) -> str | None:
    """A string from a value that may be a language map or a list (OB 3.0 allows both)."""
    if isinstance(value, list):
        return next((t for t in map(first_text, value) if t), None)
    if isinstance(value, dict):
        return text(value.get("@value")) or next((t for t in map(text, value.values()) if t), None)
    return text(value)


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def obj(value: Any) -> JSONObject:
    return value if isinstance(value, dict) else {}


def types_of(document: JSONObject) -> tuple[str, ...]:
    return tuple(t for t in as_list(document.get("type")) if isinstance(t, str))


def parse_date(value: Any, field_name: str, notes: Notes) -> datetime | None:
    """ISO 8601 (with or without time) or Unix seconds, always timezone-aware.

    The original offset is kept; a value without one is taken as UTC with a warning.
    """
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_timestamp(value, field_name, notes)
    if not isinstance(value, str):
        notes.warn("W-BAD-DATE", f"{field_name} is not a date: {value!r}")
        return None
    raw = value.strip()
    if _DIGITS.match(raw):
        return _from_timestamp(int(raw), field_name, notes)
    try:
        parsed = datetime.fromisoformat(raw.replace("z", "Z"))
    except ValueError:
        notes.warn("W-BAD-DATE", f"{field_name} is not a date: {raw[:60]!r}")
        return None
    if parsed.tzinfo is None:
        if len(raw) > 10:
            notes.warn("W-NAIVE-DATE", f"{field_name} has no time zone; UTC assumed")
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _from_timestamp(value: float, field_name: str, notes: Notes) -> datetime | None:
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        notes.warn("W-BAD-DATE", f"{field_name} is not a usable timestamp: {value!r}")
        return None


def date_only(value: datetime | None) -> date | None:
    return value.date() if value else None


def image(value: Any) -> Image | None:
    if isinstance(value, str) and value.strip():
        return Image(value.strip())
    if isinstance(value, dict):
        url = text(value.get("id")) or text(value.get("url"))
        return Image(url, first_text(value.get("caption"))) if url else None
    return None


def issuer(value: Any) -> Issuer | Ref | None:
    if isinstance(value, str) and value.strip():
        return Ref(value.strip())
    if not isinstance(value, dict):
        return None
    return Issuer(
        id=text(value.get("id")),
        name=first_text(value.get("name")) or text(value.get("org")),
        url=text(value.get("url")) or text(value.get("origin")),
        email=text(value.get("email")) or text(value.get("contact")),
        description=first_text(value.get("description")),
        image=image(value.get("image")),
    )


def alignment(value: Any) -> Alignment | None:
    item = obj(value)
    name = text(item.get("targetName")) or text(item.get("name"))
    url = text(item.get("targetUrl")) or text(item.get("url"))
    if not (name or url):
        return None
    return Alignment(
        target_name=name,
        target_url=url,
        target_description=text(item.get("targetDescription")) or text(item.get("description")),
        target_framework=text(item.get("targetFramework")),
        target_code=text(item.get("targetCode")),
    )


def alignments(*values: Any) -> tuple[Alignment, ...]:
    found = (alignment(v) for value in values for v in as_list(value))
    return tuple(a for a in found if a is not None)


def evidence(value: Any) -> tuple[Evidence, ...]:
    items: list[Evidence] = []
    for entry in as_list(value):
        if isinstance(entry, str) and entry.strip():
            items.append(Evidence(id=entry.strip()))
        elif isinstance(entry, dict):
            items.append(
                Evidence(
                    id=text(entry.get("id")),
                    name=first_text(entry.get("name")),
                    description=first_text(entry.get("description")),
                    narrative=first_text(entry.get("narrative")),
                    genre=text(entry.get("genre")),
                    audience=text(entry.get("audience")),
                )
            )
    return tuple(items)


def tags(value: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in as_list(value) if text(t) and isinstance(t, str)))


def criteria(value: Any) -> tuple[str | None, str | None]:
    """(criteria URL, criteria narrative) from a URL or a Criteria object."""
    if isinstance(value, str):
        return text(value), None
    item = obj(value)
    return text(item.get("id")) or text(item.get("url")), first_text(item.get("narrative"))
