"""Every baked image and credential file in the sample corpus reads as MANIFEST.md says.

The expectations are data in tests/data/corpus_expected.txt, one line per file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from portfolio_builder.discover import discover
from portfolio_builder.inspection import as_json
from portfolio_builder.reading import read_badge

TABLE = Path(__file__).parent / "data" / "corpus_expected.txt"
SUFFIXES = {".png", ".svg", ".json", ".jwt", ".jws"}
NOT_BADGE_FILES = ("contexts", "schemas")


@dataclass(frozen=True)
class Expected:
    kind: str | None = None
    version: str | None = None
    name: str | None = None
    issuer: str | None = None
    codes: tuple[str, ...] = ()
    is_badge: bool = True


def _null(value: str) -> str | None:
    return None if value == "-" else value


def _parse(line: str) -> tuple[str, Expected]:
    fields = [f.strip() for f in line.split("#", 1)[0].split(" | ")]
    if len(fields) == 2:
        return fields[0], Expected(codes=(fields[1],), is_badge=False)
    path, kind, version, name, issuer, codes = fields
    listed = () if codes == "-" else tuple(codes.split(","))
    return path, Expected(_null(kind), _null(version), _null(name), _null(issuer), listed)


def _table() -> dict[str, Expected]:
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    return dict(_parse(line) for line in lines if line.strip() and not line.startswith("#"))


EXPECTED = _table()


def test_table_covers_every_corpus_badge_file(corpus: Path) -> None:
    found = {
        str(p.relative_to(corpus))
        for p in corpus.rglob("*")
        if p.is_file()
        and p.suffix in SUFFIXES
        and p.relative_to(corpus).parts[0] not in NOT_BADGE_FILES
    }
    assert found - EXPECTED.keys() == set(), "corpus files without an expectation"
    assert EXPECTED.keys() - found == set(), "expectations for files not in the corpus"


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_corpus_file_reads_as_described(corpus: Path, relative: str) -> None:
    expected = EXPECTED[relative]
    [source] = discover([str(corpus / relative)]).files
    result = read_badge(source)
    shown = as_json(result)
    codes = [d["code"] for d in shown["diagnostics"]]
    if not expected.is_badge:
        assert result.badge is None
        assert codes == list(expected.codes)
        assert all(relative.split("/")[-1] in d.path for d in result.diagnostics)
        return
    assert result.badge is not None, codes
    assert shown["payload_kind"] == expected.kind
    assert shown["version"] == expected.version
    assert shown["name"] == expected.name
    assert shown["issuer"] == expected.issuer
    assert sorted(codes) == sorted(expected.codes)


@pytest.mark.parametrize(
    ("relative", "url", "container"),
    [
        ("mozilla-backpack/valid-baked.png", "https://example.org/assertion", "tEXt:openbadges"),
        ("mozilla-backpack/404.png", "https://example.org/404", "tEXt:openbadges"),
        ("mozilla-bakery/no-json.svg", "http://example.org", "svg:assertion"),
    ],
)
def test_corpus_url_payloads_keep_the_url(
    corpus: Path, relative: str, url: str, container: str
) -> None:
    [source] = discover([str(corpus / relative)]).files
    result = read_badge(source)
    assert result.payload is not None and result.badge is not None
    assert result.payload.text == url
    assert result.payload.container == container
    assert result.badge.verification is not None
    assert result.badge.verification.url == url


def test_corpus_ob3_under_credential_keyword_and_vc_claim(corpus: Path) -> None:
    [source] = discover([str(corpus / "1edtech-dcpv/ob30/simple-jwt_v1.png")]).files
    result = read_badge(source)
    assert result.payload is not None and result.badge is not None
    assert result.payload.container == "iTXt:openbadgecredential"
    assert result.badge.credential_types == ("VerifiableCredential", "OpenBadgeCredential")
    assert result.badge.issued_on is not None
    assert result.badge.issued_on.isoformat() == "2010-01-01T00:00:00+00:00"


def test_corpus_payload_bytes_kept_exactly(corpus: Path) -> None:
    path = corpus / "1edtech-dcpv/ob30/simple.jwt"
    [source] = discover([str(path)]).files
    result = read_badge(source)
    assert result.payload is not None
    assert result.payload.raw == path.read_bytes()
