"""Which file changes matter, and the watchdog glue that reports them."""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from portfolio_builder.serve.errors import ServeError
from portfolio_builder.serve.outcome import FULL_BUILD

_EVENTS = frozenset({"created", "modified", "deleted", "moved", "closed", "attrib"})
# Events after which the file is whole: its writer closed it, or it was moved into place
# (an editor's or a browser's save) or deleted. Any other may come in the middle of a write.
_SETTLING = frozenset({"closed", "moved", "deleted"})
Sink = Callable[[list[Path], bool], None]  # paths, and whether the event settled them
_TEMP_SUFFIXES = (".swp", ".swo", ".swx", ".swpx", "~", ".tmp", ".crswap", ".kate-swp")
_TEMP_NAMES = frozenset({"4913", ".DS_Store", "Thumbs.db"})
# watchdog's inotify thread warns when a watched folder is deleted and made again (as a
# rebuild does to output folders); under warnings-as-errors that warning kills the thread
# and watching silently stops, and otherwise it only floods the terminal.
_WATCHDOG_REWATCH = r"Callback with id .* already exists for watch"


def quiet_watchdog_rewatch() -> None:
    """Ignore watchdog's harmless re-watch warning, wherever warnings are made errors."""
    warnings.filterwarnings("ignore", message=_WATCHDOG_REWATCH, category=RuntimeWarning)


def absolute(path: Path | str) -> Path:
    """An absolute path without resolving symlinks (watchdog reports paths that way)."""
    return Path(os.path.abspath(path))  # noqa: PTH100 (normalises, keeps symlinks)


def is_editor_temp(name: str) -> bool:
    """Swap, backup and lock files that editors write next to the file being saved."""
    return (
        name in _TEMP_NAMES
        or name.endswith(_TEMP_SUFFIXES)
        or name.startswith(".#")
        or (name.startswith("#") and name.endswith("#"))
    )


@dataclass(frozen=True, slots=True)
class WatchPlan:
    """What to watch. Folders are watched recursively, files one by one.

    A change at or under a ``full_rebuild`` path (``portfolio.yaml``, a theme)
    asks for a full build. Nothing at or under an ``ignore`` path (the output and
    cache folders) is ever reported, nor hidden files and editor temporaries.
    """

    paths: tuple[Path, ...]
    full_rebuild: tuple[Path, ...] = ()
    ignore: tuple[Path, ...] = ()

    @classmethod
    def of(
        cls,
        paths: Iterable[Path | str],
        full_rebuild: Iterable[Path | str] = (),
        ignore: Iterable[Path | str] = (),
    ) -> WatchPlan:
        return cls(
            tuple(absolute(p) for p in paths),
            tuple(absolute(p) for p in full_rebuild),
            tuple(absolute(p) for p in ignore),
        )

    def admit(self, reported: str) -> Path | None:
        """The changed path as reported, when a change there should lead to a rebuild.

        Some watchers report paths with symlinked folders resolved (``/private/var``
        for ``/var`` on macOS), so the form with the parent folder resolved is tried
        too; the file's own name is never resolved, so symlinked badges still count.
        """
        path = absolute(reported)
        if self.accepts(path):
            return path
        real = Path(os.path.realpath(path.parent)) / path.name
        return real if real != path and self.accepts(real) else None

    def accepts(self, path: Path) -> bool:
        """True when a change to ``path`` should lead to a rebuild."""
        if _root_of(path, self.ignore) is not None:
            return False
        root = _root_of(path, self.paths)
        if root is None or is_editor_temp(path.name):
            return False
        return not any(part.startswith(".") for part in path.relative_to(root).parts)

    def classify(self, changed: frozenset[Path]) -> frozenset[Path]:
        """The argument for ``rebuild``: the changed paths, or empty for a full build."""
        if any(_root_of(p, self.full_rebuild) is not None for p in changed):
            return FULL_BUILD
        return changed


def _root_of(path: Path, roots: tuple[Path, ...]) -> Path | None:
    """The deepest of ``roots`` (as given, or with symlinks resolved) holding ``path``."""
    found: Path | None = None
    for root in roots:
        for form in (root, _resolved(root)):
            if (path == form or path.is_relative_to(form)) and (
                found is None or len(form.parts) > len(found.parts)
            ):
                found = form
    return found


@functools.lru_cache(maxsize=256)
def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))


class _Relay(FileSystemEventHandler):
    def __init__(self, plan: WatchPlan, sink: Sink) -> None:
        self._plan = plan
        self._sink = sink

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _EVENTS:
            return
        if event.is_directory and event.event_type in ("modified", "attrib", "closed"):
            return
        raw = [event.src_path, event.dest_path] if event.event_type == "moved" else [event.src_path]
        admitted = (self._plan.admit(os.fsdecode(p)) for p in raw if p)
        kept = [p for p in admitted if p is not None]
        if kept:
            self._sink(kept, event.event_type in _SETTLING)


ObserverFactory = Callable[[], BaseObserver]


def native_observer() -> BaseObserver:
    """inotify, FSEvents, kqueue or the Windows API, whichever the platform has."""
    return Observer()


def polling_observer() -> BaseObserver:
    """Scans the folders a few times a second; the fallback when native watching fails."""
    return PollingObserver(timeout=0.25)


class Watcher:
    """Watches the plan's paths and passes accepted changes to ``sink``."""

    def __init__(
        self,
        plan: WatchPlan,
        sink: Sink,
        echo: Callable[[str], None],
        observers: Sequence[ObserverFactory] = (native_observer, polling_observer),
    ) -> None:
        self._relay = _Relay(plan, sink)
        self._plan = plan
        self._echo = echo
        self._factories = observers
        self._observer: BaseObserver | None = None

    def start(self) -> None:
        """Start watching; raises ``ServeError`` when no method of watching works."""
        quiet_watchdog_rewatch()
        targets = self._targets()
        problems: list[str] = []
        for factory in self._factories:
            observer = factory()
            try:
                for folder, recursive in targets:
                    observer.schedule(self._relay, str(folder), recursive=recursive)
                observer.start()
            except OSError as exc:
                problems.append(f"{type(observer).__name__}: {exc}")
                self._echo(f"serve: cannot watch with {problems[-1]}")
                continue
            self._observer = observer
            return
        raise ServeError("cannot watch the site's files (" + "; ".join(problems) + ")")

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None

    def _targets(self) -> list[tuple[Path, bool]]:
        """(folder, recursive) pairs: folders themselves, and the folder of each file."""
        targets: dict[Path, bool] = {}
        for path in self._plan.paths:
            if path.is_dir():
                targets[path] = True
            elif path.parent.is_dir():
                targets.setdefault(path.parent, False)
            else:
                self._echo(f"serve: not watching {path}: it does not exist")
        return list(targets.items())
