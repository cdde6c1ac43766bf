"""The on-disk cache of HTTP answers, under ``.portfolio-cache/http/``.

One JSON file per (URL, Accept) pair, named by their SHA-256, holding the status,
content type, final URL, when it was fetched and the body. Files are written
atomically; an unreadable entry counts as absent.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from portfolio_builder.fetching import FetchResult

FORMAT = 1


class HttpCache:
    def __init__(self, folder: Path, ttl: float, clock: Callable[[], float]) -> None:
        self.folder = folder
        self.ttl = ttl
        self.clock = clock

    def path(self, url: str, accept: str) -> Path:
        name = hashlib.sha256(f"{accept}\n{url}".encode()).hexdigest()
        return self.folder / f"{name}.json"

    def get(self, url: str, accept: str) -> FetchResult | None:
        """The cached answer (``stale`` when older than the TTL), or None."""
        try:
            entry = json.loads(self.path(url, accept).read_text("utf-8"))
            if entry.get("format") != FORMAT or entry.get("url") != url:
                return None
            age = self.clock() - float(entry["fetched_at"])
            return FetchResult(
                url=url,
                final_url=str(entry["final_url"]),
                status=int(entry["status"]),
                content_type=str(entry["content_type"]),
                body=base64.b64decode(entry["body"]),
                from_cache=True,
                redirected=bool(entry.get("redirected")),
                stale=age > self.ttl or age < 0,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, url: str, accept: str, result: FetchResult) -> None:
        entry = {
            "format": FORMAT,
            "url": url,
            "accept": accept,
            "final_url": result.final_url,
            "status": result.status,
            "content_type": result.content_type,
            "redirected": result.redirected,
            "fetched_at": self.clock(),
            "body": base64.b64encode(result.body).decode("ascii"),
        }
        target = self.path(url, accept)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        except OSError:
            return  # a cache that cannot be written only costs a refetch
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(entry, out)
            Path(temp).replace(target)
        except OSError:
            with contextlib.suppress(OSError):
                Path(temp).unlink()
