"""The site benchmark harness runs end to end at a tiny size and reports every figure.

No timing is asserted: this proves the harness works, not that the build is fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_report import TARGETS, table
from serve_latency import ServeResult
from site_bench import measure_size, sizes_from
from synthetic_site import ensure_site, payload

LABELS = [
    "I/O floor",
    "cold build",
    "no-op rebuild",
    "one badge changed",
    "serve: save -> page served (median of 1)",
    "serve: save -> reload event",
    "serve: paths changed per save",
    "serve: start to serving",
    "serve: peak memory",
    "peak memory (largest build process)",
]


def test_a_tiny_run_measures_and_reports_every_figure(tmp_path: Path) -> None:
    figures = measure_size(4, tmp_path, repeats=1, serve_runs=1)
    assert "4 valid" in figures.said[0] and "written" in figures.said[1]
    assert figures.output_files > 4
    assert len(figures.noop) == len(figures.changed) == len(figures.floor) == 1
    assert isinstance(figures.serve, ServeResult) and len(figures.serve.page_ms) == 1
    assert figures.serve.changed[0] >= 1
    assert figures.peak_mb > 0 and figures.serve.peak_mb > 0
    report = table(figures)
    for label in LABELS:
        assert label in report
    assert report.count("(at 1,000)") == 4 and "(at 10,000)" in report
    assert not list((tmp_path / "sites" / "site-4" / "content" / "badges").glob("*.yaml"))


def test_sites_are_deterministic_and_mix_both_versions(tmp_path: Path) -> None:
    site = ensure_site(tmp_path, 2)
    first = {p.name: p.read_bytes() for p in (site / "content" / "badges").iterdir()}
    ensure_site(tmp_path / "again", 2)
    again = site.parent / "again" / "site-2"
    assert first == {p.name: p.read_bytes() for p in (again / "content" / "badges").iterdir()}
    assert payload(0).startswith("{") and payload(1).count(".") == 2
    assert payload(1) != payload(1, revision=1)


def test_sizes_come_from_arguments_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BENCH_SIZES", "100, 1000")
    assert sizes_from([]) == [100, 1000]
    assert sizes_from([7]) == [7]
    monkeypatch.delenv("BENCH_SIZES")
    assert sizes_from([]) == [100, 1000, 10000]


def test_verdicts_apply_at_their_own_size() -> None:
    cold = TARGETS["cold"]
    assert cold.verdict(1000, 6.0) == "PASS"
    assert cold.verdict(1000, 6.1) == "MISS"
    assert cold.verdict(100, 60.0) == "(at 1,000)"
    assert TARGETS["noop"].verdict(1000, 0.3) == "MISS"
