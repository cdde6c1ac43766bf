"""What is re-hosted beside a badge page, including issuer copies fetched by verification."""

from __future__ import annotations

import json
from pathlib import Path

from portfolio_builder.config import Privacy
from portfolio_builder.discover import discover
from portfolio_builder.pipeline import BuildOptions, make_fetcher
from portfolio_builder.reading import read_badge
from portfolio_builder.rehost import rehost
from portfolio_builder.sharing import declared_organization_id, organization_id
from portfolio_builder.verify.report import FetchedCopy

from sitebuild.kit import assertion, write_badge

EMAIL = "sam@example.org"


def _read(tmp_path: Path, data: dict[str, object]):  # type: ignore[no-untyped-def]
    write_badge(tmp_path, "one", data)
    source = discover([str(tmp_path / "content" / "badges")]).files[0]
    return read_badge(source)


def _copies(identity: str) -> tuple[FetchedCopy, ...]:
    hosted = json.dumps({"id": "https://issuer.example/a/1", "recipient": {"identity": identity}})
    issuer = json.dumps({"id": "https://issuer.example/", "name": "Example Academy"})
    return (
        FetchedCopy("assertion", "https://issuer.example/a/1", hosted.encode(), "application/json"),
        FetchedCopy("issuer", "https://issuer.example/", issuer.encode(), "application/json"),
        FetchedCopy("badge", "https://issuer.example/b", b"<html>not json</html>", "text/html"),
    )


def test_issuer_copies_are_published_beside_the_original(tmp_path: Path) -> None:
    read = _read(tmp_path, assertion(1))
    copies = _copies("sha256$abc")
    result = rehost(read.payload, [read.badge], copies, Privacy(), ("slug", ()))
    names = {f.name: f.body for f in result.files}
    assert set(names) == {"assertion.json", "issuer-assertion.json", "issuer-issuer.json"}
    assert names["issuer-issuer.json"] == copies[1].body
    assert names["assertion.json"] == read.payload.raw
    assert result.download is not None and result.download.path == "badges/slug/slug.png"
    assert result.download.make() == read.source.path.read_bytes()


def test_withholding_originals_keeps_only_issuer_profile_copies(tmp_path: Path) -> None:
    read = _read(tmp_path, assertion(1))
    privacy = Privacy(publish_originals=False)
    result = rehost(read.payload, [read.badge], _copies("sha256$abc"), privacy, ("slug", ()))
    assert [f.name for f in result.files] == ["issuer-issuer.json"]
    assert result.download is None


def test_a_fetched_copy_naming_the_owner_in_plain_text_is_redacted(tmp_path: Path) -> None:
    read = _read(tmp_path, assertion(1))
    result = rehost(read.payload, [read.badge], _copies(EMAIL), Privacy(), ("slug", (EMAIL,)))
    hosted = {f.name: f.body for f in result.files}["issuer-assertion.json"]
    assert EMAIL.encode() not in hosted
    assert json.loads(hosted)["recipient"]["identity"] == "[redacted]"


def test_linkedin_organization_by_issuer_id_then_name() -> None:
    mapping = {"https://issuer.example/": "11", "Example Academy": "22"}
    assert organization_id(mapping, "https://issuer.example/", "Example Academy") == "11"
    assert organization_id(mapping, "https://other.example/", "Example Academy") == "22"
    assert organization_id(mapping, None, "Unknown") is None


def test_offline_builds_never_use_the_network(tmp_path: Path) -> None:
    with make_fetcher(BuildOptions(site=tmp_path, offline=True)) as fetcher:
        result = fetcher.fetch("https://issuer.example/")
    assert not result.ok and result.error
    assert "offline" in result.error


def test_an_ob3_issuer_may_declare_its_linkedin_organization_id() -> None:
    other = [{"type": "IdentifierEntry", "identifierType": "ext:LinkedIn:organizationId",
              "identifier": "98765"}]  # fmt: skip
    assert declared_organization_id({"issuer": {"otherIdentifier": other}}) == "98765"
    assert declared_organization_id({"issuer": "did:example:1"}) is None
    bad = [{"identifierType": "ext:LinkedIn:organizationId", "identifier": "x&y"}]
    assert declared_organization_id({"issuer": {"otherIdentifier": bad}}) is None
