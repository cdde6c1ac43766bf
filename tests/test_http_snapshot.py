"""The issuer snapshot in the network layer: recorded answers used only when the network
is not, flagged as recorded, never cached, never a way to reach private addresses."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from badge_factory import assertion, badge_class, check_file, issuer, message, write_png
from issuer_server import IssuerServer

from portfolio_builder.http import HttpFetcher, Limits
from portfolio_builder.http_cache import HttpCache
from portfolio_builder.http_snapshot import SnapshotError, load_snapshot
from portfolio_builder.verify.report import Status

BASE = "https://issuer.example"


def write_snapshot(path: Path, answers: dict[str, Any], recorded: str = "2025-12-01") -> Path:
    path.write_text(json.dumps({"recorded": recorded, "answers": answers}), "utf-8")
    return path


def recorded(body: Any, status: int = 200, **extra: Any) -> dict[str, Any]:
    return {"status": status, "content_type": "application/ld+json", "body": body, **extra}


def fetcher(tmp_path: Path, snapshot: Path | None, **options: Any) -> HttpFetcher:
    loaded = load_snapshot(snapshot) if snapshot else None
    return HttpFetcher(tmp_path / "cache", snapshot=loaded, **options)


def issuer_answers() -> dict[str, Any]:
    return {
        f"{BASE}/assertion.json": recorded(assertion(BASE)),
        f"{BASE}/badge.json": recorded(badge_class(BASE)),
        f"{BASE}/issuer.json": recorded(issuer(BASE), recorded="2025-11-30T10:00:00Z"),
    }


def test_offline_a_hosted_badge_verifies_from_recorded_answers(tmp_path: Path) -> None:
    snapshot = write_snapshot(tmp_path / "snap.json", issuer_answers())
    badge = write_png(tmp_path, "b.png", json.dumps(assertion(BASE)))
    with fetcher(tmp_path, snapshot, offline=True) as http:
        report = check_file(badge, http)
    assert report.status is Status.VALID
    note = "(from the issuer snapshot recorded on 2025-12-01)"
    assert message(report, "hosted.fetch").endswith(note)
    assert message(report, "issuer.fetch").endswith("recorded on 2025-11-30)")


def test_offline_an_issuer_missing_from_the_snapshot_is_unverifiable(tmp_path: Path) -> None:
    answers = issuer_answers()
    del answers[f"{BASE}/assertion.json"]
    snapshot = write_snapshot(tmp_path / "snap.json", answers)
    badge = write_png(tmp_path, "b.png", json.dumps(assertion(BASE)))
    with fetcher(tmp_path, snapshot, offline=True) as http:
        report = check_file(badge, http)
    assert report.status is Status.UNVERIFIABLE
    assert "not in the cache or the issuer snapshot" in message(report, "hosted.fetch")


def test_a_recorded_410_revokes(tmp_path: Path) -> None:
    answers = issuer_answers()
    answers[f"{BASE}/assertion.json"] = recorded({"revoked": True}, status=410)
    snapshot = write_snapshot(tmp_path / "snap.json", answers)
    badge = write_png(tmp_path, "b.png", json.dumps(assertion(BASE)))
    with fetcher(tmp_path, snapshot, offline=True) as http:
        report = check_file(badge, http)
    assert report.status is Status.REVOKED
    assert "HTTP 410" in message(report, "hosted.fetch")
    assert "issuer snapshot recorded on 2025-12-01" in message(report, "hosted.fetch")


def _mapped(tmp_path: Path, server: IssuerServer, snapshot: Path, **options: Any) -> HttpFetcher:
    return fetcher(
        tmp_path,
        snapshot,
        host_map=server.host_map("issuer.example"),
        allow_private_network=True,
        **options,
    )


def test_online_the_live_answer_wins(tmp_path: Path, issuer_server: IssuerServer) -> None:
    issuer_server.add_json("/a.json", {"live": True})
    snapshot = write_snapshot(tmp_path / "snap.json", {f"{BASE}/a.json": recorded({"old": 1})})
    with _mapped(tmp_path, issuer_server, snapshot) as http:
        result = http.fetch(f"{BASE}/a.json")
    assert json.loads(result.body) == {"live": True}
    assert result.recorded_on is None
    assert issuer_server.hits == ["/a.json"]


def test_a_cached_answer_wins_over_the_snapshot_offline(
    tmp_path: Path, issuer_server: IssuerServer
) -> None:
    issuer_server.add_json("/a.json", {"live": True})
    snapshot = write_snapshot(tmp_path / "snap.json", {f"{BASE}/a.json": recorded({"old": 1})})
    with _mapped(tmp_path, issuer_server, snapshot) as http:
        http.fetch(f"{BASE}/a.json")
    with _mapped(tmp_path, issuer_server, snapshot, offline=True) as http:
        result = http.fetch(f"{BASE}/a.json")
    assert json.loads(result.body) == {"live": True}
    assert result.from_cache and result.recorded_on is None


def test_a_stale_cached_answer_wins_over_the_snapshot_when_the_issuer_is_down(
    tmp_path: Path, issuer_server: IssuerServer
) -> None:
    issuer_server.add_json("/a.json", {"live": True})
    snapshot = write_snapshot(tmp_path / "snap.json", {f"{BASE}/a.json": recorded({"old": 1})})
    with _mapped(tmp_path, issuer_server, snapshot, clock=lambda: 1000.0) as http:
        http.fetch(f"{BASE}/a.json")
    issuer_server.close()
    with _mapped(tmp_path, issuer_server, snapshot, clock=lambda: 99999.0) as http:
        result = http.fetch(f"{BASE}/a.json")
    assert json.loads(result.body) == {"live": True}
    assert result.stale and result.recorded_on is None


def test_online_the_snapshot_answers_when_the_issuer_is_unreachable(tmp_path: Path) -> None:
    down = IssuerServer()
    down.close()  # its port now refuses connections
    snapshot = write_snapshot(tmp_path / "snap.json", {f"{BASE}/a.json": recorded({"old": 1})})
    with _mapped(tmp_path, down, snapshot) as http:
        result = http.fetch(f"{BASE}/a.json")
    assert result.ok and json.loads(result.body) == {"old": 1}
    assert result.recorded_on == "2025-12-01"


def test_recorded_answers_are_never_written_to_the_cache(tmp_path: Path) -> None:
    snapshot = write_snapshot(tmp_path / "snap.json", {f"{BASE}/a.json": recorded({"old": 1})})
    with fetcher(tmp_path, snapshot, offline=True) as http:
        assert http.fetch(f"{BASE}/a.json").ok
    cache = HttpCache(tmp_path / "cache", 3600.0, time.time)
    assert cache.get(f"{BASE}/a.json", "application/json") is None
    assert snapshot.read_text("utf-8").count("old") == 1


@pytest.mark.parametrize("offline", [True, False])
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "169.254.169.254"])
def test_a_snapshot_never_answers_for_private_addresses(
    tmp_path: Path, issuer_server: IssuerServer, offline: bool, host: str
) -> None:
    issuer_server.add_json("/a.json", {"secret": True})
    port = issuer_server.base.rsplit(":", 1)[1]
    url = f"http://{host}:{port}/a.json"
    snapshot = write_snapshot(tmp_path / "snap.json", {url: recorded({"planted": True})})
    with fetcher(tmp_path, snapshot, offline=offline) as http:
        result = http.fetch(url)
    assert not result.ok and result.error is not None and "refused" in result.error
    assert issuer_server.hits == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('{"answers": {}}', "'recorded' is a required property"),
        ('{"recorded": "the first of December", "answers": {}}', "not an ISO 8601 date"),
        ('{"recorded": "2025-12-01", "answers": {"file:///etc/passwd": '
         '{"status": 200, "body": "x"}}}', "does not match"),
        ('{"recorded": "2025-12-01", "answers": {"https://a.example/x": '
         '{"status": 302, "body": ""}}}', "a redirect"),
        ('{"recorded": "2025-12-01", "answers": {"https://a.example/x": '
         '{"status": 200, "body": 5}}}', "is not of type"),
        ('{"recorded": "2025-12-01", "answers": {"https://a.example/x": '
         '{"status": 200, "body": "", "path": "/etc/passwd"}}}', "Additional properties"),
    ],
)  # fmt: skip
def test_a_malformed_snapshot_names_the_file_and_the_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "snap.json"
    path.write_text(content, "utf-8")
    with pytest.raises(SnapshotError) as caught:
        load_snapshot(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)


def test_a_recorded_answer_keeps_to_the_size_limit(tmp_path: Path) -> None:
    big = {f"{BASE}/a.json": recorded("x" * 2048)}
    snapshot = write_snapshot(tmp_path / "snap.json", big)
    with fetcher(tmp_path, snapshot, offline=True, limits=Limits(max_bytes=1024)) as http:
        result = http.fetch(f"{BASE}/a.json")
    assert not result.ok and result.error is not None and "1,024-byte limit" in result.error
