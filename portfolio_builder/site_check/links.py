"""Every internal link and asset must lead to a file in the output, and #fragments to ids."""

from __future__ import annotations

from collections.abc import Mapping

from portfolio_builder.diagnostics import Diagnostic, error
from portfolio_builder.site_check.base import NOT_FOUND_PAGE
from portfolio_builder.site_check.htmlscan import Link, PageScan
from portfolio_builder.site_check.site import Kind, Site, Target, resolve, split

# Fragments a browser handles without any matching id.
FREE_FRAGMENTS = frozenset({"", "top"})


def check_links(site: Site, scans: Mapping[str, PageScan]) -> tuple[list[Diagnostic], int]:
    """The link problems of every page, and how many internal links were followed."""
    problems: list[Diagnostic] = []
    followed = 0
    for rel, scan in sorted(scans.items()):
        seen: set[str] = set()
        for link in scan.links:
            if link.url in seen:
                continue
            seen.add(link.url)
            target = resolve(site, rel, link.url, scan.base_href)
            followed += target.kind is not Kind.EXTERNAL
            problem = _problem(site, rel, link, target, scans)
            if rel == NOT_FOUND_PAGE and problem is None and not scan.base_href:
                problem = _relative_in_404(link)
            if problem is not None:
                problems.append(error(problem[0], problem[1], (site.root / rel).as_posix()))
    return problems, followed


def _problem(
    site: Site, rel: str, link: Link, target: Target, scans: Mapping[str, PageScan]
) -> tuple[str, str] | None:
    where = f"line {link.line}: <{link.tag} {link.attr}={link.url!r}>"
    if target.kind is Kind.OUTSIDE:
        return "E-SITE-OUTSIDE-BASE", f"{where} leads outside the site's base path {site.base_path}"
    if target.kind is Kind.INVALID:
        return "E-SITE-LINK", f"{where} is not a valid URL"
    if target.kind is Kind.MISSING:
        return "E-SITE-LINK", f"{where} points to {target.file}, not in the output"
    if target.kind is Kind.FOUND and target.fragment not in FREE_FRAGMENTS:
        page = scans.get(target.file)
        if page is not None and target.fragment not in page.ids:
            return "E-SITE-FRAGMENT", f"{where}: {target.file} has no id {target.fragment!r}"
    return None


def _relative_in_404(link: Link) -> tuple[str, str] | None:
    parts = split(link.url)
    if parts is None or parts.scheme or parts.netloc or not parts.path:
        return None
    if link.url.startswith(("/", "#")):
        return None
    message = (
        f"line {link.line}: <{link.tag} {link.attr}={link.url!r}> is relative; the 404 page is "
        "served at any missing address, so it needs root-relative (/REPO/...) or absolute URLs"
    )
    return "E-SITE-404-RELATIVE", message
