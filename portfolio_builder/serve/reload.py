"""Build state shared by the request threads, and the reload events sent to open tabs."""

from __future__ import annotations

import json
import queue
import secrets
import threading
from collections import deque
from dataclasses import dataclass

from portfolio_builder.serve.outcome import RebuildOutcome
from portfolio_builder.serve.resolve import page_key

# Files that pages pull in: when one changes, every open tab reloads.
_EMBEDDED: tuple[str, ...] = (".css", ".js", ".mjs", ".png", ".jpg", ".jpeg", ".gif", ".svg")
_EMBEDDED += (".webp", ".avif", ".ico", ".woff", ".woff2", ".ttf", ".otf")
HISTORY = 64


@dataclass(frozen=True, slots=True)
class BuildState:
    """What the server knows about the latest build."""

    generation: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ReloadEvent:
    """One message for open tabs: reload when ``all`` or when your page is in ``changed``."""

    generation: int
    ok: bool
    all: bool
    changed: tuple[str, ...]

    def as_sse(self) -> bytes:
        data = json.dumps(
            {
                "generation": self.generation,
                "ok": self.ok,
                "all": self.all,
                "changed": list(self.changed),
            }
        )
        return f"event: reload\ndata: {data}\n\n".encode()


class ReloadHub:
    """Holds the build state and fans reload events out to every subscriber."""

    def __init__(self) -> None:
        self.session = secrets.token_hex(6)
        self._lock = threading.Lock()
        self._state = BuildState()
        self._subscribers: list[queue.SimpleQueue[ReloadEvent | None]] = []
        self._history: deque[ReloadEvent] = deque(maxlen=HISTORY)
        self._closed = False

    @property
    def state(self) -> BuildState:
        with self._lock:
            return self._state

    @property
    def listeners(self) -> int:
        """How many event streams are open."""
        with self._lock:
            return len(self._subscribers)

    def subscribe(
        self, since: int | None = None, session: str | None = None
    ) -> queue.SimpleQueue[ReloadEvent | None]:
        """A queue that receives every later event, then ``None`` when the hub closes.

        ``since`` is the build generation the subscribing page was served from, and
        ``session`` the hub that served it: the events it missed are queued first
        (a page from another session, such as before a restart, just reloads).
        """
        inbox: queue.SimpleQueue[ReloadEvent | None] = queue.SimpleQueue()
        with self._lock:
            if self._closed:
                inbox.put(None)
                return inbox
            if session is not None and session != self.session:
                since = -1
            for event in self._missed(since):
                inbox.put(event)
            self._subscribers.append(inbox)
        return inbox

    def _missed(self, since: int | None) -> list[ReloadEvent]:
        current = self._state.generation
        if since is None or since == current:
            return []
        oldest = self._history[0].generation if self._history else current + 1
        if since > current or since < oldest - 1:  # too long ago, or another session
            return [ReloadEvent(current, self._state.error is None, True, ())]
        return [event for event in self._history if event.generation > since]

    def unsubscribe(self, inbox: queue.SimpleQueue[ReloadEvent | None]) -> None:
        with self._lock:
            if inbox in self._subscribers:
                self._subscribers.remove(inbox)

    def publish(self, outcome: RebuildOutcome) -> ReloadEvent:
        """Record a build outcome and tell every open tab about it."""
        with self._lock:
            previous = self._state
            error = None if outcome.ok else (outcome.error or "the build failed")
            self._state = BuildState(previous.generation + 1, error)
            event = _event_for(outcome, self._state.generation, previous.error != error)
            self._history.append(event)
            for inbox in self._subscribers:
                inbox.put(event)
        return event

    def close(self) -> None:
        """Release every subscriber (used when the server stops)."""
        with self._lock:
            self._closed = True
            for inbox in self._subscribers:
                inbox.put(None)
            self._subscribers.clear()


def _event_for(outcome: RebuildOutcome, generation: int, error_changed: bool) -> ReloadEvent:
    changed = tuple(dict.fromkeys(page_key(p.lstrip("/")) for p in outcome.changed))
    assets_changed = any(p.lower().endswith(_EMBEDDED) for p in changed)
    return ReloadEvent(
        generation=generation,
        ok=outcome.ok,
        all=error_changed or assets_changed,
        changed=changed,
    )
