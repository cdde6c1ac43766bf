"""What the last build knows of the files it left in the output: each one's stat.

A file whose size, modification time and inode are still those the last build left
holds the bytes its manifest names (stat first, hash second, as for inputs), so it is
not read again to be compared; any other file is read. The record is one file in
``.portfolio-cache/stages/``, for the output folder last built; a missing or damaged
record, or one for another folder, means every file is read.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from pathlib import Path

from portfolio_builder.cache import store_whole

OUTPUTS_VERSION = "outputs-2"
Stat = int  # size, modification time (ns) and inode, as one number
_SPAN = 2**64  # inodes are below it, times (ns since 1970) within half of it


def stat_of(info: os.stat_result) -> Stat:
    """What is compared: size, modification time and inode (not the change time, which
    a hard link moves), as one number; a tuple of three took three times the memory, at
    85,000 files twice over."""
    return (info.st_size * _SPAN + info.st_mtime_ns) * _SPAN + info.st_ino


class OutputStats:
    """The last build's stats of ``real``'s files, and this build's."""

    def __init__(self, cache_folder: Path, real: str) -> None:
        self._path = cache_folder / "stages" / f"{OUTPUTS_VERSION}.pickle"
        self._real = real
        self._old = self._load()
        self.now: dict[str, Stat] = {}

    def _load(self) -> dict[str, Stat]:
        try:
            real, found = pickle.loads(self._path.read_bytes())
        except Exception:  # no record, or a damaged one: every file is read
            return {}
        return found if real == self._real and isinstance(found, dict) else {}

    def holds(self, rel: str, info: os.stat_result) -> bool:
        """True when ``rel`` is still the file the last build left there."""
        known = self._old.get(rel)
        return known is not None and known == stat_of(info)

    def note(self, rel: str, info: os.stat_result) -> None:
        self.now[rel] = stat_of(info)

    def save(self) -> None:
        if self.now != self._old:
            data = pickle.dumps((self._real, self.now), protocol=pickle.HIGHEST_PROTOCOL)
            with contextlib.suppress(OSError):
                store_whole(self._path, data)
