"""A ``serve`` session keeps unchanged badges in memory between rebuilds; what it writes
is still, byte for byte, what a clean build writes from the same sources."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from portfolio_builder import pipeline
from portfolio_builder.buildreport import BuildReport
from portfolio_builder.cache import StageCache
from portfolio_builder.changes import Publish
from portfolio_builder.pipeline import BuildOptions, full_build
from portfolio_builder.warm import Session, Warm
from portfolio_builder.write import settle

from sitebuild.kit import NOW, assertion, output_files, write_badge
from sitebuild.test_incremental import CHANGES, _clean, _site


def _options(site: Path) -> BuildOptions:
    return BuildOptions(site, offline=True, now=datetime.fromisoformat(NOW))


def _rebuild(
    site: Path, warm: Warm, publish: Publish | None = None, options: BuildOptions | None = None
) -> BuildReport:
    """One rebuild of a session, once the site it replaced is gone (a session does not
    wait for that; the clean build to compare with copies the site folder)."""
    report = full_build(options or _options(site), session=Session(warm, publish))
    settle()
    return report


def _session(tmp_path: Path) -> tuple[Path, Warm]:
    """The test site, built once by a new session."""
    site = _site(tmp_path)
    warm = Warm()
    _rebuild(site, warm)
    return site, warm


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The badge files read (from their bytes or the stage cache) from now on."""
    seen: list[str] = []
    original = StageCache.read_keyed

    def spy(self: StageCache, source: pipeline.SourceFile) -> object:
        seen.append(source.path.name)
        return original(self, source)

    monkeypatch.setattr(StageCache, "read_keyed", spy)
    return seen


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_warm_rebuild_equals_a_clean_build(name: str, tmp_path: Path) -> None:
    site, warm = _session(tmp_path)
    CHANGES[name](site)
    _rebuild(site, warm)
    assert output_files(site / "output") == _clean(site, tmp_path)


def test_every_change_in_turn_through_one_session(tmp_path: Path) -> None:
    site, warm = _session(tmp_path)
    for name in sorted(CHANGES):
        CHANGES[name](site)
        _rebuild(site, warm)
        assert output_files(site / "output") == _clean(site, tmp_path), name


def test_only_changed_badges_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, warm = _session(tmp_path)
    reads = _reads(monkeypatch)
    (site / "content" / "badges" / "png-one.yaml").write_text("note: A note of mine.\n")
    report = _rebuild(site, warm)
    assert reads == ["png-one.png"]
    assert any(path.endswith("/index.html") for path in report.written.written)
    reads.clear()
    write_badge(site, "svg-two", assertion(2, badge={"name": "Renamed"}), fmt="svg")
    _rebuild(site, warm)
    assert reads == ["svg-two.svg"]
    assert "Renamed" in (site / "output" / "index.html").read_text()


def test_other_settings_start_the_session_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, warm = _session(tmp_path)
    reads = _reads(monkeypatch)
    emails = BuildOptions(site, emails=("sam@example.org",), offline=True, now=_options(site).now)
    _rebuild(site, warm, options=emails)
    assert sorted(reads) == ["json-three.json", "png-one.png", "svg-two.svg"]


def test_a_small_change_is_shown_before_it_is_written(tmp_path: Path) -> None:
    site = _site(tmp_path)
    shown: list[tuple[dict[str, bytes | Path], tuple[str, ...]]] = []
    page = site / "output" / "about" / "index.html"

    def publish(changes: dict[str, bytes | Path], removed: tuple[str, ...]) -> None:
        assert not page.exists() or "Changed." not in page.read_text()  # not on disk yet
        shown.append((dict(changes), removed))

    warm = Warm()
    _rebuild(site, warm, publish)
    shown.clear()
    CHANGES["page"](site)
    _rebuild(site, warm, publish)
    [(changes, removed)] = shown
    assert b"Changed." in changes["about/index.html"]  # type: ignore[operator]
    assert removed == ()
    assert "Changed." in page.read_text()


def test_rebuilds_in_quick_succession_leave_one_whole_site(tmp_path: Path) -> None:
    """A session's rebuild does not wait while the site it replaced is removed: the next
    one neither trips over that removal nor leaves anything behind."""
    site = _site(tmp_path)
    warm = Warm()
    for name in sorted(CHANGES):
        CHANGES[name](site)
        full_build(_options(site), session=Session(warm))
    settle()
    assert [p.name for p in site.iterdir() if ".staging-" in p.name] == []
    assert output_files(site / "output") == _clean(site, tmp_path)
