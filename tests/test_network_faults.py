"""An issuer that misbehaves makes a badge ``unverifiable``, with the reason, in bounded time.

Each fault is served by a real server on 127.0.0.1 (``fault_server.py``) and reached through
the real verification path: a badge file, ``read_badge``, ``verify`` and ``HttpFetcher``.
The time ceiling is derived from the fetcher's limits, with room for a loaded machine.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from badge_factory import assertion, check_file, write_json
from fault_server import FaultServer

from portfolio_builder import http
from portfolio_builder.http import HttpFetcher, Limits
from portfolio_builder.verify.report import Status, VerificationReport

LIMITS = Limits(connect_timeout=1.0, read_timeout=1.0, deadline=3.0, max_bytes=256 * 1024)
# One failed hosted fetch ends verification; allow two full requests and a slow machine.
CEILING = 2 * (LIMITS.deadline + LIMITS.read_timeout + LIMITS.connect_timeout) + 5.0


@pytest.fixture
def faults() -> Iterator[FaultServer]:
    server = FaultServer()
    yield server
    server.close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _verify(
    tmp_path: Path, url: str, allow_private: bool = True
) -> tuple[VerificationReport, float]:
    badge = assertion("https://issuer.example") | {"id": url}
    path = write_json(tmp_path, "badge.json", badge)
    started = time.monotonic()
    with HttpFetcher(
        tmp_path / "cache", allow_private_network=allow_private, limits=LIMITS
    ) as fetcher:
        report = check_file(path, fetcher)
    return report, time.monotonic() - started


def _reason(report: VerificationReport) -> str:
    return next(c.message for c in report.checks if c.id == "hosted.fetch")


FAULTS = [
    ("/slow", "timed out"),
    ("/trickle", "took longer than 3 s"),
    ("/endless", "over the 262,144-byte limit"),
    ("/loop", "more than 5 redirects"),
    ("/html", "is not a JSON object (text/html)"),
    ("/png", "is not a JSON object (image/png)"),
    ("/error", "answered HTTP 500"),
]


@pytest.mark.parametrize(("path", "reason"), FAULTS, ids=[p for p, _ in FAULTS])
def test_a_misbehaving_issuer_gives_unverifiable_in_bounded_time(
    tmp_path: Path, faults: FaultServer, path: str, reason: str
) -> None:
    report, elapsed = _verify(tmp_path, faults.url(path))
    assert report.status is Status.UNVERIFIABLE, report.checks
    assert reason in _reason(report)
    assert elapsed < CEILING
    assert len(faults.hits) <= LIMITS.max_redirects + 1


@pytest.fixture
def slow_dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A resolver that answers for slow-dns.example only when the test ends (as one does
    with no network)."""
    done = threading.Event()
    real = socket.getaddrinfo

    def slow(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "slow-dns.example":
            done.wait(60)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(http.socket, "getaddrinfo", slow)
    yield
    done.set()


UNREACHABLE = [
    ("http://127.0.0.1:{closed}/a.json", "could not be fetched"),  # connection refused
    ("https://issuer.invalid/assertion.json", "cannot resolve issuer.invalid"),  # DNS failure
    ("https://slow-dns.example/assertion.json", "timed out reaching slow-dns.example"),
]


@pytest.mark.usefixtures("slow_dns")
@pytest.mark.parametrize(("url", "reason"), UNREACHABLE, ids=["refused", "dns", "dns-silent"])
def test_an_unreachable_issuer_gives_unverifiable_in_bounded_time(
    tmp_path: Path, url: str, reason: str
) -> None:
    report, elapsed = _verify(tmp_path, url.format(closed=_closed_port()))
    assert report.status is Status.UNVERIFIABLE
    assert reason in _reason(report)
    assert elapsed < CEILING


@pytest.fixture
def public_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fault server's 127.0.0.1 counts as public, so that the redirect's target, not
    the first hop, is what the address rules judge."""
    real = http.refusal
    ours = ipaddress.ip_address("127.0.0.1")
    monkeypatch.setattr(http, "refusal", lambda a: None if a == ours else real(a))


PRIVATE = [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://10.0.0.7/assertion.json", "private"),
    ("http://[::1]/assertion.json", "loopback"),
    ("http://[::ffff:10.0.0.7]/assertion.json", "private"),
    ("http://2852039166/latest/meta-data/", "169.254.169.254 is a link-local"),
    ("file:///etc/passwd", "only http and https"),
]


@pytest.mark.usefixtures("public_loopback")
@pytest.mark.parametrize(("target", "kind"), PRIVATE)
def test_a_redirect_to_a_private_address_is_not_followed(
    tmp_path: Path, faults: FaultServer, target: str, kind: str
) -> None:
    report, elapsed = _verify(tmp_path, faults.url(f"/to?{target}"), allow_private=False)
    assert report.status is Status.UNVERIFIABLE
    assert kind in _reason(report)
    assert faults.hits == [f"/to?{target}"]
    assert elapsed < CEILING
