"""Checks on one rendered page: accessibility, OpenGraph tags and the QR code.

Each check returns a list of problems, each naming the page; an empty list means the page
passes. The harness's own tests feed deliberately broken pages to these functions.
"""

from __future__ import annotations

import io
from urllib.parse import urljoin, urlsplit

import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Locator, Page

from .browsing import origin_of
from .contract import QR_SELECTOR, REQUIRED_OG

BLOCKING_IMPACTS = frozenset({"serious", "critical"})
OG_URL_PROPERTIES = ("og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image")

_AXE = Axe()


def axe_problems(page: Page) -> list[str]:
    """Every axe-core violation of serious or critical impact, with the elements concerned."""
    results = _AXE.run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING_IMPACTS:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            problems.append(
                f"{page.url}: axe {violation['id']} ({violation['impact']}): "
                f"{violation['help']} at {targets}"
            )
    return problems


def meta_tags(page: Page) -> dict[str, list[str]]:
    """``<meta property|name=… content=…>`` from the head, keyed by property or name."""
    pairs: list[list[str]] = page.evaluate(
        """() => Array.from(document.head.querySelectorAll('meta[content]'), (m) =>
             [m.getAttribute('property') || m.getAttribute('name') || '',
              m.getAttribute('content')])"""
    )
    tags: dict[str, list[str]] = {}
    for key, value in pairs:
        if key:
            tags.setdefault(key, []).append(value)
    return tags


def is_absolute_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def og_url_problems(page_url: str, tags: dict[str, list[str]]) -> list[str]:
    """Every URL-valued OpenGraph or Twitter tag present is an absolute http(s) URL."""
    return [
        f"{page_url}: {key} is not an absolute http(s) URL: {value!r}"
        for key in OG_URL_PROPERTIES
        for value in tags.get(key, [])
        if not is_absolute_http(value)
    ]


def og_problems(page: Page) -> list[str]:
    """The tags sharing needs are present, absolute, and ``og:url`` is this page."""
    tags = meta_tags(page)
    problems = [f"{page.url}: no {key} meta tag" for key in REQUIRED_OG if not tags.get(key)]
    problems += og_url_problems(page.url, tags)
    problems += [
        f"{page.url}: og:url {value!r} is not this page's URL"
        for value in tags.get("og:url", [])
        if value != page.url
    ]
    return problems


def decode_qr(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def _qr_texts(page: Page, element: Locator) -> list[str]:
    """Decode what a visitor sees; fall back to the image file at its full resolution."""
    shot = Image.open(io.BytesIO(element.screenshot()))
    texts = decode_qr(shot)
    source = urljoin(page.url, element.get_attribute("src") or "")
    if texts or source == page.url or origin_of(source) != origin_of(page.url):
        return texts
    response = page.context.request.get(source)
    try:
        return decode_qr(Image.open(io.BytesIO(response.body()))) if response.ok else []
    finally:
        response.dispose()


def qr_problems(page: Page, expected_url: str) -> list[str]:
    """The page shows a QR code and a real decoder reads ``expected_url`` from it."""
    codes = page.locator(QR_SELECTOR)
    if codes.count() == 0:
        return [f"{page.url}: no QR code ({QR_SELECTOR})"]
    texts = _qr_texts(page, codes.first)
    if not texts:
        return [f"{page.url}: the QR code could not be decoded"]
    if texts != [expected_url]:
        return [f"{page.url}: the QR code reads {texts!r}, expected {expected_url!r}"]
    return []
