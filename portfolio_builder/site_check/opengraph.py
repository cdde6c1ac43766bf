"""Link previews: OpenGraph and Twitter tags on every page, absolute, with a 1200x630 card."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portfolio_builder.site_check.htmlscan import PageScan
from portfolio_builder.site_check.site import Kind, Site, find, is_absolute, under_base

REQUIRED = ("og:title", "og:type", "og:url", "og:image", "twitter:card")
CARD_SIZE = (1200, 630)
SVG_SUFFIXES = (".svg", ".svgz")

# Returns an image's (width, height), or the reason it cannot be read.
ImageSize = Callable[[Path], tuple[int, int] | str]
# A problem found: its diagnostic code and message.
Problem = tuple[str, str]


def check_preview(site: Site, rel: str, scan: PageScan, image_size: ImageSize) -> list[Problem]:
    """The link-preview problems of one page."""
    problems = [("E-SITE-OG-MISSING", f"no {key} tag") for key in REQUIRED if not scan.first(key)]
    own = {unquote(site.url_of(rel)), unquote(site.base + rel)} if site.base else set()
    addresses = [("og:url", url) for url in scan.meta.get("og:url", ())]
    addresses += [("canonical link", url) for url in scan.canonical]
    for name, url in addresses:
        if not is_absolute(url):
            problems.append(("E-SITE-NOT-ABSOLUTE", f"{name} {url!r} is not an absolute URL"))
        elif own and unquote(url) not in own:
            message = f"{name} is {url}, not this page's address {site.url_of(rel)}"
            problems.append(("E-SITE-URL-MISMATCH", message))
    image = scan.first("og:image")
    if image:
        problems += _image_problems(site, scan, image, image_size)
    return problems


def _image_problems(site: Site, scan: PageScan, image: str, image_size: ImageSize) -> list[Problem]:
    code = "E-SITE-OG-IMAGE"
    if not is_absolute(image):
        return [("E-SITE-NOT-ABSOLUTE", f"og:image {image!r} is not an absolute URL")]
    declared_type = (scan.first("og:image:type") or "").lower()
    if urlsplit(image).path.lower().endswith(SVG_SUFFIXES) or "svg" in declared_type:
        return [(code, f"og:image {image} is SVG, which LinkedIn and X do not show")]
    rest = under_base(site, image)
    if rest is None:
        return []
    target = find(site, rest)
    if target.kind is not Kind.FOUND:
        return [(code, f"og:image {image}: {target.file} is not in the output")]
    size = image_size(site.root / target.file)
    if isinstance(size, str):
        return [(code, f"og:image {target.file} cannot be read as an image: {size}")]
    if size != CARD_SIZE:
        wanted = f"{CARD_SIZE[0]}x{CARD_SIZE[1]}"
        return [(code, f"og:image {target.file} is {size[0]}x{size[1]}; previews need {wanted}")]
    return _declared_size_problems(scan, size)


def _declared_size_problems(scan: PageScan, size: tuple[int, int]) -> list[Problem]:
    problems = []
    for key, actual in (("og:image:width", size[0]), ("og:image:height", size[1])):
        declared = scan.first(key)
        if declared is not None and declared != str(actual):
            problems.append(("E-SITE-OG-IMAGE", f"{key} says {declared}; the image has {actual}"))
    return problems
