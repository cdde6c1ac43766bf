"""The on-disk cache of HTTP answers: one SQLite file in ``.portfolio-cache/http/``.

Each (URL, Accept) pair keeps its status, content type, final URL, when it was
fetched and the body. One file (rather than one per answer) keeps a warm rebuild
fast. A cache that cannot be opened, read or written only costs a refetch.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from portfolio_builder.fetching import FetchResult

FILE_NAME = "answers.sqlite3"
PRELOAD_LIMIT = 64 * 1024
Row = tuple[str, int, str, int, float, bytes]
COLUMNS = "final_url, status, content_type, redirected, fetched_at, body"
SCHEMA = """
create table if not exists answer (
    url text not null, accept text not null, final_url text not null,
    status integer not null, content_type text not null, redirected integer not null,
    fetched_at real not null, body blob not null,
    primary key (url, accept)
)
"""


class HttpCache:
    def __init__(self, folder: Path, ttl: float, clock: Callable[[], float]) -> None:
        self.path = folder / FILE_NAME
        self.ttl = ttl
        self.clock = clock
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._rows: dict[tuple[str, str], Row] | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
                db.execute("pragma journal_mode = wal")
                db.execute("pragma synchronous = normal")
                db.execute(SCHEMA)
                self._db = db
            except (OSError, sqlite3.Error):
                return None
        return self._db

    def _preload(self, db: sqlite3.Connection) -> dict[tuple[str, str], Row]:
        """Every small answer at once: one query instead of one per badge on a rebuild."""
        if self._rows is None:
            query = f"select url, accept, {COLUMNS} from answer where length(body) <= ?"
            try:
                rows = db.execute(query, (PRELOAD_LIMIT,)).fetchall()
            except sqlite3.Error:
                rows = []
            self._rows = {(r[0], r[1]): tuple(r[2:]) for r in rows}
        return self._rows

    def _row(self, url: str, accept: str) -> Row | None:
        with self._lock:
            db = self._connect()
            if db is None:
                return None
            row = self._preload(db).get((url, accept))
            if row is not None:
                return row
            query = f"select {COLUMNS} from answer where url = ? and accept = ?"
            try:
                found = db.execute(query, (url, accept)).fetchone()
            except sqlite3.Error:
                return None
            return tuple(found) if found else None

    def get(self, url: str, accept: str) -> FetchResult | None:
        """The cached answer (``stale`` when older than the TTL), or None."""
        row = self._row(url, accept)
        if row is None:
            return None
        final_url, status, content_type, redirected, fetched_at, body = row
        age = self.clock() - float(fetched_at)
        return FetchResult(
            url,
            str(final_url),
            int(status),
            str(content_type),
            bytes(body),
            from_cache=True,
            redirected=bool(redirected),
            stale=age > self.ttl or age < 0,
        )

    def put(self, url: str, accept: str, result: FetchResult) -> None:
        row = (
            url,
            accept,
            result.final_url,
            result.status,
            result.content_type,
            int(result.redirected),
            self.clock(),
            result.body,
        )
        with self._lock:
            db = self._connect()
            if db is None:
                return
            try:
                with db:
                    db.execute("insert or replace into answer values (?, ?, ?, ?, ?, ?, ?, ?)", row)
            except sqlite3.Error:
                return
            if self._rows is not None:
                self._rows.pop((url, accept), None)

    def next_stale(self, after: float) -> float | None:
        """When the next answer still fresh at ``after`` goes stale, or None."""
        with self._lock:
            db = self._connect()
            query = "select min(fetched_at) from answer where fetched_at + ? > ?"
            try:
                found = db.execute(query, (self.ttl, after)).fetchone() if db else None
            except sqlite3.Error:
                return after  # unknown: treat every answer as going stale now
        return float(found[0]) + self.ttl if found and found[0] is not None else None

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
