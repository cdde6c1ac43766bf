"""Whole-process benchmark of ``portfolio-builder build`` and ``serve`` on synthetic sites.

For each size it generates (once, cached under benchmarks/.work/) a site of baked
badges with 400x400 images, then times, each as its own process: the I/O floor
(reading every input, writing as many files as the build wrote), a cold build
(no output, no cache), no-op rebuilds, one-badge-changed rebuilds and peak memory;
then the serve command's latency from a saved file to the changed page. It prints
one table per size with PASS/MISS against the targets; sizes come from the
arguments, else ``BENCH_SIZES`` (e.g. "100,1000"), else 100, 1,000 and 10,000.
Usage: python benchmarks/site_bench.py [SIZE ...] [--repeats N] [--serve-runs N]
[--no-serve] [--work DIR] [--strict]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from bench_report import TARGETS, SizeFigures, table
from processes import Run, build, run_child
from serve_latency import ServeResult, measure_serve
from synthetic_site import CHANGED_BADGE, ensure_site, reset, write_badge

NOW = "2026-01-15T00:00:00Z"
DEFAULT_SIZES = (100, 1000, 10000)
WORK = Path(__file__).resolve().parent / ".work"
IO_FLOOR = Path(__file__).with_name("io_floor.py")


def output_size(out: Path) -> tuple[int, int]:
    """How many files the build wrote, and their bytes."""
    sizes = [p.stat().st_size for p in out.rglob("*") if p.is_file()]
    return len(sizes), sum(sizes)


def cold_build(site: Path, out: Path) -> Run:
    for stale in (out, site / ".portfolio-cache"):
        if stale.exists():
            shutil.rmtree(stale)
    return build(site, out, NOW)


def floor_runs(site: Path, scratch: Path, files: int, total: int, repeats: int) -> tuple[Run, ...]:
    argv = [sys.executable, str(IO_FLOOR), str(site), str(scratch), str(files), str(total)]
    return tuple(run_child(argv) for _ in range(repeats))


def changed_runs(site: Path, out: Path, repeats: int) -> tuple[Run, ...]:
    runs = []
    for revision in range(1, repeats + 1):
        write_badge(site, CHANGED_BADGE, revision)
        runs.append(build(site, out, NOW))
    reset(site)
    return tuple(runs)


def serve_latency(site: Path, count: int, runs: int) -> ServeResult | str | None:
    """The serve figures; what went wrong instead, so the build figures are still shown."""
    if not runs:
        return None
    try:
        return measure_serve(site, count, runs)
    except (OSError, TimeoutError, ValueError) as exc:
        return f"serve failed: {exc!r}"


def summary_line(stdout: str, start: str) -> str:
    """The build's line that starts with ``start``, else its last line."""
    lines = stdout.strip().splitlines() or [""]
    return next((line for line in lines if line.startswith(start)), lines[-1])


def measure_size(count: int, work: Path, repeats: int, serve_runs: int) -> SizeFigures:
    site = ensure_site(work / "sites", count)
    out = site / "output"  # where serve builds too, so it starts from an up-to-date site
    print(f"measuring {count:,} badges ...", flush=True)
    cold = cold_build(site, out)
    files, total = output_size(out)
    floor = floor_runs(site, work / "floor" / str(count), files, total, repeats)
    noop = tuple(build(site, out, NOW) for _ in range(repeats))
    changed = changed_runs(site, out, repeats)
    serve = serve_latency(site, count, serve_runs)
    reset(site)
    said = (summary_line(cold.stdout, "Read "), summary_line(changed[-1].stdout, "Site written"))
    return SizeFigures(count, files, total / 1e6, said, floor, cold, noop, changed, serve)


def sizes_from(arguments: list[int]) -> list[int]:
    if arguments:
        return arguments
    text = os.environ.get("BENCH_SIZES", "").replace(",", " ").split()
    return [int(size) for size in text] or list(DEFAULT_SIZES)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, help="badge counts (at least 2 each)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each rebuild (median)")
    parser.add_argument("--serve-runs", type=int, default=5, help="saves timed in serve")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve latency")
    parser.add_argument("--work", type=Path, default=WORK, help="where sites are cached")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    return parser.parse_args(argv)


def compile_tool() -> None:
    """Write the tool's bytecode first, as an installed tool has it: where Python is told
    not to write it (PYTHONDONTWRITEBYTECODE), every process would compile every module
    from source again, which no user's install does."""
    import compileall

    import portfolio_builder

    compileall.compile_dir(Path(portfolio_builder.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    compile_tool()
    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs; load average {load[0]:.2f} at the start", flush=True)
    reports = []
    for count in sizes_from(args.sizes):
        serve_runs = 0 if args.no_serve else args.serve_runs
        figures = measure_size(max(count, 2), args.work, max(args.repeats, 1), serve_runs)
        reports.append(table(figures))
        print(reports[-1], flush=True)
    print(f"load average {os.getloadavg()[0]:.2f} at the end; targets: "
          + "; ".join(f"{k} {t.text} at {t.count:,}" for k, t in TARGETS.items()))  # fmt: skip
    missed = any(" MISS" in report for report in reports)
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
