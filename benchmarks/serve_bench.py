"""Latency of the dev server: from a saved source file to the new page being served.

A fake rebuild of fixed cost renders one page per source file. Each run saves one
source and times (a) the reload event naming its page on the event stream and
(b) the first GET that returns the new text. The baseline, measured in the same
run, is the rebuild called directly; the ratio shows what watching, debouncing
and HTTP add. Usage: python benchmarks/serve_bench.py [--badges N] [--runs N]
[--cost-ms MS].
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

from devclient import fetch, open_stream, wait_for_reload

from portfolio_builder.serve import DevServer, RebuildOutcome, WatchPlan


class FixedCostSite:
    """``content/NNNN.txt`` become ``out/NNNN/index.html``; each rebuild costs ``cost`` s."""

    def __init__(self, root: Path, badges: int, cost: float) -> None:
        self.content, self.output, self.cost = root / "content", root / "out", cost
        self.content.mkdir(parents=True)
        for n in range(badges):
            (self.content / f"{n:04d}.txt").write_text(f"badge {n}")

    def rebuild(self, paths: frozenset[Path]) -> RebuildOutcome:
        deadline = time.perf_counter() + self.cost
        sources = paths or frozenset(self.content.glob("*.txt"))
        changed = []
        for source in sorted(sources):
            page = self.output / source.stem / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"<html><body><p>{source.read_text()}</p></body></html>")
            changed.append(f"{source.stem}/")
        while time.perf_counter() < deadline:
            pass
        return RebuildOutcome(True, None, tuple(changed))


def one_run(site: FixedCostSite, port: int, reader: BinaryIO, n: int) -> tuple[float, float]:
    name = f"{(n * 37) % 1000:04d}"
    marker = f"saved {n} {time.time_ns()}"
    began = time.perf_counter()
    (site.content / f"{name}.txt").write_text(marker)
    wait_for_reload(reader, f"{name}/")
    event_at = time.perf_counter()
    while marker not in fetch(port, f"/{name}/"):
        time.sleep(0.001)
    return (event_at - began) * 1000, (time.perf_counter() - began) * 1000


def baseline(site: FixedCostSite, runs: int) -> list[float]:
    times = []
    for n in range(runs):
        source = site.content / f"{n:04d}.txt"
        began = time.perf_counter()
        site.rebuild(frozenset({source}))
        times.append((time.perf_counter() - began) * 1000)
    return times


def summary(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return (
        f"{label:<28} median {statistics.median(values):7.1f} ms   "
        f"p90 {p90:7.1f} ms   max {max(values):7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--badges", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cost-ms", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = FixedCostSite(Path(tmp), args.badges, args.cost_ms / 1000)
        plan = WatchPlan.of([site.content])
        with DevServer(site.output, site.rebuild, plan, echo=lambda _: None) as server:
            sock, reader = open_stream(server.port)
            events: list[float] = []
            pages: list[float] = []
            for n in range(args.runs):
                event_ms, page_ms = one_run(site, server.port, reader, n)
                events.append(event_ms)
                pages.append(page_ms)
                time.sleep(0.1)
            sock.close()
        direct = baseline(site, args.runs)
    print(f"{args.badges} sources, rebuild cost {args.cost_ms:.0f} ms, {args.runs} runs")
    print(summary("baseline: rebuild called", direct))
    print(summary("save -> reload event", events))
    print(summary("save -> new page served", pages))
    ratio = statistics.median(pages) / statistics.median(direct)
    print(f"ratio page/baseline (median): {ratio:.2f}")


if __name__ == "__main__":
    main()
