"""A rebuild's changed files, served and announced before they are written to disk.

A rebuild that changes a few files hands them to ``Preview.show`` as soon as they are
known (their bytes, or the cache file holding an image), before the output folder is
rebuilt and swapped in. From that moment the server answers those paths from memory
and open tabs are told to reload; once the output folder holds the new site (or the
rebuild failed, and the old site stays), the preview is cleared and every request is
answered from disk again. A change too large to hold is not previewed: it is written
first, then announced, as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path

Shown = bytes | Path
Listener = Callable[[tuple[str, ...]], None]


class Gone:
    """The answer for a path the rebuild removes."""


GONE = Gone()


class Preview:
    """Thread-safe: the rebuild worker shows and clears, request threads look up."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, Shown] = {}
        self._removed: frozenset[str] = frozenset()
        self._listener: Listener | None = None
        self.shown: frozenset[str] = frozenset()  # what the current rebuild announced

    def listen(self, listener: Listener) -> None:
        """``listener(paths)`` is called with the changed paths each time a change is shown."""
        self._listener = listener

    def begin(self) -> None:
        """A rebuild starts: nothing shown yet."""
        self.shown = frozenset()

    def show(self, changes: Mapping[str, Shown], removed: tuple[str, ...]) -> None:
        """Serve ``changes`` from now on and announce them with the removed paths."""
        with self._lock:
            self._files = dict(changes)
            self._removed = frozenset(removed)
            self.shown = frozenset((*changes, *removed))
        if self._listener is not None:
            self._listener((*changes, *removed))

    def clear(self) -> None:
        """The output folder is what is served again."""
        with self._lock:
            self._files = {}
            self._removed = frozenset()

    def find(self, path: str) -> Shown | Gone | None:
        """What the preview holds for a site-relative file path; None: ask the disk."""
        with self._lock:
            if path in self._removed:
                return GONE
            return self._files.get(path)
