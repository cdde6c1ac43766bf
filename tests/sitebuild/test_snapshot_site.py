"""The ``issuer_snapshot`` config key and ``verify --snapshot``: a site verifies offline from
recorded issuer answers; a bad or misplaced snapshot is a configuration error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from portfolio_builder.cli import cli

from sitebuild.kit import NOW, assertion, build, write_badge, write_config

NOTE = "from the issuer snapshot recorded on 2025-05-20"


def snapshot_of(*numbers: int) -> dict[str, Any]:
    answers = {
        f"https://issuer.example/assertions/{n}": {"status": 200, "body": assertion(n)}
        for n in numbers
    }
    return {"recorded": "2025-05-20", "answers": answers}


def make_site(site: Path, snapshot: Any, key: str = "issuer-snapshot.json") -> Path:
    write_config(site, f"issuer_snapshot: {key}\n")
    write_badge(site, "one", assertion(1))
    write_badge(site, "two", assertion(2))
    path = site / "issuer-snapshot.json"
    path.write_text(snapshot if isinstance(snapshot, str) else json.dumps(snapshot), "utf-8")
    return path


def verification(out: Path) -> dict[str, dict[str, Any]]:
    found = {}
    for path in out.glob("badges/*/verification.json"):
        data = json.loads(path.read_text("utf-8"))
        found[path.parent.name.split("-")[2]] = data
    return found


def test_an_offline_build_verifies_from_the_snapshot(tmp_path: Path) -> None:
    site = tmp_path / "site"
    snapshot = make_site(site, snapshot_of(1))
    before = snapshot.read_bytes()
    result = build(site)
    assert result.exit_code == 0, result.output
    reports = verification(site / "output")
    assert reports["1"]["status"] == "valid"
    hosted = next(c for c in reports["1"]["checks"] if c["id"] == "hosted.fetch")
    assert NOTE in hosted["message"]
    assert reports["2"]["status"] == "unverifiable"  # not recorded
    (page,) = (site / "output").glob("badges/badge-number-1-*/index.html")
    assert f"hosted assertion, as fetched during verification ({NOTE})" in page.read_text("utf-8")
    assert snapshot.read_bytes() == before


def test_a_malformed_snapshot_stops_the_build_naming_key_and_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_site(site, '{"recorded": "2025-05-20", "answers": {"https://a.example/": {}}}')
    result = build(site)
    assert result.exit_code == 2
    assert "issuer_snapshot" in result.output and "issuer-snapshot.json" in result.output
    assert "'status' is a required property" in result.output
    assert not (site / "output").exists()


def test_a_missing_snapshot_file_is_a_config_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_site(site, snapshot_of(1), key="recorded/answers.json")
    result = build(site)
    assert result.exit_code == 2
    assert "issuer_snapshot" in result.output and "cannot be read" in result.output


@pytest.mark.parametrize("where", ["../outside.json", "/etc/passwd", "link.json"])
def test_a_snapshot_outside_the_site_folder_is_refused(tmp_path: Path, where: str) -> None:
    site = tmp_path / "site"
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps(snapshot_of(1)), "utf-8")
    make_site(site, snapshot_of(1), key=where)
    (site / "link.json").symlink_to(outside)
    result = build(site)
    assert result.exit_code == 2
    assert "issuer_snapshot" in result.output and "outside the site folder" in result.output
    assert not (site / "output").exists()


def test_verify_uses_a_snapshot_given_by_flag(tmp_path: Path) -> None:
    site = tmp_path / "site"
    snapshot = make_site(site, snapshot_of(1, 2))
    args = ["verify", str(site / "content" / "badges"), "--offline", "--now", NOW]
    result = CliRunner().invoke(cli, [*args, "--snapshot", str(snapshot), "--format", "json"])
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    assert [r["status"] for r in reports] == ["valid", "valid"]
    assert all(NOTE in json.dumps(r["checks"]) for r in reports)
    without = CliRunner().invoke(cli, args)
    assert without.exit_code == 1


def test_verify_with_a_bad_snapshot_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", "utf-8")
    result = CliRunner().invoke(cli, ["verify", str(tmp_path), "--snapshot", str(bad)])
    assert result.exit_code == 2
    assert "--snapshot" in result.output and "bad.json" in result.output
    assert "Traceback" not in result.output
