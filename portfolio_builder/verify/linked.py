"""OB 1.x/2.0 badge classes and issuers referenced by URL: fetched and put into the badge.

Once fetched, the ``Ref`` in the badge is replaced by the model object, so the site
shows the issuer's own description of the badge and of itself.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from portfolio_builder.model import Achievement, Badge, Issuer, Ref
from portfolio_builder.normalize import common as c
from portfolio_builder.normalize import ob2
from portfolio_builder.verify import documents as d
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result, Status


# Many badges share one badge class and issuer: build each model object once per body.
# The objects are frozen, so sharing them is safe.
@functools.lru_cache(maxsize=256)
def _achievement(body: bytes) -> Achievement | Ref | None:
    return ob2.badge_class(d.read_object(body), c.Notes(""))


@functools.lru_cache(maxsize=256)
def _issuer(body: bytes) -> Issuer | Ref | None:
    return c.issuer(d.read_object(body))


def _skip(check_id: str, state: VerifyState) -> CheckResult | None:
    """Skipped while a hosted badge's authoritative copy is missing."""
    if d.awaiting_hosted_copy(state):
        return CheckResult(check_id, Result.SKIP, d.NEEDS_HOSTED_COPY)
    return None


def _wrong_type(check_id: str, what: str, url: str, types: tuple[str, ...]) -> CheckResult:
    shown = ", ".join(types) or "no type"
    why = f"{what} at {url} has the wrong type ({shown})"
    return CheckResult(check_id, Result.FAIL, why, Status.INVALID)


@check("badge-class.fetch")
def badge_class_fetch(state: VerifyState) -> CheckResult | None:
    badge = state.badge
    if badge is None or badge.version is None or not d.is_ob2_family(badge):
        return None
    skipped = _skip("badge-class.fetch", state)
    if skipped or isinstance(badge.achievement, Achievement):
        return skipped or CheckResult(
            "badge-class.fetch", Result.PASS, "the badge class is embedded in the assertion"
        )
    if badge.achievement is None:
        why = "the assertion names no badge class"
        return CheckResult("badge-class.fetch", Result.FAIL, why, Status.INVALID)
    url = badge.achievement.url
    got = d.fetch_document(state, "badge-class.fetch", url, "badge-class", "the badge class")
    if got.document is None:
        return got.failure
    if not d.has_type(got.document, "BadgeClass"):
        return _wrong_type("badge-class.fetch", "the badge class", url, c.types_of(got.document))
    achievement = _achievement(got.answer.body) if got.answer else None
    issuer = achievement.issuer if isinstance(achievement, Achievement) else None
    state.badge = replace(badge, achievement=achievement, issuer=badge.issuer or issuer)
    message = d.fetched_message("the badge class", url, got.answer)
    mismatch = d.id_mismatch(got.document, url)
    if mismatch:
        return CheckResult("badge-class.fetch", Result.WARN, message + mismatch)
    return CheckResult("badge-class.fetch", Result.PASS, message)


def issuer_ref(badge: Badge) -> Issuer | Ref | None:
    if badge.issuer is not None:
        return badge.issuer
    achievement = badge.achievement
    return achievement.issuer if isinstance(achievement, Achievement) else None


def _with_issuer(badge: Badge, issuer: Issuer) -> Badge:
    achievement = badge.achievement
    if isinstance(achievement, Achievement):
        achievement = replace(achievement, issuer=issuer)
    return replace(badge, issuer=issuer, achievement=achievement)


@check("issuer.fetch", requires=("badge-class.fetch",))
def issuer_fetch(state: VerifyState) -> CheckResult | None:
    badge = state.badge
    if badge is None:
        return None
    found = issuer_ref(badge)
    if isinstance(found, Issuer):
        return CheckResult("issuer.fetch", Result.PASS, "the issuer profile is embedded")
    if found is None:
        why = "the badge class names no issuer"
        return CheckResult("issuer.fetch", Result.FAIL, why, Status.INVALID)
    url = found.url
    got = d.fetch_document(state, "issuer.fetch", url, "issuer", "the issuer profile")
    if got.document is None:
        return got.failure
    if not d.has_type(got.document, "Issuer", "Profile"):
        return _wrong_type("issuer.fetch", "the issuer profile", url, c.types_of(got.document))
    issuer = _issuer(got.answer.body) if got.answer else None
    if isinstance(issuer, Issuer):
        state.badge = _with_issuer(badge, issuer)
    message = d.fetched_message("the issuer profile", url, got.answer)
    mismatch = d.id_mismatch(got.document, url)
    if mismatch:
        return CheckResult("issuer.fetch", Result.WARN, message + mismatch)
    return CheckResult("issuer.fetch", Result.PASS, message)
