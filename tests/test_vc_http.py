"""OB 3.0 verification against a real HTTP server on 127.0.0.1: keys and status lists
are fetched over the network through a Fetcher (a small urllib one, for tests only)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from test_vc_proofs import KEY, credential
from test_vc_status import bitstring_list
from vc_support import ctx, read_credential

from portfolio_builder.fetching import JSON_ACCEPT, FetchResult
from portfolio_builder.verify import verify
from portfolio_builder.verify.report import Status
from portfolio_builder.verify.vc.multikey import did_key_for
from portfolio_builder.verify.vc.sign import sign_data_integrity


class UrllibFetcher:
    """GET with urllib; no caching, no redirects policy: enough for a loopback server."""

    def fetch(self, url: str, accept: str = JSON_ACCEPT) -> FetchResult:
        request = urllib.request.Request(url, headers={"Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                body = answer.read()
                kind = answer.headers.get("Content-Type", "")
                return FetchResult(url, answer.geturl(), answer.status, kind, body)
        except urllib.error.HTTPError as exc:
            return FetchResult(url, url, exc.code, "", b"")
        except (urllib.error.URLError, OSError) as exc:
            return FetchResult(url, url, None, "", b"", error=str(exc))

    def fetch_many(self, urls: list[str], accept: str = JSON_ACCEPT) -> dict[str, FetchResult]:
        return {url: self.fetch(url, accept) for url in urls}


@pytest.fixture
def server() -> Iterator[tuple[str, dict[str, bytes]]]:
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body or b"{}")

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", pages
    finally:
        httpd.shutdown()
        httpd.server_close()


def issuer_setup(base: str, pages: dict[str, bytes], revoked: set[int]) -> dict[str, Any]:
    controller = f"{base}/issuer"
    method = f"{controller}#key-1"
    multikey = did_key_for(KEY.public_key()).removeprefix("did:key:")
    pages["/issuer"] = json.dumps(
        {
            "id": controller,
            "verificationMethod": [
                {"id": method, "type": "Multikey", "publicKeyMultibase": multikey}
            ],
            "assertionMethod": [method],
        }
    ).encode()
    status_list = bitstring_list(revoked)
    status_list["id"] = f"{base}/status"
    pages["/status"] = json.dumps(sign_data_integrity(status_list, KEY, method)).encode()
    entry = {
        "id": f"{base}/status#3",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "3",
        "statusListCredential": f"{base}/status",
    }
    return sign_data_integrity(credential(credentialStatus=entry), KEY, method)


@pytest.mark.parametrize(("revoked", "status"), [(set(), Status.VALID), ({3}, Status.REVOKED)])
def test_keys_and_lists_fetched_over_http(
    tmp_path: Path, server: Any, revoked: set[int], status: Status
) -> None:
    base, pages = server
    document = issuer_setup(base, pages, revoked)
    report = verify(read_credential(tmp_path, document), ctx(UrllibFetcher()))
    assert report.status is status, [c.as_json() for c in report.checks]
    assert {f.role for f in report.fetched} == {"key", "status list"}


def test_a_404_for_the_key_is_unverifiable(tmp_path: Path, server: Any) -> None:
    base, pages = server
    document = issuer_setup(base, pages, set())
    del pages["/issuer"]
    report = verify(read_credential(tmp_path, document), ctx(UrllibFetcher()))
    assert report.status is Status.UNVERIFIABLE
    assert any("HTTP status 404" in c.message for c in report.checks)
