"""OB 3.0 VC-JWT credentials signed here with our own Ed25519, P-256 and RSA keys."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm
from test_vc_proofs import credential
from vc_support import FakeFetcher, read_credential, verified

from portfolio_builder.verify.report import Result, Status
from portfolio_builder.verify.vc.multikey import did_key_for

ED = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
P256 = ec.derive_private_key(12345, ec.SECP256R1())
RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def did_key_kid(public_key: Any) -> str:
    did = did_key_for(public_key)
    return f"{did}#{did.removeprefix('did:key:')}"


def claims(document: dict[str, Any]) -> dict[str, Any]:
    return {
        **document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "sub": document["credentialSubject"]["id"],
        "nbf": 1704067200,  # 2024-01-01T00:00:00Z, the credential's validFrom
    }


def rsa_jwk(key: rsa.RSAPublicKey) -> dict[str, Any]:
    return RSAAlgorithm.to_jwk(key, as_dict=True)


def token(payload: dict[str, Any], key: Any, alg: str, **header: Any) -> str:
    return jwt.encode(payload, key, algorithm=alg, headers=header)


CASES = {
    "EdDSA did:key": lambda: token(
        claims(credential()), ED, "EdDSA", kid=did_key_kid(ED.public_key())
    ),
    "ES256 did:key": lambda: token(
        claims(credential()), P256, "ES256", kid=did_key_kid(P256.public_key())
    ),
    "RS256 jwk": lambda: token(claims(credential()), RSA, "RS256", jwk=rsa_jwk(RSA.public_key())),
    "ES256 jwk": lambda: token(
        claims(credential()), P256, "ES256", jwk=ECAlgorithm.to_jwk(P256.public_key(), as_dict=True)
    ),
    "EdDSA jwk": lambda: token(
        claims(credential()), ED, "EdDSA", jwk=OKPAlgorithm.to_jwk(ED.public_key(), as_dict=True)
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_signed_jwts_verify_offline(tmp_path: Path, case: str) -> None:
    fetcher = FakeFetcher()
    report = verified(read_credential(tmp_path, CASES[case]()), fetcher)
    assert report.status is Status.VALID, report.checks
    assert fetcher.requested == []


def test_a_kid_url_is_fetched_for_its_json_web_key(tmp_path: Path) -> None:
    kid = "https://issuer.example/keys/1"
    key_document = {"id": kid, "type": "JsonWebKey", "publicKeyJwk": rsa_jwk(RSA.public_key())}
    fetcher = FakeFetcher({kid: key_document})
    compact = token(claims(credential()), RSA, "RS256", kid=kid)
    assert verified(read_credential(tmp_path, compact), fetcher).status is Status.VALID
    assert verified(read_credential(tmp_path, compact, "b"), FakeFetcher()).status is (
        Status.UNVERIFIABLE
    )


def _tamper(compact: str) -> str:
    head, body, signature = compact.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    payload["name"] = "Changed"
    raw = json.dumps(payload).encode()
    return ".".join([head, base64.urlsafe_b64encode(raw).rstrip(b"=").decode(), signature])


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_changed_payload_is_invalid(tmp_path: Path, case: str) -> None:
    report = verified(read_credential(tmp_path, _tamper(CASES[case]())))
    assert report.status is Status.INVALID


def test_a_token_signed_by_another_key_than_its_jwk_is_invalid(tmp_path: Path) -> None:
    compact = token(claims(credential()), OTHER_RSA, "RS256", jwk=rsa_jwk(RSA.public_key()))
    assert verified(read_credential(tmp_path, compact)).status is Status.INVALID


def test_a_jwk_holding_a_private_key_is_refused(tmp_path: Path) -> None:
    private = RSAAlgorithm.to_jwk(RSA, as_dict=True)
    compact = token(claims(credential()), RSA, "RS256", jwk=private)
    report = verified(read_credential(tmp_path, compact))
    assert report.status is Status.INVALID
    assert any("private key" in c.message for c in report.checks)


def test_header_parameters_beyond_the_four_allowed_are_invalid(tmp_path: Path) -> None:
    compact = token(
        claims(credential()), RSA, "RS256", jwk=rsa_jwk(RSA.public_key()), x5u="https://x"
    )
    report = verified(read_credential(tmp_path, compact))
    assert report.status is Status.INVALID
    assert any("x5u" in c.message for c in report.checks)


def test_a_symmetric_algorithm_is_invalid(tmp_path: Path) -> None:
    compact = jwt.encode(
        claims(credential()), "a shared secret of 32 bytes!!!!!", algorithm="HS256"
    )
    assert verified(read_credential(tmp_path, compact)).status is Status.INVALID


@pytest.mark.parametrize("claim", ["iss", "jti", "sub", "nbf"])
def test_claims_that_disagree_with_the_credential_are_invalid(tmp_path: Path, claim: str) -> None:
    payload = claims(credential())
    payload[claim] = 1 if claim == "nbf" else "https://someone.else/"
    compact = token(payload, RSA, "RS256", jwk=rsa_jwk(RSA.public_key()))
    report = verified(read_credential(tmp_path, compact))
    assert report.status is Status.INVALID
    assert any(claim in c.message for c in report.checks if c.id == "vc-jwt")


def test_a_vcdm_1_1_credential_in_the_vc_claim_verifies(tmp_path: Path) -> None:
    document = credential()
    document["@context"][0] = "https://www.w3.org/2018/credentials/v1"
    document["issuanceDate"] = document.pop("validFrom")
    payload = {
        "vc": document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "nbf": 1704067200,
    }
    compact = token(payload, ED, "EdDSA", kid=did_key_kid(ED.public_key()))
    assert verified(read_credential(tmp_path, compact)).status is Status.VALID


def test_a_token_that_names_no_key_is_unverifiable(tmp_path: Path) -> None:
    compact = token(claims(credential()), RSA, "RS256")
    assert verified(read_credential(tmp_path, compact)).status is Status.UNVERIFIABLE


def test_a_kid_fragment_is_resolved_against_the_issuer(tmp_path: Path) -> None:
    did = "did:web:issuer.example"
    multikey = did_key_for(ED.public_key()).removeprefix("did:key:")
    did_document = {
        "id": did,
        "verificationMethod": [
            {"id": "#key-1", "type": "Multikey", "publicKeyMultibase": multikey}
        ],
        "assertionMethod": ["#key-1"],
    }
    fetcher = FakeFetcher({"https://issuer.example/.well-known/did.json": did_document})
    document = credential(issuer={"id": did, "type": ["Profile"], "name": "Example"})
    compact = token(claims(document), ED, "EdDSA", kid="#key-1")
    assert verified(read_credential(tmp_path, compact), fetcher).status is Status.VALID


def test_a_key_carried_in_the_token_is_flagged(tmp_path: Path) -> None:
    report = verified(read_credential(tmp_path, CASES["RS256 jwk"]()))
    [binding] = [c for c in report.checks if c.id == "vc-issuer-key"]
    assert binding.result is Result.WARN
    assert "carries its own key" in binding.message
    assert report.status is Status.VALID
