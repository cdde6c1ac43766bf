"""Badge addresses that point inside the network are never fetched by default, however
they are spelt, and nothing an inside server would answer can reach the built site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from issuer_server import IssuerServer

from portfolio_builder.cli import cli

from sitebuild.kit import assertion, output_files, write_badge, write_config

SECRET = "INSIDE-ONLY-7f3a"


def _spellings(port: int) -> list[str]:
    """The local issuer's address as a badge could spell it, and other inside targets."""
    return [
        f"http://127.0.0.1:{port}/a",
        f"http://localhost:{port}/a",
        f"http://2130706433:{port}/a",  # 127.0.0.1 as one decimal number
        f"http://0x7f000001:{port}/a",
        f"http://127.1:{port}/a",
        f"http://[::ffff:127.0.0.1]:{port}/a",
        f"http://[::1]:{port}/a",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/a",
        "file:///etc/passwd",
    ]


def _hosted(number: int, url: str) -> dict[str, object]:
    badge = assertion(number, verify={"type": "hosted", "url": url})
    del badge["@context"], badge["verification"]  # OB 1.1 shape: verify.url is fetched
    badge["badge"] |= {"image": url}  # type: ignore[operator]
    return badge


@pytest.fixture
def site(tmp_path: Path, issuer_server: IssuerServer) -> Path:
    leak = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "name": SECRET}
    issuer_server.add_json("/a", leak)
    write_config(tmp_path)
    port = int(issuer_server.base.rsplit(":", 1)[1])
    for number, url in enumerate(_spellings(port), start=1):
        write_badge(tmp_path, f"b{number}", _hosted(number, url))
    return tmp_path


def _build(site: Path, *flags: str) -> Result:
    args = ["build", "-C", str(site), "--now", "2025-06-01T00:00:00Z", *flags]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def _checks(out: Path) -> list[str]:
    reports = [json.loads(p.read_text()) for p in out.glob("badges/*/verification.json")]
    return [c["message"] for r in reports for c in r["checks"] if c["id"] == "hosted.fetch"]


def test_inside_addresses_are_not_fetched_and_nothing_reaches_the_site(
    site: Path, issuer_server: IssuerServer
) -> None:
    result = _build(site)
    assert result.exit_code == 0, result.output
    assert issuer_server.hits == []
    assert "10 unverifiable" in result.output
    for name, body in output_files(site / "output").items():
        assert SECRET.encode() not in body, name
    messages = _checks(site / "output")
    assert len(messages) == 10
    refused = [m for m in messages if "refused" in m or "only http and https" in m]
    assert refused == messages


def test_the_opt_in_flag_is_what_lets_the_local_issuer_in(
    site: Path, issuer_server: IssuerServer
) -> None:
    """The control: with --allow-private-network the same site does reach the server."""
    _build(site, "--allow-private-network")
    assert "/a" in issuer_server.hits
    assert any(SECRET.encode() in body for body in output_files(site / "output").values())
