"""Fixtures for the browser tests: one Chromium per worker process and the served sites.

Every site is served under the sub-path ``/repo/``, as a GitHub Pages project site is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from .browsing import CHROMIUM, launch
from .crawl import CrawlReport, crawl
from .serving import ServedSite, serve_folder
from .sites import build_demo, build_init, make_fixture_site

PREFIX = "/repo/"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (as root) to install it")
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("fixture-site")
    with serve_folder(root, PREFIX) as served:
        make_fixture_site(root, served.base_url)
        yield served


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("demo-site")
    with serve_folder(root, PREFIX) as served:
        result = build_demo(root, served.base_url)
        if result.returncode != 0:
            pytest.fail(f"`portfolio-builder build` exited {result.returncode}:\n{result.stderr}")
        yield served


@pytest.fixture(scope="session")
def init_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """A site a new user made with ``init`` and a few badges, built for /repo/."""
    root = tmp_path_factory.mktemp("init-site")
    with serve_folder(root / "output", PREFIX) as served:
        result = build_init(root, served.base_url)
        if result.returncode != 0:
            pytest.fail(f"`portfolio-builder build` exited {result.returncode}:\n{result.stderr}")
        yield served


@pytest.fixture(
    scope="session",
    params=[
        pytest.param("fixture", marks=pytest.mark.xdist_group("browser-fixture")),
        pytest.param("demo", marks=pytest.mark.xdist_group("browser-demo")),
        pytest.param("init", marks=pytest.mark.xdist_group("browser-init")),
    ],
)
def site(request: pytest.FixtureRequest) -> ServedSite:
    served: ServedSite = request.getfixturevalue(f"{request.param}_site")
    return served


@pytest.fixture(scope="session")
def crawls(browser: Browser) -> Callable[[str, bool], CrawlReport]:
    """Crawl a site once per worker, with or without JavaScript, and reuse the report."""
    done: dict[tuple[str, bool], CrawlReport] = {}

    def crawled(base_url: str, javascript: bool = True) -> CrawlReport:
        if (base_url, javascript) not in done:
            done[base_url, javascript] = crawl(browser, base_url, javascript=javascript)
        return done[base_url, javascript]

    return crawled


@pytest.fixture(scope="session")
def site_crawl(crawls: Callable[[str, bool], CrawlReport], site: ServedSite) -> CrawlReport:
    return crawls(site.base_url, True)


@pytest.fixture(scope="session")
def site_crawl_without_js(
    crawls: Callable[[str, bool], CrawlReport], site: ServedSite
) -> CrawlReport:
    return crawls(site.base_url, False)
