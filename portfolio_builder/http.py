"""The network: one ``Fetcher`` on httpx, with safety limits and an on-disk cache.

Every GET goes through ``HttpFetcher``. It speaks only http and https, follows at
most a few redirects by hand (checking every hop), refuses private, loopback,
link-local and other non-public addresses *after* DNS resolution (the socket is
opened to the very address that was checked), limits the body size and the time a
request may take, and keeps answers (including 404 and 410) in
``.portfolio-cache/http/`` for a time-to-live. Offline, it answers only from that
cache, stale entries included (flagged ``stale``), as it does when a request fails.
After the cache, and only when
the network is not used (offline, or a request failed), it answers from an issuer
snapshot when one is given (``http_snapshot``), flagged with the day it was recorded.
This is the only module that imports httpx.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpcore
import httpx

from portfolio_builder import http_cache
from portfolio_builder.fetching import JSON_ACCEPT, FetchResult
from portfolio_builder.http_snapshot import IssuerSnapshot

DEFAULT_CACHE_DIR = Path(".portfolio-cache") / "http"
USER_AGENT = "portfolio-builder (Open Badges verifier)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Limits:
    """How long and how much one request may take."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    workers: int = 8


class FetchFailed(Exception):
    """One request could not produce an HTTP answer; the message says why."""


def refusal(address: IPAddress) -> str | None:
    """Why this address is not a public one (None when it is)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return refusal(embedded)
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("unspecified", address.is_unspecified),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    )
    for name, hit in checks:
        if hit:
            return f"{address} is a {name} address"
    return None if address.is_global else f"{address} is not a public address"


def _resolve(host: str, port: int, timeout: float | None) -> list[Any]:
    """getaddrinfo within the connect timeout: the system resolver has its own, far longer
    timeouts, so it runs in a daemon thread that is abandoned when it takes too long."""
    found: list[Any] = []

    def lookup() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            found.append(exc)

    worker = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(timeout)
    if not found:
        raise httpcore.ConnectTimeout(f"timed out resolving {host}")
    if isinstance(found[0], OSError):
        raise httpcore.ConnectError(f"cannot resolve {host}: {found[0]}") from found[0]
    return list(found[0])


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves the host once, checks every address, and connects to a checked one."""

    def __init__(self, allow_private: bool) -> None:
        self._allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        infos = _resolve(host, port, timeout)
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
        if not self._allow_private:
            for address in addresses:
                why = refusal(address)
                if why:
                    raise httpcore.ConnectError(
                        f"refused: {host} resolves to {why} "
                        "(use --allow-private-network to allow it)"
                    )
        failure = httpcore.ConnectError(f"cannot resolve {host}")
        for address in dict.fromkeys(addresses):  # each checked address in turn
            try:
                return super().connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure


class _HostMapTransport(httpx.BaseTransport):
    """Sends requests for mapped host names elsewhere (tests: to a local server)."""

    def __init__(self, inner: httpx.BaseTransport, host_map: Mapping[str, str]) -> None:
        self._inner = inner
        self._map = {host.lower(): httpx.URL(base) for host, base in host_map.items()}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        target = self._map.get(request.url.host.lower())
        if target is not None:
            request.url = request.url.copy_with(
                scheme=target.scheme, host=target.host, port=target.port
            )
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """Loaded once per process: reading the CA bundle is the slow part of a new client."""
    return httpx.create_ssl_context()


def _transport(allow_private: bool, host_map: Mapping[str, str] | None) -> httpx.BaseTransport:
    inner = httpx.HTTPTransport(verify=_ssl_context(), trust_env=False, retries=0)
    # httpx has no public hook for the network backend; replacing its pool is the one
    # way to make every socket go to an address that _GuardedBackend has checked.
    inner._pool = httpcore.ConnectionPool(
        ssl_context=_ssl_context(),
        max_connections=32,
        network_backend=_GuardedBackend(allow_private),
    )
    return _HostMapTransport(inner, host_map) if host_map else inner


class HttpFetcher:
    """A ``Fetcher`` on httpx: safe by default, cached on disk, optionally offline.

    Use one per run: answers (failures included) are also remembered in memory, so a
    badge class shared by many badges, or a dead host, is asked once.
    """

    def __init__(
        self,
        cache_dir: Path | None = DEFAULT_CACHE_DIR,
        *,
        ttl: float = 3600.0,
        offline: bool = False,
        allow_private_network: bool = False,
        host_map: Mapping[str, str] | None = None,
        limits: Limits | None = None,
        clock: Callable[[], float] = time.time,
        transport: httpx.BaseTransport | None = None,
        snapshot: IssuerSnapshot | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self.offline = offline
        self.snapshot = snapshot
        self._allow_private = allow_private_network
        self._cache = http_cache.HttpCache(cache_dir, ttl, clock) if cache_dir else None
        self._memory: dict[tuple[str, str], FetchResult] = {}
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._guard = threading.Lock()
        self._transport = (transport, host_map)
        self._client: httpx.Client | None = None
        self._client_lock = threading.Lock()

    def _http(self) -> httpx.Client:
        """The HTTP client, made on first use: an offline build never needs its TLS setup."""
        with self._client_lock:
            if self._client is None:
                transport, host_map = self._transport
                self._client = httpx.Client(
                    transport=transport or _transport(self._allow_private, host_map),
                    follow_redirects=False,
                    trust_env=False,
                    verify=_ssl_context(),
                    headers={"User-Agent": USER_AGENT},
                )
            return self._client

    def next_stale(self, after: float) -> float | None:
        """When the next cached answer fresh at ``after`` (a ``clock`` time) goes stale."""
        return self._cache.next_stale(after) if self._cache else None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cache is not None:
            self._cache.close()

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, accept: str = JSON_ACCEPT) -> FetchResult:
        key = (url, accept)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._memory:
                self._memory[key] = self._fetch_uncached(url, accept)
            return self._memory[key]

    def fetch_many(self, urls: list[str], accept: str = JSON_ACCEPT) -> dict[str, FetchResult]:
        unique = list(dict.fromkeys(urls))
        if not unique:
            return {}
        workers = max(1, min(self.limits.workers, len(unique)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = pool.map(lambda u: self.fetch(u, accept), unique)
            return dict(zip(unique, results, strict=True))

    def _fetch_uncached(self, url: str, accept: str) -> FetchResult:
        here, cached = self._answer_here(url, accept)
        if here is not None:
            return here
        try:
            result = self._get(url, accept)
        except FetchFailed as exc:  # the issuer is unreachable: the cache, then the snapshot
            return cached or self._recorded(url) or _failure(url, str(exc))
        if self._cache is not None and result.status is not None and result.status < 500:
            self._cache.put(url, accept, result)
        return result

    def peek(self, url: str, accept: str = JSON_ACCEPT) -> FetchResult | None:
        """What ``fetch`` would answer now without the network; None when it would need it."""
        known = self._memory.get((url, accept))
        if known is not None:
            return known
        if self.offline:  # offline, a fetch answers from here too: keep it as a fetch would
            return self.fetch(url, accept)
        return self._answer_here(url, accept)[0]

    def _answer_here(self, url: str, accept: str) -> tuple[FetchResult | None, FetchResult | None]:
        """(the answer without the network, or None when it needs it; the cached answer)"""
        cached = self._cache.get(url, accept) if self._cache else None
        if cached is not None and (self.offline or not cached.stale):
            return cached, cached
        if not self.offline:
            return None, cached
        where = "the cache or the issuer snapshot" if self.snapshot else "the cache"
        failure = _failure(url, f"offline, and this address is not in {where}")
        return self._recorded(url) or failure, cached

    def _recorded(self, url: str) -> FetchResult | None:
        """The snapshot's answer, unless the network would refuse its address or size."""
        answer = self.snapshot.answer(url) if self.snapshot else None
        if answer is None:
            return None
        limit = self.limits.max_bytes
        if len(answer.body) > limit:
            return _failure(url, f"the issuer snapshot's answer is over the {limit:,}-byte limit")
        why = None if self._allow_private else _literal_refusal(url)
        if why:
            return _failure(url, f"refused: the issuer snapshot's answer for {why}")
        return answer

    def _get(self, url: str, accept: str) -> FetchResult:
        """GET with redirects followed by hand, every hop checked anew."""
        started = time.monotonic()
        current, redirected = url, False
        for _hop in range(self.limits.max_redirects + 1):
            status, headers, body = self._one(current, accept, started)
            location = headers.get("location")
            if status in REDIRECTS and location:
                current, redirected = urljoin(current, location), True
                continue
            content_type = headers.get("content-type", "")
            return FetchResult(url, current, status, content_type, body, redirected=redirected)
        raise FetchFailed(f"more than {self.limits.max_redirects} redirects")

    def _one(self, url: str, accept: str, started: float) -> tuple[int, httpx.Headers, bytes]:
        if not url.lower().startswith(("http://", "https://")):
            raise FetchFailed(f"only http and https addresses are fetched, not {url[:60]!r}")
        remaining = self.limits.deadline - (time.monotonic() - started)
        if remaining <= 0:
            raise FetchFailed(f"took longer than {self.limits.deadline:g} s")
        timeout = httpx.Timeout(
            min(self.limits.read_timeout, remaining),
            connect=min(self.limits.connect_timeout, remaining),
        )
        try:
            client = self._http()
            request = client.build_request("GET", url, headers={"Accept": accept}, timeout=timeout)
            response = client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise FetchFailed(f"timed out reaching {_host(url)}") from exc
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            raise FetchFailed(str(exc) or type(exc).__name__) from exc
        try:
            body = self._read(response, started)
        finally:
            response.close()
        return response.status_code, response.headers, body

    def _read(self, response: httpx.Response, started: float) -> bytes:
        limit = self.limits.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchFailed(f"answer is {int(declared):,} bytes, over the {limit:,}-byte limit")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchFailed(f"answer is over the {limit:,}-byte limit")
                if time.monotonic() - started > self.limits.deadline:
                    raise FetchFailed(f"took longer than {self.limits.deadline:g} s")
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise FetchFailed("timed out reading the answer") from exc
        except httpx.HTTPError as exc:
            raise FetchFailed(str(exc) or type(exc).__name__) from exc
        return b"".join(chunks)


def _host(url: str) -> str:
    try:
        return httpx.URL(url).host or url
    except httpx.InvalidURL:
        return url


def _literal_refusal(url: str) -> str | None:
    """Why an address is not public, when its host alone says so (an IP or localhost)."""
    host = _host(url).strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return f"{host}, a loopback name"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    return refusal(address)


def _failure(url: str, why: str) -> FetchResult:
    return FetchResult(url, url, None, "", b"", error=why)
