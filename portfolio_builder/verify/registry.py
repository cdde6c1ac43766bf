"""A registry of small, named checks with prerequisites.

A check is a function of the badge's ``VerifyState`` returning a ``CheckResult``,
or None when it does not apply to this badge. Checks run in registration order;
a check whose prerequisite did not pass is reported as skipped, naming it. A check
that raises becomes a failure with an internal-error message; it never aborts the run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from portfolio_builder.fetching import Fetcher
from portfolio_builder.model import Badge
from portfolio_builder.reading import ReadResult
from portfolio_builder.verify.report import CheckResult, FetchedCopy, Result, Status


@dataclass(frozen=True, slots=True)
class VerifyContext:
    """What every check may use: the clock, the owner's identities and the network."""

    now: datetime
    fetcher: Fetcher
    identities: tuple[str, ...] = ()
    offline: bool = False


@dataclass(slots=True)
class VerifyState:
    """The working state of one badge's verification (owned by that run only).

    ``badge`` starts as the baked badge and is replaced by the issuer's hosted
    version once fetched, since the hosted copy is authoritative.
    """

    read: ReadResult
    ctx: VerifyContext
    badge: Badge | None
    fetched: list[FetchedCopy] = field(default_factory=list)


CheckFn = Callable[[VerifyState], CheckResult | None]


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    fn: CheckFn
    requires: tuple[str, ...] = ()
    integrity: bool = False


CHECKS: list[Check] = []


def check(
    check_id: str, requires: tuple[str, ...] = (), integrity: bool = False
) -> Callable[[CheckFn], CheckFn]:
    """Register a check under a stable id (ids appear in ``verify --format json``).

    ``integrity`` marks checks that tie the badge to its issuer (hosted copy fetched and
    matched, signature or proof verified): a badge is valid only if one of them passed.
    """

    def register(fn: CheckFn) -> CheckFn:
        if any(c.id == check_id for c in CHECKS):
            raise ValueError(f"check {check_id!r} registered twice")
        CHECKS.append(Check(check_id, fn, requires, integrity))
        return fn

    return register


def _run_one(
    item: Check, state: VerifyState, passed: set[str], seen: set[str]
) -> CheckResult | None:
    missing = [r for r in item.requires if r not in passed]
    if missing:
        if not any(r in seen for r in missing):
            return None
        return CheckResult(item.id, Result.SKIP, f"skipped: needs {', '.join(missing)} to pass")
    try:
        return item.fn(state)
    except Exception as exc:  # a bug in one check must not abort the others
        return CheckResult(
            item.id, Result.FAIL, f"internal error in this check: {exc!r}", Status.UNVERIFIABLE
        )


def run_checks(state: VerifyState, checks: list[Check] | None = None) -> list[CheckResult]:
    results: list[CheckResult] = []
    passed: set[str] = set()
    seen: set[str] = set()
    for item in CHECKS if checks is None else checks:
        outcome = _run_one(item, state, passed, seen)
        if outcome is None:
            continue
        seen.add(item.id)
        if outcome.result in (Result.PASS, Result.WARN):
            passed.add(item.id)
        results.append(outcome)
    return results
