"""OB 1.0 and 2.0 verification, hosted and signed, against a real local issuer.

Every badge here is made by tests/badge_factory.py; the issuer is tests/issuer_server.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from badge_factory import (
    NOW,
    OWNER,
    SALT,
    assertion,
    badge_class,
    check_file,
    hashed,
    issuer,
    key_document,
    message,
    public_pem,
    recipient,
    results,
    rsa_key,
    sign,
    tiny_png,
    write_png,
    write_text,
)
from cryptography.hazmat.primitives.asymmetric import ec
from issuer_server import Answer, IssuerServer

from portfolio_builder.bake import bake_png_chunk
from portfolio_builder.discover import discover
from portfolio_builder.http import HttpFetcher
from portfolio_builder.model import Achievement, Issuer
from portfolio_builder.reading import read_badge
from portfolio_builder.verify import ordered_checks, verify_many
from portfolio_builder.verify.registry import VerifyContext
from portfolio_builder.verify.report import Status


@pytest.fixture
def http(tmp_path: Path) -> Iterator[HttpFetcher]:
    with HttpFetcher(tmp_path / "cache", allow_private_network=True) as fetcher:
        yield fetcher


@pytest.fixture
def site(issuer_server: IssuerServer) -> IssuerServer:
    """An issuer hosting one OB 2.0 assertion, its badge class and its profile."""
    base = issuer_server.base
    issuer_server.add_json("/issuer.json", issuer(base))
    issuer_server.add_json("/badge.json", badge_class(base))
    issuer_server.add_json("/assertion.json", assertion(base))
    return issuer_server


def baked(tmp_path: Path, document: dict[str, object], name: str = "badge.png") -> Path:
    return write_png(tmp_path, name, json.dumps(document))


# --- OB 2.0 hosted ----------------------------------------------------------------


def test_hosted_valid_uses_the_issuers_copy(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    report = check_file(baked(tmp_path, assertion(site.base)), http)
    assert report.status is Status.VALID, report.checks
    assert results(report)["hosted.origin"] == "pass"
    assert results(report)["recipient"] == "pass"
    badge = report.badge
    assert badge is not None and isinstance(badge.achievement, Achievement)
    assert badge.name == "Data Wrangling" and badge.issuer_name == "Example Academy"
    assert isinstance(badge.issuer, Issuer)
    roles = [copy.role for copy in report.fetched]
    assert roles == ["assertion", "badge-class", "issuer"]


def test_hosted_copy_wins_and_differences_are_named(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    tampered = assertion(site.base, expires="2099-01-01T00:00:00Z", issuedOn="2020-01-01")
    report = check_file(baked(tmp_path, tampered), http)
    assert report.status is Status.VALID
    assert results(report)["hosted.match"] == "warn"
    assert "issuedOn, expires" in message(report, "hosted.match")
    assert report.badge is not None and report.badge.expires is None


def test_hosted_404_is_unverifiable(tmp_path: Path, site: IssuerServer, http: HttpFetcher) -> None:
    report = check_file(baked(tmp_path, assertion(site.base, path="/gone.json")), http)
    assert report.status is Status.UNVERIFIABLE
    assert "404" in message(report, "hosted.fetch")


def test_hosted_410_is_revoked(tmp_path: Path, site: IssuerServer, http: HttpFetcher) -> None:
    site.add("/assertion.json", Answer(410, "text/html", b"<h1>Gone</h1>"))
    report = check_file(baked(tmp_path, assertion(site.base)), http)
    assert report.status is Status.REVOKED
    assert "410" in message(report, "hosted.fetch")


def test_hosted_revoked_true_with_reason(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    site.add_json(
        "/assertion.json",
        {"id": site.url("/assertion.json"), "revoked": True, "revocationReason": "cheating"},
    )
    report = check_file(baked(tmp_path, assertion(site.base)), http)
    assert report.status is Status.REVOKED
    assert "cheating" in message(report, "hosted.fetch")


def test_issuer_unreachable_is_unverifiable(tmp_path: Path, http: HttpFetcher) -> None:
    badge = assertion("http://127.0.0.1:9")  # nothing listens on the discard port
    report = check_file(baked(tmp_path, badge), http)
    assert report.status is Status.UNVERIFIABLE
    assert results(report)["hosted.fetch"] == "fail"
    assert report.status is not Status.VALID


def test_hosted_copy_of_the_wrong_type_is_invalid(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    site.add_json("/assertion.json", badge_class(site.base))
    report = check_file(baked(tmp_path, assertion(site.base)), http)
    assert report.status is Status.INVALID
    assert "not an Open Badges assertion" in message(report, "hosted.type")


def test_hosted_html_page_is_unverifiable(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    site.add("/assertion.json", Answer(200, "text/html", b"<html>maintenance</html>"))
    report = check_file(baked(tmp_path, assertion(site.base)), http)
    assert report.status is Status.UNVERIFIABLE
    assert "not a JSON object" in message(report, "hosted.fetch")


def test_hosted_outside_the_issuers_origins_is_invalid(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    site.add_json(
        "/issuer.json",
        issuer(site.base, verification={"allowedOrigins": ["badges.example.org"]}),
    )
    report = check_file(baked(tmp_path, assertion(site.base)), http)
    assert report.status is Status.INVALID
    assert "allowed origins" in message(report, "hosted.origin")


def test_starts_with_policy(tmp_path: Path, site: IssuerServer, http: HttpFetcher) -> None:
    site.add_json("/issuer.json", issuer(site.base, verification={"startsWith": site.url("/a")}))
    report = check_file(baked(tmp_path, assertion(site.base)), http)
    assert report.status is Status.VALID, report.checks


def test_expired_and_not_yet_valid(tmp_path: Path, site: IssuerServer, http: HttpFetcher) -> None:
    site.add_json("/assertion.json", assertion(site.base, expires="2025-01-01T00:00:00Z"))
    expired = check_file(baked(tmp_path, assertion(site.base)), http)
    assert expired.status is Status.EXPIRED
    assert "expired on 2025-01-01" in message(expired, "time")
    early = check_file(baked(tmp_path, assertion(site.base), "b.png"), http, now=NOW.replace(2023))
    # The cached hosted copy is reused; at a time before issuedOn the badge is not yet valid.
    assert early.status is Status.INVALID
    assert "not yet valid" in message(early, "time")


def test_recipient_mismatch_is_invalid_and_never_printed(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    report = check_file(baked(tmp_path, assertion(site.base)), http, identities=("x@y.org",))
    assert report.status is Status.INVALID
    text = json.dumps(report.as_json())
    assert "x@y.org" not in text and OWNER not in text and "sha256$" not in text


def test_without_identities_the_recipient_check_is_skipped(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    report = check_file(baked(tmp_path, assertion(site.base)), http, identities=())
    assert report.status is Status.VALID
    assert results(report)["recipient"] == "skip"
    assert "no identities" in message(report, "recipient")


def test_data_image_on_the_assertion_is_invalid(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    document = assertion(site.base, image="data:image/png;base64,iVBORw0KGgo=")
    site.add_json("/assertion.json", document)
    report = check_file(baked(tmp_path, document), http)
    assert report.status is Status.INVALID
    assert "data: URI" in message(report, "structure")


def test_baked_url_only_is_fetched_first(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    report = check_file(write_png(tmp_path, "url.png", site.url("/assertion.json")), http)
    assert report.status is Status.VALID
    assert report.version == "2.0"


def test_badge_class_unreachable_is_unverifiable(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    del site.routes["/badge.json"]
    report = check_file(baked(tmp_path, assertion(site.base)), http)
    assert report.status is Status.UNVERIFIABLE
    assert results(report)["issuer.fetch"] == "skip"


# --- OB 2.0 signed ----------------------------------------------------------------


@pytest.fixture
def signer(site: IssuerServer) -> object:
    key = rsa_key()
    site.add_json("/key.json", key_document(site.base, key))
    site.add_json("/issuer.json", issuer(site.base, publicKey=site.url("/key.json")))
    return key


def signed(base: str, **extra: object) -> dict[str, object]:
    document = assertion(base, **extra)
    document["verification"] = {"type": "SignedBadge", "creator": f"{base}/key.json"}
    return document


def test_signed_valid(
    tmp_path: Path, site: IssuerServer, signer: object, http: HttpFetcher
) -> None:
    token = sign(signed(site.base), signer)
    report = check_file(write_text(tmp_path, "badge.jws", token), http)
    assert report.status is Status.VALID, report.checks
    assert results(report)["signed.signature"] == "pass"
    assert results(report)["signed.key-owner"] == "pass"
    assert "hosted.fetch" not in results(report)


def test_signed_baked_in_png(
    tmp_path: Path, site: IssuerServer, signer: object, http: HttpFetcher
) -> None:
    report = check_file(write_png(tmp_path, "s.png", sign(signed(site.base), signer)), http)
    assert report.status is Status.VALID


def test_signed_by_another_key_is_invalid(
    tmp_path: Path, site: IssuerServer, signer: object, http: HttpFetcher
) -> None:
    token = sign(signed(site.base), rsa_key())
    report = check_file(write_text(tmp_path, "badge.jws", token), http)
    assert report.status is Status.INVALID
    assert "does not match" in message(report, "signed.signature")


def test_tampered_payload_is_invalid(
    tmp_path: Path, site: IssuerServer, signer: object, http: HttpFetcher
) -> None:
    header, _, signature = sign(signed(site.base), signer).split(".")
    other = sign(signed(site.base, issuedOn="2020-01-01"), signer).split(".")[1]
    report = check_file(write_text(tmp_path, "t.jws", f"{header}.{other}.{signature}"), http)
    assert report.status is Status.INVALID


def test_key_not_listed_by_the_issuer_is_invalid(
    tmp_path: Path, site: IssuerServer, signer: object, http: HttpFetcher
) -> None:
    site.add_json("/issuer.json", issuer(site.base, publicKey=site.url("/other-key.json")))
    report = check_file(write_text(tmp_path, "b.jws", sign(signed(site.base), signer)), http)
    assert report.status is Status.INVALID
    assert "does not list" in message(report, "signed.key-owner")


def test_hmac_and_none_are_refused(tmp_path: Path, site: IssuerServer, http: HttpFetcher) -> None:
    key = rsa_key()
    site.add_json("/key.json", key_document(site.base, key))
    site.add_json("/issuer.json", issuer(site.base, publicKey=site.url("/key.json")))
    for algorithm, secret in (("HS256", "s" * 32), ("none", None)):
        token = sign(signed(site.base), secret, algorithm=algorithm)
        report = check_file(write_text(tmp_path, f"{algorithm}.jws", token), http)
        assert report.status is Status.INVALID
        assert f"{algorithm!r}, which is not accepted" in message(report, "signed.signature")


def test_es256_is_accepted(tmp_path: Path, site: IssuerServer, http: HttpFetcher) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    document = key_document(site.base, key)  # type: ignore[arg-type]
    site.add_json("/key.json", document)
    site.add_json("/issuer.json", issuer(site.base, publicKey=site.url("/key.json")))
    token = sign(signed(site.base), key, algorithm="ES256")
    report = check_file(write_text(tmp_path, "e.jws", token), http)
    assert report.status is Status.VALID, report.checks


def test_signed_revocation_list(
    tmp_path: Path, site: IssuerServer, signer: object, http: HttpFetcher
) -> None:
    base = site.base
    site.add_json(
        "/issuer.json",
        issuer(base, publicKey=site.url("/key.json"), revocationList=site.url("/revoked.json")),
    )
    site.add_json(
        "/revoked.json",
        {
            "type": "RevocationList",
            "revokedAssertions": [
                "urn:uuid:someone-else",
                {"id": f"{base}/assertion.json", "revocationReason": "issued in error"},
            ],
        },
    )
    report = check_file(write_text(tmp_path, "r.jws", sign(signed(base), signer)), http)
    assert report.status is Status.REVOKED
    assert "issued in error" in message(report, "revocation-list")
    other = sign(signed(base, id=f"{base}/another.json"), signer)
    assert check_file(write_text(tmp_path, "ok.jws", other), http).status is Status.VALID


def test_signed_key_unreachable_is_unverifiable(
    tmp_path: Path, site: IssuerServer, signer: object, http: HttpFetcher
) -> None:
    del site.routes["/key.json"]
    report = check_file(write_text(tmp_path, "k.jws", sign(signed(site.base), signer)), http)
    assert report.status is Status.UNVERIFIABLE


def test_signed_and_expired(
    tmp_path: Path, site: IssuerServer, signer: object, http: HttpFetcher
) -> None:
    token = sign(signed(site.base, expires="2025-01-01T00:00:00Z"), signer)
    report = check_file(write_text(tmp_path, "x.jws", token), http)
    assert report.status is Status.EXPIRED


# --- offline ----------------------------------------------------------------------


def test_offline_with_and_without_cache(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    path = baked(tmp_path, assertion(site.base))
    with HttpFetcher(tmp_path / "cache", offline=True) as offline:
        assert check_file(path, offline).status is Status.UNVERIFIABLE
    assert check_file(path, http).status is Status.VALID
    hits = len(site.hits)
    with HttpFetcher(tmp_path / "cache", offline=True) as offline:
        report = check_file(path, offline)
    assert report.status is Status.VALID
    assert "from the cache" in message(report, "hosted.fetch")
    assert len(site.hits) == hits


def test_loopback_issuer_refused_without_the_flag(tmp_path: Path, site: IssuerServer) -> None:
    with HttpFetcher(tmp_path / "cache") as strict:
        report = check_file(baked(tmp_path, assertion(site.base)), strict)
    assert report.status is Status.UNVERIFIABLE
    assert "refused" in message(report, "hosted.fetch")
    assert site.hits == []


def test_invalid_input_is_error(tmp_path: Path, http: HttpFetcher) -> None:
    report = check_file(write_text(tmp_path, "broken.json", "{not json"), http)
    assert report.status is Status.ERROR
    assert report.version is None


# --- OB 1.0 signed (a bare PEM key on the issuer's site) ----------------------------


@pytest.mark.parametrize(("site_url", "expected"), [("", Status.VALID), ("x", Status.INVALID)])
def test_ob1_signed_with_a_pem_key(
    tmp_path: Path, issuer_server: IssuerServer, http: HttpFetcher, site_url: str, expected: Status
) -> None:
    base = issuer_server.base
    key = rsa_key()
    issuer_server.add(
        "/public.pem", Answer(200, "application/x-pem-file", public_pem(key).encode())
    )
    home = base if not site_url else "https://school.example"
    issuer_server.add_json("/issuer.json", {"name": "Old School", "url": home})
    issuer_server.add_json(
        "/badge.json",
        {
            "name": "Veteran",
            "description": "-",
            "image": f"{base}/b.png",
            "criteria": f"{base}/c",
            "issuer": f"{base}/issuer.json",
        },
    )
    document = {
        "uid": "1",
        "recipient": recipient(),
        "badge": f"{base}/badge.json",
        "verify": {"type": "signed", "url": f"{base}/public.pem"},
        "issuedOn": "2014-01-01",
    }
    report = check_file(write_text(tmp_path, "old.jws", sign(document, key)), http)
    assert report.status is expected, report.checks
    assert report.version == "1.0"
    assert results(report)["signed.signature"] == "pass"


def test_verify_many_overlaps_the_fetches(
    tmp_path: Path, site: IssuerServer, http: HttpFetcher
) -> None:
    site.delay = 0.2
    reads = []
    for n in range(4):
        site.add_json(f"/a{n}.json", assertion(site.base, f"/a{n}.json"))
        path = baked(tmp_path, assertion(site.base, f"/a{n}.json"), f"{n}.png")
        (source,) = discover([str(path)]).files
        reads.append(read_badge(source))
    reports = verify_many(reads, VerifyContext(NOW, http, (OWNER,)))
    assert [r.status for r in reports] == [Status.VALID] * 4
    assert [Path(r.file).name for r in reports] == ["0.png", "1.png", "2.png", "3.png"]
    assert site.max_in_flight > 1
    assert site.hits.count("/badge.json") == 1


def test_checks_run_in_module_order_whatever_the_import_order() -> None:
    import portfolio_builder.verify.generic  # noqa: F401 (imported before the others)

    ids = [c.id for c in ordered_checks()]
    chain = ["hosted.fetch", "hosted.type", "badge-class.fetch", "issuer.fetch", "hosted.origin"]
    chain += ["signed.key", "signed.signature", "signed.key-owner", "revocation-list"]
    assert [i for i in ids if i in chain] == chain
    assert ids[-3:] == ["revoked", "recipient", "time"]


@pytest.mark.parametrize(("origin", "expected"), [(None, Status.VALID), ("x", Status.INVALID)])
def test_ob05_hosted_badge_from_its_url(
    tmp_path: Path,
    issuer_server: IssuerServer,
    http: HttpFetcher,
    origin: str | None,
    expected: Status,
) -> None:
    base = issuer_server.base
    document = {
        "recipient": hashed(OWNER),
        "salt": SALT,
        "issued_on": "2012-05-01",
        "badge": {
            "version": "0.5.0",
            "name": "Pioneer",
            "image": "/pioneer.png",
            "description": "An early badge.",
            "criteria": "/criteria.html",
            "issuer": {"origin": "https://elsewhere.example" if origin else base, "name": "Old"},
        },
    }
    url = issuer_server.add_json("/pioneer.json", document)
    path = tmp_path / "old.png"
    path.write_bytes(bake_png_chunk(tiny_png(), b"tEXt", b"openbadges\x00" + url.encode()))
    report = check_file(path, http)
    assert report.version == "0.5"
    assert report.status is expected, report.checks
    assert report.badge is not None and report.badge.name == "Pioneer"


@pytest.mark.parametrize("answer", ["missing", "malformed"])
def test_revocation_list_that_cannot_be_read_is_unverifiable(
    tmp_path: Path, site: IssuerServer, signer: object, http: HttpFetcher, answer: str
) -> None:
    base = site.base
    site.add_json(
        "/issuer.json",
        issuer(base, publicKey=site.url("/key.json"), revocationList=site.url("/revoked.json")),
    )
    if answer == "malformed":
        site.add_json("/revoked.json", {"type": "RevocationList"})
    report = check_file(write_text(tmp_path, "r.jws", sign(signed(base), signer)), http)
    assert report.status is Status.UNVERIFIABLE
    assert results(report)["revocation-list"] == "fail"
    assert results(report)["signed.signature"] == "pass"
