"""A real headless browser follows the reload signal (skipped where Chromium is absent)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from serve_support import FakeSite, plan_for, wait_until

from portfolio_builder.serve import DevServer

BROWSER = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)


@pytest.fixture
def logged(site: FakeSite, lines: list[str]) -> Iterator[DevServer]:
    dev = DevServer(site.output, site.rebuild, plan_for(site), echo=lines.append, log_requests=True)
    with dev as running:
        yield running


@pytest.fixture
def browse(tmp_path: Path) -> Iterator[Callable[[str], None]]:
    if BROWSER is None:
        pytest.skip("no Chromium on this machine: the browser reload test needs one")
    opened: list[subprocess.Popen[bytes]] = []

    def open_page(url: str) -> None:
        args = [BROWSER, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"]
        args += [f"--user-data-dir={tmp_path / 'profile'}", "--remote-debugging-port=0", url]
        opened.append(
            subprocess.Popen(
                args,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )

    yield open_page
    for process in opened:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)


def gets(lines: list[str], path: str) -> list[int]:
    return [n for n, line in enumerate(lines) if line == f"GET {path} 200"]


def rebuilds(lines: list[str]) -> list[int]:
    return [n for n, line in enumerate(lines) if line.startswith("rebuilt")]


def test_an_open_tab_reloads_when_its_page_changes_and_only_then(
    logged: DevServer, site: FakeSite, lines: list[str], browse: Callable[[str], None]
) -> None:
    browse(logged.url + "alpha/")
    wait_until(lambda: any(line.startswith("GET /__livereload?") for line in lines), 30)
    assert len(gets(lines, "/alpha/")) == 1

    (site.content / "alpha.txt").write_text("Changed once")
    wait_until(lambda: len(gets(lines, "/alpha/")) == 2, 10)

    (site.content / "beta.txt").write_text("Another page changed")
    wait_until(lambda: len(rebuilds(lines)) == 2)
    (site.content / "alpha.txt").write_text("Changed twice")
    wait_until(
        lambda: len(rebuilds(lines)) == 3 and gets(lines, "/alpha/")[-1] > rebuilds(lines)[2]
    )
    beta, alpha = rebuilds(lines)[1:3]
    assert not [n for n in gets(lines, "/alpha/") if beta < n < alpha], (
        "the tab reloaded for a page it does not show"
    )

    (site.content / "beta.txt").write_text("BROKEN")  # a failed build reloads every tab
    wait_until(lambda: "GET /__livereload.css 200" in lines, 10)
    failed = next(n for n, line in enumerate(lines) if line.startswith("build failed"))
    assert gets(lines, "/alpha/")[-1] > failed
