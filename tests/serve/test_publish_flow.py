"""From ``init`` to a site ready for GitHub Pages under a project sub-path: it builds,
``check`` passes on it and fails on a broken copy, and ``serve`` previews it under /repo/."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from init_site import build_init_site, make_init_site, portfolio_builder
from serve_support import get

PAGES_URL = "https://learner.github.io/repo/"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("published")
    site = make_init_site(root / "site", PAGES_URL)
    built = build_init_site(site, root / "output", PAGES_URL)
    assert built.returncode == 0, built.stderr
    return site, root / "output"


def test_the_site_has_a_page_per_badge_and_the_scaffolded_about_page(
    published: tuple[Path, Path],
) -> None:
    out = published[1]
    pages = sorted(p.parent.name for p in out.glob("badges/*/index.html"))
    assert len(pages) == 5  # every badge file copied in (the sidecar is not a badge)
    assert (out / "about" / "index.html").is_file()
    index = (out / "index.html").read_text("utf-8")
    assert all(f'href="./badges/{slug}/"' in index for slug in pages)
    not_found = (out / "404.html").read_text("utf-8")
    assert 'href="/repo/' in not_found and 'href="badges/' not in not_found


def test_check_passes_on_the_built_site(published: tuple[Path, Path]) -> None:
    result = portfolio_builder("check", str(published[1]))
    assert result.returncode == 0, result.stdout + result.stderr


def broken_copy(out: Path, dest: Path) -> tuple[Path, str]:
    """A copy of the site with one badge image gone; returns it and the image's name."""
    shutil.copytree(out, dest)
    page = next(dest.glob("badges/*/index.html"))
    found = re.search(r'<img class="badge-image" src="[^"]*/(image\.\w+\.png)"', page.read_text())
    assert found, "a badge page shows its image from the site"
    (page.parent / found.group(1)).unlink()
    return dest, f"{page.parent.name}/{found.group(1)}"


def test_check_fails_on_a_broken_copy_naming_the_problem(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    broken, missing = broken_copy(published[1], tmp_path / "broken")
    result = portfolio_builder("check", str(broken))
    assert result.returncode == 1
    assert missing in result.stdout + result.stderr


def test_check_fails_when_a_page_leaks_an_email(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    copy = tmp_path / "leaky"
    shutil.copytree(published[1], copy)
    about = copy / "about" / "index.html"
    about.write_text(about.read_text("utf-8") + "<p>ada@example.org</p>", "utf-8")
    result = portfolio_builder("check", str(copy))
    assert result.returncode == 1
    assert "about/index.html" in result.stdout + result.stderr


@pytest.fixture()
def serving(published: tuple[Path, Path], tmp_path: Path) -> Iterator[int]:
    """The real ``serve`` command on a copy of the site (it builds into its own output/)."""
    site = tmp_path / "site"
    shutil.copytree(published[0], site)
    command = [sys.executable, "-m", "portfolio_builder", "serve", "-C", str(site)]
    process = subprocess.Popen(
        [*command, "--port", "0", "--offline"], stderr=subprocess.PIPE, text=True
    )
    try:
        yield _port_of(process)
    finally:
        process.kill()
        process.communicate(timeout=20)


def _port_of(process: subprocess.Popen[str]) -> int:
    assert process.stderr is not None
    for _ in range(50):  # the banner comes after the first build
        line = process.stderr.readline()
        found = re.search(r"at http://127\.0\.0\.1:(\d+)/repo/ \(Ctrl-C to stop\)", line)
        if found:
            return int(found.group(1))
        assert line, "serve stopped before saying where it serves"
    raise AssertionError("serve did not say where it serves")


def test_serve_previews_the_site_under_its_sub_path(serving: int) -> None:
    home = get(serving, "/repo/")
    assert home.status == 200 and b"/repo/badges/" in home.body
    assert get(serving, "/").status in (301, 302)
    assert get(serving, "/").headers["location"] == "/repo/"
    missing = get(serving, "/repo/no-such-page/")
    assert missing.status == 404 and b'href="/repo/' in missing.body
