"""Whole-process rebuild times: `portfolio-builder build --offline` as a user runs it.

Builds N generated badges once, then times, each as a fresh process: a rebuild with
nothing changed, and a rebuild after one badge file changed.
Usage: python benchmarks/rebuild_bench.py [N]
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from build_bench import make_site

from portfolio_builder.bake import bake_png

from sitebuild.kit import assertion, png

EXE = Path(sys.executable).with_name("portfolio-builder")


def run(site: Path) -> float:
    start = time.perf_counter()
    command = [str(EXE), "build", "-C", str(site), "--offline", "-q"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    site = make_site(count)
    cold = run(site)
    noop = min(run(site) for _ in range(3))
    changed = []
    for n in range(3):
        badge = site / "content" / "badges" / "b00000.png"
        badge.write_bytes(bake_png(png((n * 40, 90, 90)), json.dumps(assertion(10_000 + n))))
        changed.append(run(site))
    print(f"{count} badges, whole process: cold {cold:.2f} s ({cold * 1000 / count:.1f} ms/badge)")
    print(f"no-op rebuild {noop:.3f} s; one badge changed {min(changed):.3f} s (best of 3)")


if __name__ == "__main__":
    main()
