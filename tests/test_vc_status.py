"""credentialStatus: BitstringStatusList, StatusList2021 and the 1EdTech revocation list,
with lists signed here and served by a fake fetcher (and the corpus's DCC lists)."""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from test_vc_proofs import KEY, METHOD, credential
from vc_support import FakeFetcher, read_credential, vc_results, verified

from portfolio_builder.verify.report import Result, Status
from portfolio_builder.verify.vc.sign import sign_data_integrity
from portfolio_builder.verify.vc.statuslist import StatusListError, bit_at, decode_list

LIST_URL = "https://issuer.example/status/1"
V2 = "https://www.w3.org/ns/credentials/v2"
SL2021 = "https://w3id.org/vc/status-list/2021/v1"
OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
DCC_LISTS = (
    "https://digitalcredentials.github.io/vc-test-fixtures/statusLists/didkey-ed25519Signature2020"
)


def encoded(set_bits: set[int], multibase: bool = True, size: int = 16384) -> str:
    bits = bytearray(size)
    for index in set_bits:
        bits[index // 8] |= 0x80 >> (index % 8)
    raw = base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).rstrip(b"=").decode()
    return ("u" if multibase else "") + raw


def bitstring_list(set_bits: set[int], purpose: str = "revocation") -> dict[str, Any]:
    document = {
        "@context": [V2],
        "id": LIST_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": "https://issuer.example/",
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{LIST_URL}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded(set_bits),
        },
    }
    return sign_data_integrity(document, KEY, METHOD)


def with_status(index: int, purpose: str = "revocation", url: str = LIST_URL) -> dict[str, Any]:
    entry = {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }
    return sign_data_integrity(credential(credentialStatus=entry), KEY, METHOD)


def test_decoding_reads_bits_from_the_most_significant_end() -> None:
    bits = decode_list(encoded({0, 9}))
    assert [bit_at(bits, i) for i in range(11)] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
    with pytest.raises(StatusListError):
        bit_at(bits, len(bits) * 8)
    with pytest.raises(StatusListError):
        decode_list("u-not-gzip-")


def test_a_set_revocation_bit_makes_the_badge_revoked(tmp_path: Path) -> None:
    fetcher = FakeFetcher({LIST_URL: bitstring_list({5, 42})})
    report = verified(read_credential(tmp_path, with_status(42)), fetcher)
    assert report.status is Status.REVOKED
    assert LIST_URL in fetcher.requested


def test_a_clear_bit_leaves_the_badge_valid(tmp_path: Path) -> None:
    fetcher = FakeFetcher({LIST_URL: bitstring_list({5, 42})})
    read = read_credential(tmp_path, with_status(41))
    assert vc_results(read, fetcher)["vc-status"].result is Result.PASS
    assert verified(read, fetcher).status is Status.VALID


def test_a_suspension_bit_also_counts_as_revoked_and_says_so(tmp_path: Path) -> None:
    fetcher = FakeFetcher({LIST_URL: bitstring_list({7}, "suspension")})
    read = read_credential(tmp_path, with_status(7, "suspension"))
    result = vc_results(read, fetcher)["vc-status"]
    assert result.status is Status.REVOKED
    assert "suspended" in result.message


def test_status_list_2021_entries_are_read(tmp_path: Path) -> None:
    status_list = {
        "@context": ["https://www.w3.org/2018/credentials/v1", SL2021],
        "id": LIST_URL,
        "type": ["VerifiableCredential", "StatusList2021Credential"],
        "issuer": "https://issuer.example/",
        "issuanceDate": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{LIST_URL}#list",
            "type": "StatusList2021",
            "statusPurpose": "revocation",
            "encodedList": encoded({3}, multibase=False),
        },
    }
    entry = {
        "id": f"{LIST_URL}#3",
        "type": "StatusList2021Entry",
        "statusPurpose": "revocation",
        "statusListIndex": "3",
        "statusListCredential": LIST_URL,
    }
    document = credential(credentialStatus=entry)
    document["@context"] = [*document["@context"], SL2021]
    signed = sign_data_integrity(document, KEY, METHOD)
    fetcher = FakeFetcher({LIST_URL: status_list})
    report = verified(read_credential(tmp_path, signed), fetcher)
    assert report.status is Status.REVOKED
    [status] = [c for c in report.checks if c.id == "vc-status"]
    assert "not signed" not in status.message


@pytest.mark.parametrize("listed", [True, False])
def test_the_1edtech_revocation_list(tmp_path: Path, listed: bool) -> None:
    url = "https://issuer.example/revocations"
    document = credential(credentialStatus={"id": url, "type": "1EdTechRevocationList"})
    document["@context"] = [*document["@context"], OB_EXTENSIONS]
    signed = sign_data_integrity(document, KEY, METHOD)
    revoked = [{"id": signed["id"], "revocationReason": "Issued in error"}] if listed else []
    fetcher = FakeFetcher({url: {"id": url, "revokedCredentials": revoked}})
    report = verified(read_credential(tmp_path, signed), fetcher)
    assert report.status is (Status.REVOKED if listed else Status.VALID)
    if listed:
        assert any("Issued in error" in c.message for c in report.checks)


def test_an_unreachable_list_is_unverifiable(tmp_path: Path) -> None:
    report = verified(read_credential(tmp_path, with_status(1)), FakeFetcher())
    assert report.status is Status.UNVERIFIABLE
    assert any("cannot fetch the status list" in c.message for c in report.checks)


def test_a_list_changed_after_signing_fails_its_check(tmp_path: Path) -> None:
    status_list = bitstring_list(set())
    status_list["credentialSubject"]["encodedList"] = encoded({1})
    read = read_credential(tmp_path, with_status(1))
    result = vc_results(read, FakeFetcher({LIST_URL: status_list}))["vc-status"]
    assert (result.result, result.status) == (Result.FAIL, Status.INVALID)
    assert "fails its own proof" in result.message


@pytest.mark.parametrize(
    ("name", "status", "words"),
    [
        ("e5WK8CbZ1GjycuPombrj", None, "not revocation-flagged"),
        ("tampered", Status.INVALID, "fails its own proof"),
        ("expired", Status.UNVERIFIABLE, "expired on 2021-01-09"),
        ("notYetValid", Status.UNVERIFIABLE, "not valid before 3000-01-09"),
        ("missingBitStringType", Status.UNVERIFIABLE, "not a status list credential"),
    ],
)
def test_the_dcc_status_lists(
    corpus: Path, tmp_path: Path, name: str, status: Status | None, words: str
) -> None:
    url = f"{DCC_LISTS}/{name}"
    body = corpus / "dcc-vc-test-fixtures" / "statusLists" / "didkey-ed25519Signature2020" / name
    fetcher = FakeFetcher({url: body.read_bytes()})
    result = vc_results(read_credential(tmp_path, with_status(7, url=url)), fetcher)["vc-status"]
    assert result.status is status, result.message
    assert words in result.message


def test_list_fetches_are_kept_for_rehosting(tmp_path: Path) -> None:
    body = json.dumps(bitstring_list(set())).encode()
    fetcher = FakeFetcher({LIST_URL: body})
    report = verified(read_credential(tmp_path, with_status(1)), fetcher)
    assert [(f.role, f.url, f.body) for f in report.fetched] == [("status list", LIST_URL, body)]


def test_a_list_from_another_issuer_is_flagged(tmp_path: Path) -> None:
    status_list = bitstring_list(set())
    status_list["issuer"] = "https://someone-else.example/"
    status_list = sign_data_integrity(status_list, KEY, METHOD)
    read = read_credential(tmp_path, with_status(1))
    result = vc_results(read, FakeFetcher({LIST_URL: status_list}))["vc-status"]
    assert result.result is Result.WARN
    assert "not issued by the credential's issuer" in result.message
