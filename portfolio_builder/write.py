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

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path, PurePosixPath

from portfolio_builder.buildreport import OutputError, WriteReport
from portfolio_builder.cache import StageCache
from portfolio_builder.diagnostics import warning
from portfolio_builder.render import Output, RenderedFile
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


def _put(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as handle:
        handle.write(data)


def _carry(source: Path, target: Path) -> None:
    """``source`` into the staging folder: a hard link, else a copy keeping its times."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:  # no hard links here
        shutil.copy2(source, target, follow_symlinks=False)


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _unchanged(old_file: Path, item: Output, recorded: str | None) -> bool:
    if not _is_file(old_file):
        return False
    if not isinstance(item, RenderedFile):
        return recorded == f"asset:{item.key}"
    data = item.data
    if recorded != _sha(data) or old_file.stat().st_size != len(data):
        return False
    return old_file.read_bytes() == data


def _foreign(real: Path, rel: str, report: WriteReport) -> None:
    report.diagnostics.append(
        warning(
            "W-OUTPUT-FOREIGN",
            "a file the build did not make is in the way; kept it",
            str(real / rel),
        )
    )


def _plan(dirs: tuple[Path, Path], item: Output, old: dict[str, str], report: WriteReport) -> str:
    """``foreign`` (a file of the user's is in the way), ``carry`` or ``write``."""
    real, staging = dirs
    _safe_target(staging, item.path)
    previous = real.joinpath(*PurePosixPath(item.path).parts)
    if item.path not in old and (previous.exists() or previous.is_symlink()):
        _foreign(real, item.path, report)
        return "foreign"
    return "carry" if _unchanged(previous, item, old.get(item.path)) else "write"


def _bytes_of(item: Output, cache: StageCache | None) -> bytes:
    if isinstance(item, RenderedFile):
        return item.data
    return cache.asset_file(item).read_bytes() if cache else item.make()


def _digest(item: Output) -> str:
    return _sha(item.data) if isinstance(item, RenderedFile) else f"asset:{item.key}"


def _keep_users_files(real: Path, staging: Path, old: dict[str, str]) -> None:
    """Carry every file of the output the build does not own into the staging folder."""
    if not real.is_dir():
        return
    for folder, dirs, files in os.walk(real):
        here = Path(folder)
        rel_dir = here.relative_to(real)
        if not dirs and not files:
            (staging / rel_dir).mkdir(parents=True, exist_ok=True)  # the user's empty folder
        for name in files + [d for d in dirs if (here / d).is_symlink()]:
            rel = (rel_dir / name).as_posix()
            if rel in old or rel == MANIFEST:
                continue
            try:
                _carry(here / name, staging / rel)
            except FileExistsError:
                raise OutputError(f"{here / name} is in the way of the site's files") from None


def _fill(
    dirs: tuple[Path, Path], outputs: list[Output], old: dict[str, str], cache: StageCache | None
) -> WriteReport:
    real, staging = dirs
    report = WriteReport()
    plans = [(item, _plan(dirs, item, old, report)) for item in outputs]
    if cache is not None:
        cache.make_assets(
            i for i, how in plans if how == "write" and not isinstance(i, RenderedFile)
        )
    owned: dict[str, str] = {}
    for number, (item, how) in enumerate(plans):
        if number == len(plans) // 2:
            pause_point("staging")
        target = staging.joinpath(*PurePosixPath(item.path).parts)
        if how == "carry":
            _carry(real.joinpath(*PurePosixPath(item.path).parts), target)
            report.unchanged.append(item.path)
        elif how == "write":
            _put(target, _bytes_of(item, cache))
            report.written.append(item.path)
        if how != "foreign":
            owned[item.path] = _digest(item)
    _keep_users_files(real, staging, old)
    report.pruned = sorted(set(old) - set(owned))
    manifest = {"tool": "portfolio-builder", "files": dict(sorted(owned.items()))}
    _put(staging / MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode())
    return report


def write_site(out: Path, outputs: list[Output], cache: StageCache | None = None) -> WriteReport:
    """Build the site in a staging folder, then swap it in for the previous one."""
    read_manifest(out)  # a foreign folder is refused before anything is touched
    real = out.resolve()
    notes = clear_leftovers(real)
    old = read_manifest(out)
    seen = [o.path for o in outputs]
    if len(set(seen)) != len(seen):
        twice = sorted({p for p in seen if seen.count(p) > 1})
        raise OutputError(f"two outputs for the same path: {', '.join(twice[:5])}")
    for path in seen:
        _safe_target(out, path)
    staging = open_staging(real)
    try:
        report = _fill((real, staging), outputs, old, cache)
    except BaseException:
        discard(staging)
        raise
    report.diagnostics += [*notes, *swap_in(staging, real)]
    return report
