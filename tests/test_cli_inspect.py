from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from portfolio_builder.cli import cli
from portfolio_builder.model import SourceFile


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


CONTRACT = {
    "file",
    "format",
    "payload_kind",
    "version",
    "name",
    "issuer",
    "issued_on",
    "expires",
    "diagnostics",
}


def _folder(tmp_path: Path) -> Path:
    from portfolio_builder.bake import bake_png, bake_svg
    from tests.helpers import SVG, dumps, ob2, ob3, png, sign, write

    root = tmp_path / "badges"
    write(root, "one.png", bake_png(png(), dumps(ob2(expires="2030-01-01T00:00:00+09:00"))))
    write(root, "two.svg", bake_svg(SVG, sign(ob3()), element="credential"))
    write(root, "sub/three.jws", sign(ob3(name="Third")))
    return root


def test_inspect_json_contract(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    result = CliRunner().invoke(cli, ["inspect", "--format", "json", str(root)])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert all(set(item) >= CONTRACT for item in items)
    assert [(i["file"], i["format"], i["payload_kind"], i["version"]) for i in items] == [
        (str(root / "one.png"), "png", "json", "2.0"),
        (str(root / "two.svg"), "svg", "jws", "3.0"),
        (str(root / "sub" / "three.jws"), "jwt", "jws", "3.0"),
    ]
    assert [i["name"] for i in items] == ["Team Player", "Teamwork", "Third"]
    assert {i["issuer"] for i in items} == {"Issuer Co"}
    assert items[0]["issued_on"] == "2024-05-01T10:00:00-04:00"
    assert items[0]["expires"] == "2030-01-01T00:00:00+09:00"
    assert items[1]["expires"] is None


def test_inspect_exit_1_and_one_line_per_problem(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "broken.png").write_bytes(b"not a png")
    (root / "empty.json").write_bytes(b"")
    result = CliRunner().invoke(cli, ["inspect", str(root)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.stdout.splitlines() if "error:" in line]
    assert lines == [
        f"{root / 'broken.png'}: error: not a PNG image (wrong signature) [E-PNG-SIGNATURE]"
        " (the file may be another format renamed to .png)",
        f"{root / 'empty.json'}: error: badge data is empty [E-PAYLOAD-EMPTY]",
    ]
    assert "Team Player" in result.stdout  # the good files were still read


def test_inspect_json_diagnostics_shape(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1]")
    result = CliRunner().invoke(cli, ["inspect", "--format", "json", str(bad)])
    assert result.exit_code == 1
    [item] = json.loads(result.stdout)
    [diag] = item["diagnostics"]
    assert diag["code"] == "E-JSON-NOT-OBJECT" and diag["severity"] == "error"
    assert diag["message"]
    assert item["payload_kind"] is None and item["version"] is None


def test_inspect_max_file_size(tmp_path: Path) -> None:
    from tests.helpers import dumps, ob2

    root = _folder(tmp_path)
    (root / "big.json").write_text(dumps(ob2(narrative="x" * 5000)))
    args = ["inspect", "--format", "json", "--max-file-size", "4000", str(root)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    items = {Path(i["file"]).name: i for i in json.loads(result.stdout)}
    assert [d["code"] for d in items["big.json"]["diagnostics"]] == ["E-TOO-LARGE"]
    assert items["three.jws"]["version"] == "3.0"
    without = CliRunner().invoke(cli, ["inspect", "--format", "json", str(root)])
    assert without.exit_code == 0


def test_inspect_unknown_and_missing_paths(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    result = CliRunner().invoke(cli, ["inspect", str(other), str(tmp_path / "gone.png")])
    assert result.exit_code == 1
    assert "[E-FILE-TYPE]" in result.stderr and "[E-NOT-FOUND]" in result.stderr
    assert str(other) in result.stderr


def test_inspect_never_prints_recipient_identity(tmp_path: Path) -> None:
    from tests.helpers import EMAIL

    root = _folder(tmp_path)
    for fmt in ("text", "json"):
        result = CliRunner().invoke(cli, ["inspect", "--format", fmt, str(root)])
        assert result.exit_code == 0
        assert EMAIL not in result.output
        assert "someone.private" not in result.output


def test_walk_reports_a_folder_it_cannot_read(tmp_path: Path) -> None:
    from portfolio_builder.discover import _walk

    gone = tmp_path / "gone"
    [note] = list(_walk(gone, "gone", set()))
    assert not isinstance(note, SourceFile)
    assert (note.code, note.path) == ("E-READ", "gone")
