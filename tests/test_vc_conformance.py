"""OB 3.0 conformance: structural must-haves (invalid) and the JSON schema (warnings)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_vc_proofs import KEY, METHOD, credential, signed
from vc_support import read_credential, vc_results, verified

from portfolio_builder.verify.report import Result, Status
from portfolio_builder.verify.vc.schema_check import schema_findings
from portfolio_builder.verify.vc.sign import sign_data_integrity


def test_a_well_formed_credential_passes_both(tmp_path: Path) -> None:
    results = vc_results(read_credential(tmp_path, signed()))
    assert results["vc-structure"].result is Result.PASS
    assert results["vc-schema"].result is Result.PASS


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda c: c.update({"@context": c["@context"][1:]}), "first @context"),
        (lambda c: c.pop("issuer"), "no issuer"),
        (lambda c: c.update({"credentialSubject": "did:example:learner"}), "credentialSubject"),
        (lambda c: c["credentialSubject"].update({"type": ["Subject"]}), "AchievementSubject"),
        (lambda c: c["credentialSubject"]["achievement"].update({"type": "Badge"}), "Achievement"),
        (lambda c: c["issuer"].update({"type": ["Organisation"]}), "Profile"),
        (lambda c: c.update({"evidence": [{"type": ["Proofs"]}]}), "Evidence"),
    ],
    ids=[
        "context",
        "issuer",
        "subject",
        "subject-type",
        "achievement-type",
        "issuer-type",
        "evidence-type",
    ],
)
def test_structural_faults_make_the_credential_invalid(
    tmp_path: Path, change: Any, words: str
) -> None:
    document = credential()
    change(document)
    result = vc_results(read_credential(tmp_path, document))["vc-structure"]
    assert (result.result, result.status) == (Result.FAIL, Status.INVALID)
    assert words in result.message


def test_a_vc_1_1_credential_is_accepted_with_a_warning(tmp_path: Path) -> None:
    document = credential()
    document["@context"][0] = "https://www.w3.org/2018/credentials/v1"
    result = vc_results(read_credential(tmp_path, document))["vc-structure"]
    assert result.result is Result.WARN
    assert "VC 1.1" in result.message


def test_single_values_where_the_schema_wants_arrays_are_accepted(corpus: Path) -> None:
    vector = corpus / "1edtech-ob-spec" / "ob3_ldp_test_vector_signed_credential.json"
    document = json.loads(vector.read_text())
    assert not isinstance(document["proof"], list)
    assert schema_findings(document) == []


def test_schema_findings_are_warnings_naming_the_json_path(tmp_path: Path) -> None:
    document = signed(suite=("DataIntegrityProof", "eddsa-jcs-2022"))
    document["credentialSubject"]["achievement"]["criteria"] = 42
    report = verified(read_credential(tmp_path, document))
    [schema] = [c for c in report.checks if c.id == "vc-schema"]
    assert schema.result is Result.WARN
    assert "$.credentialSubject.achievement.criteria" in schema.message
    assert report.status is Status.INVALID  # changed after signing; the schema alone would warn


def test_schema_warnings_do_not_change_a_valid_status(tmp_path: Path) -> None:
    document = credential()
    document["credentialSubject"]["achievement"]["achievementType"] = "NotAType"
    report = verified(read_credential(tmp_path, sign_data_integrity(document, KEY, METHOD)))
    [schema] = [c for c in report.checks if c.id == "vc-schema"]
    assert schema.result is Result.WARN
    assert "achievementType" in schema.message
    assert report.status is Status.VALID


def test_no_check_message_quotes_a_recipient_identity(tmp_path: Path) -> None:
    document = credential()
    subject = document["credentialSubject"]
    subject.pop("id")
    subject["identifier"] = [
        {
            "type": "IdentityObject",
            "hashed": False,
            "identityHash": ["alice@example.org"],
            "identityType": "emailAddress",
        }
    ]
    report = verified(read_credential(tmp_path, sign_data_integrity(document, KEY, METHOD)))
    [schema] = [c for c in report.checks if c.id == "vc-schema"]
    assert "$.credentialSubject.identifier[0].identityHash" in schema.message
    assert not any("alice@example.org" in c.message for c in report.checks)
