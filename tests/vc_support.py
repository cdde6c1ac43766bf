"""Helpers for the OB 3.0 verification tests: a fake fetcher, reading credentials
written to a temporary folder, and running the ``vc-*`` checks on them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import portfolio_builder.verify.vc  # noqa: F401  (registers the checks)
import portfolio_builder.verify.vc as vc_package
from portfolio_builder.discover import file_format
from portfolio_builder.fetching import JSON_ACCEPT, Fetcher, FetchResult
from portfolio_builder.model import SourceFile
from portfolio_builder.reading import ReadResult, read_badge
from portfolio_builder.verify import verify
from portfolio_builder.verify.registry import CHECKS, VerifyContext, VerifyState, run_checks
from portfolio_builder.verify.report import CheckResult, VerificationReport

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
VC_CHECK_MODULES = vc_package.__all__  # importing the package registers the vc-* checks


@dataclass
class FakeFetcher:
    """Answers from a dict of URL → JSON value or bytes; anything else is unreachable."""

    documents: dict[str, Any] = field(default_factory=dict)
    requested: list[str] = field(default_factory=list)

    def fetch(self, url: str, accept: str = JSON_ACCEPT) -> FetchResult:
        self.requested.append(url)
        if url not in self.documents:
            return FetchResult(url, url, None, "", b"", error="connection refused (test)")
        value = self.documents[url]
        body = value if isinstance(value, bytes) else json.dumps(value).encode()
        return FetchResult(url, url, 200, "application/json", body)

    def fetch_many(self, urls: list[str], accept: str = JSON_ACCEPT) -> dict[str, FetchResult]:
        return {url: self.fetch(url, accept) for url in urls}


def read_file(path: Path, display: str | None = None) -> ReadResult:
    fmt = file_format(path)
    assert fmt is not None, path
    return read_badge(SourceFile(path, display or path.name, fmt))


def read_credential(
    tmp_path: Path, credential: dict[str, Any] | str, name: str = "c"
) -> ReadResult:
    """Write a JSON credential (or a compact JWT string) to a file and read it back."""
    if isinstance(credential, str):
        path = tmp_path / f"{name}.jwt"
        path.write_text(credential)
    else:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(credential))
    read = read_file(path)
    assert read.badge is not None, read.diagnostics
    return read


def ctx(fetcher: Fetcher | None = None, now: datetime = NOW) -> VerifyContext:
    return VerifyContext(now=now, fetcher=fetcher or FakeFetcher())


def vc_results(read: ReadResult, fetcher: FakeFetcher | None = None) -> dict[str, CheckResult]:
    """The outcomes of the ``vc-*`` checks only, by check id."""
    mine = [c for c in CHECKS if c.id.startswith("vc-")]
    state = VerifyState(read, ctx(fetcher), read.badge)
    return {r.id: r for r in run_checks(state, checks=mine)}


def verified(read: ReadResult, fetcher: FakeFetcher | None = None) -> VerificationReport:
    return verify(read, ctx(fetcher))
