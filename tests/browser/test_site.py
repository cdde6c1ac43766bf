"""The built site, in real headless Chromium, served under /repo/ on 127.0.0.1.

Each test runs against the hand-written fixture site and against the demo build (the
latter is skipped, with its reason, until the ``build`` command exists).
"""

from __future__ import annotations

from itertools import groupby

import pytest
from playwright.sync_api import Browser

from .browsing import visiting
from .contract import BADGE_PATH
from .crawl import CrawlReport
from .filters import cards, index_problems, link_filter_problems
from .pagechecks import axe_problems, og_problems, og_url_problems, qr_problems
from .serving import ServedSite
from .sharelinks import share_link_problems

pytestmark = pytest.mark.browser


def badge_pages(report: CrawlReport) -> list[str]:
    """``<base>badges/<slug>/``: one more path segment below the badges folder."""
    prefix = report.base_url + BADGE_PATH
    return [
        url
        for url in report.pages
        if url.startswith(prefix) and url.endswith("/") and url[len(prefix) :].count("/") == 1
    ]


def test_crawl_reaches_the_badge_pages(site_crawl: CrawlReport) -> None:
    assert badge_pages(site_crawl), f"no badge page linked from {site_crawl.base_url}"


def test_every_link_and_asset_resolves(site_crawl: CrawlReport) -> None:
    assert list(site_crawl.broken) == []


def test_the_site_contacts_no_other_origin(site_crawl: CrawlReport) -> None:
    assert list(site_crawl.foreign) == []


def test_no_console_or_script_errors(site_crawl: CrawlReport) -> None:
    assert list(site_crawl.errors) == []


def test_without_javascript_every_link_resolves(site_crawl_without_js: CrawlReport) -> None:
    assert badge_pages(site_crawl_without_js)
    assert list(site_crawl_without_js.broken) == []
    assert list(site_crawl_without_js.foreign) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_index_shows_every_badge(
    browser: Browser, site: ServedSite, site_crawl: CrawlReport, javascript: bool
) -> None:
    pages = {url.rstrip("/").rsplit("/", 1)[1] for url in badge_pages(site_crawl)}
    with visiting(browser, site.base_url, javascript=javascript) as (page, recorder):
        page.goto(site.base_url)
        assert index_problems(page) == []
        assert {card.slug for card in cards(page)} == pages
    assert recorder.broken() == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_filter_links_show_only_matching_badges(
    browser: Browser, site: ServedSite, javascript: bool
) -> None:
    with visiting(browser, site.base_url, javascript=javascript) as (page, recorder):
        assert link_filter_problems(page, site.base_url) == []
    assert recorder.broken() + recorder.errors() == []


def test_share_links_carry_the_right_parameters(browser: Browser, site_crawl: CrawlReport) -> None:
    with visiting(browser, site_crawl.base_url) as (page, _):
        for url in badge_pages(site_crawl):
            page.goto(url)
            assert share_link_problems(page, url) == []


def test_og_tags_are_present_and_absolute(browser: Browser, site_crawl: CrawlReport) -> None:
    with visiting(browser, site_crawl.base_url) as (page, _):
        for url in badge_pages(site_crawl):
            page.goto(url)
            assert og_problems(page) == []


def test_og_urls_are_absolute_on_every_page(site_crawl: CrawlReport) -> None:
    assert site_crawl.meta, "no page was read"
    problems = [p for url, tags in site_crawl.meta.items() for p in og_url_problems(url, tags)]
    assert problems == []


def test_qr_code_decodes_to_the_page_url(browser: Browser, site_crawl: CrawlReport) -> None:
    with visiting(browser, site_crawl.base_url) as (page, _):
        for url in badge_pages(site_crawl):
            page.goto(url)
            assert qr_problems(page, url) == []


def _pages_for_axe(report: CrawlReport) -> list[str]:
    """Every badge page, plus the index and the first page of each other top-level folder."""

    def section(url: str) -> str:
        return url[len(report.base_url) :].split("/", 1)[0]

    badges = badge_pages(report)
    others = sorted((u for u in report.pages if u not in badges), key=section)
    return badges + [next(group) for _, group in groupby(others, key=section)]


def test_no_serious_accessibility_violations(browser: Browser, site_crawl: CrawlReport) -> None:
    problems = []
    with visiting(browser, site_crawl.base_url) as (page, _):
        for url in _pages_for_axe(site_crawl):
            page.goto(url)
            problems += axe_problems(page)
    assert problems == []


def test_copy_link_copies_the_page_url(browser: Browser, site_crawl: CrawlReport) -> None:
    url = badge_pages(site_crawl)[0]
    with visiting(browser, site_crawl.base_url) as (page, recorder):
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(url)
        page.get_by_role("button", name="Copy").first.click()
        assert page.evaluate("navigator.clipboard.readText()") == url
    assert recorder.errors() == []


def test_without_javascript_the_page_url_is_offered(
    browser: Browser, site_crawl: CrawlReport
) -> None:
    url = badge_pages(site_crawl)[0]
    with visiting(browser, site_crawl.base_url, javascript=False) as (page, _):
        page.goto(url)
        fields = page.locator("input[readonly]")
        values = [fields.nth(i).input_value() for i in range(fields.count())]
        assert url in values
        assert share_link_problems(page, url) == []
        assert qr_problems(page, url) == []


@pytest.mark.parametrize("missing", ["no-such-page/", "badges/no-such-badge/deeper/"])
def test_missing_pages_get_the_site_404_page(
    browser: Browser, site: ServedSite, missing: str
) -> None:
    with visiting(browser, site.base_url) as (page, recorder):
        response = page.goto(site.base_url + missing)
        assert response is not None and response.status == 404
        assert page.locator("h1").count() == 1
        home = page.locator(f'a[href="{site.prefix}"], a[href="{site.base_url}"]')
        assert home.count() >= 1, "the 404 page links back to the index"
        assert axe_problems(page) == []
    assert [p for p in recorder.broken() if missing not in p] == []
    assert [e for e in recorder.errors() if "404" not in e] == []
