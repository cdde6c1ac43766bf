"""A fake fetcher answering the network resources that the corpus itself holds.

* DCC did:web documents (dcc-vc-test-fixtures/dids/) and status lists
  (dcc-vc-test-fixtures/statusLists/, dcc-verifier-core/status_*), at the URLs the
  credentials name;
* the 1EdTech validator's bit-string test list (1edtech-dcpv/ob30/bit-string-list/testlist);
* a controller document at each 1EdTech example issuer (example.edu, example.com,
  1edtech.edu), as the 1EdTech validator's tests resolve them locally: it lists the
  1EdTech test key (1edtech-ob-spec/ob3_ldp_test_vector_key_and_hashes.json) and the
  Ed25519 multikey that the verified file's verificationMethod fragment names there.

Everything else (other issuers' keys, did:web hosts not in the corpus, 1EdTech's live
revocation list) is unreachable, so credentials that need it are ``unverifiable``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from vc_support import FakeFetcher

from portfolio_builder.verify.vc.multikey import KeyFormatError, key_from_multikey

DCC_FIXTURES = "https://digitalcredentials.github.io/vc-test-fixtures"
DCC_CORE_STATUS = (
    "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main"
    "/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj"
)
DCPV_TESTLIST = (
    "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads"
    "/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist"
)
EXAMPLE_ISSUERS = (
    "https://example.edu/issuers/565049",
    "https://example.com/issuers/876543",
    "https://1edtech.edu/issuers/565049",
)


def _is_ed25519_multikey(value: str) -> bool:
    try:
        key_from_multikey(value)
    except KeyFormatError:
        return False
    return True


def _example_controller(corpus: Path, controller: str, text: str) -> dict[str, Any]:
    key = json.loads(
        (corpus / "1edtech-ob-spec" / "ob3_ldp_test_vector_key_and_hashes.json").read_text()
    )
    named = re.findall(re.escape(controller) + r"#(z[1-9A-HJ-NP-Za-km-z]+)", text)
    keys = sorted({key["publicKeyMultibase"], *filter(_is_ed25519_multikey, named)})
    methods = [f"{controller}#{k}" for k in keys]
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": controller,
        "verificationMethod": [
            {"id": m, "type": "Multikey", "controller": controller, "publicKeyMultibase": k}
            for m, k in zip(methods, keys, strict=True)
        ],
        "assertionMethod": methods,
    }


def corpus_fetcher(corpus: Path, text: str = "") -> FakeFetcher:
    """The corpus's network resources; ``text`` is the verified file's payload."""
    documents: dict[str, Any] = {
        f"{DCC_FIXTURES}/dids/{name}/did.json": (
            corpus / "dcc-vc-test-fixtures" / "dids" / name / "did.json"
        ).read_bytes()
        for name in ("legacy", "oidf")
    }
    lists = corpus / "dcc-vc-test-fixtures" / "statusLists" / "didkey-ed25519Signature2020"
    for path in lists.iterdir():
        url = f"{DCC_FIXTURES}/statusLists/didkey-ed25519Signature2020/{path.name}"
        documents[url] = path.read_bytes()
    documents[DCC_CORE_STATUS] = (
        corpus / "dcc-verifier-core" / "status_e5WK8CbZ1GjycuPombrj"
    ).read_bytes()
    documents[DCPV_TESTLIST] = (
        corpus / "1edtech-dcpv" / "ob30" / "bit-string-list" / "testlist"
    ).read_bytes()
    for controller in EXAMPLE_ISSUERS:
        documents[controller] = _example_controller(corpus, controller, text)
    return FakeFetcher(documents)
