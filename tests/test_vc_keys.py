"""Key resolution: did:key, did:web, http(s) controller documents and JWKs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from jwt.algorithms import OKPAlgorithm
from vc_support import FakeFetcher, ctx

from portfolio_builder.model import FileFormat, SourceFile
from portfolio_builder.reading import ReadResult
from portfolio_builder.verify.registry import VerifyState
from portfolio_builder.verify.report import Status
from portfolio_builder.verify.vc.keys import KeyProblem, ResolvedKey, did_web_url, resolve_key
from portfolio_builder.verify.vc.multikey import (
    KeyFormatError,
    did_key_for,
    key_from_jwk,
    key_from_method,
    multibase_encode,
)

ED = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32))).public_key()
P256 = ec.derive_private_key(99, ec.SECP256R1()).public_key()


def state(fetcher: FakeFetcher | None = None) -> VerifyState:
    source = SourceFile(Path("k.json"), "k.json", FileFormat.JSON)
    return VerifyState(ReadResult(source, None, None, ()), ctx(fetcher), None)


def raw(key: Any) -> bytes:
    if isinstance(key, ed25519.Ed25519PublicKey):
        return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


@pytest.mark.parametrize("key", [ED, P256], ids=["ed25519", "p256"])
def test_did_key_resolves_offline_to_the_same_key(key: Any) -> None:
    did = did_key_for(key)
    fetcher = FakeFetcher()
    resolved = resolve_key(state(fetcher), f"{did}#{did.removeprefix('did:key:')}")
    assert isinstance(resolved, ResolvedKey)
    assert raw(resolved.key) == raw(key)
    assert fetcher.requested == []


def test_did_key_with_a_foreign_fragment_is_invalid() -> None:
    did = did_key_for(ED)
    resolved = resolve_key(state(), f"{did}#z6MkSomethingElse")
    assert isinstance(resolved, KeyProblem) and resolved.status is Status.INVALID


@pytest.mark.parametrize(
    ("did", "url"),
    [
        ("did:web:example.com", "https://example.com/.well-known/did.json"),
        ("did:web:example.com:user:alice", "https://example.com/user/alice/did.json"),
        ("did:web:localhost%3A8443", "https://localhost:8443/.well-known/did.json"),
        ("did:web:", None),
    ],
)
def test_did_web_document_urls(did: str, url: str | None) -> None:
    assert did_web_url(did) == url


def test_a_https_method_listed_as_its_own_document_is_used() -> None:
    method = "https://issuer.example/keys/1"
    multikey = did_key_for(ED).removeprefix("did:key:")
    document = {"id": method, "type": "Multikey", "publicKeyMultibase": multikey}
    resolved = resolve_key(state(FakeFetcher({method: document})), method)
    assert isinstance(resolved, ResolvedKey) and raw(resolved.key) == raw(ED)


def test_a_did_web_document_that_does_not_hold_the_method_is_invalid() -> None:
    fetcher = FakeFetcher(
        {"https://example.com/.well-known/did.json": {"id": "did:web:example.com"}}
    )
    resolved = resolve_key(state(fetcher), "did:web:example.com#key-1")
    assert isinstance(resolved, KeyProblem) and resolved.status is Status.INVALID
    assert "does not contain" in resolved.message


def test_an_unanswered_did_web_is_unverifiable_and_names_the_url() -> None:
    resolved = resolve_key(state(), "did:web:example.com#key-1")
    assert isinstance(resolved, KeyProblem) and resolved.status is Status.UNVERIFIABLE
    assert "https://example.com/.well-known/did.json" in resolved.message


def test_a_non_json_answer_is_unverifiable() -> None:
    fetcher = FakeFetcher({"https://example.com/.well-known/did.json": b"<html>"})
    resolved = resolve_key(state(fetcher), "did:web:example.com#key-1")
    assert isinstance(resolved, KeyProblem) and resolved.status is Status.UNVERIFIABLE


def test_key_formats() -> None:
    ed_raw = raw(ED)
    base58 = multibase_encode(ed_raw)[1:]
    assert raw(key_from_method({"publicKeyBase58": base58})) == ed_raw
    jwk = OKPAlgorithm.to_jwk(ED, as_dict=True)
    assert raw(key_from_method({"publicKeyJwk": jwk})) == ed_raw
    with pytest.raises(KeyFormatError, match="private"):
        key_from_jwk({**jwk, "d": "AAAA"})
    with pytest.raises(KeyFormatError):
        key_from_method({"publicKeyMultibase": "uNotBase58"})
    with pytest.raises(KeyFormatError):
        key_from_method({"type": "Multikey"})
