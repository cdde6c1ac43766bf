"""Verification: run the registered checks on each badge and conclude one status.

Check modules register themselves on import; ``CHECK_MODULES`` fixes their order
(version-specific checks first, the version-independent ones last).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from portfolio_builder.reading import ReadResult
from portfolio_builder.verify.registry import (
    CHECKS,
    Check,
    VerifyContext,
    VerifyState,
    run_checks,
)
from portfolio_builder.verify.report import (
    CheckResult,
    Result,
    Status,
    VerificationReport,
    worst,
)

CHECK_MODULES: tuple[str, ...] = (
    # OB 0.5-2.0: hosted copy, linked documents, origin rule, signature, revocation list
    "portfolio_builder.verify.hosted",
    "portfolio_builder.verify.linked",
    "portfolio_builder.verify.origin",
    "portfolio_builder.verify.signed",
    "portfolio_builder.verify.revocation_list",
    "portfolio_builder.verify.structure",
    "portfolio_builder.verify.extensions",
    # OB 3.0: structure, schema, VC-JWT, Data Integrity proofs, issuer key, status lists
    "portfolio_builder.verify.vc",
    # version-independent checks last: they read the authoritative badge
    "portfolio_builder.verify.generic",
)
WORKERS = 8
_loaded = False
_load_lock = threading.Lock()


def _load_checks() -> None:
    global _loaded
    with _load_lock:
        if not _loaded:
            for name in CHECK_MODULES:
                importlib.import_module(name)
            _loaded = True


def _position(item: Check) -> float:
    """Where a check runs: by its module's place in CHECK_MODULES, whatever the import
    order was; a module not listed runs just before the version-independent checks."""
    module = item.fn.__module__
    if module in CHECK_MODULES:
        return CHECK_MODULES.index(module)
    return CHECK_MODULES.index("portfolio_builder.verify.generic") - 0.5


def ordered_checks() -> list[Check]:
    _load_checks()
    return sorted(CHECKS, key=_position)  # stable: registration order within a module


def _no_badge(read: ReadResult) -> list[CheckResult]:
    reasons = "; ".join(d.message for d in read.diagnostics if d.severity == "error")
    return [CheckResult("extract", Result.FAIL, reasons or "no badge found", Status.ERROR)]


def _integrity_gate(results: list[CheckResult]) -> list[CheckResult]:
    """A badge is never valid unless some integrity check (hosted copy, signature, proof) passed."""
    integrity = {c.id for c in CHECKS if c.integrity}
    if any(r.id in integrity and r.result in (Result.PASS, Result.WARN) for r in results):
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
        results = run_checks(state, ordered_checks())
        results += _integrity_gate(results)
    status = worst([r.status for r in results if r.status is not None])
    badge = state.badge
    version = str(badge.version) if badge and badge.version else None
    return VerificationReport(
        read.source.display, status, version, tuple(results), ctx.now, badge, tuple(state.fetched)
    )


def verify_many(
    reads: Sequence[ReadResult], ctx: VerifyContext, workers: int = WORKERS
) -> list[VerificationReport]:
    """Verify several badge files concurrently (their fetches overlap); reports keep order."""
    _load_checks()
    if workers <= 1 or len(reads) <= 1:
        return [verify(read, ctx) for read in reads]
    with ThreadPoolExecutor(max_workers=min(workers, len(reads))) as pool:
        return list(pool.map(lambda read: verify(read, ctx), reads))
