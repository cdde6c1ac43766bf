"""Check a built site before publishing: links, link previews, sitemap, and privacy.

``check_site(out)`` works on any folder of HTML. It reads the site's base URL from the
``--base-url`` given, else from a page's canonical link or og:url, else from sitemap.xml.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image

from portfolio_builder.diagnostics import Diagnostic, error
from portfolio_builder.site_check.base import (
    NOT_FOUND_PAGE,
    base_from_pages,
    base_from_sitemap,
    is_local,
    normalise_base,
)
from portfolio_builder.site_check.htmlscan import PageScan, scan_html
from portfolio_builder.site_check.links import check_links
from portfolio_builder.site_check.opengraph import ImageSize, check_preview
from portfolio_builder.site_check.privacy import check_privacy
from portfolio_builder.site_check.site import Site, load_site
from portfolio_builder.site_check.sitemap import (
    ROBOTS,
    check_locs,
    read_sitemap,
    robots_sitemaps,
)


@dataclass(frozen=True, slots=True)
class SiteCheck:
    """The outcome of one check: what was looked at, and every problem found."""

    out: Path
    base: str
    pages: int
    files: int
    links: int
    sitemap_urls: int
    problems: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_site(
    out: Path, base_url: str | None = None, allow_emails: Iterable[str] = ()
) -> SiteCheck:
    """Check the built site in ``out``; problems are values, nothing is raised."""
    try:
        return _check_site(out, base_url, allow_emails)
    except Exception as exc:  # a bug must still end as a named problem, not a traceback
        message = f"the check stopped on an internal error: {type(exc).__name__}: {exc}"
        return SiteCheck(out, "", 0, 0, 0, 0, (error("E-INTERNAL", message, out.as_posix()),))


def _check_site(out: Path, base_url: str | None, allow_emails: Iterable[str]) -> SiteCheck:
    if not out.is_dir():
        return _empty(out, f"{out} is not a folder; build the site first")
    site = load_site(out)
    if not site.pages:
        return _empty(out, f"{out} holds no HTML page; build the site first")
    scans, problems = _scan_pages(site)
    locs, sitemap_problems = read_sitemap(site)
    base, base_problems = _find_base(site, scans, locs, base_url)
    site = site.with_base(base)
    link_problems, followed = check_links(site, scans)
    problems += base_problems + link_problems + _previews(site, scans, cache(_image_size))
    problems += sitemap_problems + check_locs(site, locs)
    problems += check_locs(site, robots_sitemaps(site), ROBOTS)
    problems += check_privacy(site, allow_emails)
    return SiteCheck(out, base, len(scans), len(site.files), followed, len(locs), tuple(problems))


def _empty(out: Path, message: str) -> SiteCheck:
    problem = error("E-SITE-EMPTY", message, out.as_posix())
    return SiteCheck(out, "", 0, 0, 0, 0, (problem,))


def _scan_pages(site: Site) -> tuple[dict[str, PageScan], list[Diagnostic]]:
    scans: dict[str, PageScan] = {}
    problems: list[Diagnostic] = []
    for rel in site.pages:
        try:
            text = (site.root / rel).read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            problems.append(error("E-READ", f"cannot read: {exc.strerror}", _where(site, rel)))
            continue
        scans[rel] = scan_html(text)
    return scans, problems


def _find_base(
    site: Site, scans: dict[str, PageScan], locs: tuple[str, ...], given: str | None
) -> tuple[str, list[Diagnostic]]:
    where = site.root.as_posix()
    if given is not None:
        base = normalise_base(given)
        if base is None:
            return "", [error("E-SITE-BASE-URL", f"--base-url {given!r} is not absolute", where)]
        return base, []
    base = base_from_pages(scans) or base_from_sitemap(locs, site.pages)
    if not base:
        message = (
            "cannot tell the site's base URL: no page has an absolute canonical link or "
            "og:url, and sitemap.xml names none"
        )
        return "", [error("E-SITE-BASE-URL", message, where, "pass --base-url")]
    if is_local(base):
        message = f"the site was built for {base}, an address only this computer can reach"
        hint = "build with --base-url set to the public address"
        return base, [error("E-SITE-BASE-URL", message, where, hint)]
    return base, []


def _previews(site: Site, scans: dict[str, PageScan], image_size: ImageSize) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for rel, scan in sorted(scans.items()):
        if rel == NOT_FOUND_PAGE:
            continue
        for code, message in check_preview(site, rel, scan, image_size):
            problems.append(error(code, message, _where(site, rel)))
    return problems


def _image_size(path: Path) -> tuple[int, int] | str:
    try:
        with Image.open(path) as image:
            width, height = image.size
            return int(width), int(height)
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError) as exc:
        return str(exc) or type(exc).__name__


def _where(site: Site, rel: str) -> str:
    return (site.root / rel).as_posix()
