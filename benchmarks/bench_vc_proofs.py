"""How much JSON-LD canonicalisation costs when verifying OB 3.0 Data Integrity proofs.

Signs N credentials with eddsa-rdfc-2022 and the same N with eddsa-jcs-2022 (no
JSON-LD), verifies both sets, and prints the time ratio rdfc/jcs. The contexts are
processed once per process (pyld's resolved-context cache plus the shipped-context
loader), so the ratio should stay flat as N grows.

It also verifies N credentials that share one signed status list, against the same N
without status: the list is canonicalised once, so the ratio should stay near 1.

Usage: python benchmarks/bench_vc_proofs.py [N]
"""

from __future__ import annotations

import base64
import copy
import gzip
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ed25519

from portfolio_builder.fetching import FetchResult
from portfolio_builder.model import FileFormat, SourceFile
from portfolio_builder.reading import ReadResult
from portfolio_builder.verify.registry import VerifyContext, VerifyState
from portfolio_builder.verify.vc import status_check
from portfolio_builder.verify.vc.proofs import verify_embedded
from portfolio_builder.verify.vc.sign import did_key_method, sign_data_integrity

TEMPLATE = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "https://example.org/issuer", "type": ["Profile"], "name": "Bench"},
    "validFrom": "2024-01-01T00:00:00Z",
    "credentialSubject": {
        "type": ["AchievementSubject"],
        "achievement": {
            "id": "https://example.org/a",
            "type": ["Achievement"],
            "name": "Benchmark",
            "criteria": {"narrative": "Run the benchmark."},
        },
    },
}


LIST_URL = "https://example.org/status/1"


class _Offline:
    """Answers only the status list; everything else is offline."""

    def __init__(self, status_list: bytes = b"") -> None:
        self.status_list = status_list

    def fetch(self, url: str, accept: str = "") -> FetchResult:
        if url == LIST_URL and self.status_list:
            return FetchResult(url, url, 200, "application/json", self.status_list)
        return FetchResult(url, url, None, "", b"", error="offline")

    def fetch_many(self, urls: list[str], accept: str = "") -> dict[str, FetchResult]:
        return {u: self.fetch(u) for u in urls}


def _state(status_list: bytes = b"") -> VerifyState:
    source = SourceFile(Path("bench.json"), "bench.json", FileFormat.JSON)
    read = ReadResult(source, None, None, ())
    return VerifyState(read, VerifyContext(datetime.now(UTC), _Offline(status_list)), None)


def _key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


def _status_list() -> bytes:
    bits = base64.urlsafe_b64encode(gzip.compress(bytes(16384), mtime=0)).rstrip(b"=")
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": LIST_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": "https://example.org/issuer",
        "credentialSubject": {
            "id": f"{LIST_URL}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": "u" + bits.decode(),
        },
    }
    key = _key()
    return json.dumps(sign_data_integrity(document, key, did_key_method(key.public_key()))).encode()


def _signed(n: int, suite: str, status: bool = False) -> list[dict[str, object]]:
    key = _key()
    method = did_key_method(key.public_key())
    out = []
    for i in range(n):
        credential = copy.deepcopy(TEMPLATE)
        credential["id"] = f"urn:uuid:00000000-0000-0000-0000-{i:012d}"
        if status:
            credential["credentialStatus"] = {
                "id": f"{LIST_URL}#{i}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": str(i),
                "statusListCredential": LIST_URL,
            }
        out.append(sign_data_integrity(credential, key, method, cryptosuite=suite))
    return out


def _verify_with_status(credentials: list[dict[str, object]], status_list: bytes) -> float:
    state = _state(status_list)
    start = time.perf_counter()
    for credential in credentials:
        [outcome] = verify_embedded(state, credential)
        assert outcome.status is None, outcome.message
        assert _status_entries(state, credential) == []
    return time.perf_counter() - start


def _status_entries(state: VerifyState, credential: dict[str, object]) -> list[str]:
    """Messages of failed status entries (none expected)."""
    outcome = status_check.entry_outcome(state, credential, credential["credentialStatus"])
    return [] if outcome.status is None else [outcome.message]


def _verify_all(credentials: list[dict[str, object]]) -> float:
    state = _state()
    start = time.perf_counter()
    for credential in credentials:
        [outcome] = verify_embedded(state, credential)
        assert outcome.status is None, outcome.message
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rdfc, jcs = _signed(n, "eddsa-rdfc-2022"), _signed(n, "eddsa-jcs-2022")
    with_status = _signed(n, "eddsa-rdfc-2022", status=True)
    t_rdfc, t_jcs = _verify_all(rdfc), _verify_all(jcs)
    t_status = _verify_with_status(with_status, _status_list())
    report = {
        "credentials": n,
        "rdfc_ms_per_credential": round(1000 * t_rdfc / n, 3),
        "jcs_ms_per_credential": round(1000 * t_jcs / n, 3),
        "ratio_rdfc_over_jcs": round(t_rdfc / t_jcs, 1),
        "ratio_shared_status_list_over_no_status": round(t_status / t_rdfc, 2),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
