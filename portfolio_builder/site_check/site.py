"""A built site as a set of files under one base URL, and how a link maps onto them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import SplitResult, quote, unquote, urldefrag, urljoin, urlsplit

HTML_SUFFIXES = (".html", ".htm")
# Stands for the base URL while it is unknown, so that links still resolve.
PLACEHOLDER_BASE = "https://site.invalid/"


class Kind(StrEnum):
    EXTERNAL = "external"  # another site, or a scheme such as mailto: that names no file
    FOUND = "found"
    MISSING = "missing"
    OUTSIDE = "outside"  # a root-relative path outside the base path, or ../ past the root
    INVALID = "invalid"  # not a URL at all, such as http://[broken


@dataclass(frozen=True, slots=True)
class Target:
    """Where a link leads: its kind, the file inside the output, and the #fragment."""

    kind: Kind
    file: str = ""
    fragment: str = ""


@dataclass(frozen=True, slots=True)
class Site:
    """The output folder's files (POSIX paths relative to it) and the site's base URL."""

    root: Path
    files: frozenset[str]
    base: str = ""  # absolute, ending with "/"; empty when unknown

    @property
    def base_path(self) -> str:
        return (urlsplit(self.base).path or "/") if self.base else "/"

    @property
    def pages(self) -> tuple[str, ...]:
        return tuple(sorted(f for f in self.files if f.lower().endswith(HTML_SUFFIXES)))

    def url_of(self, rel: str) -> str:
        """The public address of a file in the output (index.html → its folder)."""
        # A file name that is not UTF-8 is served under its raw bytes, percent-encoded.
        return self.base + quote(url_path_of(rel), errors="surrogateescape")

    def with_base(self, base: str) -> Site:
        return Site(self.root, self.files, base)


def load_site(root: Path) -> Site:
    """List every regular file under ``root`` (symbolic links are not published by Pages)."""
    found = (
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not p.is_symlink()
    )
    return Site(root, frozenset(found))


def url_path_of(rel: str) -> str:
    """The URL path of a file, relative to the base: ``a/index.html`` → ``a/``."""
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def split(url: str) -> SplitResult | None:
    """``url`` split into its parts, or None when it cannot be parsed."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def is_absolute(url: str) -> bool:
    parts = split(url)
    return parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc)


def under_base(site: Site, url: str) -> str | None:
    """The part of an absolute ``url`` after the site's base, or None if it is elsewhere."""
    if not site.base:
        return None
    parts, base = split(url), urlsplit(site.base)
    if parts is None:
        return None
    if parts.netloc.lower() != base.netloc.lower() or parts.scheme not in ("http", "https"):
        return None
    base_path = base.path or "/"
    path = parts.path or "/"
    if path + "/" == base_path:
        return ""
    return path[len(base_path) :] if path.startswith(base_path) else None


def resolve(site: Site, page: str, url: str, base_href: str = "") -> Target:
    """Where ``url``, written in the page ``page`` (with its ``<base href>``), leads."""
    try:
        return _resolve(site, page, url, base_href)
    except ValueError:
        return Target(Kind.INVALID, url)


def _resolve(site: Site, page: str, url: str, base_href: str) -> Target:
    scheme = urlsplit(url).scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return Target(Kind.EXTERNAL)
    anchor = site if site.base else site.with_base(PLACEHOLDER_BASE)
    here = urljoin(anchor.url_of(page), base_href) if base_href else anchor.url_of(page)
    target, fragment = urldefrag(urljoin(here, url))
    fragment = unquote(fragment)
    rest = under_base(anchor, target)
    written_absolute = bool(scheme) or url.startswith("//")
    if rest is None:
        same_host = urlsplit(target).netloc.lower() == urlsplit(anchor.base).netloc.lower()
        if same_host and not written_absolute:
            return Target(Kind.OUTSIDE, urlsplit(target).path, fragment)
        return Target(Kind.EXTERNAL)
    found = find(site, rest, fragment)
    if found.kind is Kind.MISSING and written_absolute and not _top_exists(site, rest):
        # Another site of the same owner, such as USER.github.io/OTHER-PROJECT/.
        return Target(Kind.EXTERNAL)
    return found


def _top_exists(site: Site, rest: str) -> bool:
    top = unquote(rest).split("/", 1)[0]
    return top == "" or any(f == top or f.startswith(top + "/") for f in site.files)


def find(site: Site, rest: str, fragment: str = "") -> Target:
    """The file a URL path (relative to the base) names: as is, as a folder, or plus .html."""
    rel = unquote(rest, errors="surrogateescape")
    if rel == "" or rel.endswith("/"):
        candidates = [rel + "index.html"]
    else:
        candidates = [rel, rel + "/index.html", rel + ".html"]
    for candidate in candidates:
        if candidate in site.files:
            return Target(Kind.FOUND, candidate, fragment)
    return Target(Kind.MISSING, candidates[0], fragment)
