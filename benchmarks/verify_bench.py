"""Verification speed: 1,000 hosted OB 2.0 badges verified from a warm on-disk cache,
and concurrent fetching (fetch_many) against a slow local issuer.

Run it alone (``python benchmarks/verify_bench.py``) or through benchmarks/run.py.
Figures are ratios against a baseline measured in the same run: reading the same
badge files (no verification) for the first, fetching one URL at a time for the
second. The absolute target is under 1 ms per badge from a warm cache.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from issuer_server import IssuerServer  # noqa: E402

from portfolio_builder.discover import discover  # noqa: E402
from portfolio_builder.http import HttpFetcher  # noqa: E402
from portfolio_builder.reading import ReadResult, read_badge  # noqa: E402
from portfolio_builder.verify import verify_many  # noqa: E402
from portfolio_builder.verify.registry import VerifyContext  # noqa: E402
from portfolio_builder.verify.report import Status  # noqa: E402

BADGES = 1000
TARGET_MS = 1.0
DELAY = 0.2
FETCHES = 8


def _issuer(server: IssuerServer, folder: Path) -> None:
    base = server.base
    context = "https://w3id.org/openbadges/v2"
    server.add_json(
        "/issuer.json",
        {"@context": context, "type": "Issuer", "id": f"{base}/issuer.json", "name": "Bench"},
    )
    server.add_json(
        "/badge.json",
        {
            "@context": context,
            "type": "BadgeClass",
            "id": f"{base}/badge.json",
            "name": "Speed",
            "issuer": f"{base}/issuer.json",
        },
    )
    for n in range(BADGES):
        document = {
            "@context": context,
            "type": "Assertion",
            "id": f"{base}/a/{n}.json",
            "recipient": {"type": "email", "hashed": False, "identity": f"l{n}@example.org"},
            "badge": f"{base}/badge.json",
            "issuedOn": "2024-01-01T00:00:00Z",
            "verification": {"type": "hosted"},
        }
        server.add_json(f"/a/{n}.json", document)
        (folder / f"{n:04d}.json").write_text(json.dumps(document), "utf-8")


def _read(folder: Path) -> tuple[list[ReadResult], float]:
    started = time.perf_counter()
    reads = [read_badge(source) for source in discover([str(folder)]).files]
    return reads, time.perf_counter() - started


def _verify(reads: list[ReadResult], cache: Path, workers: int) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process) to verify every badge."""
    with HttpFetcher(cache, allow_private_network=True) as fetcher:
        ctx = VerifyContext(datetime.now(UTC), fetcher)
        started, cpu = time.perf_counter(), time.process_time()
        reports = verify_many(reads, ctx, workers=workers)
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert all(r.status is Status.VALID for r in reports), reports[0].checks
    return took, cpu


def warm_cache() -> bool:
    with tempfile.TemporaryDirectory() as work:
        folder, cache = Path(work) / "badges", Path(work) / "cache"
        folder.mkdir()
        server = IssuerServer()
        try:
            _issuer(server, folder)
            reads, read_time = _read(folder)
            cold, _ = _verify(reads, cache, workers=8)
            fetched = len(server.hits)
            warm, cpu = _verify(reads, cache, workers=1)
            assert len(server.hits) == fetched, "the warm run went to the network"
        finally:
            server.close()
    per_badge, cpu_each = warm / BADGES * 1000, cpu / BADGES * 1000
    print(f"verify {BADGES} badges, cold cache (8 workers): {cold:.2f} s, {fetched} fetches")
    print(f"verify {BADGES} badges, warm cache (1 worker): {warm:.3f} s = {per_badge:.3f} ms each")
    print(f"  CPU time of this process: {cpu_each:.3f} ms each (wall time counts a busy machine)")
    print(f"  baseline, reading the same files: {read_time:.3f} s; ratio {warm / read_time:.2f}")
    print(f"  target < {TARGET_MS} ms each: {'met' if per_badge < TARGET_MS else 'MISSED'}")
    return per_badge < TARGET_MS


def concurrency() -> bool:
    server = IssuerServer(delay=DELAY)
    urls = [server.add_json(f"/{n}.json", {"n": n}) for n in range(FETCHES)]
    try:
        with tempfile.TemporaryDirectory() as work:
            with HttpFetcher(Path(work) / "one", allow_private_network=True) as fetcher:
                started = time.perf_counter()
                for url in urls:
                    fetcher.fetch(url)
                sequential = time.perf_counter() - started
            with HttpFetcher(Path(work) / "many", allow_private_network=True) as fetcher:
                started = time.perf_counter()
                fetcher.fetch_many(urls)
                together = time.perf_counter() - started
    finally:
        server.close()
    speedup = sequential / together
    print(f"{FETCHES} fetches with a {DELAY:g} s delay each:")
    print(f"  one at a time (baseline): {sequential:.2f} s; fetch_many: {together:.2f} s")
    print(f"  speed-up {speedup:.1f}x (concurrent when well above 1)")
    return speedup > FETCHES / 2


def main() -> int:
    ok = warm_cache()
    ok = concurrency() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
