"""The ``verify`` command's work and output: find the badge files, read them, verify
them with the network (or only the cache) and report one result per file.

``--format json`` prints one JSON array, one object per badge file (a contract other
tools depend on); the text format prints one line per badge for people.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from portfolio_builder import identities
from portfolio_builder.diagnostics import Diagnostic
from portfolio_builder.discover import discover
from portfolio_builder.http import DEFAULT_CACHE_DIR, HttpFetcher
from portfolio_builder.http_snapshot import load_snapshot
from portfolio_builder.reading import ReadResult, read_badge
from portfolio_builder.verify import verify_many
from portfolio_builder.verify.registry import VerifyContext
from portfolio_builder.verify.report import (
    CheckResult,
    Result,
    Status,
    VerificationReport,
)

CONFIG_FILE = Path("portfolio.yaml")


@dataclass(frozen=True, slots=True)
class VerifyOptions:
    paths: tuple[str, ...]
    emails: tuple[str, ...] = ()
    now: datetime | None = None
    offline: bool = False
    allow_private_network: bool = False
    cache_dir: Path = DEFAULT_CACHE_DIR
    config_file: Path = CONFIG_FILE
    snapshot: Path | None = None


@dataclass(frozen=True, slots=True)
class VerifyRun:
    reports: tuple[VerificationReport, ...]
    notes: tuple[str, ...]

    @property
    def exit_code(self) -> int:
        return 0 if all(r.status is Status.VALID for r in self.reports) else 1


def identities_file(config_file: Path) -> Path:
    """The file named by the config key ``identities_file``, else the default."""
    try:
        config = yaml.safe_load(config_file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        config = None
    named = config.get("identities_file") if isinstance(config, dict) else None
    return Path(named) if isinstance(named, str) and named else Path(identities.DEFAULT_FILE)


def _published(path: Path, folders: tuple[str, ...]) -> bool:
    """True when the identities file lies inside a badge folder (which gets published)."""
    target = path.resolve()
    return any(Path(f).is_dir() and target.is_relative_to(Path(f).resolve()) for f in folders)


def load_identities(
    options: VerifyOptions, environ: Mapping[str, str]
) -> tuple[identities.Identities, list[str]]:
    notes: list[str] = []
    file: Path | None = identities_file(options.config_file)
    if file is not None and _published(file, options.paths):
        notes.append(f"{file}: not read, because it lies inside a folder that gets published")
        file = None
    found = identities.load(options.emails, environ, file)
    if not found.values:
        notes.append(
            "no identities given (--email, PORTFOLIO_EMAILS or .portfolio-identities): "
            "recipients were not checked"
        )
    return found, notes


def _unreadable(note: Diagnostic, now: datetime) -> VerificationReport:
    check = CheckResult("extract", Result.FAIL, note.message, Status.ERROR)
    return VerificationReport(note.path, Status.ERROR, None, (check,), now)


def run_verify(options: VerifyOptions, environ: Mapping[str, str]) -> VerifyRun:
    """Verify every badge file under the given paths; a bad snapshot raises ``SnapshotError``."""
    snapshot = load_snapshot(options.snapshot) if options.snapshot else None
    found = discover(list(options.paths))
    owner, notes = load_identities(options, environ)
    reads: list[ReadResult] = [read_badge(source) for source in found.files]
    now = options.now or datetime.now(UTC)
    with HttpFetcher(
        options.cache_dir,
        offline=options.offline,
        allow_private_network=options.allow_private_network,
        snapshot=snapshot,
    ) as fetcher:
        ctx = VerifyContext(now, fetcher, owner.values, options.offline)
        reports = verify_many(reads, ctx)
    errors = [_unreadable(n, now) for n in found.diagnostics if n.severity == "error"]
    notes += [n.as_text() for n in found.diagnostics if n.severity != "error"]
    return VerifyRun((*errors, *reports), tuple(notes))


def report_json(report: VerificationReport) -> dict[str, Any]:
    data = report.as_json()
    badge = report.badge
    data["name"] = badge.name if badge else None
    data["issuer"] = badge.issuer_name if badge else None
    return data


def as_json(run: VerifyRun) -> str:
    return json.dumps([report_json(r) for r in run.reports], indent=2, ensure_ascii=False)


def report_line(report: VerificationReport) -> str:
    version = f"OB {report.version}" if report.version else "OB ?"
    failing = [f"{c.id}: {c.message}" for c in report.checks if c.result is Result.FAIL]
    reasons = f" - {'; '.join(failing)}" if failing else ""
    return f"{report.status.value:<12} {report.file} ({version}){reasons}"


def as_text(run: VerifyRun) -> str:
    return "\n".join(report_line(r) for r in run.reports)


def summary(run: VerifyRun) -> str:
    counts: dict[str, int] = {}
    for report in run.reports:
        counts[report.status.value] = counts.get(report.status.value, 0) + 1
    shown = ", ".join(f"{n} {status}" for status, n in counts.items()) or "no badge files found"
    return f"{len(run.reports)} badge file(s): {shown}"
