from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from portfolio_builder.cli import cli


def test_inspect_json_reads_corpus_ob3_png(corpus: Path) -> None:
    path = str(corpus / "1edtech-dcpv" / "ob30" / "simple-jwt.png")
    result = CliRunner().invoke(cli, ["inspect", "--format", "json", path])
    assert result.exit_code == 0, result.stdout
    [item] = json.loads(result.stdout)
    assert item["file"] == path
    assert item["format"] == "png"
    assert item["payload_kind"] == "jws"
    assert item["version"] == "3.0"
    assert item["name"] == "Teamwork"
    assert item["issuer"] == "Example Corp"
    assert item["diagnostics"] == []


def test_inspect_exit_1_when_a_file_has_no_badge(corpus: Path) -> None:
    path = str(corpus / "badgr-server" / "backpack" / "bad_image.png")
    result = CliRunner().invoke(cli, ["inspect", "--format", "json", path])
    assert result.exit_code == 1
    [item] = json.loads(result.stdout)
    assert [d["code"] for d in item["diagnostics"]] == ["E-PNG-SIGNATURE"]
