"""Discovery: recursion, hidden files, symbolic links, paths shown as given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portfolio_builder.discover import discover
from portfolio_builder.model import FileFormat
from portfolio_builder.reading import read_badge
from tests.helpers import write


def _tree(root: Path) -> None:
    for name in (
        "a.png",
        "b.svg",
        "sub/c.json",
        "sub/deeper/d.jwt",
        "sub/e.JWS",
        "notes.txt",
        "README.md",
        ".hidden.png",
        ".git/x.json",
        "sub/.cache/y.png",
    ):
        write(root, name, b"x")


def test_recursive_walk_skips_hidden_and_other_files(tmp_path: Path) -> None:
    root = tmp_path / "content" / "badges"
    _tree(root)
    found = discover([str(root)])
    shown = [Path(f.display).relative_to(root).as_posix() for f in found.files]
    assert shown == ["a.png", "b.svg", "sub/c.json", "sub/e.JWS", "sub/deeper/d.jwt"]
    assert [f.format for f in found.files][-2:] == [FileFormat.JWT, FileFormat.JWT]
    assert found.diagnostics == ()


def test_display_path_joined_to_the_folder_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "content/badges/sub/x.png", b"x")
    [found] = discover(["./content/badges/"]).files
    assert found.display == "./content/badges/sub/x.png"


def test_symlink_outside_refused(tmp_path: Path) -> None:
    outside = write(tmp_path, "elsewhere/secret.json", "{}")
    root = tmp_path / "badges"
    write(root, "ok.json", "{}")
    (root / "link.json").symlink_to(outside)
    (root / "dirlink").symlink_to(outside.parent, target_is_directory=True)
    found = discover([str(root)])
    assert [Path(f.display).name for f in found.files] == ["ok.json"]
    assert sorted((d.code, Path(d.path).name) for d in found.diagnostics) == [
        ("W-SYMLINK-OUTSIDE", "dirlink"),
        ("W-SYMLINK-OUTSIDE", "link.json"),
    ]


def test_symlink_inside_is_read(tmp_path: Path) -> None:
    root = tmp_path / "badges"
    target = write(root, "real/one.json", "{}")
    (root / "alias.json").symlink_to(target)
    names = [Path(f.display).name for f in discover([str(root)]).files]
    assert names == ["alias.json", "one.json"]


def test_symlink_loop_and_broken_link(tmp_path: Path) -> None:
    root = tmp_path / "badges"
    root.mkdir()
    (root / "loop.png").symlink_to(root / "loop.png")
    (root / "gone.svg").symlink_to(root / "missing.svg")
    (root / "cycle").symlink_to(root, target_is_directory=True)
    found = discover([str(root)])
    assert found.files == ()
    assert sorted(d.code for d in found.diagnostics) == ["W-SYMLINK-LOOP", "W-SYMLINK-LOOP"]


def test_explicit_paths(tmp_path: Path) -> None:
    hidden = write(tmp_path, ".shown-when-named.json", "{}")
    other = write(tmp_path, "notes.txt", "hi")
    found = discover([str(hidden), str(other), str(tmp_path / "nope.png")])
    assert [f.display for f in found.files] == [str(hidden)]
    assert [(d.code, d.path) for d in found.diagnostics] == [
        ("E-FILE-TYPE", str(other)),
        ("E-NOT-FOUND", str(tmp_path / "nope.png")),
    ]


def test_fifo_named_like_a_badge_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    [source] = discover([str(tmp_path)]).files
    result = read_badge(source)
    assert [d.code for d in result.diagnostics] == ["E-READ"]


def test_size_limit(tmp_path: Path) -> None:
    write(tmp_path, "big.json", "{" + " " * 500 + "}")
    [source] = discover([str(tmp_path)]).files
    result = read_badge(source, max_bytes=100)
    assert [d.code for d in result.diagnostics] == ["E-TOO-LARGE"]
    assert "100-byte limit" in result.diagnostics[0].message
    assert read_badge(source, max_bytes=1000).diagnostics[0].code != "E-TOO-LARGE"
