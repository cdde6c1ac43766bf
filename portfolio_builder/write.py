"""The only module that writes the site to disk (with its helpers ``staging`` and ``spare``).

The output folder holds a manifest of the files the build owns. A non-empty
folder without one is refused, so a mistaken ``-o ~`` deletes nothing. The site
is built in a staging folder and swapped in with one rename, so an interrupted
build leaves the previous site whole; the staging folder is the site the last swap
replaced, brought up to date (``spare``), where there is one. Files whose bytes did not
change are carried over as hard links (their times kept); so are the files the
user put in the output, which the build never overwrites; files the previous
build wrote and this one did not are left behind (pruned); two outputs for one
path is an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from portfolio_builder.buildreport import OutputError, WriteReport
from portfolio_builder.cache import AssetMaker, StageCache
from portfolio_builder.changes import output_digest
from portfolio_builder.diagnostics import warning
from portfolio_builder.output_stats import OutputStats
from portfolio_builder.render import Output, RenderedFile
from portfolio_builder.render_cache import KnownPage
from portfolio_builder.sitemodel import Asset
from portfolio_builder.spare import Spare, kept_site, reuse
from portfolio_builder.staging import (
    MANIFEST,
    MARK,
    clear_leftovers,
    discard,
    open_staging,
    pause_point,
    swap_in,
    wait_for_removals,
)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(out: Path) -> dict[str, str]:
    """The files a previous build owns; ``OutputError`` for a foreign, non-empty folder."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder")
    if not out.exists() or not any(out.iterdir()):
        return {}
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
        if data.get("tool") != "portfolio-builder" or not isinstance(files, dict):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        raise OutputError(
            f"{out} is not empty and was not made by portfolio-builder; "
            "refusing to write there (choose an empty or new folder with -o)"
        ) from None
    return {str(k): str(v) for k, v in files.items()}


def _check_target(rel: str) -> None:
    """Refuse a path that leaves the output folder or names the build's own files (plain
    string work: it runs once per file, and ``PurePosixPath`` costs 20 us a path)."""
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    if rel.startswith("/") or ".." in parts or not parts or rel in (MANIFEST, MARK):
        raise OutputError(f"refusing to write outside the output folder: {rel!r}")


# Paths in the loops below are strings: thousands of files, and pathlib is slow at that.
def _parent_made(target: str, made: set[str]) -> None:
    parent = target.rpartition("/")[0]
    if parent not in made:
        Path(parent).mkdir(parents=True, exist_ok=True)
        made.add(parent)


def _put(target: str, data: bytes, made: set[str]) -> os.stat_result:
    _parent_made(target, made)
    with Path(target).open("xb") as handle:
        handle.write(data)
        handle.flush()
        return os.fstat(handle.fileno())


def _carry(
    source: str, target: str, made: set[str], info: os.stat_result | None = None
) -> os.stat_result:
    """``source`` into the staging folder: a hard link (the same file), else a copy keeping
    its times; the stat of what is there now (``info``, ``source``'s, when known)."""
    _parent_made(target, made)
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (or across devices)
        shutil.copy2(source, target, follow_symlinks=False)
        return os.lstat(target)
    return info or os.lstat(target)


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def _same_bytes(old: str, info: os.stat_result, rel: str, stats: OutputStats, data: bytes) -> bool:
    """The previous build's file holds ``data`` (its manifest said so): by its stat when
    that is as the previous build left it, else by reading it."""
    if stats.holds(rel, info):
        return True
    with contextlib.suppress(OSError):
        return Path(old).read_bytes() == data
    return False


def _unchanged(
    info: os.stat_result | None,
    old: str,
    item: RenderedFile | Asset,
    recorded: str | None,
    stats: OutputStats,
) -> bool:
    if info is None or not stat.S_ISREG(info.st_mode):
        return False
    if not isinstance(item, RenderedFile):
        return recorded == f"asset:{item.key}"
    data = item.data
    if recorded != _sha(data) or info.st_size != len(data):
        return False
    return _same_bytes(old, info, item.path, stats, data)


def _foreign(real: str, rel: str, report: WriteReport) -> None:
    report.diagnostics.append(
        warning(
            "W-OUTPUT-FOREIGN",
            "a file the build did not make is in the way; kept it",
            f"{real}/{rel}",
        )
    )


def _page_bytes(item: RenderedFile | KnownPage) -> bytes:
    if isinstance(item, KnownPage):  # never written: known pages are carried
        raise OutputError(f"internal error: {item.path} has no bytes to write")
    return item.data


def _keep_users_files(fill: _Fill) -> None:
    """Carry every file of the output the build does not own into the staging folder."""
    real, staging = fill.real, fill.staging
    for folder, dirs, files in os.walk(real):
        rel_dir = folder[len(real) + 1 :]
        if not dirs and not files and rel_dir:
            Path(staging, rel_dir).mkdir(parents=True, exist_ok=True)  # the user's empty folder
            if fill.spare is not None:
                fill.spare.keep_dir(rel_dir)
        for name in files + [d for d in dirs if Path(folder, d).is_symlink()]:
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if rel in fill.old or rel == MANIFEST:
                continue
            try:
                fill.carry_previous(rel, os.lstat(f"{folder}/{name}"))
            except FileExistsError:
                raise OutputError(f"{folder}/{name} is in the way of the site's files") from None


Planned = tuple[Output, str, os.stat_result | None]  # what, how (carry/write), stat if carried


@dataclass
class _Fill:
    """One build's filling of the staging folder."""

    real: str
    staging: str
    old: dict[str, str]
    cache: StageCache
    maker: AssetMaker  # makes the images not yet in the cache
    stats: OutputStats
    spare: Spare | None = None  # the kept previous site, when it is the staging folder
    report: WriteReport = field(default_factory=WriteReport)
    made: set[str] = field(default_factory=set)
    owned: dict[str, str] = field(default_factory=dict)

    def plan(self, item: Output) -> Planned:
        """``carry`` (its stat then known), ``write`` or ``foreign`` (a file of the user's
        is in the way); a known page no longer on disk as it was is rendered now."""
        previous = f"{self.real}/{item.path}"
        info = _lstat(previous)
        if item.path not in self.old and info is not None:
            _foreign(self.real, item.path, self.report)
            return item, "foreign", None
        if isinstance(item, KnownPage):
            if info is not None and stat.S_ISREG(info.st_mode) and self._still(item, info):
                return item, "carry", info
            item = item.render()
        if _unchanged(info, previous, item, self.old.get(item.path), self.stats):
            return item, "carry", info
        return item, "write", None

    def _still(self, item: KnownPage, info: os.stat_result) -> bool:
        """The previous build's file is still this known page's bytes."""
        if self.old.get(item.path) != item.sha:
            return False
        if self.stats.holds(item.path, info):
            return True
        path = f"{self.real}/{item.path}"
        with contextlib.suppress(OSError), Path(path).open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() == item.sha
        return False

    def take(self, planned: Planned) -> None:
        """Place a planned file in the staging folder, noting that the build owns it."""
        item, how, _ = planned
        if how != "foreign":
            self.owned[item.path] = output_digest(item, self.cache)
        self.place(planned)

    def place(self, planned: Planned) -> None:
        item, how, info = planned
        if how == "foreign":
            return
        target = f"{self.staging}/{item.path}"
        if how == "carry" and info is not None:
            now = self.carry_previous(item.path, info)
            self.report.unchanged.append(item.path)
        else:
            if self.spare is not None:
                self.spare.clear(item.path)
            if isinstance(item, Asset):
                now = _carry(str(self.cache.asset_file(item)), target, self.made)  # the cache's
            else:
                now = _put(target, _page_bytes(item), self.made)
            self.report.written.append(item.path)
        self.stats.note(item.path, now)

    def carry_previous(self, rel: str, info: os.stat_result) -> os.stat_result:
        """The previous site's file at ``rel`` (its stat ``info``) into the staging folder;
        nothing to do when the kept site being brought up to date has that very file."""
        if self.spare is not None and self.spare.holds(rel, info.st_ino):
            return info
        return _carry(f"{self.real}/{rel}", f"{self.staging}/{rel}", self.made, info)


def _fill(fill: _Fill, outputs: Iterable[Output]) -> WriteReport:
    """Files as they come (never all held at once); the images to write start being made
    on the other cores as they come (``AssetMaker``), and are placed once all are made."""
    claimed = set[str]()
    plans: list[Planned] = []
    for item in outputs:
        if item.path in claimed:
            raise OutputError(f"two outputs for the same path: {item.path}")
        claimed.add(item.path)
        _check_target(item.path)
        planned = fill.plan(item)
        if not isinstance(item, Asset) or planned[1] != "write":
            fill.take(planned)  # a page, or an image carried over: nothing to wait for
            continue
        plans.append(planned)
        fill.maker.offer(item)
    pause_point("staging")
    fill.maker.finish()
    for planned in plans:
        fill.take(planned)
    _keep_users_files(fill)
    if fill.spare is not None:
        fill.spare.finish()
    fill.report.pruned = sorted(set(fill.old) - set(fill.owned))
    manifest = {"tool": "portfolio-builder", "files": dict(sorted(fill.owned.items()))}
    _put(f"{fill.staging}/{MANIFEST}", (json.dumps(manifest, indent=1) + "\n").encode(), fill.made)
    return fill.report


def write_site(
    out: Path, outputs: Iterable[Output], cache: StageCache, maker: AssetMaker
) -> WriteReport:
    """Build the site in a staging folder, then swap it in for the previous one; the
    images not yet in ``cache`` are made by ``maker``."""
    read_manifest(out)  # a foreign folder is refused before anything is touched
    real = out.resolve()
    notes = clear_leftovers(real)
    old = read_manifest(out)
    keep = kept_site(real, cache.folder) if real.is_dir() else None
    spare = reuse(keep)
    staging = Path(spare.root) if spare else open_staging(real)
    stats = OutputStats(cache.folder, str(real))
    made = {str(staging), *(f"{staging}/{d}" for d in spare.dirs)} if spare else {str(staging)}
    fill = _Fill(str(real), str(staging), old, cache, maker, stats, spare, made=made)
    try:
        report = _fill(fill, outputs)
    except BaseException:
        discard(staging)
        raise
    swap_in(staging, real, keep)
    stats.save()
    report.diagnostics += notes
    return report


def settle() -> None:
    """Return once the sites this process's builds replaced are removed (``staging``)."""
    wait_for_removals()
