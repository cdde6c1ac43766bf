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
from portfolio_builder.render import Output, Renderer
from portfolio_builder.sitemodel import Entry
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


Shown = list[tuple[dict[str, bytes | Path], tuple[str, ...]]]


def _laid_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The badges whose files are made (their folders), in order, from now on."""
    seen: list[str] = []
    original = Renderer.badge

    def spy(self: Renderer, entry: Entry) -> list[Output]:
        seen.append(entry.path)
        return original(self, entry)

    monkeypatch.setattr(Renderer, "badge", spy)
    return seen


def _shown_session(tmp_path: Path) -> tuple[Path, Warm, Shown, Publish]:
    site = _site(tmp_path)
    shown: Shown = []

    def publish(changes: dict[str, bytes | Path], removed: tuple[str, ...]) -> None:
        shown.append((dict(changes), removed))

    warm = Warm()
    _rebuild(site, warm, publish)
    shown.clear()
    return site, warm, shown, publish


def test_a_badges_change_is_shown_before_the_other_badges_files_are_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(4, 8):
        write_badge(tmp_path / "site", f"more-{n}", assertion(n))
    site, warm, shown, publish = _shown_session(tmp_path)
    laid_out = _laid_out(monkeypatch)
    at_show: list[list[str]] = []
    (site / "content" / "badges" / "png-one.yaml").write_text("note: Shown first.\n")
    _rebuild(site, warm, lambda c, r: (at_show.append(list(laid_out)), publish(c, r)))
    [(changes, removed)] = shown
    [changed] = [p for p in changes if p.startswith("badges/")]
    assert b"Shown first." in changes[changed]  # type: ignore[operator]
    # its own badge's files, and those of the first other badge, which mark where the
    # untouched badges' files begin; the five others come after the change is shown
    [seen] = at_show
    assert seen[0] == changed.removesuffix("index.html") and len(seen) == 2
    assert len(laid_out) == 7 and removed == ()
    assert output_files(site / "output") == _clean(site, tmp_path)


def test_a_deleted_badge_is_shown_gone_and_no_other(tmp_path: Path) -> None:
    site, warm, shown, publish = _shown_session(tmp_path)
    before = set(output_files(site / "output"))
    CHANGES["delete"](site)
    _rebuild(site, warm, publish)
    [(_, removed)] = shown
    assert set(removed) == before - set(output_files(site / "output"))
    assert removed and all(p.startswith("badges/badge-number-3-") for p in removed)


def test_a_change_to_every_page_is_written_and_said_even_where_not_shown(
    tmp_path: Path,
) -> None:
    site, warm, shown, publish = _shown_session(tmp_path)
    (site / "content" / "more.md").write_text("---\ntitle: More\n---\nA new page.\n")
    report = _rebuild(site, warm, publish)  # every page's menu lists it
    [(changes, removed)] = shown
    assert "more/index.html" in changes and removed == ()
    late = [p for p in report.written.written if p.startswith("badges/") and p not in changes]
    assert len([p for p in late if p.endswith("/index.html")]) == 3
    assert output_files(site / "output") == _clean(site, tmp_path)
