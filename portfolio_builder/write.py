"""The only module that writes the site to disk (with its helper ``staging``).

The output folder holds a manifest of the files the build owns. A non-empty
folder without one is refused, so a mistaken ``-o ~`` deletes nothing. The site
is built in a staging folder beside the output and swapped in with one rename,
so an interrupted build leaves the previous site whole. Files whose bytes did not
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
from pathlib import Path, PurePosixPath

from portfolio_builder.buildreport import OutputError, WriteReport
from portfolio_builder.cache import StageCache
from portfolio_builder.diagnostics import warning
from portfolio_builder.render import Output, RenderedFile
from portfolio_builder.render_cache import KnownPage
from portfolio_builder.sitemodel import Asset
from portfolio_builder.staging import (
    MANIFEST,
    MARK,
    clear_leftovers,
    discard,
    open_staging,
    pause_point,
    swap_in,
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


def _safe_target(out: Path, rel: str) -> Path:
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or rel in (MANIFEST, MARK):
        raise OutputError(f"refusing to write outside the output folder: {rel!r}")
    return out.joinpath(*pure.parts)


# Paths in the loops below are strings: thousands of files, and pathlib is slow at that.
def _parent_made(target: str, made: set[str]) -> None:
    parent = target.rpartition("/")[0]
    if parent not in made:
        Path(parent).mkdir(parents=True, exist_ok=True)
        made.add(parent)


def _put(target: str, data: bytes, made: set[str]) -> None:
    _parent_made(target, made)
    with Path(target).open("xb") as handle:
        handle.write(data)


def _carry(source: str, target: str, made: set[str]) -> None:
    """``source`` into the staging folder: a hard link, else a copy keeping its times."""
    _parent_made(target, made)
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:  # no hard links here
        shutil.copy2(source, target, follow_symlinks=False)


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def _unchanged(
    info: os.stat_result | None, old: str, item: RenderedFile | Asset, recorded: str | None
) -> bool:
    if info is None or not stat.S_ISREG(info.st_mode):
        return False
    if not isinstance(item, RenderedFile):
        return recorded == f"asset:{item.key}"
    data = item.data
    if recorded != _sha(data) or info.st_size != len(data):
        return False
    return Path(old).read_bytes() == data


def _foreign(real: str, rel: str, report: WriteReport) -> None:
    report.diagnostics.append(
        warning(
            "W-OUTPUT-FOREIGN",
            "a file the build did not make is in the way; kept it",
            f"{real}/{rel}",
        )
    )


def _plan(real: str, item: RenderedFile | Asset, old: dict[str, str], report: WriteReport) -> str:
    """``foreign`` (a file of the user's is in the way), ``carry`` or ``write``."""
    previous = f"{real}/{item.path}"
    info = _lstat(previous)
    if item.path not in old and info is not None:
        _foreign(real, item.path, report)
        return "foreign"
    return "carry" if _unchanged(info, previous, item, old.get(item.path)) else "write"


def _bytes_of(item: Output, cache: StageCache | None) -> bytes:
    if isinstance(item, RenderedFile):
        return item.data
    if isinstance(item, KnownPage):  # never written: known pages are carried
        raise OutputError(f"internal error: {item.path} has no bytes to write")
    return cache.asset_file(item).read_bytes() if cache else item.make()


def _digest(item: Output) -> str:
    if isinstance(item, KnownPage):
        return item.sha
    return _sha(item.data) if isinstance(item, RenderedFile) else f"asset:{item.key}"


def _settle(real: str, item: Output, old: dict[str, str]) -> Output:
    """A known page stays known while the previous build's file is still its bytes;
    else it is rendered now."""
    if not isinstance(item, KnownPage):
        return item
    previous = f"{real}/{item.path}"
    info = _lstat(previous)
    if old.get(item.path) == item.sha and info is not None and stat.S_ISREG(info.st_mode):
        with contextlib.suppress(OSError), Path(previous).open("rb") as handle:
            if hashlib.file_digest(handle, "sha256").hexdigest() == item.sha:
                return item
    return item.render()


def _keep_users_files(real: str, staging: str, old: dict[str, str], made: set[str]) -> None:
    """Carry every file of the output the build does not own into the staging folder."""
    for folder, dirs, files in os.walk(real):
        rel_dir = folder[len(real) + 1 :]
        if not dirs and not files and rel_dir:
            Path(staging, rel_dir).mkdir(parents=True, exist_ok=True)  # the user's empty folder
        for name in files + [d for d in dirs if Path(folder, d).is_symlink()]:
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if rel in old or rel == MANIFEST:
                continue
            try:
                _carry(f"{folder}/{name}", f"{staging}/{rel}", made)
            except FileExistsError:
                raise OutputError(f"{folder}/{name} is in the way of the site's files") from None


def _place(
    dirs: tuple[str, str], item: Output, how: str, made: set[str], report: WriteReport,
    cache: StageCache | None,
) -> None:  # fmt: skip
    """Carry or write one file into the staging folder (an asset from the stage cache)."""
    real, staging = dirs
    if how == "carry":
        _carry(f"{real}/{item.path}", f"{staging}/{item.path}", made)
        report.unchanged.append(item.path)
    elif how == "write":
        _put(f"{staging}/{item.path}", _bytes_of(item, cache), made)
        report.written.append(item.path)


def _fill(
    dirs: tuple[str, str], outputs: Iterable[Output], old: dict[str, str], cache: StageCache | None
) -> WriteReport:
    """Pages as they come (never all held at once), then the images, made together."""
    real, staging = dirs
    report, made, claimed = WriteReport(), {staging}, set[str]()
    owned: dict[str, str] = {}
    assets: list[Asset] = []
    for item in outputs:
        if item.path in claimed:
            raise OutputError(f"two outputs for the same path: {item.path}")
        claimed.add(item.path)
        _safe_target(Path(staging), item.path)
        if isinstance(item, Asset):
            assets.append(item)
            continue
        item = _settle(real, item, old)
        how = "carry" if isinstance(item, KnownPage) else _plan(real, item, old, report)
        _place(dirs, item, how, made, report, cache)
        if how != "foreign":
            owned[item.path] = _digest(item)
    pause_point("staging")
    plans = [(item, _plan(real, item, old, report)) for item in assets]
    if cache is not None:
        cache.make_assets(item for item, how in plans if how == "write")
    for item, how in plans:
        _place(dirs, item, how, made, report, cache)
        if how != "foreign":
            owned[item.path] = _digest(item)
    _keep_users_files(real, staging, old, made)
    report.pruned = sorted(set(old) - set(owned))
    manifest = {"tool": "portfolio-builder", "files": dict(sorted(owned.items()))}
    _put(f"{staging}/{MANIFEST}", (json.dumps(manifest, indent=1) + "\n").encode(), made)
    return report


def write_site(
    out: Path, outputs: Iterable[Output], cache: StageCache | None = None
) -> WriteReport:
    """Build the site in a staging folder, then swap it in for the previous one."""
    read_manifest(out)  # a foreign folder is refused before anything is touched
    real = out.resolve()
    notes = clear_leftovers(real)
    old = read_manifest(out)
    staging = open_staging(real)
    try:
        report = _fill((str(real), str(staging)), outputs, old, cache)
    except BaseException:
        discard(staging)
        raise
    swap_in(staging, real)
    report.diagnostics += notes
    return report
