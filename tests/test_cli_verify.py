"""The ``verify`` command's contract: flags, JSON shape, statuses and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from badge_factory import OWNER, assertion, badge_class, issuer, write_png, write_text
from click.testing import CliRunner, Result
from issuer_server import Answer, IssuerServer

from portfolio_builder.cli import cli

STATUSES = {"valid", "expired", "revoked", "invalid", "unverifiable", "error"}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder (the cache goes to its .portfolio-cache/)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PORTFOLIO_EMAILS", raising=False)
    badges = tmp_path / "badges"
    badges.mkdir()
    return badges


@pytest.fixture
def site(issuer_server: IssuerServer) -> IssuerServer:
    base = issuer_server.base
    issuer_server.add_json("/issuer.json", issuer(base))
    issuer_server.add_json("/badge.json", badge_class(base))
    issuer_server.add_json("/assertion.json", assertion(base))
    issuer_server.add_json("/old.json", assertion(base, "/old.json", expires="2025-03-01"))
    issuer_server.add("/revoked.json", Answer(410, "application/json", b'{"revoked":true}'))
    return issuer_server


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["verify", *args], env=env)


def as_json(result: Result) -> list[dict[str, Any]]:
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def make_badges(folder: Path, site: IssuerServer) -> None:
    base = site.base
    write_png(folder, "a-valid.png", json.dumps(assertion(base)))
    write_png(folder, "b-expired.png", json.dumps(assertion(base, "/old.json")))
    write_png(folder, "c-revoked.png", json.dumps(assertion(base, "/revoked.json")))
    write_text(folder, "d-broken.json", "{")


def test_json_contract(folder: Path, site: IssuerServer) -> None:
    make_badges(folder, site)
    result = run(str(folder), "--email", OWNER, "--allow-private-network", "--format", "json")
    assert result.exit_code == 1
    data = as_json(result)
    assert [Path(item["file"]).name for item in data] == [
        "a-valid.png",
        "b-expired.png",
        "c-revoked.png",
        "d-broken.json",
    ]
    assert [item["status"] for item in data] == ["valid", "expired", "revoked", "error"]
    assert [item["version"] for item in data] == ["2.0", "2.0", "2.0", None]
    for item in data:
        assert item["status"] in STATUSES
        for check in item["checks"]:
            assert set(check) == {"id", "result", "message"}
            assert check["result"] in {"pass", "fail", "warn", "skip"}
    assert OWNER not in result.stdout


def test_exit_zero_when_every_badge_is_valid(folder: Path, site: IssuerServer) -> None:
    path = write_png(folder, "ok.png", json.dumps(assertion(site.base)))
    result = run(str(path), "--email", OWNER, "--allow-private-network")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("valid ")
    assert "ok.png (OB 2.0)" in result.stdout


def test_text_format_names_the_failing_reason(folder: Path, site: IssuerServer) -> None:
    make_badges(folder, site)
    result = run(str(folder), "--allow-private-network", "--email", OWNER)
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert lines[1].startswith("expired ") and "expired on 2025-03-01" in lines[1]
    assert lines[2].startswith("revoked ") and "410" in lines[2]
    assert "1 valid, 1 expired, 1 revoked, 1 error" in result.stderr


def test_loopback_refused_without_the_flag(folder: Path, site: IssuerServer) -> None:
    path = write_png(folder, "ok.png", json.dumps(assertion(site.base)))
    result = run(str(path), "--format", "json")
    assert result.exit_code == 1
    (item,) = as_json(result)
    assert item["status"] == "unverifiable"
    assert site.hits == []


def test_now_moves_the_clock(folder: Path, site: IssuerServer) -> None:
    path = write_png(folder, "ok.png", json.dumps(assertion(site.base)))
    early = run(str(path), "--allow-private-network", "--now", "2020-01-01T00:00:00")
    assert early.exit_code == 1 and early.stdout.startswith("invalid ")
    assert "not yet valid" in early.stdout
    later = run(str(path), "--allow-private-network", "--now", "2025-06-01T10:00:00+02:00")
    assert later.exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--now", "yesterday"],
        ["--format", "xml"],
        [],
        ["no/such/file.png"],
    ],
)
def test_usage_errors_exit_2(folder: Path, args: list[str]) -> None:
    write_text(folder, "x.json", "{}")
    paths = [] if args == [] or args[0].startswith("no/") else [str(folder)]
    result = run(*paths, *args)
    assert result.exit_code == 2, result.output


def test_identities_from_environment_and_file(folder: Path, site: IssuerServer) -> None:
    path = write_png(folder, "ok.png", json.dumps(assertion(site.base)))
    mismatch = run(str(path), "--allow-private-network", "--email", "someone@else.org")
    assert mismatch.exit_code == 1 and mismatch.stdout.startswith("invalid ")
    env = run(str(path), "--allow-private-network", env={"PORTFOLIO_EMAILS": f"x@y.z,{OWNER}"})
    assert env.exit_code == 0
    Path(".portfolio-identities").write_text(f"# mine\n{OWNER}\n")
    from_file = run(str(path), "--allow-private-network", "--format", "json")
    (item,) = as_json(from_file)
    assert {c["id"]: c["result"] for c in item["checks"]}["recipient"] == "pass"


def test_identities_file_inside_a_published_folder_is_ignored(
    folder: Path, site: IssuerServer
) -> None:
    path = write_png(folder, "ok.png", json.dumps(assertion(site.base)))
    Path("portfolio.yaml").write_text("identities_file: badges/ids.txt\n")
    (folder / "ids.txt").write_text(OWNER)
    result = run(str(folder), "--allow-private-network", "--format", "json")
    assert "not read, because it lies inside a folder that gets published" in result.stderr
    (item,) = as_json(result)
    assert Path(item["file"]) == path
    assert {c["id"]: c["result"] for c in item["checks"]}["recipient"] == "skip"


def test_without_identities_the_report_says_so(folder: Path, site: IssuerServer) -> None:
    path = write_png(folder, "ok.png", json.dumps(assertion(site.base)))
    result = run(str(path), "--allow-private-network")
    assert result.exit_code == 0
    assert "recipients were not checked" in result.stderr


def test_offline_without_cache_then_with_it(folder: Path, site: IssuerServer) -> None:
    path = write_png(folder, "ok.png", json.dumps(assertion(site.base)))
    offline = run(str(path), "--offline", "--format", "json")
    assert as_json(offline)[0]["status"] == "unverifiable"
    assert run(str(path), "--allow-private-network").exit_code == 0
    hits = len(site.hits)
    again = run(str(path), "--offline", "--format", "json")
    assert as_json(again)[0]["status"] == "valid"
    assert len(site.hits) == hits


def test_every_verify_flag_and_status_is_documented() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    section = readme.split("### `portfolio-builder verify PATH...`")[1].split("\n## ")[0]
    flags = [o for p in cli.commands["verify"].params for o in p.opts if o.startswith("--")]
    assert "--email" in flags and "--offline" in flags
    for flag in flags:
        assert f"`{flag}" in section, flag
    for status in STATUSES:
        assert f"| `{status}` |" in section, status
