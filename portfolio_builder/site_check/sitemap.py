"""Read sitemap.xml (and robots.txt's Sitemap: line) and check each URL is in the site."""

from __future__ import annotations

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from portfolio_builder.diagnostics import Diagnostic, error
from portfolio_builder.site_check.site import Kind, Site, find, is_absolute, under_base

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def read_sitemap(site: Site) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """The <loc> URLs of sitemap.xml, or the problem that stopped reading it."""
    where = (site.root / SITEMAP).as_posix()
    if SITEMAP not in site.files:
        return (), [error("E-SITE-SITEMAP", "there is no sitemap.xml in the output", where)]
    try:
        root = fromstring((site.root / SITEMAP).read_bytes())
    except (ParseError, DefusedXmlException, OSError, ValueError) as exc:
        return (), [error("E-SITE-SITEMAP", f"sitemap.xml cannot be read: {exc}", where)]
    locs = tuple(
        element.text.strip()
        for element in root.iter()
        if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] == "loc"
        if element.text and element.text.strip()
    )
    if not locs:
        return (), [error("E-SITE-SITEMAP", "sitemap.xml lists no URL", where)]
    return locs, []


def check_locs(site: Site, locs: tuple[str, ...], name: str = SITEMAP) -> list[Diagnostic]:
    """Each URL must be absolute, under the base URL, and name a file in the output."""
    where = (site.root / name).as_posix()
    problems: list[Diagnostic] = []
    for loc in locs:
        if not is_absolute(loc):
            problems.append(error("E-SITE-SITEMAP", f"{loc!r} is not an absolute URL", where))
            continue
        rest = under_base(site, loc)
        if rest is None:
            if site.base:
                message = f"{loc} is not under the site's base URL {site.base}"
                problems.append(error("E-SITE-SITEMAP", message, where))
            continue
        target = find(site, rest)
        if target.kind is not Kind.FOUND:
            message = f"{loc} is listed, but {target.file} is not in the output"
            problems.append(error("E-SITE-SITEMAP", message, where))
    return problems


def robots_sitemaps(site: Site) -> tuple[str, ...]:
    """The URLs of robots.txt's ``Sitemap:`` lines (none when there is no robots.txt)."""
    if ROBOTS not in site.files:
        return ()
    try:
        text = (site.root / ROBOTS).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    return tuple(
        line.split(":", 1)[1].strip()
        for line in text.splitlines()
        if line.lower().startswith("sitemap:")
    )
