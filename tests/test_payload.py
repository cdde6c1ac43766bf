"""Payloads in loose files: JSON, URL, JWS and VC-JWT, broken data, and what the JSON is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portfolio_builder.model import Achievement, Image
from tests.helpers import codes, dumps, ob2, ob3, read, sign


def test_ob2_signed_jws_file(tmp_path: Path) -> None:
    token = sign(ob2(verification={"type": "SignedBadge", "creator": "https://i.example/k"}))
    result = read(tmp_path, "signed.jws", token + "\n")
    assert result.payload is not None and result.payload.kind == "jws"
    assert result.badge is not None and str(result.badge.version) == "2.0"
    assert result.badge.verification is not None
    assert result.badge.verification.url == "https://i.example/k"


def test_vc_jwt_vcdm2(tmp_path: Path) -> None:
    result = read(tmp_path, "cred.jwt", sign(ob3()))
    assert result.badge is not None and str(result.badge.version) == "3.0"
    assert result.badge.verification is not None
    assert result.badge.verification.method == "jwt"
    assert result.badge.issued_on is not None
    assert result.badge.issued_on.isoformat() == "2024-01-01T00:00:00+05:30"


def test_vc_jwt_vcdm11_vc_claim(tmp_path: Path) -> None:
    credential = ob3(name="Old Style")
    del credential["validFrom"]
    claims = {"vc": credential, "iss": "https://issuer.example/", "nbf": 1262304000}
    result = read(tmp_path, "cred.jwt", sign(claims))
    assert result.badge is not None and str(result.badge.version) == "3.0"
    assert result.badge.name == "Old Style"
    assert result.badge.issued_on is not None
    assert result.badge.issued_on.isoformat() == "2010-01-01T00:00:00+00:00"


def test_achievement_credential_json(tmp_path: Path) -> None:
    credential = ob3(type=["VerifiableCredential", "AchievementCredential"])
    result = read(tmp_path, "a.json", dumps(credential))
    assert result.badge is not None and result.badge.name == "Teamwork"


def test_vcdm11_json_with_expiry_offset_kept(tmp_path: Path) -> None:
    credential = ob3(expirationDate="2030-06-01T12:00:00-07:00")
    credential["@context"][0] = "https://www.w3.org/2018/credentials/v1"
    credential["issuanceDate"] = credential.pop("validFrom")
    result = read(tmp_path, "a.json", dumps(credential))
    assert result.badge is not None and result.badge.expires is not None
    assert result.badge.expires.isoformat() == "2030-06-01T12:00:00-07:00"


def test_ob05_hashed_recipient_and_embedded_issuer(tmp_path: Path) -> None:
    doc = {
        "recipient": "sha256$0123abcd",
        "salt": "pepper",
        "badge": {
            "version": "0.5.0",
            "name": "Old Timer",
            "image": "/img/old.png",
            "criteria": "/criteria",
            "issuer": {"origin": "https://old.example", "name": "Old Org", "contact": "a@b.c"},
        },
        "issued_on": "2012-03-04",
    }
    result = read(tmp_path, "old.json", dumps(doc))
    badge = result.badge
    assert badge is not None and str(badge.version) == "0.5"
    assert (badge.name, badge.issuer_name) == ("Old Timer", "Old Org")
    [recipient] = badge.recipients
    assert (recipient.hashed, recipient.salt) == (True, "pepper")
    assert badge.issued_on is not None and badge.issued_on.isoformat().startswith("2012-03-04")
    assert isinstance(badge.achievement, Achievement)
    assert badge.achievement.image == Image("https://old.example/img/old.png")
    assert badge.achievement.criteria_url == "https://old.example/criteria"


def test_ob11_context(tmp_path: Path) -> None:
    doc = {
        "@context": "https://w3id.org/openbadges/v1",
        "uid": "x1",
        "recipient": {"type": "email", "hashed": True, "identity": "sha256$ab", "salt": "s"},
        "badge": "https://issuer.example/badge.json",
        "verify": {"type": "hosted", "url": "https://issuer.example/a/x1"},
        "issuedOn": 1400000000,
    }
    result = read(tmp_path, "v11.json", dumps(doc))
    assert result.badge is not None and str(result.badge.version) == "1.1"
    assert result.badge.id == "https://issuer.example/a/x1"


def test_url_file(tmp_path: Path) -> None:
    result = read(tmp_path, "link.json", "https://issuer.example/a/1\n")
    assert result.payload is not None and result.payload.kind == "url"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ('{"recipient": ', "E-JSON"),
        ("[1, 2, 3]", "E-JSON-NOT-OBJECT"),
        ('{"a": ' * 100 + "1" + "}" * 100, "E-JSON-TOO-DEEP"),
        ('{"a": ' * 100_000 + "1" + "}" * 100_000, "E-JSON-TOO-DEEP"),
        (b'{"name": "\xff\xfe"}', "E-ENCODING"),
        ("", "E-PAYLOAD-EMPTY"),
        ("   \n", "E-PAYLOAD-EMPTY"),
        ("hello, world", "E-PAYLOAD-UNKNOWN"),
        ("eyJhbGciOiJub25lIn0.bm90IGpzb24.", "E-JSON"),  # JWS whose payload is not JSON
        ("abc.def.ghi", "E-JWS"),
        ('{"name": "a JSON object but not a badge"}', "E-NOT-A-BADGE"),
    ],
)
def test_broken_payloads_become_one_diagnostic(
    tmp_path: Path, data: str | bytes, code: str
) -> None:
    result = read(tmp_path, "bad.json", data)
    assert result.badge is None
    assert codes(result) == [code]
    assert result.diagnostics[0].path == "bad.json"


def test_utf8_bom_is_tolerated(tmp_path: Path) -> None:
    result = read(tmp_path, "bom.json", "\ufeff" + dumps(ob2()))
    assert result.badge is not None and result.badge.name == "Team Player"


@pytest.mark.parametrize(
    ("types", "code"),
    [
        (["VerifiableCredential", "ClrCredential"], "E-CLR"),
        (["VerifiableCredential", "EndorsementCredential"], "E-ENDORSEMENT"),
        (["VerifiableCredential", "BitstringStatusListCredential"], "E-STATUS-LIST"),
        (["VerifiableCredential", "UniversityDegreeCredential"], "E-NOT-OB-CREDENTIAL"),
    ],
)
def test_credentials_that_are_not_badges(tmp_path: Path, types: list[str], code: str) -> None:
    result = read(tmp_path, "c.json", dumps(ob3(type=types)))
    assert result.badge is None and codes(result) == [code]


@pytest.mark.parametrize(
    ("kind", "code", "what"),
    [
        ("BadgeClass", "E-NOT-A-BADGE", "badge class"),
        ("Issuer", "E-NOT-A-BADGE", "issuer profile"),
        ("RevocationList", "E-STATUS-LIST", "revocation list"),
    ],
)
def test_ob2_documents_that_are_not_badges(tmp_path: Path, kind: str, code: str, what: str) -> None:
    doc = {"@context": "https://w3id.org/openbadges/v2", "type": kind, "id": "https://x/1"}
    result = read(tmp_path, "d.json", json.dumps(doc))
    assert result.badge is None and codes(result) == [code]
    assert what in result.diagnostics[0].message


def test_naive_and_bad_dates(tmp_path: Path) -> None:
    result = read(
        tmp_path, "d.json", dumps(ob2(issuedOn="2024-05-01T10:00:00", expires="next year"))
    )
    assert result.badge is not None
    assert sorted(codes(result)) == ["W-BAD-DATE", "W-NAIVE-DATE"]
    assert result.badge.issued_on is not None and result.badge.issued_on.utcoffset() is not None
    assert result.badge.expires is None
