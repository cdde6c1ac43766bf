"""The harness catches breakage: deliberately broken copies of the fixture site are reported.

Each check the site tests rely on is shown here to fail on a page that is wrong, so a
green site test means the site is right, not that the check looked at nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser

from .browsing import visiting
from .crawl import CrawlReport, crawl
from .filters import control_filter_problems, index_problems, link_filter_problems
from .pagechecks import axe_problems, og_problems, qr_problems
from .serving import ServedSite, serve_folder
from .sharelinks import share_link_problems
from .sites import FIXTURE_SITE, make_fixture_site, qr_png

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-harness")]

Edit = Callable[[Path, str], None]


@contextmanager
def broken_copy(root: Path, *edits: Edit) -> Iterator[ServedSite]:
    """The fixture site served under /repo/, with ``edits`` applied to its files."""
    with serve_folder(root, "/repo/") as served:
        make_fixture_site(root, served.base_url)
        for edit in edits:
            edit(root, served.base_url)
        yield served


def replace(relative: str, old: str, new: str) -> Edit:
    def edit(root: Path, base_url: str) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def delete(relative: str) -> Edit:
    def edit(root: Path, base_url: str) -> None:
        (root / relative).unlink()

    return edit


def test_crawl_visits_every_page_of_the_intact_site(
    crawls: Callable[[str, bool], CrawlReport], fixture_site: ServedSite
) -> None:
    report = crawls(fixture_site.base_url, True)
    folders = [p.parent.relative_to(FIXTURE_SITE).as_posix() for p in FIXTURE_SITE.rglob("*.html")]
    expected = {
        fixture_site.base_url + ("" if f == "." else f + "/") for f in folders if f != "."
    } | {fixture_site.base_url}
    assert set(report.pages) == expected
    assert (report.broken, report.foreign, report.errors) == ((), (), ())


def test_crawl_reports_broken_links_errors_and_other_origins(
    browser: Browser, tmp_path: Path
) -> None:
    edits = [
        delete("badges/python-basics/badge.json"),
        delete("site.css"),
        replace("index.html", "</main>", '<script>console.error("harness-boom")</script></main>'),
        replace("index.html", "</main>", "<script>notDefinedAnywhere()</script></main>"),
        replace(
            "index.html", "</main>", '<img src="https://px.example.invalid/p.png" alt=""></main>'
        ),
        replace(
            "badges/team-player/index.html", 'href="/repo/issuers/beta/"', 'href="/issuers/beta/"'
        ),
    ]
    with broken_copy(tmp_path, *edits) as served:
        report = crawl(browser, served.base_url)
    broken = "\n".join(report.broken)
    assert f"{served.base_url}badges/python-basics/badge.json answered 404" in broken
    assert f"{served.base_url}site.css answered 404" in broken
    assert f"links outside the site's base URL: {served.origin}/issuers/beta/" in broken
    assert any("harness-boom" in e for e in report.errors)
    assert any("notDefinedAnywhere" in e for e in report.errors)
    assert report.foreign == ("https://px.example.invalid/p.png",)


def test_page_checks_report_a_broken_badge_page(browser: Browser, tmp_path: Path) -> None:
    page_file = "badges/python-basics/index.html"

    def wrong_qr(root: Path, base_url: str) -> None:
        qr_png(root / "badges/python-basics/qr.png", base_url + "badges/elsewhere/")

    edits = [
        wrong_qr,
        replace(page_file, 'name="image" content="http://', 'name="image" content="//'),
        replace(page_file, 'alt="Python Basics badge" ', ""),
        replace(page_file, "certId=pb-2025-001", "certId=urn:uuid:1234"),
        replace(page_file, "organizationName=Alpha%20Academy", "organizationName=Someone%20Else"),
        replace(page_file, "sharer.php?u=", "sharer.php?x="),
        replace(page_file, '<li><a href="mailto:', '<li><a hidden href="nomail:'),
    ]
    with broken_copy(tmp_path, *edits) as served:
        url = served.base_url + "badges/python-basics/"
        with visiting(browser, served.base_url) as (page, _):
            page.goto(url)
            qr, og, axe = qr_problems(page, url), og_problems(page), axe_problems(page)
            share = "\n".join(share_link_problems(page, url))
    assert qr == [
        f"{url}: the QR code reads ['{served.base_url}badges/elsewhere/'], expected '{url}'"
    ]
    relative_image = url.removeprefix("http:") + "card.png"
    assert og == [f"{url}: og:image is not an absolute http(s) URL: {relative_image!r}"]
    assert any("axe image-alt (critical)" in p for p in axe)
    assert "certId 'urn:uuid:1234' is empty or a URN" in share
    assert "organizationName 'Someone Else' is not the issuer shown on the page" in share
    assert f"Facebook link: expected only u=<page URL>, got {{'x': ['{url}']}}" in share
    assert f"{url}: no email share link" in share


def test_share_check_reports_links_that_do_not_carry_the_page(
    browser: Browser, tmp_path: Path
) -> None:
    page_file = "badges/team-player/index.html"

    def point_elsewhere(root: Path, base_url: str) -> None:
        old = "certUrl=" + quote(base_url, safe="") + "badges%2Fteam-player%2F"
        replace(page_file, old, "certUrl=https%3A%2F%2Fexample.org%2F")(root, base_url)

    def no_url(root: Path, base_url: str) -> None:
        replace(page_file, f'Mentor {base_url}badges/team-player/">', 'Mentor">')(root, base_url)

    with broken_copy(tmp_path, point_elsewhere, no_url) as served:
        url = served.base_url + "badges/team-player/"
        with visiting(browser, served.base_url) as (page, _):
            page.goto(url)
            problems = share_link_problems(page, url)
    assert problems == [
        f"{url}: LinkedIn add-to-profile link: certUrl 'https://example.org/' is not the page URL",
        f"{url}: Mastodon link: text does not carry the page URL: 'I earned Team Player & Mentor'",
    ]


def test_filter_checks_report_wrong_results(browser: Browser, tmp_path: Path) -> None:
    edits = [
        replace(
            "issuers/alpha/index.html",
            "</ul>",
            '<li class="card" data-issuer="beta" data-status="expired">'
            '<a href="/repo/badges/team-player/">Team Player</a></li></ul>',
        ),
        replace("site.js", "card.hidden = !chosen", "card.hidden = chosen.length > 0 && !!chosen"),
    ]
    with broken_copy(tmp_path, *edits) as served, visiting(browser, served.base_url) as visit:
        links = link_filter_problems(visit[0], served.base_url)
        controls, tried = control_filter_problems(visit[0], served.base_url)
    assert links == [
        f"{served.base_url}issuers/alpha/: choosing issuers='alpha' shows "
        "['python-basics', 'team-player'], expected ['python-basics']"
    ]
    assert tried == 8
    wrong = "shows ['team-player'], expected ['python-basics']"
    assert f"{served.base_url}: choosing issuers='alpha' {wrong}" in controls


def test_select_filter_controls_pass_where_they_work(
    browser: Browser, fixture_site: ServedSite
) -> None:
    """The default theme filters with links (tested on every site); a theme may add
    ``<select>`` controls instead, and the check accepts them where they work."""
    with visiting(browser, fixture_site.base_url) as (page, recorder):
        problems, tried = control_filter_problems(page, fixture_site.base_url)
    assert (problems, tried) == ([], 8)
    assert recorder.errors() == []


def test_index_check_reports_hidden_and_unlinked_cards(
    browser: Browser, fixture_site: ServedSite
) -> None:
    with visiting(browser, fixture_site.base_url) as (page, _):
        page.goto(fixture_site.base_url)
        page.evaluate(
            """() => {
              document.querySelector('.card').style.display = 'none';
              const stray = document.createElement('li');
              stray.className = 'card';
              stray.dataset.issuer = 'alpha';
              stray.dataset.status = 'valid';
              stray.textContent = 'A card with no link';
              document.querySelector('.cards').append(stray);
            }"""
        )
        problems = index_problems(page)
    assert problems == [
        f"{fixture_site.base_url}: card 'python-basics' is hidden",
        f"{fixture_site.base_url}: a card links to no badge page",
    ]
