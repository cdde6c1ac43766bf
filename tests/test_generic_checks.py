"""The version-independent checks (time, recipient) on OB 3.0 credentials we make here.

Proof checking for OB 3.0 lives in its own package; without it these badges are
never ``valid`` (nothing tied them to an issuer), but expiry, not-yet-valid and a
recipient mismatch are decided by these checks alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
from badge_factory import (
    NOW,
    OWNER,
    check_file,
    message,
    results,
    rsa_key,
    write_json,
    write_text,
)

from portfolio_builder.http import HttpFetcher
from portfolio_builder.verify.report import Status


def credential(subject: dict[str, Any] | None = None, **dates: str) -> dict[str, Any]:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "id": "urn:uuid:9a1d2c44-0c51-4b6e-9d8b-5b2f6f0f2a11",
        "issuer": {"id": "https://issuer.example/", "type": ["Profile"], "name": "Issuer"},
        "name": "Data Wrangling",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {"id": "https://issuer.example/a/1", "type": ["Achievement"]},
            **(subject or {}),
        },
        **({"validFrom": "2024-01-01T00:00:00Z"} | dates),
    }


def identifier(email: str, salt: str = "pepper") -> dict[str, Any]:
    digest = hashlib.sha256((email + salt).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityType": "emailAddress",
        "hashed": True,
        "identityHash": f"sha256${digest}",
        "salt": salt,
    }


@pytest.fixture
def offline(tmp_path: Path) -> Iterator[HttpFetcher]:
    with HttpFetcher(tmp_path / "cache", offline=True) as fetcher:
        yield fetcher


def test_never_valid_without_a_proof_check(tmp_path: Path, offline: HttpFetcher) -> None:
    report = check_file(write_json(tmp_path, "c.json", credential()), offline)
    assert report.status is Status.UNVERIFIABLE
    assert results(report)["time"] == "pass"
    assert results(report)["integrity"] == "fail"


def test_valid_until_in_the_past_is_expired(tmp_path: Path, offline: HttpFetcher) -> None:
    document = credential(validUntil="2025-01-01T00:00:00Z")
    report = check_file(write_json(tmp_path, "c.json", document), offline)
    assert report.status is Status.EXPIRED
    assert "expired on 2025-01-01" in message(report, "time")


def test_valid_from_in_the_future_is_invalid(tmp_path: Path, offline: HttpFetcher) -> None:
    document = credential(validFrom="2030-01-01T00:00:00Z")
    report = check_file(write_json(tmp_path, "c.json", document), offline)
    assert report.status is Status.INVALID
    assert "not yet valid" in message(report, "time")


def test_vc_1_1_dates(tmp_path: Path, offline: HttpFetcher) -> None:
    document = credential(issuanceDate="2020-01-01T00:00:00Z", expirationDate="2021-01-01")
    del document["validFrom"]
    report = check_file(write_json(tmp_path, "c.json", document), offline)
    assert report.status is Status.EXPIRED
    later = check_file(write_json(tmp_path, "c.json", document), offline, now=NOW.replace(2020, 6))
    assert results(later)["time"] == "pass"


def test_hashed_email_identifier(tmp_path: Path, offline: HttpFetcher) -> None:
    path = write_json(tmp_path, "c.json", credential({"identifier": [identifier(OWNER)]}))
    assert results(check_file(path, offline))["recipient"] == "pass"
    other = check_file(path, offline, identities=("someone@else.org",))
    assert other.status is Status.INVALID
    assert "emailAddress" in message(other, "recipient")


def test_mailto_subject(tmp_path: Path, offline: HttpFetcher) -> None:
    path = write_json(tmp_path, "c.json", credential({"id": f"mailto:{OWNER}"}))
    assert results(check_file(path, offline))["recipient"] == "pass"
    assert check_file(path, offline, identities=("x@y.z",)).status is Status.INVALID


def test_did_subject_is_skipped_unless_listed(tmp_path: Path, offline: HttpFetcher) -> None:
    did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    path = write_json(tmp_path, "c.json", credential({"id": did}))
    assert results(check_file(path, offline))["recipient"] == "skip"
    assert results(check_file(path, offline, identities=(did,)))["recipient"] == "pass"


def test_vc_jwt_dates_from_its_claims(tmp_path: Path, offline: HttpFetcher) -> None:
    key = rsa_key()
    document = credential()
    del document["validFrom"]
    claims = {**document, "nbf": 1704067200, "exp": 1735689600}  # 2024-01-01 .. 2025-01-01
    token = jwt.encode(claims, key, algorithm="RS256")
    report = check_file(write_text(tmp_path, "c.jwt", token), offline)
    assert report.version == "3.0"
    assert report.status is Status.EXPIRED
    before = check_file(write_text(tmp_path, "c.jwt", token), offline, now=NOW.replace(2023))
    assert before.status is Status.INVALID
    during = check_file(write_text(tmp_path, "c.jwt", token), offline, now=NOW.replace(2024))
    assert during.status is Status.UNVERIFIABLE
    assert results(during)["time"] == "pass"
