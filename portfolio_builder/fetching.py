"""The interface every network user goes through. ``http.py`` implements it.

Verification never imports an HTTP library: it is handed a ``Fetcher``. Tests pass
a fake or a real fetcher pointed at a local server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

JSON_ACCEPT = "application/ld+json, application/json;q=0.9, */*;q=0.1"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of one GET. ``error`` is set when no HTTP answer was had at all
    (refused address, timeout, DNS failure, offline without cache, body too large).
    ``stale`` marks an answer taken from the cache after its time-to-live (offline, or
    when the issuer could not be reached);
    ``recorded_on`` (a day) an answer from the issuer snapshot rather than the issuer."""

    url: str
    final_url: str
    status: int | None
    content_type: str
    body: bytes
    error: str | None = None
    from_cache: bool = False
    redirected: bool = False
    stale: bool = False
    recorded_on: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300


def source_note(answer: FetchResult) -> str:
    """Where an answer came from, when not straight from the issuer (for check messages)."""
    if answer.recorded_on:
        return f" (from the issuer snapshot recorded on {answer.recorded_on})"
    if answer.stale:
        return " (a cached copy older than the cache's time-to-live)"
    return " (from the cache)" if answer.from_cache else ""


class Fetcher(Protocol):
    def fetch(self, url: str, accept: str = JSON_ACCEPT) -> FetchResult:
        """GET one URL, following the fetcher's own safety rules."""
        ...

    def fetch_many(self, urls: list[str], accept: str = JSON_ACCEPT) -> dict[str, FetchResult]:
        """GET several URLs concurrently."""
        ...
