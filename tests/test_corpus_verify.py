"""Verdicts on the sample corpus (``../shared/corpus``) match its MANIFEST.md.

The 1EdTech validator's OB 2.0 tests serve ``https://example.org/``,
``https://www.example.org/`` and ``http://example.org/`` from ``ob20/assets/``; so
does this test, through a local server and the fetcher's host map. A hosted badge's
issuer must also serve the assertion itself at its ``id``: here each input file is
served at its own ``id`` (that validator reads the input instead of refetching it).

How the MANIFEST's words map onto our statuses:

| MANIFEST says                                   | status         |
|-------------------------------------------------|----------------|
| VALID, VALID with WARNING                       | `valid`        |
| INVALID (expired; ExpirationProbe)              | `expired`      |
| INVALID (revoked; listed in revocationList)     | `revoked`      |
| INVALID (any other reason; IssuanceProbe)       | `invalid`      |
| a BadgeClass, Issuer or other non-assertion     | `error` (not a badge to verify) |
| no openbadges data; not valid JSON              | `error`        |
| CLR 2.0 sample, EndorsementCredential           | `error` (not a badge to verify) |
| hosted, must fetch; "assertion not found"       | `unverifiable` (host unreachable, or 404) |
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from issuer_server import Answer, IssuerServer

from portfolio_builder.discover import discover
from portfolio_builder.http import HttpFetcher
from portfolio_builder.reading import read_badge
from portfolio_builder.verify import verify
from portfolio_builder.verify.registry import VerifyContext
from portfolio_builder.verify.report import Status, VerificationReport

NOW = datetime.fromisoformat("2025-06-01T00:00:00+00:00")
OB20_HOSTS = ("example.org", "www.example.org")

OB20: dict[str, Status] = {
    "basic-assertion.json": Status.VALID,
    "basic-assertion-with-language.json": Status.VALID,
    "basic-assertion-no-public-key.json": Status.VALID,
    "basic-assertion-with-allowed-origins.json": Status.VALID,
    "basic-assertion-with-allowed-origins-valid-starts-with.json": Status.VALID,
    "basic-assertion-with-allowed-origins-valid-multiple-starts-with.json": Status.VALID,
    "basic-assertion-with-allowed-origins-invalid-starts-with.json": Status.INVALID,
    "basic-assertion-with-allowed-origins-invalid-multiple-starts-with.json": Status.INVALID,
    "basic-assertion-expired.json": Status.EXPIRED,
    "basic-assertion-expired-before-issued.json": Status.INVALID,
    "basic-assertion-in-future.json": Status.INVALID,
    "basic-assertion-invalid-context.json": Status.INVALID,
    "basic-assertion-invalid-type.json": Status.INVALID,
    "assertion-with-data-image.json": Status.INVALID,
    "assertion-with-endorsements.json": Status.VALID,
    "assertion-with-extension-node-basic.json": Status.VALID,
    "assertion-with-multiple-extensions.json": Status.VALID,
    "assertion-with-extension-node-invalid.json": Status.INVALID,
    "warning-issuer-non-http.json": Status.VALID,
    "warning-with-redirection.json": Status.VALID,
    "simple-badge.png": Status.VALID,
    "simple.jwt": Status.VALID,
    "simple-not-revoked.jwt": Status.VALID,
    "simple-revoked.jwt": Status.REVOKED,
    "badge-class-with-language.json": Status.ERROR,
    "issuer-compact-iri-validation.json": Status.ERROR,
    "redirected-validation-subject.json": Status.ERROR,
    "rdf-validation/badge-class-invalid-issuer-type.json": Status.ERROR,
    "rdf-validation/invalid-class.json": Status.ERROR,
    "rdf-validation/invalid-empty-type.json": Status.ERROR,
    "rdf-validation/invalid-one-invalid-class.json": Status.ERROR,
    "rdf-validation/valid-alignment-object.json": Status.ERROR,
    "rdf-validation/valid-badge-class-empty-criteria-type.json": Status.ERROR,
    "rdf-validation/valid-badge-class.json": Status.ERROR,
    "rdf-validation/valid-cool-class.json": Status.ERROR,
    "rdf-validation/valid-issuer-extension.json": Status.ERROR,
}
WARNED = {
    "warning-issuer-non-http.json": "hosted.origin",
    "warning-with-redirection.json": "badge-class.fetch",
}
EXTENDED = {  # the extension check's own result on the files with extension nodes
    "assertion-with-extension-node-basic.json": "pass",
    "assertion-with-multiple-extensions.json": "pass",
    "assertion-with-extension-node-invalid.json": "fail",
}
UNREACHABLE = [
    "badgr-server/backpack/baked_image.png",
    "concentricsky-bakery/baked_example.svg",
    "concentricsky-bakery/baked_heart.png",
    "mozilla-backpack/valid-baked.png",
    "mozilla-backpack/404.png",
    "mozilla-bakery/baked.svg",
    "mozilla-bakery/no-json.svg",
]
NO_BADGE = [
    "1edtech-dcpv/clr20/complex.json",
    "1edtech-dcpv/clr20/simple.json",
    "1edtech-dcpv/clr20/simple.jwt",
    "1edtech-dcpv/clr20/simple_v1.json",
    "1edtech-dcpv/ob30/endorsement-valid.json",
    "dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/legacy-noStatus-noExpiry.json",
    "mozilla-bakery/bad-json.svg",
    "mozilla-bakery/unbaked.png",
    "mozilla-backpack/unbaked.svg",
    "1edtech-dcpv/ob20/assets/beths-robot-badge.png",
]
# OB 3.0 verdicts that the version-independent time check decides on its own.
OB30_TIME = {
    "simple-err-expired.json": Status.EXPIRED,
    "simple-err-issued.json": Status.INVALID,
}


def run(path: Path, fetcher: HttpFetcher) -> VerificationReport:
    (source,) = discover([str(path)]).files
    return verify(read_badge(source), VerifyContext(NOW, fetcher, ("nobody@example.org",)))


@pytest.fixture
def ob20(corpus: Path, issuer_server: IssuerServer, tmp_path: Path) -> Iterator[HttpFetcher]:
    for asset in (corpus / "1edtech-dcpv" / "ob20" / "assets").iterdir():
        issuer_server.add(f"/{asset.name}", Answer(200, "application/json", asset.read_bytes()))
    host_map = issuer_server.host_map(*OB20_HOSTS)
    with HttpFetcher(tmp_path / "cache", allow_private_network=True, host_map=host_map) as http:
        yield http


def host_own_copy(server: IssuerServer, path: Path) -> None:
    """Serve the input's own assertion JSON at its id, as its issuer would."""
    (source,) = discover([str(path)]).files
    read = read_badge(source)
    if read.badge is None or read.payload is None or not read.badge.id:
        return
    host, _, rest = read.badge.id.partition("://")[2].partition("/")
    if host in OB20_HOSTS and read.payload.kind.value == "json":
        server.add("/" + rest, Answer(200, "application/json", read.payload.raw))


@pytest.mark.parametrize("name", OB20)
def test_dcpv_ob20(corpus: Path, issuer_server: IssuerServer, ob20: HttpFetcher, name: str) -> None:
    path = corpus / "1edtech-dcpv" / "ob20" / name
    host_own_copy(issuer_server, path)
    report = run(path, ob20)
    assert "cannot resolve" not in str(report.checks)  # every fetch stayed on the local server
    expected = OB20.get(name, Status.INVALID)
    assert report.status is expected, [(c.id, c.result, c.message) for c in report.checks]
    if name in WARNED:
        assert {c.id: str(c.result) for c in report.checks}[WARNED[name]] == "warn"
    if name in EXTENDED:
        assert {c.id: str(c.result) for c in report.checks}["extensions"] == EXTENDED[name]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("name", UNREACHABLE)
def test_hosts_unreachable_are_unverifiable(corpus: Path, tmp_path: Path, name: str) -> None:
    nowhere = f"http://127.0.0.1:{closed_port()}"
    host_map = dict.fromkeys(("example.org", "a.com", "www.example.org"), nowhere)
    with HttpFetcher(tmp_path / "c", allow_private_network=True, host_map=host_map) as http:
        report = run(corpus / name, http)
    assert report.status is Status.UNVERIFIABLE
    assert report.checks[0].id == "hosted.fetch" and report.checks[0].result == "fail"


def test_mozilla_404_is_assertion_not_found(
    corpus: Path, issuer_server: IssuerServer, tmp_path: Path
) -> None:
    host_map = issuer_server.host_map("example.org")
    with HttpFetcher(tmp_path / "c", allow_private_network=True, host_map=host_map) as http:
        report = run(corpus / "mozilla-backpack" / "404.png", http)
    assert report.status is Status.UNVERIFIABLE
    assert "404" in report.checks[0].message
    assert issuer_server.hits == ["/404"]


@pytest.mark.parametrize("name", NO_BADGE)
def test_files_without_a_badge_are_errors(corpus: Path, tmp_path: Path, name: str) -> None:
    with HttpFetcher(tmp_path / "c", offline=True) as http:
        assert run(corpus / name, http).status is Status.ERROR


@pytest.mark.parametrize(("name", "expected"), OB30_TIME.items())
def test_ob30_time_verdicts(corpus: Path, tmp_path: Path, name: str, expected: Status) -> None:
    with HttpFetcher(tmp_path / "c", offline=True) as http:
        report = run(corpus / "1edtech-dcpv" / "ob30" / name, http)
    assert report.status is expected
