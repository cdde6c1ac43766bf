"""The staging folder a build writes into, and the swap that puts it in place.

A build fills ``.<output>.staging-XXXX`` beside the output folder, then swaps the
two with one atomic rename (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two
renames, undone by the next build if it is interrupted between them). A build
killed at any point leaves the previous site as it was; the next build removes
what is left over. Only ``write.py`` calls this module.

Removing a leftover never deletes anything the user made: a folder still marked
as staging holds only build output and second links to files kept in the output;
any other leftover loses only the files its manifest lists and files that have
another link (they live on in the output). Anything else is kept, and said so.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import secrets
import shutil
import threading
import time
from pathlib import Path

from portfolio_builder.diagnostics import Diagnostic, warning

MARK = ".portfolio-builder-staging"
MANIFEST = ".portfolio-builder-manifest.json"
PAUSE_ENV = "PORTFOLIO_BUILDER_PAUSE_AT"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def pause_point(name: str) -> None:
    """Test hook: with ``PORTFOLIO_BUILDER_PAUSE_AT=name=FILE`` the build writes its
    process id to FILE here and waits, so a test can kill it at a known moment."""
    point, _, flag = os.environ.get(PAUSE_ENV, "").partition("=")
    if point == name and flag:
        Path(flag).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(600)


def _prefix(real: Path) -> str:
    return f".{real.name}.staging-"


def open_staging(real: Path) -> Path:
    """A new, marked staging folder beside ``real``."""
    while True:
        path = real.parent / f"{_prefix(real)}{secrets.token_hex(4)}"
        with contextlib.suppress(FileExistsError):
            path.mkdir()
            break
    (path / MARK).write_bytes(b"")
    if real.is_dir():
        path.chmod(real.stat().st_mode & 0o7777)
    return path


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    args = (_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(renameat2(*args) == 0)


def swap_in(staging: Path, real: Path, keep: Path | None = None) -> None:
    """Put the finished staging folder at ``real``. The site it replaces is kept at
    ``keep`` when given (``spare``: the next build's staging folder), else removed."""
    (staging / MARK).unlink()
    if not real.exists() and not real.is_symlink():
        staging.rename(real)
        return
    if _exchange(staging, real):
        pause_point("swapped")
        _keep_or_remove(staging, keep)
        return
    if staging.parent != real.parent:  # a kept site: two renames need it beside the output
        beside = real.parent / f"{_prefix(real)}{secrets.token_hex(4)}"
        staging.rename(beside)
        staging = beside
    old = staging.with_name(staging.name + "-old")
    real.rename(old)
    pause_point("swapped")
    staging.rename(real)
    remove_in_background(old)


def _keep_or_remove(replaced: Path, keep: Path | None) -> None:
    if replaced == keep:
        return
    if keep is not None:
        with contextlib.suppress(OSError):
            replaced.rename(keep)  # not over a folder already there
            return
    remove_in_background(replaced)


_removing: dict[Path, threading.Thread] = {}
_removing_lock = threading.Lock()


def remove_in_background(tree: Path) -> None:
    """A site no longer needed, such as the previous one just replaced (the build carried
    every file of the user's in it into the new one), so all of it can go. It goes in a
    thread of its own, while the build finishes (``wait_for_removals``) or the dev
    server goes on; what cannot be removed is cleared by the next build."""
    worker = threading.Thread(
        target=_remove, args=(tree,), name="portfolio-remove-old-site", daemon=False
    )
    with _removing_lock:
        _removing[tree] = worker
    worker.start()


def _remove(tree: Path) -> None:
    try:
        shutil.rmtree(tree, ignore_errors=True)
    finally:
        with _removing_lock:
            _removing.pop(tree, None)


def wait_for_removals() -> None:
    """Return once every replaced site being removed is gone."""
    with _removing_lock:
        workers = list(_removing.values())
    for worker in workers:
        worker.join()


def _being_removed(tree: Path) -> bool:
    with _removing_lock:
        return tree in _removing


def _owned(tree: Path) -> set[str]:
    try:
        data = json.loads((tree / MANIFEST).read_text(encoding="utf-8"))
        return {str(k) for k in data["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def discard(tree: Path) -> list[Diagnostic]:
    """Remove a staging folder or a replaced site, keeping what only the user has."""
    if (tree / MARK).is_file():
        shutil.rmtree(tree)
        return []
    owned = _owned(tree) | {MANIFEST, MARK}
    kept = False
    for folder, dirs, files in os.walk(tree, topdown=False):
        here = Path(folder)
        for name in files + [d for d in dirs if (here / d).is_symlink()]:
            path = here / name
            rel = path.relative_to(tree).as_posix()
            if rel in owned or path.lstat().st_nlink > 1:
                path.unlink()
            else:
                kept = True
        with contextlib.suppress(OSError):
            here.rmdir()  # only when empty
    if not kept:
        return []
    return [
        warning("W-OUTPUT-LEFTOVER", "kept a folder holding files found nowhere else", str(tree))
    ]


def clear_leftovers(real: Path) -> list[Diagnostic]:
    """Remove what interrupted builds left beside ``real``; restore a site moved aside."""
    real.parent.mkdir(parents=True, exist_ok=True)
    notes: list[Diagnostic] = []
    for path in sorted(real.parent.glob(_prefix(real) + "*")):
        if path.is_symlink() or not path.is_dir() or _being_removed(path):
            continue
        if path.name.endswith("-old") and not real.exists() and not real.is_symlink():
            path.rename(real)  # killed between the two renames: the previous site comes back
            continue
        notes += discard(path)
    return notes
