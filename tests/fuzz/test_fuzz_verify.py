"""Whatever an issuer's server answers, verification concludes a status and no check fails
with an internal error (property-based, with an in-memory fetcher). Hosted and signed
OB 2.0 and OB 3.0 credentials, with answers of any status, content type and body."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import jwt
from badge_factory import NOW, assertion
from hypothesis import given
from hypothesis import strategies as st
from xss_badges import KEY, ob3

from portfolio_builder.fetching import JSON_ACCEPT, FetchResult
from portfolio_builder.model import FileFormat, SourceFile
from portfolio_builder.reading import read_badge
from portfolio_builder.verify import verify
from portfolio_builder.verify.registry import VerifyContext
from portfolio_builder.verify.report import Status

BASE = "https://issuer.example"
URLS = [f"{BASE}/{name}" for name in ("assertion.json", "badge.json", "issuer.json", "key.json")]
URLS += [f"{BASE}/revoked.json", f"{BASE}/status", f"{BASE}/issuer"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
field_values = st.one_of(
    json_values, st.sampled_from([*URLS, "data:x", "", "urn:x", "did:web:issuer.example"])
)
KEYS = ["@context", "type", "id", "recipient", "badge", "issuer", "issuedOn", "expires"]
KEYS += ["verification", "verify", "revoked", "publicKey", "revocationList", "image", "uid"]
KEYS += ["publicKeyPem", "owner", "credentialStatus", "proof", "credentialSubject", "jwk"]
documents = st.dictionaries(st.sampled_from(KEYS), field_values, max_size=8)
bodies = st.one_of(
    documents.map(lambda d: json.dumps(d).encode()),
    st.binary(max_size=64),
    st.sampled_from([b"", b"null", b"[]", b"{", b"<html>", "\u00e9".encode("latin-1")]),
)
answers = st.tuples(
    st.sampled_from([200, 200, 200, 301, 404, 410, 500, None]),
    st.sampled_from(["application/json", "application/ld+json", "text/html", ""]),
    bodies,
)


class MemoryFetcher:
    """Answers from a dict of URL → (status, content type, body); status None: no answer."""

    def __init__(self, answers: dict[str, tuple[int | None, str, bytes]]) -> None:
        self.answers = answers

    def fetch(self, url: str, accept: str = JSON_ACCEPT) -> FetchResult:
        status, content_type, body = self.answers.get(url, (404, "text/plain", b""))
        if status is None:
            return FetchResult(url, url, None, "", b"", error="connection refused (test)")
        return FetchResult(url, url, status, content_type, body)

    def fetch_many(self, urls: list[str], accept: str = JSON_ACCEPT) -> dict[str, FetchResult]:
        return {u: self.fetch(u, accept) for u in urls}


def _baked(kind: str, changes: dict[str, Any]) -> tuple[str, str]:
    if kind == "hosted":
        return "badge.json", json.dumps(assertion(BASE) | changes)
    if kind == "signed":
        signed = assertion(BASE) | {"verification": {"type": "signed", "creator": URLS[3]}}
        return "badge.jws", jwt.encode(signed | changes, KEY, algorithm="RS256")
    credential = ob3() | {"issuer": {"id": f"{BASE}/issuer", "type": ["Profile"]}} | changes
    if kind == "vc-jwt":
        return "badge.jwt", jwt.encode(credential, KEY, algorithm="RS256")
    return "badge.json", json.dumps(credential)


def _verify(name: str, text: str, fetcher: MemoryFetcher) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        fmt = FileFormat.JWT if name.endswith((".jws", ".jwt")) else FileFormat.JSON
        read = read_badge(SourceFile(path, name, fmt))
        report = verify(read, VerifyContext(NOW, fetcher, ("a@b.c",)))
    assert report.status in Status
    problems = [c for c in report.checks if "internal error" in c.message]
    assert not problems, problems


@given(
    kind=st.sampled_from(["hosted", "signed", "vc-json", "vc-jwt"]),
    changes=documents,
    served=st.dictionaries(st.sampled_from(URLS), answers, max_size=len(URLS)),
)
def test_any_issuer_answer_gives_a_status(
    kind: str, changes: dict[str, Any], served: dict[str, tuple[int | None, str, bytes]]
) -> None:
    _verify(*_baked(kind, changes), MemoryFetcher(served))


@given(hosted=documents, badge_class=documents, issuer=documents)
def test_any_issuer_documents_behind_a_hosted_badge(
    hosted: dict[str, Any], badge_class: dict[str, Any], issuer: dict[str, Any]
) -> None:
    baked = assertion(BASE)
    served = {
        URLS[0]: (200, "application/json", json.dumps({**baked, **hosted}).encode()),
        URLS[1]: (200, "application/json", json.dumps(badge_class).encode()),
        URLS[2]: (200, "application/json", json.dumps(issuer).encode()),
    }
    _verify("badge.json", json.dumps(baked), MemoryFetcher(served))
