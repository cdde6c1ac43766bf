"""Malformed OB 3.0 credentials end as a named check result, never an internal error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jwt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_vc_jwt import ED, claims
from test_vc_proofs import credential, signed
from test_vc_status import LIST_URL, bitstring_list
from vc_support import FakeFetcher, read_credential, read_file, vc_results

from portfolio_builder.verify.report import Result, Status

FETCHER_DOCS: dict[str, Any] = {LIST_URL: bitstring_list(set()), "https://x.example/l": [1, 2]}


def entry(**values: Any) -> dict[str, Any]:
    return {"type": "BitstringStatusListEntry", "statusListCredential": LIST_URL, **values}


Change = Callable[[dict[str, Any]], object]
CHANGES: dict[str, Change] = {
    "proof-string": lambda c: c.update(proof="signed"),
    "proof-numbers": lambda c: c.update(proof=[1, 2]),
    "method-object": lambda c: c["proof"].update(verificationMethod={"id": "did:key:z6Mk"}),
    "value-number": lambda c: c["proof"].update(proofValue=123),
    "value-not-base58": lambda c: c["proof"].update(proofValue="z0OIl+/"),
    "type-list": lambda c: c["proof"].update(type=["DataIntegrityProof"]),
    "context-number": lambda c: c.update({"@context": 5}),
    "subject-empty": lambda c: c.update(credentialSubject=[]),
    "issuer-number": lambda c: c.update(issuer=5),
    "status-string": lambda c: c.update(credentialStatus="revoked"),
    "status-none": lambda c: c.update(credentialStatus=[None]),
    "status-index-text": lambda c: c.update(credentialStatus=entry(statusListIndex="abc")),
    "status-index-negative": lambda c: c.update(credentialStatus=entry(statusListIndex=-1)),
    "status-index-huge": lambda c: c.update(credentialStatus=entry(statusListIndex=10**9)),
    "status-list-array": lambda c: c.update(
        credentialStatus=entry(statusListIndex=1, statusListCredential="https://x.example/l")
    ),
    "status-unknown-type": lambda c: c.update(credentialStatus={"type": "Mystery"}),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_malformed_credentials_get_a_named_verdict(tmp_path: Path, change: str) -> None:
    document = signed()
    CHANGES[change](document)
    read = read_credential(tmp_path, document)
    results = vc_results(read, FakeFetcher(dict(FETCHER_DOCS)))
    assert results, "some vc-* check must report"
    assert not any("internal error" in r.message for r in results.values()), results
    failed = [r for r in results.values() if r.result is Result.FAIL]
    assert failed, results
    assert all(r.status in (Status.INVALID, Status.UNVERIFIABLE) for r in failed), results


@pytest.mark.parametrize(
    "header",
    [
        {"kid": "ftp://keys.example/1"},
        {"jwk": "not-an-object"},
        {"jwk": {"kty": "OKP"}},
        {"kid": "did:key:zz"},
    ],
)
def test_malformed_jwt_headers_are_reported(tmp_path: Path, header: dict[str, Any]) -> None:
    compact = jwt.encode(claims(credential()), ED, "EdDSA", headers=header)
    result = vc_results(read_credential(tmp_path, compact))["vc-jwt"]
    assert result.result is Result.FAIL
    assert "internal error" not in result.message


JSONish = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = [
    "proof",
    "credentialStatus",
    "issuer",
    "credentialSubject",
    "@context",
    "type",
    "validFrom",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(FIELDS), value=JSONish)
def test_any_value_in_any_field_never_breaks_a_check(
    tmp_path: Path, field: str, value: Any
) -> None:
    document = signed()
    document[field] = value
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(document))
    read = read_file(path)
    if read.badge is None:
        return
    results = vc_results(read, FakeFetcher(dict(FETCHER_DOCS)))
    assert not any("internal error" in r.message for r in results.values()), results
