"""Every verification status, for a VC-JWT and for a Data Integrity credential, each
signed here with our own keys; each case runs with an in-memory fetcher and again through
the real network layer against a local issuer server (status list served, a missing key
answering 404, a host that refuses connections).

``expired`` and ``not yet valid`` are concluded by the version-independent ``time``
check from the dates normalisation reads (validUntil, VC 1.1 expirationDate, validFrom).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jwt
import pytest
from issuer_server import IssuerServer
from test_vc_jwt import ED, did_key_kid
from test_vc_proofs import KEY, METHOD, OTHER_KEY, credential
from test_vc_status import LIST_URL, bitstring_list, with_status
from vc_support import FakeFetcher, ctx, read_credential, verified

from portfolio_builder.http import HttpFetcher
from portfolio_builder.verify import verify
from portfolio_builder.verify.report import Status
from portfolio_builder.verify.vc.sign import sign_data_integrity

STATUS_ENTRY = {
    "id": f"{LIST_URL}#42",
    "type": "BitstringStatusListEntry",
    "statusPurpose": "revocation",
    "statusListIndex": "42",
    "statusListCredential": LIST_URL,
}
V1 = "https://www.w3.org/2018/credentials/v1"
DATA_INTEGRITY = "https://w3id.org/security/data-integrity/v2"


def _timestamp(value: str) -> int:
    return int(datetime.fromisoformat(value).timestamp())


def as_jwt(document: dict[str, Any], key: Any = ED, kid: str | None = None) -> str:
    claims = {
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "sub": document["credentialSubject"]["id"],
    }
    for name, field in (("nbf", "validFrom"), ("exp", "validUntil")):
        if field in document:
            claims[name] = _timestamp(document[field])
    return jwt.encode(
        {**document, **claims}, key, "EdDSA", headers={"kid": kid or did_key_kid(ED.public_key())}
    )


def as_di(document: dict[str, Any], key: Any = KEY) -> dict[str, Any]:
    return sign_data_integrity(document, key, METHOD)


def vc11(document: dict[str, Any]) -> dict[str, Any]:
    document["@context"] = [V1, *document["@context"][1:], DATA_INTEGRITY]
    document["issuanceDate"] = document.pop("validFrom")
    document["expirationDate"] = "2025-01-01T00:00:00Z"
    return document


Case = tuple[Callable[[], Any], Status, str | None]
LIST = {LIST_URL: bitstring_list({42})}
CASES: dict[str, Case] = {
    "jwt-valid": (lambda: as_jwt(credential()), Status.VALID, None),
    "di-valid": (lambda: as_di(credential()), Status.VALID, None),
    "jwt-wrong-key": (lambda: as_jwt(credential(), key=OTHER_KEY), Status.INVALID, None),
    "di-wrong-key": (lambda: as_di(credential(), key=OTHER_KEY), Status.INVALID, None),
    "jwt-revoked": (
        lambda: as_jwt(credential(credentialStatus=STATUS_ENTRY)),
        Status.REVOKED,
        None,
    ),
    "di-revoked": (lambda: with_status(42), Status.REVOKED, None),
    "jwt-unreachable-key": (
        lambda: as_jwt(credential(), kid="https://issuer.example/keys/gone"),
        Status.UNVERIFIABLE,
        None,
    ),
    "di-unreachable-list": (
        lambda: as_di(
            credential(
                credentialStatus={**STATUS_ENTRY, "statusListCredential": "https://x.example/l"}
            )
        ),
        Status.UNVERIFIABLE,
        None,
    ),
    "jwt-expired": (
        lambda: as_jwt(credential(validUntil="2025-01-01T00:00:00Z")),
        Status.EXPIRED,
        "expired",
    ),
    "di-expired": (
        lambda: as_di(credential(validUntil="2025-01-01T00:00:00Z")),
        Status.EXPIRED,
        "expired",
    ),
    "di-expired-vc11": (lambda: as_di(vc11(credential())), Status.EXPIRED, "expired"),
    "jwt-not-yet-valid": (
        lambda: as_jwt(credential(validFrom="2099-01-01T00:00:00Z")),
        Status.INVALID,
        "not-yet-valid",
    ),
    "di-not-yet-valid": (
        lambda: as_di(credential(validFrom="2099-01-01T00:00:00Z")),
        Status.INVALID,
        "not-yet-valid",
    ),
}


def _over_http(server: IssuerServer, cache: Path) -> HttpFetcher:
    """The real network layer, with the credentials' hosts sent to the local issuer."""
    for url, document in LIST.items():
        server.add_json(urlsplit(url).path, document)
    nowhere = IssuerServer()
    nowhere.close()  # its port now refuses connections: an issuer that is down
    hosts = server.host_map("issuer.example") | nowhere.host_map("x.example")
    return HttpFetcher(cache, host_map=hosts, allow_private_network=True)


@pytest.mark.parametrize("network", ["in-memory", "http"])
@pytest.mark.parametrize("case", list(CASES))
def test_every_status(tmp_path: Path, issuer_server: IssuerServer, case: str, network: str) -> None:
    make, expected, by_time = CASES[case]
    read = read_credential(tmp_path, make())
    if network == "http":
        with _over_http(issuer_server, tmp_path / "cache") as http:
            report = verify(read, ctx(http))
    else:
        report = verified(read, FakeFetcher(json.loads(json.dumps(LIST))))
    assert report.status is expected, [c.as_json() for c in report.checks]
    if by_time is not None:
        time_check = next(c for c in report.checks if c.id == "time")
        assert time_check.result == "fail", time_check.as_json()
