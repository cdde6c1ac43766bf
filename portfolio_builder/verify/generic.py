"""Checks for every Open Badges version, on the authoritative badge (the hosted copy
when there is one): revocation flag, recipient and time.

They read only the model (``Badge.revoked``, ``recipients``, ``subject_id``,
``issued_on``, ``expires``), onto which OB 3.0's validFrom/validUntil and VC 1.1's
issuanceDate/expirationDate are mapped. Messages never show an identity or a hash.
"""

from __future__ import annotations

from datetime import datetime

from portfolio_builder import identities
from portfolio_builder.model import Badge, Recipient
from portfolio_builder.verify.documents import NEEDS_HOSTED_COPY, awaiting_hosted_copy
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result, Status


def _resolved(state: VerifyState) -> Badge | None:
    """The authoritative badge: None while a hosted badge's issuer copy is missing."""
    badge = state.badge
    if badge is None or badge.version is None or awaiting_hosted_copy(state):
        return None
    return badge


def _skipped(check_id: str, state: VerifyState) -> CheckResult | None:
    return CheckResult(check_id, Result.SKIP, NEEDS_HOSTED_COPY) if state.badge else None


@check("revoked")
def revoked(state: VerifyState) -> CheckResult | None:
    badge = _resolved(state)
    if badge is None or not badge.revoked:
        return None
    why = f": {badge.revocation_reason}" if badge.revocation_reason else ""
    return CheckResult(
        "revoked", Result.FAIL, f"the issuer marks this badge revoked{why}", Status.REVOKED
    )


def _subject(badge: Badge) -> Recipient | None:
    subject = badge.subject_id
    if not subject:
        return None
    if subject.lower().startswith("mailto:"):
        return Recipient("email", subject[len("mailto:") :], False)
    return Recipient("id", subject, False)


@check("recipient")
def recipient(state: VerifyState) -> CheckResult | None:
    badge = _resolved(state)
    if badge is None:
        return _skipped("recipient", state)
    owner = state.ctx.identities
    if not owner:
        why = (
            "skipped: no identities given (--email, PORTFOLIO_EMAILS or "
            ".portfolio-identities), so the recipient was not checked"
        )
        return CheckResult("recipient", Result.SKIP, why)
    subject = _subject(badge)
    candidates = [*badge.recipients, *([subject] if subject else [])]
    if not candidates:
        return CheckResult("recipient", Result.SKIP, "skipped: the badge names no recipient")
    if any(identities.matches(r, owner) for r in candidates):
        return CheckResult("recipient", Result.PASS, "the recipient is one of your identities")
    if not badge.recipients and subject is not None and subject.type == "id":
        why = (
            "skipped: the recipient is known only by an identifier that is not among "
            "your identities; add it to them to check it"
        )
        return CheckResult("recipient", Result.SKIP, why)
    kinds = ", ".join(sorted({r.type for r in candidates}))
    why = f"the recipient ({kinds}) matches none of your {len(owner)} identities"
    return CheckResult("recipient", Result.FAIL, why, Status.INVALID)


def _day(value: datetime) -> str:
    return value.isoformat()


@check("time")
def time(state: VerifyState) -> CheckResult | None:
    badge = _resolved(state)
    if badge is None:
        return _skipped("time", state)
    now, start, end = state.ctx.now, badge.issued_on, badge.expires
    if start is not None and start > now:
        why = f"not yet valid: valid from {_day(start)}, after {_day(now)}"
        return CheckResult("time", Result.FAIL, why, Status.INVALID)
    if start is not None and end is not None and end < start:
        why = f"expires ({_day(end)}) before it was issued ({_day(start)})"
        return CheckResult("time", Result.FAIL, why, Status.INVALID)
    if end is not None and end <= now:
        return CheckResult("time", Result.FAIL, f"expired on {_day(end)}", Status.EXPIRED)
    until = f"until {_day(end)}" if end else "with no expiry date"
    return CheckResult("time", Result.PASS, f"valid at {_day(now)}, {until}")
