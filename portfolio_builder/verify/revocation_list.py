"""OB 2.0 revocation lists: an issuer with a ``revocationList`` publishes the ids of
the assertions it revoked (plain strings, or objects with ``id`` or a legacy ``uid``
and an optional ``revocationReason``)."""

from __future__ import annotations

from typing import Any

from portfolio_builder.fetching import source_note
from portfolio_builder.normalize import common as c
from portfolio_builder.verify import documents as d
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result, Status


def _entry(entry: Any, ids: set[str]) -> tuple[bool, str | None]:
    """(whether this list entry names the badge, the reason given)."""
    if isinstance(entry, str):
        return entry in ids, None
    item = c.obj(entry)
    named = c.text(item.get("id")) or c.text(item.get("uid"))
    return named in ids, c.text(item.get("revocationReason"))


def _badge_ids(state: VerifyState) -> set[str]:
    badge = state.badge
    found = {badge.id} if badge and badge.id else set()
    uid = c.text(badge.document.get("uid")) if badge else None
    if uid:
        found |= {uid, f"urn:uid:{uid}"}
    return found


@check("revocation-list", requires=("issuer.fetch",))
def revocation_list(state: VerifyState) -> CheckResult | None:
    issuer, _ = d.issuer_document(state)
    url = c.text((issuer or {}).get("revocationList"))
    if url is None:
        return None
    got = d.fetch_document(state, "revocation-list", url, "revocation-list", "the revocation list")
    if got.document is None:
        return got.failure
    revoked = got.document.get("revokedAssertions")
    if not isinstance(revoked, list):
        why = f"the revocation list at {url} has no revokedAssertions list"
        return CheckResult("revocation-list", Result.FAIL, why, Status.UNVERIFIABLE)
    ids = _badge_ids(state)
    for entry in revoked:
        named, reason = _entry(entry, ids)
        if named:
            why = f" with the reason: {reason}" if reason else ""
            message = f"the issuer's revocation list revokes this badge{why}"
            return CheckResult("revocation-list", Result.FAIL, message, Status.REVOKED)
    note = source_note(got.answer) if got.answer else ""
    message = f"the issuer's revocation list does not name this badge{note}"
    return CheckResult("revocation-list", Result.PASS, message)
