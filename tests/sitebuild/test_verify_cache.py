"""A badge's verification is reused only while everything it depended on is unchanged:
its file, the issuer's answers, the moment (with ``--now``) and the owner's identities."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sitebuild.kit import assertion, build, write_badge, write_config


def _snapshot(site: Path, hosted: dict[str, Any]) -> None:
    answer = {"status": 200, "body": hosted}
    data = {"recorded": "2025-05-20", "answers": {hosted["id"]: answer}}
    (site / "issuer-snapshot.json").write_text(json.dumps(data), "utf-8")


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write_config(site, "issuer_snapshot: issuer-snapshot.json\n")
    write_badge(site, "one", assertion(1))
    write_badge(site, "two", assertion(2))
    _snapshot(site, assertion(1))
    return site


def _statuses(site: Path) -> dict[str, str]:
    found = {}
    for path in (site / "output" / "badges").glob("*/verification.json"):
        data = json.loads(path.read_text("utf-8"))
        found[path.parent.name.split("-")[2]] = data["status"]
    return found


def test_a_changed_issuer_answer_is_checked_again(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    assert _statuses(site) == {"1": "valid", "2": "unverifiable"}
    _snapshot(site, assertion(1, revoked=True, revocationReason="Issued by mistake"))
    assert build(site).exit_code == 0
    assert _statuses(site) == {"1": "revoked", "2": "unverifiable"}


def test_another_moment_is_checked_again(tmp_path: Path) -> None:
    site = _site(tmp_path)
    write_badge(site, "one", assertion(1, expires="2030-01-01T00:00:00Z"))
    _snapshot(site, assertion(1, expires="2030-01-01T00:00:00Z"))
    assert build(site).exit_code == 0
    assert _statuses(site)["1"] == "valid"
    assert build(site, "--now", "2031-01-01T00:00:00Z").exit_code == 0
    assert _statuses(site)["1"] == "expired"
    page = next((site / "output" / "badges").glob("*-1-*/verification.json"))
    assert json.loads(page.read_text("utf-8"))["checked_at"] == "2031-01-01T00:00:00+00:00"


def test_an_owner_email_added_is_checked_again(tmp_path: Path) -> None:
    site = _site(tmp_path)
    email = "sam@example.org"
    identity = "sha256$" + hashlib.sha256(f"{email}pepper".encode()).hexdigest()
    hosted = assertion(1, recipient={"type": "email", "hashed": True, "salt": "pepper",
                                     "identity": identity})  # fmt: skip
    write_badge(site, "one", hosted)
    _snapshot(site, hosted)
    assert build(site).exit_code == 0
    report = next((site / "output" / "badges").glob("*-1-*/verification.json"))
    before = json.loads(report.read_text("utf-8"))["checks"]
    assert build(site, "--email", email).exit_code == 0
    after = json.loads(report.read_text("utf-8"))["checks"]
    recipient = [c for c in after if c["id"] == "recipient"]
    assert recipient and recipient[0]["result"] == "pass"
    assert before != after
