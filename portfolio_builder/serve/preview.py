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

from portfolio_builder.serve.outcome import RebuildOutcome

Shown = bytes | Path
Listener = Callable[[tuple[str, ...]], None]
Done = Callable[[RebuildOutcome], None]


class Gone:
    """The answer for a path the rebuild removes."""


GONE = Gone()


class Preview:
    """Thread-safe: rebuilds show, hold and release; request threads look up.

    A rebuild that goes on writing after showing its change ``hold``s the preview and
    ``release``s it with its outcome once written. Changes shown while others are still
    being written are laid over them; the preview is emptied when nothing is held."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, Shown] = {}
        self._removed: set[str] = set()
        self._held = 0
        self._listener: Listener | None = None
        self._done: Done | None = None

    def listen(self, listener: Listener, done: Done | None = None) -> None:
        """``listener(paths)`` hears each change shown; ``done(outcome)`` each release."""
        self._listener = listener
        self._done = done

    def show(self, changes: Mapping[str, Shown], removed: tuple[str, ...]) -> None:
        """Serve ``changes`` from now on and announce them with the removed paths."""
        with self._lock:
            self._files.update(changes)
            for path in removed:
                self._files.pop(path, None)
            self._removed = (self._removed - set(changes)) | set(removed)
        if self._listener is not None:
            self._listener((*changes, *removed))

    def hold(self) -> None:
        """A rebuild will go on writing what it shows: keep it until ``release``."""
        with self._lock:
            self._held += 1

    def release(self, outcome: RebuildOutcome) -> None:
        """A held rebuild is written (or failed): the disk is served again once no
        rebuild is held; ``done`` hears its outcome."""
        with self._lock:
            self._held -= 1
        self.clear()
        if self._done is not None:
            self._done(outcome)

    def clear(self) -> None:
        """The output folder is what is served again, unless a rebuild is held."""
        with self._lock:
            if self._held == 0:
                self._files = {}
                self._removed = set()

    def find(self, path: str) -> Shown | Gone | None:
        """What the preview holds for a site-relative file path; None: ask the disk."""
        with self._lock:
            if path in self._removed:
                return GONE
            return self._files.get(path)
