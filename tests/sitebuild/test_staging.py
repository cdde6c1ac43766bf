"""The site is built beside the output and swapped in: a killed or failed build leaves the
previous site whole, and the next build is correct and cleans up after it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portfolio_builder import staging
from portfolio_builder.staging import PAUSE_ENV

from sitebuild.kit import NOW, assertion, build, output_files, write_badge, write_config

REPO = Path(__file__).resolve().parents[2]


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write_config(site)
    for n in range(1, 4):
        write_badge(site, f"b{n}", assertion(n))
    return site


def _edit(site: Path) -> None:
    """Changes touching most files: a new title, a new badge, one removed."""
    write_config(site, "title: A new title\n")
    write_badge(site, "b9", assertion(9))
    (site / "content" / "badges" / "b1.png").unlink()


def _leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if ".staging-" in p.name)


def _kill_at(site: Path, point: str, flag: Path) -> None:
    """Run a real build in a subprocess, SIGKILL it when it reaches ``point``."""
    env = os.environ | {PAUSE_ENV: f"{point}={flag}"}
    command = [sys.executable, "-m", "portfolio_builder", "build", "-C", str(site)]
    process = subprocess.Popen(
        [*command, "--offline", "--now", NOW, "-q"], env=env, cwd=REPO,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not flag.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if not flag.exists():
        process.kill()
        _, err = process.communicate(timeout=60)
        pytest.fail(f"the build never reached {point}: {err.decode()}")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL


def _clean_build(site: Path, tmp_path: Path) -> dict[str, bytes]:
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("output", ".*"))
    assert build(fresh).exit_code == 0
    return output_files(fresh / "output")


def test_a_build_killed_while_writing_leaves_the_previous_site(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    (site / "output" / "notes.txt").write_text("mine")
    before = output_files(site / "output")
    _edit(site)
    _kill_at(site, "staging", tmp_path / "flag")
    assert output_files(site / "output") == before
    assert _leftovers(site)  # it was killed with a half-filled staging folder
    again = build(site)
    assert again.exit_code == 0, again.output
    assert "W-OUTPUT-LEFTOVER" not in again.output
    assert _leftovers(site) == []
    assert output_files(site / "output") == _clean_build(site, tmp_path) | {"notes.txt": b"mine"}


def test_a_build_killed_just_after_the_swap_leaves_the_new_site(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    (site / "output" / "notes.txt").write_text("mine")
    _edit(site)
    _kill_at(site, "swapped", tmp_path / "flag")
    expected = _clean_build(site, tmp_path) | {"notes.txt": b"mine"}
    assert output_files(site / "output") == expected
    again = build(site)
    assert again.exit_code == 0, again.output
    assert _leftovers(site) == []
    assert output_files(site / "output") == expected


def test_a_failed_build_changes_nothing_and_leaves_nothing_behind(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    out = site / "output"
    shutil.rmtree(out / "badges")
    (out / "badges").write_text("my file, where the badge pages go")
    before = output_files(out)
    result = build(site)
    assert result.exit_code == 2
    assert "in the way" in result.output
    assert output_files(out) == before
    assert _leftovers(site) == []


def test_unchanged_files_are_carried_over_untouched(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    out = site / "output"
    robots = out / "robots.txt"
    first = robots.stat()
    (out / "notes.txt").write_text("mine")
    mine = (out / "notes.txt").stat()
    write_badge(site, "b9", assertion(9))
    assert build(site).exit_code == 0
    assert (robots.stat().st_ino, robots.stat().st_mtime_ns) == (first.st_ino, first.st_mtime_ns)
    assert (out / "notes.txt").stat().st_ino == mine.st_ino
    assert len(list(out.glob("badges/*/index.html"))) == 4


def test_a_leftover_holding_the_users_files_is_kept(tmp_path: Path) -> None:
    site = _site(tmp_path)
    odd = site / ".output.staging-0000"
    odd.mkdir()
    (odd / "draft.txt").write_text("only copy")
    result = build(site)
    assert result.exit_code == 0
    assert "W-OUTPUT-LEFTOVER" in result.output
    assert (odd / "draft.txt").read_text() == "only copy"


def test_the_output_through_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    site = _site(tmp_path)
    real = tmp_path / "elsewhere" / "site-out"
    real.mkdir(parents=True)
    (site / "output").symlink_to(real)
    assert build(site).exit_code == 0
    assert build(site, "--base-url", "https://other.example/").exit_code == 0
    assert (site / "output").is_symlink()
    assert b"https://other.example/" in (real / "sitemap.xml").read_bytes()
    assert _leftovers(real.parent) == []


def test_without_an_atomic_exchange_two_renames_do_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    _edit(site)
    assert build(site).exit_code == 0
    assert output_files(site / "output") == _clean_build(site, tmp_path)
    assert _leftovers(site) == []


def test_a_site_moved_aside_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    (site / "output" / "notes.txt").write_text("mine")
    (site / "output").rename(site / ".output.staging-0a0a0a0a-old")
    _edit(site)
    assert build(site).exit_code == 0
    assert output_files(site / "output") == _clean_build(site, tmp_path) | {"notes.txt": b"mine"}
    assert _leftovers(site) == []
