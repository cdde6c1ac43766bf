"""A rebuild brings the site the last swap replaced up to date, instead of filling a new
staging folder: the result is the same site, the replaced site is kept whole in the
cache, what the user removed from the output stays removed, and a build stopped while
bringing it up to date leaves the site whole."""

from __future__ import annotations

import shutil
from pathlib import Path

from portfolio_builder.spare import HOME
from portfolio_builder.staging import MARK
from portfolio_builder.write import settle

from sitebuild.kit import build, output_files
from sitebuild.test_incremental import CHANGES, _clean, _site
from sitebuild.test_staging import _kill_at, _leftovers


def _kept(site: Path) -> Path:
    [kept] = (site / ".portfolio-cache" / HOME).iterdir()
    return kept


def _touch_page(site: Path, text: str) -> None:
    (site / "content" / "about.md").write_text(f"---\ntitle: About\n---\n{text}\n")


def test_each_rebuild_keeps_the_site_it_replaced(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    for name in sorted(CHANGES):
        before = output_files(site / "output")
        CHANGES[name](site)
        assert build(site).exit_code == 0
        assert output_files(site / "output") == _clean(site, tmp_path), name
        assert output_files(_kept(site)) == before, name
    assert _leftovers(site) == []


def test_what_the_user_did_in_the_output_holds_over_later_rebuilds(tmp_path: Path) -> None:
    site = _site(tmp_path)
    out = site / "output"
    assert build(site).exit_code == 0
    (out / "notes.txt").write_text("mine")
    (out / "drafts").mkdir()
    _touch_page(site, "One.")
    assert build(site).exit_code == 0  # the site kept now holds the notes and the folder
    (out / "notes.txt").unlink()
    (out / "drafts").rmdir()
    (out / "robots.txt").write_text("edited in place")  # the same file as the kept one
    (out / "mine.txt").write_text("new")
    for text in ("Two.", "Three.", "Four."):
        _touch_page(site, text)
        assert build(site).exit_code == 0
        assert output_files(out) == _clean(site, tmp_path) | {"mine.txt": b"new"}, text
        assert not (out / "drafts").exists()


def test_a_file_and_a_folder_of_the_users_may_trade_places(tmp_path: Path) -> None:
    site = _site(tmp_path)
    out = site / "output"
    assert build(site).exit_code == 0
    (out / "extra").write_text("a file")
    for text in ("One.", "Two."):
        _touch_page(site, text)
        assert build(site).exit_code == 0
    (out / "extra").unlink()
    (out / "extra").mkdir()
    (out / "extra" / "inside.txt").write_text("a folder now")
    for text in ("Three.", "Four."):  # the kept sites hold "extra" as a file
        _touch_page(site, text)
        assert build(site).exit_code == 0
        assert (out / "extra" / "inside.txt").read_text() == "a folder now"
    shutil.rmtree(out / "extra")
    (out / "extra").write_text("a file again")
    for text in ("Five.", "Six."):  # and now as a folder
        _touch_page(site, text)
        assert build(site).exit_code == 0
        assert output_files(out) == _clean(site, tmp_path) | {"extra": b"a file again"}


def test_a_build_stopped_while_bringing_the_kept_site_up_to_date(tmp_path: Path) -> None:
    site = _site(tmp_path)
    out = site / "output"
    assert build(site).exit_code == 0
    CHANGES["add"](site)
    assert build(site).exit_code == 0
    before = output_files(out)
    CHANGES["config"](site)
    _kill_at(site, "staging", tmp_path / "flag")
    assert output_files(out) == before
    assert (_kept(site) / MARK).exists()  # stopped halfway through
    again = build(site)
    assert again.exit_code == 0, again.output
    assert "W-OUTPUT-LEFTOVER" not in again.output
    assert output_files(out) == _clean(site, tmp_path)
    assert output_files(_kept(site)) == before
    assert _leftovers(site) == []


def test_deleting_the_cache_leaves_the_site_whole(tmp_path: Path) -> None:
    site = _site(tmp_path)
    for text in ("One.", "Two.", "Three."):
        _touch_page(site, text)
        assert build(site).exit_code == 0
    shown = output_files(site / "output")
    shutil.rmtree(site / ".portfolio-cache")
    assert output_files(site / "output") == shown
    _touch_page(site, "Four.")
    assert build(site).exit_code == 0
    assert output_files(site / "output") == _clean(site, tmp_path)


def test_only_the_site_of_the_output_being_built_is_kept(tmp_path: Path) -> None:
    """A site kept for another output folder goes: it could be the last copy of a site
    whose folder the user has since deleted."""
    site = _site(tmp_path)
    for text in ("One.", "Two."):
        _touch_page(site, text)
        assert build(site).exit_code == 0
    first = _kept(site)
    shutil.rmtree(site / "output")
    other = tmp_path / "other"
    for text in ("Three.", "Four."):
        _touch_page(site, text)
        assert build(site, "-o", str(other)).exit_code == 0
    settle()
    assert not first.exists()
    assert _kept(site) != first  # the one site kept is the new folder's
    assert output_files(other) == _clean(site, tmp_path)
