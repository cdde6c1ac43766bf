"""Reuse a badge's verification report while nothing it depended on can have changed.

A report is kept under ``.portfolio-cache/stages/verify/``, keyed by the badge file's
read key (its bytes, name and format), the owner's identities, the network flags and
the tool's code. With it are kept the answers verification was given (a digest per
URL asked) and the span of time in which it holds. A later build reuses it only when:

* its clock is in that span: from the moment it was checked to the next UTC midnight
  (badges are checked again at least once a day), or to the moment the badge becomes
  valid or expires, if sooner; with ``--now``, only for exactly the same moment;
* every URL verification asked would be answered now, without the network, with the
  same answer (a fresh HTTP cache entry or, offline, the cache or issuer snapshot).

Never kept: badges that depend on a status list (``credentialStatus``), and, online,
badges left ``unverifiable`` (their issuer may answer next time). A reused report keeps
its ``checked_at``: the time the badge was really checked. A damaged entry is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from portfolio_builder.cache import code_stamp, store_whole
from portfolio_builder.fetching import JSON_ACCEPT, Fetcher, FetchResult
from portfolio_builder.model import Badge
from portfolio_builder.pickling import fields_pickled
from portfolio_builder.reading import ReadResult
from portfolio_builder.timestamps import next_midnight
from portfolio_builder.verify import verify
from portfolio_builder.verify.registry import VerifyContext
from portfolio_builder.verify.report import Status, VerificationReport

VERIFY_VERSION = "verify-1"
Asked = tuple[tuple[str, str, str], ...]  # (url, accept, answer digest)


class Peeker(Protocol):
    def peek(self, url: str, accept: str = JSON_ACCEPT) -> FetchResult | None: ...


def answer_digest(answer: FetchResult) -> str:
    """What a check can see of an answer (not whether it came from the cache)."""
    what = (answer.final_url, answer.status, answer.content_type, answer.error)
    h = hashlib.sha256(repr((*what, answer.redirected, answer.recorded_on)).encode())
    h.update(answer.body)
    return h.hexdigest()


class RecordingFetcher:
    """A ``Fetcher`` that remembers every answer it passed on, for one badge."""

    def __init__(self, inner: Fetcher) -> None:
        self.inner = inner
        self.asked: dict[tuple[str, str], str] = {}

    def fetch(self, url: str, accept: str = JSON_ACCEPT) -> FetchResult:
        answer = self.inner.fetch(url, accept)
        self.asked[(url, accept)] = answer_digest(answer)
        return answer

    def fetch_many(self, urls: list[str], accept: str = JSON_ACCEPT) -> dict[str, FetchResult]:
        answers = self.inner.fetch_many(urls, accept)
        for url, answer in answers.items():
            self.asked[(url, accept)] = answer_digest(answer)
        return answers


@fields_pickled
@dataclass(frozen=True, slots=True)
class Kept:
    span: tuple[float, float]
    asked: Asked
    report: VerificationReport


def _moments(badges: tuple[Badge | None, ...]) -> list[float]:
    return [t.timestamp() for b in badges if b for t in (b.issued_on, b.expires) if t]


def _has_status_list(badges: tuple[Badge | None, ...]) -> bool:
    return any(b is not None and "credentialStatus" in b.document for b in badges)


def span_of(read: ReadResult, report: VerificationReport) -> tuple[float, float] | None:
    """When ``report`` holds, or None when it must not be kept."""
    badges = (read.badge, report.badge)
    if _has_status_list(badges):
        return None
    start = report.checked_at.timestamp()
    ends = [next_midnight(report.checked_at), *(m for m in _moments(badges) if m > start)]
    return start, min(ends)


class VerifyCache:
    """``verify`` through the cache; ``exact`` (``--now`` given) reuses only the same moment."""

    def __init__(self, folder: Path, peeker: Peeker, exact: bool = False) -> None:
        self.folder = folder / "stages" / "verify"
        self.peeker = peeker
        self.exact = exact
        self._digests: dict[tuple[str, str], tuple[FetchResult, str]] = {}

    def _key(self, read_key: str, ctx: VerifyContext) -> str:
        what = (VERIFY_VERSION, code_stamp(), read_key, ctx.identities, ctx.offline)
        return hashlib.sha256(repr(what).encode()).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def _still_holds(self, kept: Kept, now: float) -> bool:
        start, end = kept.span
        if not (now == start if self.exact else start <= now < end):
            return False
        for url, accept, digest in kept.asked:
            answer = self.peeker.peek(url, accept)
            if answer is None or self._digest(url, accept, answer) != digest:
                return False
        return True

    def _digest(self, url: str, accept: str, answer: FetchResult) -> str:
        """``answer_digest``, once per answer: badges of one issuer ask for the same."""
        seen = self._digests.get((url, accept))
        if seen is not None and seen[0] is answer:
            return seen[1]
        digest = answer_digest(answer)
        self._digests[(url, accept)] = (answer, digest)
        return digest

    def _load(self, key: str, read: ReadResult, now: float) -> tuple[Kept, str] | None:
        """The kept entry while it holds, and the digest of its bytes (which name it)."""
        with contextlib.suppress(Exception):  # a damaged entry is a miss
            data = self._entry(key).read_bytes()
            kept = pickle.loads(data)
            if isinstance(kept, Kept) and kept.report.file == read.source.display:
                held = self._still_holds(kept, now)
                return (kept, hashlib.sha256(data).hexdigest()) if held else None
        return None

    def verify(
        self, read: ReadResult, read_key: str | None, ctx: VerifyContext
    ) -> tuple[VerificationReport, str | None]:
        """The badge's report, the kept one while it holds, else checked now (and kept);
        with the digest of its entry, or None when it was not kept (it may not repeat)."""
        if read_key is None:
            return verify(read, ctx), None
        key = self._key(read_key, ctx)
        found = self._load(key, read, ctx.now.timestamp())
        if found is not None:
            return found[0].report, found[1]
        recorder = RecordingFetcher(ctx.fetcher)
        report = verify(read, replace(ctx, fetcher=recorder))
        span = span_of(read, report)
        if span is None or (not ctx.offline and report.status is Status.UNVERIFIABLE):
            return report, None
        asked = tuple((u, a, d) for (u, a), d in sorted(recorder.asked.items()))
        data = pickle.dumps(Kept(span, asked, report), protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):
            store_whole(self._entry(key), data)
        return report, hashlib.sha256(data).hexdigest()
