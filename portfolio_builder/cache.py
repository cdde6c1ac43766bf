"""The stage cache under ``.portfolio-cache/``: what a build can reuse from the last one.

* ``read`` results (extraction and normalisation of one badge file) are pickled
  under a key made of the file's SHA-256, the stage version, the tool version and
  what the stage reads besides the bytes (the file's name and format, the size
  limit). The file's size, modification and change times and inode are a fast
  path to its hash; the hash is the truth.
* Generated images (badge images, preview cards, QR codes) are stored under their
  hash-named file name, made once for unchanged inputs, in worker processes on
  every core when there are many. One made from a badge file rewritten while the
  build ran (``badgefile.Changed``) is put aside for that build only.

A damaged or unreadable entry is a miss, never an error. Deleting the folder is
always safe.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import itertools
import multiprocessing
import os
import pickle
import shutil
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from pathlib import Path

from portfolio_builder import __version__
from portfolio_builder.badgefile import Changed
from portfolio_builder.model import SourceFile
from portfolio_builder.reading import DEFAULT_MAX_BYTES, ReadResult, read_badge
from portfolio_builder.sitemodel import Asset

READ_VERSION = "read-1"
ASSET_VERSION = "assets-1"
PARALLEL_FROM = 48  # fewer images are made faster here than by starting workers
CHUNK = 8  # images sent to a worker at a time
Stat = tuple[int, int, int, int]


def file_stat(path: str | os.PathLike[str]) -> Stat | None:
    """What tells a file's bytes may have changed: size, modification and change times
    and inode; None when it cannot be seen."""
    try:
        info = os.stat(path)  # noqa: PTH116 (a string or a path, once per file and build)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _sha_file(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


@functools.cache
def code_stamp() -> str:
    """A digest of the tool's own code files (names, sizes, times): a cache entry made by
    other code is never reused, even between releases."""
    code = Path(__file__).parent
    found = ((p, p.stat()) for p in code.rglob("*.py"))
    stats = sorted((str(p.relative_to(code)), i.st_size, i.st_mtime_ns) for p, i in found)
    return hashlib.sha256(repr((__version__, stats)).encode()).hexdigest()


def store_whole(target: Path, data: bytes) -> None:
    """Write a cache entry whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


class StageCache:
    """One build's view of the cache; ``save()`` keeps what it learnt for the next."""

    def __init__(self, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._index_path = folder / "stages" / f"{READ_VERSION}-index.pickle"
        self._index: dict[str, tuple[Stat, str]] = self._load_index()
        self._seen: dict[str, tuple[Stat, str]] = {}
        self._aside: dict[Path, Path] = {}
        self._aside_folder: Path | None = None
        self._aside_names = itertools.count()

    def _load_index(self) -> dict[str, tuple[Stat, str]]:
        try:
            found = pickle.loads(self._index_path.read_bytes())
        except Exception:  # a damaged index is an empty one
            return {}
        return found if isinstance(found, dict) else {}

    def file_hash(self, path: Path, now: Stat | None = None) -> str | None:
        """The file's SHA-256, from the index when its size, time and inode match (``now``:
        its stat, when the caller has just taken it)."""
        now = now or file_stat(path)
        known = self._index.get(str(path))
        if now is not None and known is not None and known[0] == now:
            self._seen[str(path)] = known
            return known[1]
        digest = _sha_file(path)
        if now is not None and digest is not None:
            self._seen[str(path)] = (now, digest)
        return digest

    def _read_key(self, source: SourceFile, digest: str) -> str:
        what = (READ_VERSION, code_stamp(), self.max_bytes, str(source.path), source.display)
        return hashlib.sha256(repr((*what, str(source.format), digest)).encode()).hexdigest()

    def read(self, source: SourceFile) -> ReadResult:
        """``read_badge(source)``, from the cache when the file's bytes are known."""
        return self.read_keyed(source)[0]

    def read_keyed(self, source: SourceFile) -> tuple[ReadResult, str | None]:
        """The read and its key (None when the file's bytes could not be hashed, or they
        changed while being read): what later stages key their own entries by. A read
        with a key carries its file's SHA-256 (what its images are keyed by)."""
        digest = self.file_hash(source.path)
        if digest is None:
            return read_badge(source, self.max_bytes), None
        key = self._read_key(source, digest)
        entry = self.folder / "stages" / "read" / key[:2] / f"{key}.pickle"
        with contextlib.suppress(Exception):  # a damaged entry is a miss
            found = pickle.loads(entry.read_bytes())
            if isinstance(found, ReadResult) and found.source == source:
                return found, key
        result = read_badge(source, self.max_bytes)
        seen = self._seen.get(str(source.path))
        if seen is None or file_stat(source.path) != seen[0]:  # changed while read
            return result, None
        result = dataclasses.replace(result, sha256=digest)
        store_whole(entry, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        return result, key

    def save(self) -> None:
        """Keep the hashes of the files this build read (only those) for the next."""
        if self._seen != self._index:
            data = pickle.dumps(self._seen, protocol=pickle.HIGHEST_PROTOCOL)
            store_whole(self._index_path, data)

    def asset_file(self, asset: Asset) -> Path:
        """Where the asset's bytes are stored (or were put aside, see ``AssetMaker``)."""
        target = self._asset_target(asset)
        return self._aside.get(target, target)

    def made_aside(self, asset: Asset) -> bool:
        """Whether this build made the asset from a file that changed while it ran."""
        return bool(self._aside) and self._asset_target(asset) in self._aside

    def _asset_target(self, asset: Asset) -> Path:
        name = asset.path.rsplit("/", 1)[-1]
        key = f"{name}.{asset.key}" if asset.key else name
        return self.folder / f"{ASSET_VERSION}-{__version__}" / key[-2:] / key

    def _aside_path(self, target: Path) -> Path:
        """Where an image made from a file that changed during this build is put; what
        an earlier build put aside is cleared first."""
        if self._aside_folder is None:
            self._aside_folder = self.folder / "changed"
            with contextlib.suppress(OSError):
                shutil.rmtree(self._aside_folder)
        return self._aside_folder / f"{os.getpid()}-{next(self._aside_names)}-{target.name}"

    def _note(self, target: Path, put: Path, was_aside: bool) -> None:
        if was_aside:
            self._aside[target] = put


Job = tuple[Callable[[], bytes], Path, Path]  # make, where to store, where to put aside


class AssetMaker:
    """Makes the assets it is offered that are not already stored, each stored whole.

    Once enough wait to be worth sharing out (``PARALLEL_FROM``), they go, a few at a
    time, to worker processes on every core as they are offered, while the build goes
    on (reading badges, rendering pages); the rest are made here at ``finish``. One made
    from a file that changed during the build (``Changed``) is put aside for this build
    only, never stored under its key for a later one. Used as a context manager, its
    workers are stopped on leaving it."""

    def __init__(self, cache: StageCache, workers: int | None = None) -> None:
        self.cache = cache
        self.workers = workers or os.cpu_count() or 1
        self.offered: set[Path] = set()
        self.waiting: list[Job] = []
        self.local: list[Job] = []
        self.sent: list[tuple[list[Job], Future[list[bool]]]] = []
        self.pool: ProcessPoolExecutor | None = None

    def offer(self, asset: Asset) -> None:
        target = self.cache._asset_target(asset)
        if target in self.offered or target.is_file():
            return
        self.offered.add(target)
        job = (asset.make, target, self.cache._aside_path(target))
        # Only partials of module functions can be sent to another process.
        if self.workers < 2 or not isinstance(asset.make, functools.partial):
            self.local.append(job)
            return
        self.waiting.append(job)
        if self.pool is None and len(self.waiting) >= PARALLEL_FROM:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=_context())
        if self.pool is not None and len(self.waiting) >= CHUNK:
            self._send()

    def offer_all(self, assets: Iterable[Asset | None]) -> None:
        for asset in assets:
            if asset is not None:
                self.offer(asset)

    def _send(self) -> None:
        assert self.pool is not None
        jobs, self.waiting = self.waiting, []
        self.sent.append((jobs, self.pool.submit(_make_many, jobs)))

    def finish(self) -> None:
        """Make what is left, and wait until every asset offered is stored."""
        if self.pool is None:
            self.local += self.waiting
            self.waiting = []
        elif self.waiting:
            self._send()
        for make, target, put in self.local:
            self.cache._note(target, put, _make_one(make, target, put))
        self.local = []
        for jobs, future in self.sent:
            for (_, target, put), was_aside in zip(jobs, future.result(), strict=True):
                self.cache._note(target, put, was_aside)
        self.sent = []

    def __enter__(self) -> AssetMaker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (what they were still making is dropped when not finished)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _context() -> BaseContext:
    """Forked workers (quick to start; they only read the build's memory), or, beside
    other threads (the dev server's), where forking is not safe, workers forked from a
    small server process that has imported only the image code."""
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["portfolio_builder.images", "portfolio_builder.qr"])
    return context


def _make_many(jobs: list[Job]) -> list[bool]:
    return [_make_one(make, target, aside) for make, target, aside in jobs]


def _make_one(make: Callable[[], bytes], target: Path, aside: Path) -> bool:
    """Store what ``make`` makes at ``target``, or at ``aside`` (True) when it is
    ``Changed``; nothing when ``target`` is already stored."""
    if target.is_file():
        return False
    data = make()
    changed = isinstance(data, Changed)
    store_whole(aside if changed else target, data)
    return changed
