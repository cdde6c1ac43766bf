"""Verification: run the registered checks on each badge and conclude one status.

Check modules register themselves on import; ``CHECK_MODULES`` fixes their order
(version-specific checks first, the version-independent ones last).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from portfolio_builder.reading import ReadResult
from portfolio_builder.verify.registry import CHECKS, VerifyContext, VerifyState, run_checks
from portfolio_builder.verify.report import (
    CheckResult,
    Result,
    Status,
    VerificationReport,
    worst,
)

CHECK_MODULES: tuple[str, ...] = ()
_loaded = False


def _load_checks() -> None:
    global _loaded
    if not _loaded:
        for name in CHECK_MODULES:
            importlib.import_module(name)
        _loaded = True


def _no_badge(read: ReadResult) -> list[CheckResult]:
    reasons = "; ".join(d.message for d in read.diagnostics if d.severity == "error")
    return [CheckResult("extract", Result.FAIL, reasons or "no badge found", Status.ERROR)]


def _integrity_gate(results: list[CheckResult]) -> list[CheckResult]:
    """A badge is never valid unless some integrity check (hosted copy, signature, proof) passed."""
    integrity = {c.id for c in CHECKS if c.integrity}
    if any(r.id in integrity and r.result is Result.PASS for r in results):
        return []
    return [
        CheckResult(
            "integrity",
            Result.FAIL,
            "nothing confirmed this badge with its issuer (no hosted copy, "
            "signature or proof could be checked)",
            Status.UNVERIFIABLE,
        )
    ]


def verify(read: ReadResult, ctx: VerifyContext) -> VerificationReport:
    """Verify one badge file."""
    _load_checks()
    state = VerifyState(read, ctx, read.badge)
    if read.badge is None:
        results = _no_badge(read)
    else:
        results = run_checks(state)
        results += _integrity_gate(results)
    status = worst([r.status for r in results if r.status is not None])
    badge = state.badge
    version = str(badge.version) if badge and badge.version else None
    return VerificationReport(
        read.source.display, status, version, tuple(results), ctx.now, badge, tuple(state.fetched)
    )


def verify_many(reads: Sequence[ReadResult], ctx: VerifyContext) -> list[VerificationReport]:
    """Verify several badge files (fetches may be prefetched concurrently by the fetcher)."""
    return [verify(read, ctx) for read in reads]
