"""OB 3.0 embedded proofs: the 1EdTech test vector, and credentials signed here with
our own keys, through the ``vc-proof`` check and ``verify()``."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from vc_support import FakeFetcher, read_credential, vc_results, verified

from portfolio_builder.verify.report import Result, Status
from portfolio_builder.verify.vc import canon
from portfolio_builder.verify.vc.multikey import did_key_for
from portfolio_builder.verify.vc.proofs import proof_config
from portfolio_builder.verify.vc.sign import did_key_method, sign_data_integrity

KEY = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
METHOD = did_key_method(KEY.public_key())
SUITES = [
    ("DataIntegrityProof", "eddsa-rdfc-2022"),
    ("DataIntegrityProof", "eddsa-jcs-2022"),
    ("Ed25519Signature2020", None),
]
ED25519_2020 = "https://w3id.org/security/suites/ed25519-2020/v1"


def credential(**extra: Any) -> dict[str, Any]:
    """A small OB 3.0 credential on the VC 2.0 and OB 3.0.3 contexts."""
    base: dict[str, Any] = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:6a4b5d0c-6b5f-4f8e-9a57-2b2c5b6f7e01",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://issuer.example/", "type": ["Profile"], "name": "Example"},
        "validFrom": "2024-01-01T00:00:00Z",
        "name": "Teamwork",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://issuer.example/achievements/teamwork",
                "type": ["Achievement"],
                "name": "Teamwork",
                "description": "Works well in a team.",
                "criteria": {"narrative": "Nominated by peers."},
            },
        },
    }
    base.update(extra)
    return base


def signed(suite: tuple[str, str | None] = SUITES[0], **extra: Any) -> dict[str, Any]:
    document = credential(**extra)
    if suite[0] == "Ed25519Signature2020":
        document["@context"] = [*document["@context"], ED25519_2020]
    return sign_data_integrity(document, KEY, METHOD, suite[0], suite[1])


def controller_document(controller: str, method: str, multikey: str) -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": controller,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": controller,
                "publicKeyMultibase": multikey,
            }
        ],
        "assertionMethod": [method],
    }


@pytest.fixture
def test_vector(corpus: Path) -> tuple[dict[str, Any], FakeFetcher]:
    spec = corpus / "1edtech-ob-spec"
    signed_vector = json.loads((spec / "ob3_ldp_test_vector_signed_credential.json").read_text())
    key = json.loads((spec / "ob3_ldp_test_vector_key_and_hashes.json").read_text())
    issuer = controller_document(
        key["controller"], key["verificationMethod"], key["publicKeyMultibase"]
    )
    return signed_vector, FakeFetcher({key["controller"]: issuer})


def test_the_1edtech_test_vector_verifies(tmp_path: Path, test_vector: Any) -> None:
    document, fetcher = test_vector
    read = read_credential(tmp_path, document)
    result = vc_results(read, fetcher)["vc-proof"]
    assert result.result is Result.PASS, result.message
    assert verified(read, fetcher).status is Status.VALID
    assert fetcher.requested == ["https://example.edu/issuers/565049"] * 2


def test_the_test_vector_changed_after_signing_is_invalid(tmp_path: Path, test_vector: Any) -> None:
    document, fetcher = test_vector
    document["credentialSubject"]["achievement"]["name"] = "Something else"
    report = verified(read_credential(tmp_path, document), fetcher)
    assert report.status is Status.INVALID
    [proof] = [c for c in report.checks if c.id == "vc-proof"]
    assert "signature does not match" in proof.message


def test_the_test_vector_without_its_issuer_online_is_unverifiable(
    tmp_path: Path, test_vector: Any
) -> None:
    document, _ = test_vector
    report = verified(read_credential(tmp_path, document), FakeFetcher())
    assert report.status is Status.UNVERIFIABLE
    [proof] = [c for c in report.checks if c.id == "vc-proof"]
    assert "https://example.edu/issuers/565049" in proof.message


def test_a_key_the_controller_does_not_list_for_assertions_is_invalid(
    tmp_path: Path, test_vector: Any
) -> None:
    document, fetcher = test_vector
    [issuer] = fetcher.documents.values()
    issuer["assertionMethod"] = []
    assert verified(read_credential(tmp_path, document), fetcher).status is Status.INVALID


@pytest.mark.parametrize("suite", SUITES, ids=lambda s: s[1] or s[0])
def test_own_signed_credentials_verify_offline(tmp_path: Path, suite: Any) -> None:
    fetcher = FakeFetcher()
    report = verified(read_credential(tmp_path, signed(suite)), fetcher)
    assert report.status is Status.VALID, report.checks
    assert fetcher.requested == []


@pytest.mark.parametrize("suite", SUITES, ids=lambda s: s[1] or s[0])
def test_changed_after_signing_is_invalid(tmp_path: Path, suite: Any) -> None:
    document = signed(suite)
    document["credentialSubject"]["achievement"]["name"] = "Grandmaster"
    assert verified(read_credential(tmp_path, document)).status is Status.INVALID


def test_signed_with_another_key_than_named_is_invalid(tmp_path: Path) -> None:
    document = sign_data_integrity(credential(), OTHER_KEY, METHOD)
    assert verified(read_credential(tmp_path, document)).status is Status.INVALID


def test_a_p256_key_for_an_eddsa_proof_is_invalid(tmp_path: Path) -> None:
    p256 = ec.derive_private_key(7, ec.SECP256R1()).public_key()
    did = did_key_for(p256)
    document = sign_data_integrity(credential(), KEY, f"{did}#{did.removeprefix('did:key:')}")
    report = verified(read_credential(tmp_path, document))
    assert report.status is Status.INVALID
    assert any("not an Ed25519 key" in c.message for c in report.checks)


def test_an_unsupported_cryptosuite_is_unverifiable(tmp_path: Path) -> None:
    document = signed()
    document["proof"]["cryptosuite"] = "ecdsa-sd-2023"
    report = verified(read_credential(tmp_path, document))
    assert report.status is Status.UNVERIFIABLE
    assert any(
        "unsupported proof type DataIntegrityProof ecdsa-sd-2023" in c.message
        for c in report.checks
    )


def test_an_unknown_context_is_unverifiable_and_named(tmp_path: Path) -> None:
    document = signed()
    document["@context"].append("https://contexts.example/badge-extras/v1")
    fetcher = FakeFetcher()
    report = verified(read_credential(tmp_path, document), fetcher)
    assert report.status is Status.UNVERIFIABLE
    assert any("https://contexts.example/badge-extras/v1" in c.message for c in report.checks)
    assert fetcher.requested == []


def test_one_verified_proof_among_several_suffices(tmp_path: Path) -> None:
    document = signed()
    unknown = {"type": "SomeProofType", "proofPurpose": "assertionMethod", "proofValue": "z1"}
    document["proof"] = [unknown, document["proof"]]
    report = verified(read_credential(tmp_path, document))
    assert report.status is Status.VALID
    [proof] = [c for c in report.checks if c.id == "vc-proof"]
    assert "unsupported proof type SomeProofType" in proof.message


def test_a_proof_for_another_purpose_is_invalid(tmp_path: Path) -> None:
    document = credential()
    document = sign_data_integrity(document, KEY, METHOD)
    document["proof"]["proofPurpose"] = "authentication"
    assert verified(read_credential(tmp_path, document)).status is Status.INVALID


def test_a_did_web_key_is_fetched_from_the_well_known_document(tmp_path: Path) -> None:
    did = "did:web:issuer.example"
    method = f"{did}#key-1"
    multikey = did_key_for(KEY.public_key()).removeprefix("did:key:")
    fetcher = FakeFetcher(
        {"https://issuer.example/.well-known/did.json": controller_document(did, method, multikey)}
    )
    document = sign_data_integrity(credential(), KEY, method)
    assert verified(read_credential(tmp_path, document), fetcher).status is Status.VALID
    tampered = copy.deepcopy(document)
    tampered["name"] = "Changed"
    assert verified(read_credential(tmp_path, tampered, "t"), fetcher).status is Status.INVALID


@pytest.mark.parametrize(
    ("method", "words"),
    [
        ("z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x", "not a URL or DID"),
        ("xxx:z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x", "unsupported scheme"),
        ("did:example:z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x", "unsupported DID method"),
    ],
)
def test_unusable_verification_methods_are_invalid(tmp_path: Path, method: str, words: str) -> None:
    document = sign_data_integrity(credential(), KEY, method)
    report = verified(read_credential(tmp_path, document))
    assert report.status is Status.INVALID
    assert any(words in c.message for c in report.checks)


def test_signing_is_deterministic_for_a_key() -> None:
    assert signed() == signed()
    assert (
        signed()["proof"]["proofValue"]
        != sign_data_integrity(credential(), OTHER_KEY, METHOD)["proof"]["proofValue"]
    )


def test_a_key_that_is_not_the_issuers_is_flagged_without_changing_the_status(
    tmp_path: Path,
) -> None:
    report = verified(read_credential(tmp_path, signed()))
    [binding] = [c for c in report.checks if c.id == "vc-issuer-key"]
    assert binding.result is Result.WARN
    assert "not a key of the issuer https://issuer.example/" in binding.message
    assert report.status is Status.VALID


def test_a_key_of_the_issuer_passes_the_binding_check(tmp_path: Path) -> None:
    did = did_key_for(KEY.public_key())
    document = credential(issuer={"id": did, "type": ["Profile"], "name": "Example"})
    results = vc_results(read_credential(tmp_path, sign_data_integrity(document, KEY, METHOD)))
    assert results["vc-issuer-key"].result is Result.PASS


def test_the_test_vector_canonical_forms_and_hashes_match_the_spec(corpus: Path) -> None:
    spec = corpus / "1edtech-ob-spec"
    document = json.loads((spec / "ob3_ldp_test_vector_signed_credential.json").read_text())
    expected = json.loads((spec / "ob3_ldp_test_vector_key_and_hashes.json").read_text())[
        "expected"
    ]
    proof = document.pop("proof")
    proof = proof[0] if isinstance(proof, list) else proof
    nquads = canon.rdfc(document)
    assert nquads == (spec / "obv3p0_document-canon.txt").read_text()
    assert hashlib.sha256(nquads.encode()).hexdigest() == expected["document-hash"]
    config = canon.rdfc(proof_config(document, proof))
    assert config == (spec / "obv3p0_proof-canon.txt").read_text()
    assert hashlib.sha256(config.encode()).hexdigest() == expected["proof-hash"]
    assert proof["proofValue"] == expected["proof-value"]
