"""Work out a built site's base URL from its pages or its sitemap."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from urllib.parse import quote, urlsplit

from portfolio_builder.site_check.htmlscan import PageScan
from portfolio_builder.site_check.site import is_absolute, url_path_of

NOT_FOUND_PAGE = "404.html"
LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".invalid", ".test")


def normalise_base(url: str) -> str | None:
    """``url`` as a base (absolute, ending with "/", no query or fragment), or None."""
    if not is_absolute(url.strip()):
        return None
    parts = urlsplit(url.strip())
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return parts._replace(path=path, query="", fragment="").geturl()


def _base_from(url: str, rel: str) -> str | None:
    url = url.split("#", 1)[0]
    suffix = quote(url_path_of(rel))
    if not is_absolute(url) or not url.endswith(suffix):
        return None
    base = url[: len(url) - len(suffix)]
    return base if base.endswith("/") and is_absolute(base) else None


def base_from_pages(scans: Mapping[str, PageScan]) -> str:
    """The base implied by a page's canonical link or og:url (the home page first)."""
    order = sorted(scans, key=lambda rel: (rel != "index.html", rel.count("/"), rel))
    for rel in order:
        if rel == NOT_FOUND_PAGE:
            continue
        scan = scans[rel]
        for url in (*scan.canonical, *scan.meta.get("og:url", ())):
            if base := _base_from(url, rel):
                return base
    return ""


def base_from_sitemap(locs: Iterable[str], pages: Iterable[str]) -> str:
    """The shortest base under which every sitemap URL falls and one of them is a page."""
    locs = list(locs)
    candidates = {
        base
        for loc in locs
        for rel in pages
        if rel != NOT_FOUND_PAGE and (base := _base_from(loc, rel))
    }
    for base in sorted(candidates, key=len):
        if all(loc.startswith(base) for loc in locs):
            return base
    return ""


def is_local(base: str) -> bool:
    """Whether ``base`` points at this computer or a private network, not the public web."""
    host = (urlsplit(base).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(LOCAL_NAMES):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global
