"""A build's boundary: its options, where it writes, and what it reports.

Kept apart from the pipeline so that deciding to skip a rebuild, and printing the
report, import none of the build's libraries.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from portfolio_builder.diagnostics import Diagnostic, Severity


class OutputError(Exception):
    """The output folder cannot be used; nothing was written or deleted."""


@dataclass(frozen=True, slots=True)
class BuildOptions:
    site: Path = Path()
    output: Path | None = None
    base_url: str | None = None
    emails: tuple[str, ...] = ()
    now: datetime | None = None
    offline: bool = False
    allow_private_network: bool = False
    clock: Callable[[], float] = field(default=time.time, compare=False)  # seconds, as time.time


def output_folder(options: BuildOptions) -> Path:
    out = options.output if options.output is not None else Path("output")
    out = out if out.is_absolute() else options.site / out
    content = (options.site / "content").resolve()
    if out.resolve() == content or out.resolve().is_relative_to(content):
        raise OutputError(f"{out} is inside the content folder; choose another output folder")
    return out


@dataclass(slots=True)
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class BuildReport:
    """``badge_statuses`` holds one status (``valid``, ``expired`` …) per badge file read."""

    output: Path
    badge_statuses: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    written: WriteReport = field(compare=False)
    skipped: bool = False

    @property
    def statuses(self) -> Counter[str]:
        return Counter(self.badge_statuses)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is not Severity.INFO)

    @property
    def all_valid(self) -> bool:
        return all(status == "valid" for status in self.badge_statuses)
