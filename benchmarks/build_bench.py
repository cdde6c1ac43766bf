"""Build-speed benchmark: a cold and a warm build of N generated badges.

Figures are ratios against a baseline measured in the same run (reading and
verifying the same badges without building a site), so they compare across machines.
Usage: python benchmarks/build_bench.py [N]
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / ".work"
sys.path.insert(0, str(REPO / "tests"))

from portfolio_builder.bake import bake_png  # noqa: E402
from portfolio_builder.discover import discover  # noqa: E402
from portfolio_builder.pipeline import BuildOptions, build  # noqa: E402
from portfolio_builder.reading import read_badge  # noqa: E402

from sitebuild.kit import assertion, png  # noqa: E402


def make_site(count: int) -> Path:
    site = WORK / f"site-{count}"
    if site.exists():
        shutil.rmtree(site)
    badges = site / "content" / "badges"
    badges.mkdir(parents=True)
    (site / "portfolio.yaml").write_text("base_url: https://bench.example/\n")
    image = png()
    for n in range(count):
        (badges / f"b{n:05d}.png").write_bytes(bake_png(image, json.dumps(assertion(n))))
    return site


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    site = make_site(count)
    options = BuildOptions(site=site, offline=True)
    baseline = timed(lambda: [read_badge(s) for s in discover([str(site / "content")]).files])
    cold = timed(lambda: build(options))
    warm = timed(lambda: build(options))
    print(f"{count} badges: read baseline {baseline * 1000 / count:.2f} ms/badge")
    print(f"cold build {cold * 1000 / count:.2f} ms/badge ({cold / baseline:.1f}x baseline)")
    print(f"warm build {warm * 1000 / count:.2f} ms/badge ({warm / baseline:.1f}x baseline)")


if __name__ == "__main__":
    main()
