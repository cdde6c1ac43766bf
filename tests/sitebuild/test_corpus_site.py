"""A site built from real badges: it builds, and publishes no email or identity hash."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from portfolio_builder.discover import discover

from sitebuild.kit import Page, build, write_config

SECRET = re.compile(
    rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:sha256|sha512|md5)\$[0-9a-f]{8}"
)
PUBLIC = (".html", ".xml", "portfolio.json", "verification.json", ".txt")


@pytest.fixture(scope="module")
def out(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("corpus-site")
    write_config(site)
    files = discover([str(corpus)]).files
    for index, source in enumerate(files):
        if index % 3 == 0:  # a third of the corpus keeps the run short
            target = site / "content" / "badges" / source.path.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source.path, target)
    result = build(site, "-q")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return site / "output"


def test_real_badges_build_into_pages(out: Path) -> None:
    assert len(list(out.glob("badges/*/index.html"))) > 30


def test_no_email_or_identity_hash_is_published_outside_originals(out: Path) -> None:
    for path in out.rglob("*"):
        if path.is_file() and path.name.endswith(PUBLIC):
            found = SECRET.findall(path.read_bytes())
            assert not found, (path.relative_to(out), found[:3])


def test_no_page_carries_script_from_a_badge(out: Path) -> None:
    for path in out.rglob("*.html"):
        html = path.read_text()
        page = Page(html)
        scripts = [a for a in page.scripts if a.get("type") != "application/ld+json"]
        assert all("/static/site." in "/" + a.get("src", "").lstrip("./") for a in scripts), path
        assert not [k for _, attrs in page.elements for k in attrs if k.startswith("on")], path
