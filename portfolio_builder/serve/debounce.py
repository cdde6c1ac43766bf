"""Collects bursts of changed paths and hands them, coalesced, to one worker thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

QUIET_SECONDS = 0.05
SETTLED_QUIET_SECONDS = 0.01
ONE_SAVE = 2  # events that leave a file whole in one save (a file closed, or moved in place)
MAX_WAIT_SECONDS = 0.5


class Debouncer:
    """Calls ``action(paths)`` once a burst of changes has gone quiet.

    A batch is released when no change arrived for ``quiet`` seconds, or when the
    oldest pending change has waited ``max_wait`` seconds, so a steady stream of
    events cannot hold rebuilds back for ever. When the last change to each pending
    path left its file whole (closed by its writer, moved into place, deleted) and the
    batch looks like one save (at most ``ONE_SAVE`` such changes), it waits only
    ``settled_quiet`` seconds, for the rest of that save; a longer burst waits the whole
    quiet time, so that it still makes one rebuild.
    ``action`` always runs on the same worker thread, so two calls never overlap;
    changes that arrive while it runs are gathered into the next batch.
    """

    def __init__(
        self,
        action: Callable[[frozenset[Path]], None],
        quiet: float = QUIET_SECONDS,
        max_wait: float = MAX_WAIT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        settled_quiet: float = SETTLED_QUIET_SECONDS,
    ) -> None:
        self._action = action
        self._quiet = quiet
        self._settled_quiet = min(settled_quiet, quiet)
        self._unsettled: set[Path] = set()  # pending paths that may be mid-write
        self._settling = 0  # changes in the pending batch that left their file whole
        self._max_wait = max(max_wait, quiet)
        self._clock = clock
        self._ready = threading.Condition()
        self._pending: set[Path] = set()
        self._first = self._last = 0.0
        self._stopping = False
        self._thread = threading.Thread(target=self._work, name="portfolio-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def add(self, paths: Iterable[Path], settled: bool = False) -> None:
        """Note changed paths (``settled``: the event left them whole); safe to call
        from any thread."""
        with self._ready:
            now = self._clock()
            if not self._pending:
                self._first = now
            changed = set(paths)
            self._pending |= changed
            self._unsettled = self._unsettled - changed if settled else self._unsettled | changed
            self._settling += settled
            self._last = now
            self._ready.notify()

    def stop(self, timeout: float | None = None) -> None:
        """Stop after the batch in progress, if any; pending changes are dropped."""
        with self._ready:
            self._stopping = True
            self._ready.notify()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _work(self) -> None:
        while (batch := self._next_batch()) is not None:
            self._action(batch)

    def _next_batch(self) -> frozenset[Path] | None:
        with self._ready:
            while not self._stopping:
                if not self._pending:
                    self._ready.wait()
                    continue
                one_save = not self._unsettled and self._settling <= ONE_SAVE
                quiet = self._settled_quiet if one_save else self._quiet
                due = min(self._last + quiet, self._first + self._max_wait)
                left = due - self._clock()
                if left <= 0:
                    batch = frozenset(self._pending)
                    self._pending.clear()
                    self._unsettled.clear()
                    self._settling = 0
                    return batch
                self._ready.wait(left)
            return None
