"""The shipped JSON-LD contexts and JSON schemas: complete, unchanged, documented, offline."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from portfolio_builder.verify.vc import canon
from portfolio_builder.verify.vc.contexts import context_index, schema_index, shipped_bytes

DATA = Path(__file__).resolve().parents[1] / "portfolio_builder" / "data"
KINDS = {"contexts": context_index, "schemas": schema_index}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_corpus_index_url_is_shipped_byte_for_byte(corpus: Path, kind: str) -> None:
    published = json.loads((corpus / kind / "index.json").read_text())[kind]
    assert set(published) == set(KINDS[kind]())
    for url, relative in published.items():
        assert shipped_bytes(kind, url) == (corpus / relative).read_bytes(), url


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_shipped_file_is_indexed_parsed_and_documented(kind: str) -> None:
    index = KINDS[kind]()
    files = {p.relative_to(DATA / kind).as_posix() for p in (DATA / kind).rglob("*")}
    files -= {"index.json", "README.md"}
    files = {f for f in files if not (DATA / kind / f).is_dir()}
    assert files == set(index.values())
    readme = (DATA / kind / "README.md").read_text()
    for relative in sorted(files):
        body = (DATA / kind / relative).read_bytes()
        json.loads(body)
        assert f"`{relative}`" in readme, f"{relative} has no provenance row"
        assert hashlib.sha256(body).hexdigest() in readme, f"{relative}: sha256 not in README"


def test_an_unknown_context_is_named_and_never_fetched() -> None:
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://example.org/unknown/v1"],
        "type": ["VerifiableCredential"],
    }
    with pytest.raises(canon.CanonError) as raised:
        canon.rdfc(document)
    assert raised.value.missing_context == "https://example.org/unknown/v1"


def test_terms_the_contexts_do_not_define_are_refused() -> None:
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:1"},
    }
    canon.rdfc(document)
    document["nickname"] = "not in any context"
    with pytest.raises(canon.CanonError, match="nickname"):
        canon.rdfc(document)


def test_relative_type_references_are_refused() -> None:
    document = {
        "@context": [{"@version": 1.1, "id": "@id", "type": "@type", "x": "https://e.org/x"}],
        "type": "Relative",
        "x": "value",
    }
    with pytest.raises(canon.CanonError, match="relative type"):
        canon.rdfc(document)
