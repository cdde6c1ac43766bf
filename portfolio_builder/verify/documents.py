"""Fetching an issuer's JSON documents for the OB 0.5-2.0 checks, and finding them again.

Each fetched document is kept in ``state.fetched`` under its role (``assertion``,
``badge-class``, ``issuer``, ``key``, ``revocation-list``); later checks read it
from there rather than fetching it twice.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from portfolio_builder.fetching import FetchResult, source_note
from portfolio_builder.model import Badge, JSONObject, OBVersion
from portfolio_builder.normalize import common as c
from portfolio_builder.verify.registry import VerifyState
from portfolio_builder.verify.report import CheckResult, FetchedCopy, Result, Status

OB2_FAMILY = frozenset({OBVersion.V0_5, OBVersion.V1_0, OBVersion.V1_1, OBVersion.V2_0})


def is_ob2_family(badge: Badge | None) -> bool:
    """OB 0.5 to 2.0, or a bare hosted URL whose version is known only once fetched."""
    return badge is not None and (badge.version is None or badge.version in OB2_FAMILY)


def method(badge: Badge | None) -> str | None:
    if badge is None or badge.verification is None:
        return None
    return badge.verification.method


def parse_object(body: bytes) -> JSONObject | None:
    """A JSON object from a fetched body, parsed afresh."""
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


# Several checks read the same fetched documents: parse each body once. The result is
# shared, so it is only read; anything that goes into the model uses parse_object.
read_object = functools.lru_cache(maxsize=512)(parse_object)


def fetched(state: VerifyState, role: str) -> FetchedCopy | None:
    return next((f for f in reversed(state.fetched) if f.role == role), None)


def fetched_json(state: VerifyState, role: str) -> JSONObject | None:
    copy = fetched(state, role)
    return read_object(copy.body) if copy else None


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched JSON document, or the check result that says why there is none."""

    document: JSONObject | None
    answer: FetchResult | None
    failure: CheckResult | None


def fetch_document(state: VerifyState, check_id: str, url: str, role: str, what: str) -> Fetched:
    """GET ``url``; on any answer but a 2xx JSON object, the failing result for ``check_id``."""
    answer = state.ctx.fetcher.fetch(url)
    if answer.error is not None:
        why = f"{what} could not be fetched from {url}: {answer.error}"
        return Fetched(None, answer, CheckResult(check_id, Result.FAIL, why, Status.UNVERIFIABLE))
    if not answer.ok:
        why = f"{what} at {url} answered HTTP {answer.status}"
        return Fetched(None, answer, CheckResult(check_id, Result.FAIL, why, Status.UNVERIFIABLE))
    document = read_object(answer.body)
    if document is None:
        why = f"{what} at {url} is not a JSON object ({answer.content_type or 'no type'})"
        return Fetched(None, answer, CheckResult(check_id, Result.FAIL, why, Status.UNVERIFIABLE))
    state.fetched.append(FetchedCopy.of(role, answer.final_url, answer))
    return Fetched(document, answer, None)


def fetched_message(what: str, url: str, answer: FetchResult | None) -> str:
    note = source_note(answer) if answer else ""
    moved = f", redirected to {answer.final_url}" if answer and answer.redirected else ""
    return f"fetched {what} from {url}{moved}{note}"


def id_mismatch(document: JSONObject, url: str) -> str | None:
    """A warning when a fetched document names another address as its id."""
    declared = c.text(document.get("id"))
    if declared and declared.startswith(("http://", "https://")) and declared != url:
        return f"; its id is {declared}, not the address it was fetched from"
    return None


def has_type(document: JSONObject, *names: str) -> bool:
    """True when the document has one of these types, or (OB 1.x) no type at all."""
    types = c.types_of(document)
    return not types or any(t in names for t in types)


def embedded(value: Any) -> JSONObject | None:
    return value if isinstance(value, dict) else None


def issuer_document(state: VerifyState) -> tuple[JSONObject | None, str | None]:
    """The issuer profile as JSON (fetched, or embedded) and the address it came from."""
    copy = fetched(state, "issuer")
    if copy is not None:
        return read_object(copy.body), copy.url
    badge_class = fetched_json(state, "badge-class")
    if badge_class is None and state.badge is not None:
        badge_class = embedded(state.badge.document.get("badge"))
    return embedded((badge_class or {}).get("issuer")), None


def awaiting_hosted_copy(state: VerifyState) -> bool:
    """True for a hosted badge whose authoritative copy was not (yet) obtained."""
    return (
        is_ob2_family(state.badge)
        and method(state.badge) == "hosted"
        and state.badge is state.read.badge
    )


NEEDS_HOSTED_COPY = "skipped: needs the issuer's hosted copy (hosted.fetch, hosted.type)"
