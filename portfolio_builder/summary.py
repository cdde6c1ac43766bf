"""The lines ``build`` prints at the end: what was read, the statuses, the warnings."""

from __future__ import annotations

from portfolio_builder.buildreport import BuildReport
from portfolio_builder.diagnostics import Severity

ORDER = ("valid", "expired", "revoked", "invalid", "unverifiable", "error")


def summary(report: BuildReport, verbose: bool = True) -> list[str]:
    lines = [d.as_text() for d in report.warnings] if verbose else []
    counts = report.statuses
    parts = [f"{counts[s]} {s}" for s in ORDER if counts[s]]
    total = len(report.badge_statuses)
    lines.append(f"Read {total} badge file{'s' * (total != 1)}: {', '.join(parts) or 'none'}.")
    errors = sum(d.severity is Severity.ERROR for d in report.warnings)
    warned = len(report.warnings) - errors
    lines.append(f"{errors} error{'s' * (errors != 1)}, {warned} warning{'s' * (warned != 1)}.")
    w = report.written
    lines.append(
        f"Site written to {report.output} ({len(w.written)} written, "
        f"{len(w.unchanged)} unchanged, {len(w.pruned)} removed)."
    )
    return lines
