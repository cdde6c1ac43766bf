"""Hostile strings in every field of every Open Badges version, built and opened in Chromium:
every page parses as inert, and in the browser no dialog opens and no injected script runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from inert import markup_problems
from playwright.sync_api import Browser, Page
from xss_badges import MARKUP, badges

from portfolio_builder.cli import cli

from .browsing import visiting
from .conftest import PREFIX
from .serving import ServedSite, serve_folder
from sitebuild.kit import NOW, write_config

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-xss")]
PWNED = "() => window.__pwned === undefined ? null : String(window.__pwned)"
LIVE_URLS = """() => Array.from(document.querySelectorAll('*')).flatMap((el) =>
  Array.from(el.attributes).filter((a) => /^on/i.test(a.name) ||
    (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) &&
     /^(javascript:|vbscript:|data:(?!image\\/))/i.test(a.value.replace(/[\\s\\0-\\x1f]/g, ''))))
  .map((a) => el.tagName + ' ' + a.name + '=' + a.value.slice(0, 40)))"""


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServedSite, Path]]:
    root = tmp_path_factory.mktemp("xss-site")
    out = root / "output"
    with serve_folder(out, PREFIX) as served:
        write_config(root)
        folder = root / "content" / "badges"
        folder.mkdir(parents=True)
        for name, data in badges():
            (folder / name).write_bytes(data)
        args = ["build", "-C", str(root), "--offline", "--now", NOW, "--base-url", served.base_url]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        yield served, out


def _pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_every_version_and_payload_got_a_page(xss_site: tuple[ServedSite, Path]) -> None:
    _served, out = xss_site
    assert len(list(out.glob("badges/*/index.html"))) == len(list(badges())) == 21
    shown = [p for p in _pages(out) if "window.__pwned=&#39;script&#39;" in p.read_text()]
    assert len(shown) >= 7  # the markup payload reached every version's page, as text


def test_every_page_parses_as_inert(xss_site: tuple[ServedSite, Path]) -> None:
    _served, out = xss_site
    problems = {p.name: markup_problems(p.read_text()) for p in _pages(out)}
    assert {name: found for name, found in problems.items() if found} == {}
    assert MARKUP not in "".join(p.read_text() for p in _pages(out))


def _probe(page: Page, url: str, dialogs: list[str]) -> list[str]:
    page.goto(url)
    for link in page.locator("[data-filter-kind]").all()[:6]:  # the filters' own script runs
        link.click()
    page.mouse.move(5, 5)
    page.wait_for_timeout(50)
    found = [f"{url}: {item}" for item in page.evaluate(LIVE_URLS)]
    pwned = page.evaluate(PWNED)
    return found + ([f"{url}: window.__pwned = {pwned}"] if pwned else []) + dialogs


def test_no_dialog_opens_and_no_injected_script_runs_in_chromium(
    browser: Browser, xss_site: tuple[ServedSite, Path]
) -> None:
    served, out = xss_site
    urls = [served.base_url + p.relative_to(out).as_posix() for p in _pages(out)]
    problems: list[str] = []
    with visiting(browser, served.base_url) as (page, recorder):
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(f"dialog: {d.message}"), d.dismiss()))
        for url in urls:
            problems += _probe(page, url, dialogs)
    assert problems == []
    assert recorder.foreign == []
    assert recorder.errors() == []


def test_the_probe_does_see_a_script_that_runs(browser: Browser, tmp_path: Path) -> None:
    """The control: the same probe on a page that does run the payload reports it."""
    (tmp_path / "index.html").write_text(f"<p>{MARKUP}</p>", encoding="utf-8")
    with serve_folder(tmp_path, PREFIX) as served, visiting(browser, served.base_url) as (page, _):
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(f"dialog: {d.message}"), d.dismiss()))
        problems = _probe(page, served.base_url, dialogs)
    assert any("window.__pwned" in p for p in problems)
    assert any(p.startswith("dialog:") for p in problems)
    assert markup_problems(f"<p>{MARKUP}</p>")
