"""Visit every page reachable from a site's index and check every link and asset.

Pages (URLs ending in ``/`` or ``.html``) inside the site's base URL are opened in the
browser, so their images, styles and scripts load as a visitor's would. Other same-origin
links (badge files, JSON, downloads) are fetched without rendering. Links to other origins
are not followed: they are share targets and references, and no request is made to them.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from playwright.sync_api import APIRequestContext, Browser, Page

from .browsing import origin_of, recorded_context
from .pagechecks import meta_tags

LINK_SCRIPT = """() => Array.from(
  document.querySelectorAll('a[href], link[href], img[src], script[src], source[src]'),
  (el) => el.href || el.src || '')"""


@dataclass(frozen=True)
class CrawlReport:
    """What a crawl found; a healthy site has empty ``broken``, ``foreign`` and ``errors``."""

    base_url: str
    pages: tuple[str, ...]
    files: tuple[str, ...]
    broken: tuple[str, ...]
    foreign: tuple[str, ...]
    errors: tuple[str, ...]
    meta: dict[str, dict[str, list[str]]]


@dataclass
class _Walk:
    base_url: str
    queue: deque[str] = field(default_factory=deque)
    seen: set[str] = field(default_factory=set)
    pages: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    meta: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def add(self, links: list[str]) -> None:
        for link in links:
            if link.startswith(self.base_url) and link not in self.seen:
                self.seen.add(link)
                self.queue.append(link)


def is_page(url: str) -> bool:
    path = url.split("?", 1)[0]
    return path.endswith(("/", ".html"))


def page_links(page: Page) -> list[str]:
    found: list[str] = page.evaluate(LINK_SCRIPT)
    return [urldefrag(urljoin(page.url, href)).url for href in found if href]


def _check_file(request: APIRequestContext, url: str) -> list[str]:
    response = request.get(url, max_redirects=5)
    try:
        return [] if response.ok else [f"{url} answered {response.status}"]
    finally:
        response.dispose()


def _visit(page: Page, walk: _Walk, url: str) -> None:
    walk.pages.append(url)
    response = page.goto(url, wait_until="load")
    if response is None or not response.ok:
        walk.broken.append(f"page {url} answered {response.status if response else 'nothing'}")
        return
    walk.meta[url] = meta_tags(page)
    links = page_links(page)
    walk.broken += outside_base(url, links, walk.base_url)
    walk.add(links)


def crawl(browser: Browser, base_url: str, *, javascript: bool = True) -> CrawlReport:
    """Breadth-first over the site; every problem names the page or file it concerns."""
    context, recorder = recorded_context(browser, origin_of(base_url), javascript=javascript)
    page = context.new_page()
    walk = _Walk(base_url)
    walk.add([base_url])
    try:
        while walk.queue:
            url = walk.queue.popleft()
            if is_page(url):
                _visit(page, walk, url)
            else:
                walk.files.append(url)
                walk.broken += _check_file(context.request, url)
    finally:
        context.close()
    return CrawlReport(
        base_url,
        tuple(walk.pages),
        tuple(walk.files),
        tuple(dict.fromkeys(walk.broken + recorder.broken())),
        tuple(dict.fromkeys(recorder.foreign)),
        tuple(dict.fromkeys(recorder.errors())),
        walk.meta,
    )


def outside_base(page_url: str, links: list[str], base_url: str) -> list[str]:
    """Same-origin links that leave the base path break under a sub-path such as /repo/."""
    origin = origin_of(base_url)
    return [
        f"{page_url} links outside the site's base URL: {link}"
        for link in links
        if origin_of(link) == origin and not link.startswith(base_url)
    ]
