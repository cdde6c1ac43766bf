"""Hostile files through ``inspect``, ``verify`` and ``build``: each gets a diagnostic that
names it, no command crashes or hangs, and the good badges beside them still come out."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hostile_files import SECRET, make_folder, pixel_bomb

from portfolio_builder.cli import cli

from sitebuild.kit import NOW, build, output_files, write_config

pytestmark = pytest.mark.xdist_group("hostile-files")


class Run:
    def __init__(self, site: Path) -> None:
        self.site = site
        self.badges = site / "content" / "badges"
        self.expected = make_folder(self.badges)
        started = time.monotonic()
        self.inspect = _cli("inspect", "--format", "json", str(self.badges))
        self.verify = _cli(
            "verify", "--offline", "--now", NOW, "--format", "json", str(self.badges)
        )
        write_config(site)
        self.build = build(site)
        self.elapsed = time.monotonic() - started


def _cli(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return Run(tmp_path_factory.mktemp("hostile-files"))


def _by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {Path(item["file"]).name: item for item in items}


def test_inspect_names_each_hostile_file_with_its_code(run: Run) -> None:
    assert run.inspect.exit_code == 1
    items = _by_name(json.loads(run.inspect.stdout))
    for name, code in run.expected.items():
        if code is None:
            assert items[name]["diagnostics"] == [], name
        elif code.startswith("W-SYMLINK"):
            assert f"{name}: warning:" in run.inspect.stderr and code in run.inspect.stderr
        else:
            assert [d["code"] for d in items[name]["diagnostics"]] == [code], name
    assert "Traceback" not in run.inspect.output


def test_verify_gives_every_file_a_status_and_reason(run: Run) -> None:
    reports = _by_name(json.loads(run.verify.stdout))
    read = _by_name(json.loads(run.inspect.stdout))
    for name, code in run.expected.items():
        if code is None:
            assert reports[name]["status"] == "unverifiable", name  # offline, hosted
        elif not code.startswith("W-"):
            assert reports[name]["status"] == "error", name
            reason = read[name]["diagnostics"][0]["message"]
            assert reason in json.dumps(reports[name], ensure_ascii=False), name
    assert "Traceback" not in run.verify.output


def test_build_reads_everything_and_publishes_the_good_badges(run: Run) -> None:
    assert run.build.exit_code == 0, run.build.output
    for name, code in run.expected.items():
        if code is not None:
            assert f"{name}: " in run.build.output and code in run.build.output, name
    out = run.site / "output"
    pages = list(out.glob("badges/*/index.html"))
    assert len(pages) == 8  # good, same-named, scripted, huge, enormous, markdown, odd names
    assert "W-DUPLICATE" in run.build.output  # the copy of good.png is shown once
    assert "Traceback" not in run.build.output


def test_a_path_given_with_dot_dot_is_read_and_shown_as_given(run: Run) -> None:
    given = str(run.badges / ".." / "badges" / "good.png")
    result = _cli("inspect", "--format", "json", given)
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)
    assert item["file"] == given and item["diagnostics"] == []


def test_nothing_is_read_from_outside_or_written_outside(run: Run) -> None:
    files = output_files(run.site / "output")
    assert all(".." not in Path(name).parts for name in files)
    assert not any(SECRET.encode() in body for body in files.values())
    assert not [name for name in files if name.endswith(".svg")]
    for body in files.values():
        assert b"alert(" not in body


def test_the_whole_hostile_folder_takes_bounded_time(run: Run) -> None:
    assert run.elapsed < 90


def test_a_pixel_bomb_is_not_decoded(tmp_path: Path) -> None:
    """A 15 KB PNG that would decode to 121 million pixels: refused unread, so the build
    neither takes seconds per image nor a gigabyte of memory (measured in its own process)."""
    write_config(tmp_path)
    badges = tmp_path / "content" / "badges"
    badges.mkdir(parents=True)
    (badges / "bomb.png").write_bytes(pixel_bomb())
    script = (  # VmHWM: this process's peak memory (ru_maxrss would include the parent's)
        "import sys\n"
        "from pathlib import Path\n"
        "from portfolio_builder.cli import cli\n"
        "try:\n"
        f"    cli(['build', '-C', sys.argv[1], '--offline', '--now', '{NOW}'])\n"
        "except SystemExit as done:\n"
        "    status = Path('/proc/self/status').read_text()\n"
        "    peak = status.split('VmHWM:')[1].split()[0]\n"
        "    print(done.code, peak)\n"
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    elapsed = time.monotonic() - started
    code, peak_kb = result.stdout.split()[-2:]
    assert code == "0", result.stderr
    assert int(peak_kb) < 400 * 1024, f"peak memory {int(peak_kb) // 1024} MB"
    assert elapsed < 30
    assert list((tmp_path / "output").glob("badges/pixel-bomb-*/index.html"))
