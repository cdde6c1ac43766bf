"""Checks that a badge page's share links carry the right parameters for each network."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page

LINKEDIN_ADD_PARAMS = frozenset(
    {
        "startTask",
        "name",
        "organizationId",
        "organizationName",
        "issueYear",
        "issueMonth",
        "expirationYear",
        "expirationMonth",
        "certUrl",
        "certId",
    }
)

Query = dict[str, list[str]]


@dataclass(frozen=True)
class Shown:
    """What the page shows a visitor: its main heading and all its text."""

    heading: str
    text: str


Check = Callable[[str, str, Shown], list[str]]


def _query(url: str, *, fragment: bool = False) -> Query:
    parts = urlsplit(url)
    return parse_qs(parts.fragment if fragment else parts.query, keep_blank_values=True)


def _one(query: Query, key: str) -> str | None:
    values = query.get(key, [])
    return values[0] if len(values) == 1 else None


def _linkedin_add(url: str, page_url: str, shown: Shown) -> list[str]:
    query = _query(url)
    problems = [f"unexpected parameter {k}" for k in query if k not in LINKEDIN_ADD_PARAMS]
    problems += [f"{k} given {len(v)} times" for k, v in query.items() if len(v) > 1]
    if _one(query, "startTask") != "CERTIFICATION_NAME":
        problems.append("startTask is not CERTIFICATION_NAME")
    name = _one(query, "name") or ""
    if not name.strip() or name not in shown.heading:
        problems.append(f"name {name!r} is not the badge name shown on the page")
    problems += _linkedin_org(query, shown)
    problems += _linkedin_dates(query)
    if _one(query, "certUrl") != page_url:
        problems.append(f"certUrl {_one(query, 'certUrl')!r} is not the page URL")
    cert_id = _one(query, "certId") or ""
    if not cert_id or cert_id.startswith("urn:"):
        problems.append(f"certId {cert_id!r} is empty or a URN")
    return problems


def _linkedin_org(query: Query, shown: Shown) -> list[str]:
    org_id, org_name = _one(query, "organizationId"), _one(query, "organizationName")
    if (org_id is None) == (org_name is None):
        return ["exactly one of organizationId and organizationName is needed"]
    if org_id is not None and not org_id.isdigit():
        return [f"organizationId {org_id!r} is not numeric"]
    if org_name is not None and (not org_name.strip() or org_name not in shown.text):
        return [f"organizationName {org_name!r} is not the issuer shown on the page"]
    return []


def _linkedin_dates(query: Query) -> list[str]:
    problems = []
    for prefix in ("issue", "expiration"):
        year, month = _one(query, f"{prefix}Year"), _one(query, f"{prefix}Month")
        if year is None and month is None and prefix == "expiration":
            continue
        if not (year and re.fullmatch(r"(19|20)\d\d", year)):
            problems.append(f"{prefix}Year {year!r} is not a year")
        if not (month and re.fullmatch(r"[1-9]|1[0-2]", month)):
            problems.append(f"{prefix}Month {month!r} is not 1 to 12")
    return problems


def _only_url(key: str) -> Check:
    def check(url: str, page_url: str, shown: Shown) -> list[str]:
        query = _query(url)
        if set(query) != {key} or _one(query, key) != page_url:
            return [f"expected only {key}=<page URL>, got {query!r}"]
        return []

    return check


def _x(url: str, page_url: str, shown: Shown) -> list[str]:
    query = _query(url)
    if _one(query, "url") == page_url or page_url in (_one(query, "text") or ""):
        return []
    return [f"neither url nor text carries the page URL: {query!r}"]


def _text_has_url(key: str, *, fragment: bool = False) -> Check:
    def check(url: str, page_url: str, shown: Shown) -> list[str]:
        value = _one(_query(url, fragment=fragment), key) or ""
        return [] if page_url in value else [f"{key} does not carry the page URL: {value!r}"]

    return check


def _mastodon(url: str, page_url: str, shown: Shown) -> list[str]:
    on_fragment = urlsplit(url).netloc == "tootpick.org"
    return _text_has_url("text", fragment=on_fragment)(url, page_url, shown)


NETWORKS: dict[str, tuple[str, Check]] = {
    "LinkedIn add-to-profile": (r"^https://www\.linkedin\.com/profile/add\?", _linkedin_add),
    "LinkedIn post": (
        r"^https://www\.linkedin\.com/sharing/share-offsite/\?",
        _only_url("url"),
    ),
    "X": (r"^https://(twitter\.com/intent/tweet|x\.com/intent/(post|tweet))\?", _x),
    "Facebook": (r"^https://www\.facebook\.com/sharer/sharer\.php\?", _only_url("u")),
    "email": (r"^mailto:\?", _text_has_url("body")),
    "Mastodon": (r"^https://(tootpick\.org/#|[^/]+/share\?)", _mastodon),
}


MASTODON_SERVER = "mastodon.example"
RECORD_WINDOW_OPEN = (
    "() => { window.open = (url) => { window.__opened = String(url); return null; }; }"
)


def mastodon_form_url(page: Page) -> str | None:
    """Ask a Mastodon share form for ``MASTODON_SERVER``; the URL it would open, if any."""
    form = page.locator("form").filter(has_text=re.compile("mastodon", re.IGNORECASE))
    if form.count() == 0:
        return None
    page.evaluate(RECORD_WINDOW_OPEN)
    form.first.locator("input[type=text], input[type=url], input:not([type])").first.fill(
        MASTODON_SERVER
    )
    form.first.locator("button[type=submit], input[type=submit], button:not([type])").first.click()
    opened: str | None = page.evaluate("() => window.__opened || null")
    return opened


def share_link_problems(page: Page, page_url: str) -> list[str]:
    """Each network's link is present once or more, and every one of them is right.

    Mastodon may instead be a form asking for the visitor's server; it is tried last,
    since submitting it may leave the page.
    """
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    heading = page.locator("h1")
    shown = Shown(
        heading.first.inner_text() if heading.count() else "",
        page.locator("body").inner_text(),
    )
    problems = []
    for network, (pattern, check) in NETWORKS.items():
        links = [href for href in hrefs if re.match(pattern, href)]
        if not links and network == "Mastodon":
            opened = mastodon_form_url(page)
            links = [opened] if opened and re.match(pattern, opened) else []
        if not links:
            problems.append(f"{page_url}: no {network} share link")
        for link in links:
            problems += [f"{page_url}: {network} link: {p}" for p in check(link, page_url, shown)]
    return problems
