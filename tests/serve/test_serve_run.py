"""``run()``: the blocking entry point the ``serve`` command calls."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from serve_support import FakeSite, get

from portfolio_builder.serve import ServeError, run


def test_run_builds_serves_opens_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    site = FakeSite(tmp_path / "site").create({"alpha": "First page"})
    lines: list[str] = []
    opened: list[str] = []
    seen: list[str] = []

    def until_ctrl_c() -> None:
        url = opened[0]
        port = int(url.split(":")[2].split("/")[0])
        seen.append(get(port, "/repo/alpha/").text)
        raise KeyboardInterrupt

    run(
        site.output,
        [site.content, site.theme],
        site.rebuild,
        port=0,
        prefix="/repo",
        open_browser=True,
        full_rebuild_paths=[site.theme],
        echo=lines.append,
        opener=opened.append,
        wait=until_ctrl_c,
    )
    assert opened[0].startswith("http://127.0.0.1:") and opened[0].endswith("/repo/")
    assert "First page" in seen[0]
    assert f"at {opened[0]} (Ctrl-C to stop)" in lines[1]
    assert lines[-1] == "Stopping."
    port = int(opened[0].split(":")[2].split("/")[0])
    with pytest.raises(OSError):
        get(port, "/repo/")


def test_run_reports_an_unusable_address(tmp_path: Path) -> None:
    site = FakeSite(tmp_path / "site").create({"alpha": "First page"})
    with pytest.raises(ServeError, match=re.escape("cannot listen on 203.0.113.9")):
        run(site.output, [site.content], site.rebuild, bind="203.0.113.9", port=0, echo=[].append)


SERVE_SCRIPT = """
import sys
from pathlib import Path
from portfolio_builder.serve import RebuildOutcome, run

site = Path(sys.argv[1])

def rebuild(paths):
    (site / "out").mkdir(exist_ok=True)
    (site / "out" / "index.html").write_text("<body>" + (site / "page.txt").read_text())
    return RebuildOutcome(True, None, ("index.html",))

run(site / "out", [site / "page.txt"], rebuild, port=0)
"""


def test_ctrl_c_stops_the_server_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("Hello from a subprocess")
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE_SCRIPT, str(tmp_path)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        banner = [process.stderr.readline() for _ in range(2)][1]
        url = re.search(r"at (http://\S+) \(Ctrl-C to stop\)", banner)
        assert url is not None, banner
        port = int(url.group(1).split(":")[2].split("/")[0])
        assert "Hello from a subprocess" in get(port, "/").text
        process.send_signal(signal.SIGINT)
        rest = process.communicate(timeout=20)[1]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
    assert rest.strip() == "Stopping."
