"""The site a swap replaced, kept to be the next build's staging folder.

Filling a new staging folder costs a link for every file of the site, and removing the
replaced site costs as much again. Instead, the replaced site is kept in
``.portfolio-cache/previous-site/`` (when that is on the output's file system) and the
next build brings it up to date: a file already there as the very file (inode) the new
site carries keeps its place; any other is replaced, and what the new site does not
hold is removed. So a rebuild touches only what changed in its last two builds.

While it is brought up to date the folder is marked as staging: a build stopped then
leaves a marked folder, which the next build removes (as it does any staging folder).
The output itself is only ever replaced by the one atomic exchange (``staging``). The
kept site holds the previous build's files and second links to the output's; deleting
it, or the whole cache, leaves the site whole. Only ``write.py`` calls this module.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from portfolio_builder.staging import MANIFEST, MARK, remove_in_background

HOME = "previous-site"


def kept_site(real: Path, cache_folder: Path) -> Path | None:
    """Where the site replaced in ``real`` is kept; None where it cannot be (a cache on
    another file system, or one inside the output). Only one site is kept:
    one kept for another output folder goes (it could be the last copy of a site whose
    output folder the user has since deleted), unless a build is bringing it up to date."""
    home = cache_folder / HOME
    try:
        home.mkdir(parents=True, exist_ok=True)
        if home.stat().st_dev != real.parent.stat().st_dev:
            return None
        if home.resolve().is_relative_to(real):
            return None
    except OSError:
        return None
    path = home / hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    for other in home.iterdir():
        if other != path and not (other / MARK).exists() and not other.is_symlink():
            remove_in_background(other)
    return path


@dataclass
class Spare:
    """A kept site being brought up to date: its files (by inode) and folders, as walked."""

    root: str
    files: dict[str, int]
    dirs: set[str]
    bare: set[str]  # folders found empty
    kept_dirs: set[str] = field(default_factory=set)

    def holds(self, rel: str, inode: int) -> bool:
        """True when ``rel`` is already the file ``inode``; else its place is cleared."""
        found = self.files.pop(rel, None)
        if found == inode:
            return True
        self._clear(rel, found is not None)
        return False

    def clear(self, rel: str) -> None:
        """Make room at ``rel`` for a file about to be written."""
        self._clear(rel, self.files.pop(rel, None) is not None)

    def keep_dir(self, rel: str) -> None:
        """``rel`` is an empty folder of the user's: it stays."""
        self.kept_dirs.add(rel)

    def _clear(self, rel: str, present: bool) -> None:
        if present:
            Path(f"{self.root}/{rel}").unlink()
            return
        if rel in self.dirs:  # a folder where a file goes now
            shutil.rmtree(f"{self.root}/{rel}")
            self._forget_under(rel)
        parent = rel.rpartition("/")[0]
        while parent:  # a file where a folder goes now
            if self.files.pop(parent, None) is not None:
                Path(f"{self.root}/{parent}").unlink()
            parent = parent.rpartition("/")[0]

    def _forget_under(self, rel: str) -> None:
        under = rel + "/"
        self.dirs = {d for d in self.dirs if d != rel and not d.startswith(under)}
        self.files = {f: i for f, i in self.files.items() if not f.startswith(under)}

    def finish(self) -> None:
        """Remove what the new site does not hold, and the folders left empty."""
        emptied = set(self.bare)
        for rel in self.files:
            with contextlib.suppress(FileNotFoundError):
                Path(f"{self.root}/{rel}").unlink()
            folder = rel.rpartition("/")[0]
            while folder:
                emptied.add(folder)
                folder = folder.rpartition("/")[0]
        emptied &= self.dirs
        for rel in sorted(emptied - self.kept_dirs, key=lambda d: d.count("/"), reverse=True):
            with contextlib.suppress(OSError):
                Path(f"{self.root}/{rel}").rmdir()  # only when empty


def _walk(root: str) -> Spare:
    files: dict[str, int] = {}
    dirs: set[str] = set()
    bare: set[str] = set()
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        with os.scandir(f"{root}/{rel_dir}" if rel_dir else root) as entries:
            found = list(entries)
            if not found:
                bare.add(rel_dir)
            for entry in found:
                rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
                if entry.is_dir(follow_symlinks=False):
                    dirs.add(rel)
                    stack.append(rel)
                elif rel not in (MARK, MANIFEST):
                    files[rel] = entry.inode()
    return Spare(root, files, dirs, bare)


def reuse(path: Path | None) -> Spare | None:
    """The site kept at ``path``, marked as staging, to be brought up to date; None when
    there is none. One found marked was being brought up to date when a build stopped,
    and is removed."""
    if path is None or path.is_symlink() or not path.is_dir():
        return None
    if (path / MARK).exists():
        shutil.rmtree(path, ignore_errors=True)
        return None
    try:
        (path / MARK).write_bytes(b"")
        with contextlib.suppress(FileNotFoundError):
            (path / MANIFEST).unlink()
        return _walk(str(path))
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return None
