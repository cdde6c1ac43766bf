"""The benchmark's report: its figures for one site size, the targets and the table."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from processes import Run
from serve_latency import ServeResult


@dataclass(frozen=True, slots=True)
class Target:
    """``limit`` (in the figure's unit) at ``count`` badges; ``inclusive`` allows equality."""

    count: int
    limit: float
    text: str
    inclusive: bool = False

    def verdict(self, count: int, value: float) -> str:
        if count != self.count:
            return f"(at {self.count:,})"
        within = value <= self.limit if self.inclusive else value < self.limit
        return "PASS" if within else "MISS"


TARGETS = {
    "cold": Target(1000, 6.0, "<= 6 ms/badge", inclusive=True),
    "noop": Target(1000, 0.3, "< 0.3 s"),
    "changed": Target(1000, 0.35, "< 0.35 s"),
    "serve": Target(1000, 150.0, "< 150 ms"),
    "memory": Target(10000, 300.0, "< 300 MB"),
}


@dataclass(frozen=True, slots=True)
class SizeFigures:
    count: int
    output_files: int
    output_mb: float
    said: tuple[str, str]  # the cold build's and the last changed build's summary lines
    floor: tuple[Run, ...]
    cold: Run
    noop: tuple[Run, ...]
    changed: tuple[Run, ...]
    serve: ServeResult | str | None  # None when not measured; a string says why it failed

    @property
    def floor_s(self) -> float:
        return median_s(self.floor)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in (self.cold, *self.noop, *self.changed))


def median_s(runs: tuple[Run, ...]) -> float:
    return statistics.median(r.seconds for r in runs)


def duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


Row = tuple[str, str, str, str, str, str, str]
LEFT = {0, 5, 6}  # the columns aligned left; the figures are aligned right
HEAD: Row = ("figure", "wall", "per badge", "x I/O floor", "CPU", "target", "verdict")


def _timed(figures: SizeFigures, label: str, runs: tuple[Run, ...], key: str) -> Row:
    count, target = figures.count, TARGETS[key]
    seconds, cpu = median_s(runs), statistics.median(r.cpu_seconds for r in runs)
    per_badge = seconds * 1000 / count
    value = per_badge if key == "cold" else seconds
    ratio = f"{seconds / figures.floor_s:.1f}x"
    verdict = target.verdict(count, value)
    row = (label, duration(seconds), f"{per_badge:.2f} ms", ratio, duration(cpu))
    return (*row, target.text, verdict)


def _serve_rows(figures: SizeFigures) -> list[Row]:
    serve, target = figures.serve, TARGETS["serve"]
    if not isinstance(serve, ServeResult):
        return [("serve", serve or "not measured", "", "", "", target.text, "")]
    runs = len(serve.page_ms)
    verdict = target.verdict(figures.count, serve.median_ms)
    return [
        (f"serve: save -> page served (median of {runs})", f"{serve.median_ms:.0f} ms",
         "", "", "", target.text, verdict),
        ("serve: save -> reload event (median)", f"{statistics.median(serve.event_ms):.0f} ms",
         "", "", "", "", ""),
        ("serve: save -> page served (max)", f"{max(serve.page_ms):.0f} ms", "", "", "", "", ""),
        ("serve: paths changed per save (median)", f"{statistics.median(serve.changed):.0f}",
         "", "", "", "", ""),
        ("serve: start to serving", duration(serve.startup_s), "", "", "", "", ""),
        ("serve: peak memory", f"{serve.peak_mb:.0f} MB", "", "", "", "", ""),
    ]  # fmt: skip


def rows(figures: SizeFigures) -> list[Row]:
    floor_s, count = figures.floor_s, figures.count
    memory = TARGETS["memory"]
    floor_cpu = statistics.median(r.cpu_seconds for r in figures.floor)
    return [
        ("I/O floor (median)", duration(floor_s), f"{floor_s * 1000 / count:.2f} ms", "1.0x",
         duration(floor_cpu), "", ""),
        _timed(figures, "cold build", (figures.cold,), "cold"),
        _timed(figures, f"no-op rebuild (median of {len(figures.noop)})", figures.noop, "noop"),
        _timed(figures, f"one badge changed (median of {len(figures.changed)})",
               figures.changed, "changed"),
        *_serve_rows(figures),
        ("peak memory (largest build process)", f"{figures.peak_mb:.0f} MB", "", "", "",
         memory.text, memory.verdict(count, figures.peak_mb)),
    ]  # fmt: skip


def table(figures: SizeFigures) -> str:
    """The report for one size: a heading, the build's summary and the aligned rows."""
    body = [HEAD, *rows(figures)]
    widths = [max(len(row[i]) for row in body) for i in range(len(HEAD))]
    lines = [
        f"== {figures.count:,} badges: {figures.output_files:,} output files, "
        f"{figures.output_mb:.1f} MB written",
        f"cold build said: {figures.said[0]}",
        f"one badge changed said: {figures.said[1]}",
    ]
    for row in body:
        cells = zip(row, widths, strict=True)
        text = [c.ljust(w) if i in LEFT else c.rjust(w) for i, (c, w) in enumerate(cells)]
        lines.append("  ".join(text).rstrip())
    return "\n".join(lines)
