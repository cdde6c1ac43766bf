"""Moodle-style badges (see ../shared/docs/MOODLE.md): OBv1 and OBv2 shapes baked as
PHP-escaped JSON before IEND, the pre-3.6 tEXt URL, 410 + {"revoked": true}, a changed
site salt, and the 5.1 redirect to the new JSON endpoint."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from badge_factory import OWNER, check_file, message, recipient, results, tiny_png
from issuer_server import Answer, IssuerServer, redirect

from portfolio_builder.bake import bake_png, bake_png_chunk
from portfolio_builder.http import HttpFetcher
from portfolio_builder.verify.report import Status

HASH = "aca8402d5b9c1669b0f54e62fb59aaaaf78ebada"
IMAGE = "data:image/png;base64," + base64.b64encode(tiny_png()).decode()


def php_json(document: Any) -> str:
    """json_encode with default flags: compact, '/' escaped."""
    return json.dumps(document, separators=(",", ":")).replace("/", "\\/")


def php_answer(document: Any, status: int = 200) -> Answer:
    return Answer(status, "application/json; charset=utf-8", php_json(document).encode())


def obv1(base: str, salt: str = "badges1704067200", **extra: Any) -> dict[str, Any]:
    url = f"{base}/badges/assertion.php?b={HASH}"
    return {
        "uid": HASH,
        "recipient": recipient(OWNER, salt),
        "badge": f"{url}&action=1",
        "verify": {"type": "hosted", "url": f"{url}&obversion=1"},
        "issuedOn": "1733097600",
        "evidence": f"{base}/badges/badge.php?hash={HASH}",
        **extra,
    }


def obv2(base: str, salt: str = "badges1704067200", **extra: Any) -> dict[str, Any]:
    url = f"{base}/badges/assertion.php?b={HASH}&obversion=2"
    context = "https://w3id.org/openbadges/v2"
    issuer = {
        "name": "Example Moodle Academy",
        "url": base,
        "email": "badges@example.org",
        "@context": context,
        "id": f"{base}/badges/issuer_json.php?id=2",
        "type": "Issuer",
    }
    badge = {
        "name": "Data Wrangling",
        "description": "Cleaned data.",
        "image": IMAGE,
        "criteria": {"id": f"{base}/badges/badge.php?hash={HASH}", "narrative": "* Pass"},
        "issuer": issuer,
        "@context": context,
        "id": f"{base}/badges/badge_json.php?id=2",
        "type": "BadgeClass",
        "version": "",
        "@language": "en",
    }
    return {
        "recipient": recipient(OWNER, salt),
        "badge": badge,
        "verify": {"type": "hosted", "url": url},
        "issuedOn": "2024-12-02T00:00:00+01:00",
        "evidence": f"{base}/badges/badge.php?hash={HASH}",
        **extra,
        "@context": context,
        "type": "Assertion",
        "id": url,
    }


@pytest.fixture
def http(tmp_path: Path) -> Iterator[HttpFetcher]:
    with HttpFetcher(tmp_path / "cache", allow_private_network=True) as fetcher:
        yield fetcher


@pytest.fixture
def moodle(issuer_server: IssuerServer) -> IssuerServer:
    base = issuer_server.base
    prefix = f"/badges/assertion.php?b={HASH}"
    issuer_server.add(f"{prefix}&obversion=1", php_answer(obv1(base)))
    issuer_server.add(f"{prefix}&obversion=2", php_answer(obv2(base)))
    badge_class = {
        "name": "Data Wrangling",
        "description": "Cleaned data.",
        "image": IMAGE,
        "criteria": f"{base}/badges/badge.php?hash={HASH}",
        "issuer": f"{base}{prefix}&action=0",
    }
    issuer_server.add(f"{prefix}&action=1", php_answer(badge_class))
    issuer = {"name": "Example Moodle Academy", "url": base, "email": "badges@example.org"}
    issuer_server.add(f"{prefix}&action=0", php_answer(issuer))
    return issuer_server


def moodle_png(tmp_path: Path, document: dict[str, Any], name: str = "Data_Wrangling.png") -> Path:
    path = tmp_path / name
    path.write_bytes(bake_png(tiny_png(), php_json(document), position="before_iend"))
    return path


def test_obv1_valid(tmp_path: Path, moodle: IssuerServer, http: HttpFetcher) -> None:
    report = check_file(moodle_png(tmp_path, obv1(moodle.base)), http)
    assert report.status is Status.VALID, report.checks
    assert report.version == "1.0"
    assert report.badge is not None and report.badge.name == "Data Wrangling"
    assert report.badge.issuer_name == "Example Moodle Academy"
    assert report.badge.issued_on is not None and report.badge.issued_on.year == 2024


def test_obv2_valid(tmp_path: Path, moodle: IssuerServer, http: HttpFetcher) -> None:
    report = check_file(moodle_png(tmp_path, obv2(moodle.base)), http)
    assert report.status is Status.VALID, report.checks
    assert report.version == "2.0"
    assert results(report)["badge-class.fetch"] == "pass"


def test_pre_3_6_text_chunk_url(tmp_path: Path, moodle: IssuerServer, http: HttpFetcher) -> None:
    url = moodle.url(f"/badges/assertion.php?b={HASH}&obversion=1")
    path = tmp_path / "old.png"
    path.write_bytes(bake_png_chunk(tiny_png(), b"tEXt", b"openbadges\x00" + url.encode()))
    report = check_file(path, http)
    assert report.status is Status.VALID, report.checks
    assert report.version == "1.0"


@pytest.mark.parametrize("shape", ["obv1", "obv2"])
def test_deleted_badge_answers_410_revoked(
    tmp_path: Path, moodle: IssuerServer, http: HttpFetcher, shape: str
) -> None:
    prefix = f"/badges/assertion.php?b={HASH}"
    body: dict[str, Any] = {"revoked": True}
    if shape == "obv2":
        body = {"id": moodle.url(prefix), "revoked": True}
    moodle.add(f"{prefix}&obversion={shape[-1]}", php_answer(body, 410))
    document = obv1(moodle.base) if shape == "obv1" else obv2(moodle.base)
    report = check_file(moodle_png(tmp_path, document), http)
    assert report.status is Status.REVOKED
    assert "revoked" in message(report, "hosted.fetch")


def test_changed_site_salt_warns_and_uses_the_hosted_recipient(
    tmp_path: Path, moodle: IssuerServer, http: HttpFetcher
) -> None:
    old = obv2(moodle.base, salt="badges1432791259")
    report = check_file(moodle_png(tmp_path, old), http)
    assert report.status is Status.VALID
    assert results(report)["hosted.match"] == "warn"
    assert "in: recipient;" in message(report, "hosted.match")
    assert results(report)["recipient"] == "pass"


def test_backpack_email_is_one_of_the_identities(
    tmp_path: Path, moodle: IssuerServer, http: HttpFetcher
) -> None:
    path = moodle_png(tmp_path, obv2(moodle.base))
    both = check_file(path, http, identities=("moodle@school.example", OWNER))
    assert both.status is Status.VALID
    other = check_file(path, http, identities=("moodle@school.example",))
    assert other.status is Status.INVALID


def test_5_1_redirect_to_the_new_endpoint(
    tmp_path: Path, moodle: IssuerServer, http: HttpFetcher
) -> None:
    new_path = f"/badges/json/assertion.php?b={HASH}&obversion=v2p0"
    moved = obv2(moodle.base)
    moved["id"] = moodle.url(new_path)
    moodle.add(f"/badges/assertion.php?b={HASH}&obversion=2", redirect(new_path, 303))
    moodle.add(new_path, php_answer(moved))
    report = check_file(moodle_png(tmp_path, obv2(moodle.base)), http)
    assert report.status is Status.VALID, report.checks
    assert "redirected to" in message(report, "hosted.fetch")
    assert results(report)["hosted.match"] == "warn"
    assert "id" in message(report, "hosted.match")


def test_expiry_in_both_shapes(tmp_path: Path, moodle: IssuerServer, http: HttpFetcher) -> None:
    prefix = f"/badges/assertion.php?b={HASH}"
    v1 = obv1(moodle.base, expires="1735689600")  # 2025-01-01
    v2 = obv2(moodle.base, expires="2025-01-01T00:00:00+01:00")
    moodle.add(f"{prefix}&obversion=1", php_answer(v1))
    moodle.add(f"{prefix}&obversion=2", php_answer(v2))
    assert check_file(moodle_png(tmp_path, v1, "a.png"), http).status is Status.EXPIRED
    assert check_file(moodle_png(tmp_path, v2, "b.png"), http).status is Status.EXPIRED


def test_moodle_site_down_is_unverifiable(tmp_path: Path, http: HttpFetcher) -> None:
    report = check_file(moodle_png(tmp_path, obv2("http://127.0.0.1:9")), http)
    assert report.status is Status.UNVERIFIABLE


def test_obv1_invalid_and_unverifiable(
    tmp_path: Path, moodle: IssuerServer, http: HttpFetcher
) -> None:
    path = moodle_png(tmp_path, obv1(moodle.base))
    stranger = check_file(path, http, identities=("someone@else.org",))
    assert stranger.status is Status.INVALID
    assert "matches none of your 1 identities" in message(stranger, "recipient")
    early = check_file(path, http, now=datetime.fromisoformat("2024-01-01T00:00:00+00:00"))
    assert early.status is Status.INVALID
    down = check_file(moodle_png(tmp_path, obv1("http://127.0.0.1:9"), "down.png"), http)
    assert down.status is Status.UNVERIFIABLE
    assert results(down)["recipient"] == "skip"
