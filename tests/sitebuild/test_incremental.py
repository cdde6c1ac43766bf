"""A build that reuses the stage cache and the previous output gives, byte for byte, the
site a clean build (no cache, no output) gives from the same sources."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sitebuild.kit import SVG, assertion, build, output_files, write_badge, write_config

Change = Callable[[Path], None]


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write_config(site)
    write_badge(site, "png-one", assertion(1))
    write_badge(site, "svg-two", assertion(2), fmt="svg")
    write_badge(site, "json-three", assertion(3), fmt="json")
    (site / "content" / "about.md").write_text("---\ntitle: About\n---\nHello.\n")
    return site


def _clean(site: Path, tmp_path: Path, *args: str) -> dict[str, bytes]:
    fresh = tmp_path / "clean"
    if fresh.exists():
        shutil.rmtree(fresh)
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("output", ".portfolio-cache"))
    assert build(fresh, *args).exit_code == 0
    return output_files(fresh / "output")


def _add(site: Path) -> None:
    write_badge(site, "png-four", assertion(4, badge={"tags": ["new"]}))


def _edit_badge(site: Path) -> None:
    write_badge(site, "png-one", assertion(1, badge={"name": "A renamed badge"}))


def _edit_image(site: Path) -> None:
    svg = SVG.replace("#2a6", "#a26")
    path = site / "content" / "badges" / "svg-two.svg"
    path.write_text(path.read_text().replace(SVG, svg))


def _delete(site: Path) -> None:
    (site / "content" / "badges" / "json-three.json").unlink()


def _hide(site: Path) -> None:
    (site / "content" / "badges" / "png-one.yaml").write_text("hidden: true\n")


def _config(site: Path) -> None:
    write_config(site, "title: Another title\ntheme: minimal\n")


def _page(site: Path) -> None:
    (site / "content" / "about.md").write_text("---\ntitle: About me\n---\nChanged.\n")


def _same_size_same_time(site: Path) -> None:
    """An edit that keeps the file's size and modification time: only the hash tells."""
    path = site / "content" / "badges" / "json-three.json"
    before = path.stat()
    text = path.read_text()
    path.write_text(text.replace("Badge number 3", "Badge number 7"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


CHANGES: dict[str, Change] = {
    "add": _add,
    "edit-badge": _edit_badge,
    "edit-image": _edit_image,
    "delete": _delete,
    "hide": _hide,
    "config": _config,
    "page": _page,
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_an_incremental_build_equals_a_clean_build(name: str, tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    CHANGES[name](site)
    assert build(site).exit_code == 0
    assert output_files(site / "output") == _clean(site, tmp_path)


def test_every_change_in_turn_equals_a_clean_build(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    for name in sorted(CHANGES):
        CHANGES[name](site)
        assert build(site).exit_code == 0
        assert output_files(site / "output") == _clean(site, tmp_path), name


def test_a_rebuild_with_other_flags_equals_a_clean_build(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    flags = ("--base-url", "https://elsewhere.example/me/", "--now", "2031-01-01T00:00:00Z")
    assert build(site, *flags).exit_code == 0
    assert output_files(site / "output") == _clean(site, tmp_path, *flags)


def test_a_change_the_file_times_do_not_show_is_still_seen(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    _same_size_same_time(site)
    assert build(site).exit_code == 0
    assert output_files(site / "output") == _clean(site, tmp_path)


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    for path in (site / ".portfolio-cache" / "stages").rglob("*"):
        if path.is_file():
            path.write_bytes(b"garbage")
    (site / "content" / "badges" / "png-one.png").touch()
    shutil.rmtree(site / "output")
    assert build(site).exit_code == 0
    assert output_files(site / "output") == _clean(site, tmp_path)
