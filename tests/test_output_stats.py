"""The record of the output's files: a file is taken as the build left it only while its
size, modification time and inode all are."""

from __future__ import annotations

import os
from pathlib import Path

from portfolio_builder.output_stats import OutputStats, stat_of


def test_each_of_size_time_and_inode_tells(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>one</p>")
    os.utime(page, ns=(0, -86_400 * 10**9))  # a day before 1970: times may be negative
    first = page.stat()
    seen = {stat_of(first)}
    os.utime(page, ns=(0, first.st_mtime_ns + 1))
    seen.add(stat_of(page.stat()))
    page.write_bytes(b"<p>two!</p>")
    os.utime(page, ns=(0, first.st_mtime_ns))
    seen.add(stat_of(page.stat()))
    other = tmp_path / "other.html"
    other.write_bytes(b"<p>one</p>")
    os.utime(other, ns=(0, first.st_mtime_ns))
    seen.add(stat_of(other.stat()))  # the same size and time, another inode
    assert len(seen) == 4


def test_the_record_holds_until_the_file_changes(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    page = out / "index.html"
    page.write_bytes(b"<p>built</p>")
    stats = OutputStats(cache, str(out))
    stats.note("index.html", page.stat())
    stats.save()
    later = OutputStats(cache, str(out))
    assert later.holds("index.html", page.stat())
    page.write_bytes(b"<p>edited by hand</p>")
    assert not later.holds("index.html", page.stat())
    assert not OutputStats(cache, str(tmp_path / "elsewhere")).holds("index.html", page.stat())
