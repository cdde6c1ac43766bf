"""Per-asset cost of the three images made for every badge, in one process.

Generates N baked 400x400 badge PNGs (the site benchmark's artwork), then times, badge
after badge as a build worker does, making the displayed image, the preview card and
the QR code. The baseline, measured in the same run, is decoding each source PNG's
pixels. The card is timed twice: right after its image (the decoded picture is still
cached, as when both run in one worker) and alone (it decodes the source itself).
Usage: python benchmarks/image_bench.py [N] [ROUNDS]
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from badge_images import badge_png

from portfolio_builder import images
from portfolio_builder.bake import bake_png
from portfolio_builder.qr import qr_asset

LINES = ("Data Analysis with Python {n}", "Issued by Example University", "Ada's portfolio")
URL = "https://learner.example.org/portfolio/badges/data-analysis-with-python-{n:05d}/"


def sources(count: int) -> list[bytes]:
    payload = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion"}
    return [
        bake_png(badge_png(n, f"{n:05d}"), json.dumps({**payload, "n": n})) for n in range(count)
    ]


def decode(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as img:
        img.load()


def one_round(data: list[bytes]) -> dict[str, float]:
    """Mean ms per badge of each step over all badges."""
    spent = dict.fromkeys(("decode", "image", "card", "card alone", "qr"), 0.0)

    def timed(step: str, fn: Callable[[], object]) -> None:
        start = time.perf_counter()
        fn()
        spent[step] += time.perf_counter() - start

    for n, source in enumerate(data):
        lines = (LINES[0].format(n=n), LINES[1], LINES[2])
        image = images.image_asset("badges/x/", source, False, lines[0])
        card = images.card_asset("badges/x/", source, False, lines)
        qr = qr_asset("badges/x/", URL.format(n=n))
        timed("decode", lambda: decode(source))  # noqa: B023
        images.rasterise.cache_clear()
        timed("image", image.make)
        timed("card", card.make)
        images.rasterise.cache_clear()
        timed("card alone", card.make)
        timed("qr", qr.make)
    return {step: total * 1000 / len(data) for step, total in spent.items()}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    data = sources(count)
    one_round(data[:10])  # warm up: fonts, imports
    runs = [one_round(data) for _ in range(rounds)]
    best = {step: min(run[step] for run in runs) for step in runs[0]}
    spread = {step: statistics.pstdev(run[step] for run in runs) for step in runs[0]}
    print(f"{count} badges of {sum(map(len, data)) // count // 1024} KB, best of {rounds} rounds")
    for step, ms in best.items():
        ratio = f" ({ms / best['decode']:.1f}x decode)" if step != "decode" else ""
        print(f"{step:>10}: {ms:6.2f} ms/badge ±{spread[step]:.2f}{ratio}")
    total = best["image"] + best["card"] + best["qr"]
    print(f"{'per badge':>10}: {total:6.2f} ms (image + card after it + qr)")


if __name__ == "__main__":
    main()
