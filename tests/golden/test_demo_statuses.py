"""The demo shows every Open Badges version and every status, offline, at any later date."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from portfolio_builder.cli import cli

from golden.tree import NOW, REPO

VERSIONS = {"0.5", "1.0", "1.1", "2.0", "3.0"}
STATUSES = {"valid", "expired", "revoked", "invalid", "unverifiable"}


def demo_reports(now: str) -> list[dict[str, object]]:
    args = ["verify", str(REPO / "content" / "badges"), "--offline", "--now", now]
    args += ["--snapshot", str(REPO / "issuer-snapshot.json"), "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output  # not every demo badge is valid, on purpose
    reports: list[dict[str, object]] = json.loads(result.stdout)
    return reports


@pytest.fixture(scope="module")
def at_golden_time() -> list[dict[str, object]]:
    return demo_reports(NOW)


def test_every_version_and_status_is_shown(at_golden_time: list[dict[str, object]]) -> None:
    assert {r["version"] for r in at_golden_time} == VERSIONS
    assert {r["status"] for r in at_golden_time} == STATUSES
    valid = {r["version"] for r in at_golden_time if r["status"] == "valid"}
    assert valid == {"1.0", "1.1", "2.0", "3.0"}
    revoked = {r["version"] for r in at_golden_time if r["status"] == "revoked"}
    assert revoked == {"2.0", "3.0"}  # hosted HTTP 410 and an OB 3.0 status list


def test_both_ob3_securing_methods_are_valid(at_golden_time: list[dict[str, object]]) -> None:
    passed = {
        c["id"]
        for r in at_golden_time
        if r["status"] == "valid" and r["version"] == "3.0"
        for c in r["checks"]  # type: ignore[attr-defined]
        if c["result"] == "pass"
    }
    assert {"vc-jwt", "vc-proof"} <= passed


def test_only_the_tampered_badge_is_invalid(at_golden_time: list[dict[str, object]]) -> None:
    invalid = [r["file"] for r in at_golden_time if r["status"] == "invalid"]
    assert [str(f).rsplit("/", 1)[1] for f in invalid] == ["ob30-tampered.png"]


def test_the_statuses_hold_at_a_later_date(at_golden_time: list[dict[str, object]]) -> None:
    later = demo_reports("2036-06-01T00:00:00Z")
    assert [(r["file"], r["status"]) for r in later] == [
        (r["file"], r["status"]) for r in at_golden_time
    ]
