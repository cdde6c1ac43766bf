"""OB 0.5-2.0 hosted verification: fetch the issuer's copy, which is authoritative.

The assertion is fetched from its ``id`` (OB 2.0), ``verify.url`` (OB 1.x) or the
URL that was baked. HTTP 410, or a body saying ``"revoked": true``, means revoked
(Moodle answers 410 with ``{"revoked": true}``); 404 means the issuer no longer
vouches for it: unverifiable. The hosted copy then replaces the baked badge, so
that every later check and the site use the issuer's version.
"""

from __future__ import annotations

from typing import Any

from portfolio_builder.fetching import FetchResult, source_note
from portfolio_builder.model import Badge, PayloadKind, RawPayload
from portfolio_builder.normalize import common as c
from portfolio_builder.normalize import detect_version, normalize
from portfolio_builder.verify import documents as d
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result, Status

GONE = 410


def _hosted_url(badge: Badge) -> str | None:
    if badge.verification and badge.verification.url:
        return badge.verification.url
    return badge.id if badge.id and badge.id.startswith(("http://", "https://")) else None


def _revoked(answer: FetchResult) -> CheckResult | None:
    document = d.read_object(answer.body) or {}
    status = answer.status
    if document.get("revoked") is True or status == GONE:
        reason = c.text(document.get("revocationReason"))
        why = f" with the reason: {reason}" if reason else ""
        shown = f"HTTP {status}" if status == GONE else "its hosted copy"
        return CheckResult(
            "hosted.fetch",
            Result.FAIL,
            f"the issuer revoked this badge ({shown}){source_note(answer)}{why}",
            Status.REVOKED,
        )
    return None


@check("hosted.fetch")
def hosted_fetch(state: VerifyState) -> CheckResult | None:
    badge = state.badge
    if not d.is_ob2_family(badge) or d.method(badge) != "hosted" or badge is None:
        return None
    url = _hosted_url(badge)
    if url is None:
        return CheckResult(
            "hosted.fetch",
            Result.FAIL,
            "the badge says it is hosted but gives no http(s) address to fetch it from",
            Status.INVALID,
        )
    got = d.fetch_document(state, "hosted.fetch", url, "assertion", "the hosted assertion")
    answer = got.answer
    if answer is not None and answer.error is None:
        revoked = _revoked(answer)
        if revoked is not None:
            return revoked
    if got.failure is not None:
        if answer is not None and answer.status == 404:
            why = f"the issuer no longer has this badge (HTTP 404 at {url})"
            return CheckResult("hosted.fetch", Result.FAIL, why, Status.UNVERIFIABLE)
        return got.failure
    return CheckResult(
        "hosted.fetch", Result.PASS, d.fetched_message("the hosted assertion", url, answer)
    )


def _hosted_badge(state: VerifyState) -> Badge | str:
    """The hosted copy as the badge (parsed afresh: the model must not share the memo)."""
    copy = d.fetched(state, "assertion")
    document = d.parse_object(copy.body) if copy else None
    if copy is None or document is None:
        return "no hosted copy was kept"
    text = copy.body.decode("utf-8", "replace")
    payload = RawPayload(
        state.read.source, PayloadKind.JSON, copy.body, text, "hosted copy", data=document
    )
    badge, notes = normalize(payload)
    if badge is None:
        return "; ".join(n.message for n in notes) or "not a badge"
    return badge


@check("hosted.type", requires=("hosted.fetch",))
def hosted_type(state: VerifyState) -> CheckResult | None:
    document = d.fetched_json(state, "assertion") or {}
    version = detect_version(document)
    if version is None or not d.has_type(document, "Assertion"):
        shown = ", ".join(c.types_of(document)) or "no type"
        why = f"the hosted copy is not an Open Badges assertion ({shown})"
        return CheckResult("hosted.type", Result.FAIL, why, Status.INVALID)
    hosted = _hosted_badge(state)
    if isinstance(hosted, str):
        return CheckResult("hosted.type", Result.FAIL, f"hosted copy: {hosted}", Status.INVALID)
    state.badge = hosted
    copy = d.fetched(state, "assertion")
    mismatch = d.id_mismatch(document, copy.url) if copy else None
    message = f"the hosted copy is an Open Badges {version} assertion"
    if mismatch:
        return CheckResult("hosted.type", Result.WARN, message + mismatch)
    return CheckResult("hosted.type", Result.PASS, message)


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON, where an embedded object and its URL count as the same thing."""
    if isinstance(a, str) and isinstance(b, dict):
        return b.get("id") == a
    if isinstance(a, dict) and isinstance(b, str):
        return a.get("id") == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


@check("hosted.match", requires=("hosted.type",))
def hosted_match(state: VerifyState) -> CheckResult | None:
    baked = state.read.badge
    if baked is None or baked.payload.kind is not PayloadKind.JSON or state.badge is None:
        return None
    ours, theirs = baked.document, state.badge.document
    fields = [k for k in dict.fromkeys([*ours, *theirs]) if not _same(ours.get(k), theirs.get(k))]
    if not fields:
        return CheckResult("hosted.match", Result.PASS, "the baked badge matches the hosted copy")
    return CheckResult(
        "hosted.match",
        Result.WARN,
        f"the baked badge differs from the issuer's hosted copy in: {', '.join(fields)}; "
        "the issuer's version is used (a changed site salt or a moved site can cause this)",
    )
