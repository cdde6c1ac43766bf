"""Whatever an issuer's server answers, verification concludes a status and no check
fails with an internal error (property-based, with an in-memory fetcher)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from badge_factory import NOW, assertion
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portfolio_builder.fetching import JSON_ACCEPT, FetchResult
from portfolio_builder.model import FileFormat, SourceFile
from portfolio_builder.reading import read_badge
from portfolio_builder.verify import verify
from portfolio_builder.verify.registry import VerifyContext
from portfolio_builder.verify.report import Status

BASE = "https://issuer.example"
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
field_values = st.one_of(
    json_values,
    st.sampled_from([f"{BASE}/badge.json", f"{BASE}/issuer.json", "data:x", "", "urn:x"]),
)
documents = st.dictionaries(
    st.sampled_from(
        [
            "@context",
            "type",
            "id",
            "recipient",
            "badge",
            "issuer",
            "issuedOn",
            "expires",
            "verification",
            "verify",
            "revoked",
            "publicKey",
            "revocationList",
            "image",
            "uid",
        ]
    ),
    field_values,
    max_size=8,
)


class MemoryFetcher:
    def __init__(self, answers: dict[str, tuple[int, bytes]]) -> None:
        self.answers = answers

    def fetch(self, url: str, accept: str = JSON_ACCEPT) -> FetchResult:
        status, body = self.answers.get(url, (404, b""))
        return FetchResult(url, url, status, "application/json", body)

    def fetch_many(self, urls: list[str], accept: str = JSON_ACCEPT) -> dict[str, FetchResult]:
        return {u: self.fetch(u, accept) for u in urls}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    hosted=documents,
    badge_class=documents,
    issuer=documents,
    status=st.sampled_from([200, 200, 200, 404, 410, 500]),
)
def test_any_issuer_answer_gives_a_status(
    tmp_path: Path,
    hosted: dict[str, Any],
    badge_class: dict[str, Any],
    issuer: dict[str, Any],
    status: int,
) -> None:
    baked = assertion(BASE)
    path = tmp_path / "badge.json"
    path.write_text(json.dumps(baked))
    answers = {
        f"{BASE}/assertion.json": (status, json.dumps({**baked, **hosted}).encode()),
        f"{BASE}/badge.json": (200, json.dumps(badge_class).encode()),
        f"{BASE}/issuer.json": (200, json.dumps(issuer).encode()),
    }
    read = read_badge(SourceFile(path, "badge.json", FileFormat.JSON))
    report = verify(read, VerifyContext(NOW, MemoryFetcher(answers), ("a@b.c",)))
    assert report.status in Status
    problems = [c for c in report.checks if "internal error" in c.message]
    assert not problems, problems
