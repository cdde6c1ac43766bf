"""The network module against a real local server: safety rules, cache, offline."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest
from issuer_server import Answer, IssuerServer, redirect

from portfolio_builder.http import HttpFetcher, Limits, refusal


def fetcher(tmp_path: Path, **options: object) -> HttpFetcher:
    options.setdefault("allow_private_network", True)
    return HttpFetcher(tmp_path / "cache", **options)  # type: ignore[arg-type]


def test_fetches_json_from_the_local_issuer(tmp_path: Path, issuer_server: IssuerServer) -> None:
    url = issuer_server.add_json("/a.json", {"hello": "world"})
    with fetcher(tmp_path) as http:
        result = http.fetch(url)
    assert result.ok and result.status == 200
    assert result.body == b'{"hello": "world"}'
    assert result.content_type == "application/json"
    assert not result.from_cache


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_refuses_loopback_without_the_flag(
    tmp_path: Path, issuer_server: IssuerServer, host: str
) -> None:
    issuer_server.add_json("/a.json", {})
    url = issuer_server.url("/a.json").replace("127.0.0.1", host)
    with fetcher(tmp_path, allow_private_network=False) as http:
        result = http.fetch(url)
    assert result.status is None
    assert result.error is not None and "refused" in result.error
    assert "loopback" in result.error
    assert issuer_server.hits == []


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "not a public"),
    ],
)
def test_non_public_addresses_are_named(address: str, kind: str) -> None:
    why = refusal(ipaddress.ip_address(address))
    assert why is not None and kind in why


def test_public_addresses_pass() -> None:
    assert refusal(ipaddress.ip_address("93.184.216.34")) is None
    assert refusal(ipaddress.ip_address("2606:2800:220:1::1")) is None


def test_host_map_sends_a_named_host_to_the_local_server(
    tmp_path: Path, issuer_server: IssuerServer
) -> None:
    issuer_server.add_json("/badge.json", {"ok": True})
    http = fetcher(tmp_path, host_map=issuer_server.host_map("example.org"))
    result = http.fetch("https://example.org/badge.json")
    assert result.ok and result.final_url == "https://example.org/badge.json"
    assert issuer_server.hits == ["/badge.json"]


def test_redirects_are_followed(tmp_path: Path, issuer_server: IssuerServer) -> None:
    issuer_server.add("/old", redirect("/new"))
    issuer_server.add_json("/new", {"moved": True})
    with fetcher(tmp_path) as http:
        result = http.fetch(issuer_server.url("/old"))
    assert result.ok and result.redirected
    assert result.final_url == issuer_server.url("/new")


def test_redirect_to_another_scheme_is_refused(tmp_path: Path, issuer_server: IssuerServer) -> None:
    issuer_server.add("/bounce", redirect("file:///etc/passwd"))
    with fetcher(tmp_path) as http:
        result = http.fetch(issuer_server.url("/bounce"))
    assert result.error is not None and "only http and https" in result.error


def test_too_many_redirects(tmp_path: Path, issuer_server: IssuerServer) -> None:
    issuer_server.add("/loop", redirect("/loop"))
    with fetcher(tmp_path, limits=Limits(max_redirects=3)) as http:
        result = http.fetch(issuer_server.url("/loop"))
    assert result.error == "more than 3 redirects"
    assert len(issuer_server.hits) == 4


def test_body_size_limit(tmp_path: Path, issuer_server: IssuerServer) -> None:
    url = issuer_server.add("/big", Answer(200, "application/json", b"x" * 5000))
    with fetcher(tmp_path, limits=Limits(max_bytes=1000)) as http:
        result = http.fetch(url)
    assert result.error is not None and "1,000-byte limit" in result.error


def test_read_timeout(tmp_path: Path, issuer_server: IssuerServer) -> None:
    issuer_server.delay = 1.0
    url = issuer_server.add_json("/slow", {})
    with fetcher(tmp_path, limits=Limits(read_timeout=0.2, deadline=0.5)) as http:
        result = http.fetch(url)
    assert result.error is not None and "timed out" in result.error


def test_only_http_and_https(tmp_path: Path) -> None:
    with fetcher(tmp_path) as http:
        result = http.fetch("ftp://example.org/badge.json")
    assert result.error is not None and "only http and https" in result.error


def test_answers_are_cached_on_disk_across_runs(
    tmp_path: Path, issuer_server: IssuerServer
) -> None:
    url = issuer_server.add_json("/a.json", {"n": 1})
    gone = issuer_server.add("/gone", Answer(410, "application/json", b'{"revoked":true}'))
    with fetcher(tmp_path) as http:
        http.fetch(url)
        http.fetch(gone)
    with fetcher(tmp_path) as again:
        cached, cached_gone = again.fetch(url), again.fetch(gone)
    assert cached.from_cache and cached.body == b'{"n": 1}'
    assert cached_gone.from_cache and cached_gone.status == 410
    assert issuer_server.hits == ["/a.json", "/gone"]
    assert (tmp_path / "cache" / "answers.sqlite3").is_file()


def test_stale_entries_are_refetched(tmp_path: Path, issuer_server: IssuerServer) -> None:
    url = issuer_server.add_json("/a.json", {"n": 1})
    clock = [1000.0]
    with fetcher(tmp_path, ttl=60, clock=lambda: clock[0]) as http:
        http.fetch(url)
    clock[0] += 61
    with fetcher(tmp_path, ttl=60, clock=lambda: clock[0]) as http:
        result = http.fetch(url)
    assert not result.from_cache
    assert issuer_server.hits == ["/a.json", "/a.json"]


def test_offline_uses_only_the_cache(tmp_path: Path, issuer_server: IssuerServer) -> None:
    url = issuer_server.add_json("/a.json", {"n": 1})
    clock = [1000.0]
    with fetcher(tmp_path, ttl=60, clock=lambda: clock[0]) as http:
        http.fetch(url)
    clock[0] += 3600
    with fetcher(tmp_path, ttl=60, clock=lambda: clock[0], offline=True) as offline:
        stale = offline.fetch(url)
        missing = offline.fetch(issuer_server.url("/never-fetched.json"))
    assert stale.ok and stale.from_cache and stale.stale
    assert missing.error is not None and "offline" in missing.error
    assert issuer_server.hits == ["/a.json"]


def test_fetch_many_runs_concurrently(tmp_path: Path, issuer_server: IssuerServer) -> None:
    issuer_server.delay = 0.3
    urls = [issuer_server.add_json(f"/{n}.json", {"n": n}) for n in range(6)]
    with fetcher(tmp_path) as http:
        found = http.fetch_many([*urls, urls[0]])
    assert sorted(found) == sorted(urls)
    assert all(r.ok for r in found.values())
    assert len(issuer_server.hits) == 6
    assert issuer_server.max_in_flight > 1
