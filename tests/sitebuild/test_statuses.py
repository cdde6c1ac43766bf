"""Each verification status is shown as such: on the badge page, its card and its status page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from portfolio_builder.assemble import Item, assemble
from portfolio_builder.config import Config
from portfolio_builder.content import Sidecar
from portfolio_builder.discover import discover
from portfolio_builder.reading import read_badge
from portfolio_builder.render import RenderedFile, render
from portfolio_builder.themes import load_theme
from portfolio_builder.verify.report import CheckResult, Result, Status, VerificationReport

from sitebuild.kit import assertion, write_badge

NOW = datetime(2026, 1, 1, tzinfo=UTC)
LABELS = {Status.VALID: "Verified", Status.EXPIRED: "Expired", Status.REVOKED: "Revoked",
          Status.INVALID: "Invalid", Status.UNVERIFIABLE: "Not verified"}  # fmt: skip


def _files(tmp_path: Path, status: Status, message: str = "") -> dict[str, str]:
    write_badge(tmp_path, "one", assertion(1, expires="2025-06-01T00:00:00Z"))
    read = read_badge(discover([str(tmp_path / "content" / "badges")]).files[0])
    check = CheckResult("expiry", Result.FAIL, message or f"the badge is {status}", status)
    report = VerificationReport("one.png", status, "2.0", (check,), NOW, read.badge)
    config = Config(root=tmp_path)
    model = assemble(config, [Item(read, report, Sidecar())], [], (NOW, "https://x.example/"))
    outputs = render(model, load_theme(config))
    return {
        o.path: o.data.decode()
        for o in outputs
        if isinstance(o, RenderedFile) and o.path.endswith(".html")
    }


@pytest.mark.parametrize("status", list(LABELS))
def test_status_is_shown_everywhere(tmp_path: Path, status: Status) -> None:
    files = _files(tmp_path, status)
    page = next(v for k, v in files.items() if k.startswith("badges/"))
    assert f'<p class="chip chip-{status}">{LABELS[status]}</p>' in page
    assert f'class="badge status-{status}"' in page
    assert f"the badge is {status}" in page  # the check's own message, in the panel
    assert f'class="card status-{status}"' in files["index.html"]
    assert f"status/{status}/index.html" in files
    expiry = "Expired" if status is Status.EXPIRED else "Expires"
    assert f"<dt>{expiry}</dt>" in page


def test_check_messages_never_show_an_email_or_identity_hash(tmp_path: Path) -> None:
    message = "recipient sam@example.org matches sha256$" + "ab" * 32
    files = _files(tmp_path, Status.VALID, message)
    page = next(v for k, v in files.items() if k.startswith("badges/"))
    assert "recipient [redacted] matches [redacted]" in page
    assert all("sam@example.org" not in html and "sha256$" not in html for html in files.values())
