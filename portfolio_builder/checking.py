"""The site's badges, read and verified one at a time as the build takes them.

A large site's badges are never all held at once: each is read (or taken from the stage
cache), verified (or taken from the verification cache) and handed on to be laid out,
and only what the build needs of every badge stays: its status, its diagnostics, and
when its verification stops being right (``rebuild``'s time span).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from portfolio_builder.assemble import Item
from portfolio_builder.cache import StageCache
from portfolio_builder.content import load_sidecar
from portfolio_builder.diagnostics import Diagnostic, warning
from portfolio_builder.discover import Discovery, discover
from portfolio_builder.model import SourceFile
from portfolio_builder.timestamps import next_midnight
from portfolio_builder.verify.registry import VerifyContext
from portfolio_builder.verify.report import Status
from portfolio_builder.verify_cache import VerifyCache, span_of
from portfolio_builder.warm import Warm, stamp_of

Progress = Callable[[Sequence[SourceFile]], Iterable[SourceFile]]


def _discover(site: Path) -> Discovery | None:
    badges_dir = site / "content" / "badges"
    return discover([str(badges_dir)]) if badges_dir.is_dir() else None


def _found_notes(found: Discovery | None, site: Path) -> tuple[Diagnostic, ...]:
    if found is not None:
        return found.diagnostics
    where = str(site / "content" / "badges")
    return (warning("W-CONTENT", "no content/badges folder; no badges shown", where),)


@dataclass
class Checked:
    """The badges found under ``site``; ``items`` reads and verifies them as it is
    iterated, noting what the build needs of each."""

    site: Path
    warm: Warm | None = None  # ``serve``'s memory: a badge unchanged since is not read
    progress: Progress | None = None
    statuses: list[str] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)
    ends: list[float | None] = field(default_factory=list)  # when each one's checks expire
    unverifiable: bool = False

    def __post_init__(self) -> None:
        self.found = _discover(self.site)
        self.files: tuple[SourceFile, ...] = self.found.files if self.found else ()
        self.notes += _found_notes(self.found, self.site)

    def items(self, ctx: VerifyContext, caches: tuple[StageCache, VerifyCache]) -> Iterator[Item]:
        sources = self.progress(self.files) if self.progress else self.files
        for item, more in self._made(sources, ctx, caches):
            self.statuses.append(str(item.report.status))
            self.notes += more
            self.unverifiable |= item.report.status is Status.UNVERIFIABLE
            if self.warm is None:
                span = span_of(item.read, item.report)
                self.ends.append(span[1] if span else None)
            yield item
        if self.warm is not None:
            self.warm.forget_missing(self.files)

    def _made(
        self,
        sources: Iterable[SourceFile],
        ctx: VerifyContext,
        caches: tuple[StageCache, VerifyCache],
    ) -> Iterator[tuple[Item, list[Diagnostic]]]:
        stages, checks = caches
        seen = self.found.others if self.found else None

        def make(source: SourceFile) -> tuple[Item, list[Diagnostic]]:
            read, key = stages.read_keyed(source)
            report, digest = checks.verify(read, key, ctx)
            sidecar, more = load_sidecar(source.path, seen)
            item = Item(read, report, sidecar, f"{key}|{digest}" if key and digest else None)
            return item, [*read.diagnostics, *more]

        for source in sources:
            if self.warm is None:
                yield make(source)
                continue
            stamp = stamp_of(source.path, seen)
            stages.file_hash(source.path, stamp[0])  # the index keeps the files each build read
            yield self.warm.item(source, stamp, make)

    def span(self, now: datetime, offline: bool, exact: bool) -> float:
        """When, at the latest, this build's output stops being right (see ``rebuild``);
        ``exact``: checked as of a moment given (``--now``), which never passes."""
        if not offline and self.unverifiable:
            return 0.0  # an issuer not reached this time is tried again next time
        if exact or self.warm is not None:
            return math.inf
        if None in self.ends:
            return 0.0  # a status list: checked again on every build
        return min([next_midnight(now), *(e for e in self.ends if e is not None)])
