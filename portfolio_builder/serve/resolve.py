"""Maps a request path onto a file of the output folder, refusing anything outside it.

Pure apart from looking at the file system: no sockets, no writes.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from urllib.parse import unquote, urlsplit

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".jws": "application/jose",
    ".jwt": "application/jwt",
    ".pdf": "application/pdf",
}


class Kind(Enum):
    FILE = "file"
    REDIRECT = "redirect"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not found"


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a request leads: a file to send, a redirect, or a refusal."""

    kind: Kind
    file: Path | None = None
    location: str | None = None
    site_path: str = ""


def normalize_prefix(prefix: str) -> str:
    """``"repo"``, ``"/repo"`` and ``"/repo/"`` all become ``"/repo/"``; empty becomes ``"/"``."""
    parts = [p for p in prefix.strip().split("/") if p]
    return "/" + "".join(f"{p}/" for p in parts)


def prefix_from_base_url(base_url: str) -> str:
    """The path part of a site's base URL: ``https://u.github.io/repo/`` gives ``/repo/``."""
    return normalize_prefix(urlsplit(base_url).path)


def content_type(path: Path) -> str:
    """The Content-Type header for a file, by its suffix."""
    known = _TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def is_html(path: Path) -> bool:
    return path.suffix.lower() in (".html", ".htm")


def resolve(root: Path, prefix: str, raw_target: str) -> Resolution:
    """Resolve a raw request target (path plus optional query) against ``root``.

    ``root`` must already be absolute and free of symlinks (``Path.resolve()``).
    """
    raw_path, _, query = raw_target.partition("#")[0].partition("?")
    if not raw_path.startswith("/"):
        return Resolution(Kind.FORBIDDEN)
    if raw_path == prefix.rstrip("/") or (prefix != "/" and raw_path == "/"):
        return Resolution(Kind.REDIRECT, location=_with_query(prefix, query))
    if not raw_path.startswith(prefix):
        return Resolution(Kind.NOT_FOUND)
    segments = _safe_segments(raw_path[len(prefix) :])
    if segments is None:
        return Resolution(Kind.FORBIDDEN)
    return _locate(root, segments, raw_path, query)


def site_file(prefix: str, raw_target: str) -> str | None:
    """The site-relative file a request names (``a/`` names ``a/index.html``), or None
    when it names nothing inside the site."""
    raw_path = raw_target.partition("#")[0].partition("?")[0]
    if not raw_path.startswith(prefix):
        return None
    segments = _safe_segments(raw_path[len(prefix) :])
    if segments is None:
        return None
    rel = "/".join(segments)
    if raw_path.endswith("/"):
        return f"{rel}/index.html" if rel else "index.html"
    return rel or None


def page_key(site_path: str) -> str:
    """The form in which pages are compared: ``a/index.html`` and ``a/`` are one page."""
    if site_path == "index.html" or site_path.endswith("/index.html"):
        return site_path[: -len("index.html")]
    return site_path


def _safe_segments(site_path: str) -> list[str] | None:
    """Decoded path segments, or None when the path tries to leave the folder."""
    lowered = site_path.lower()
    if "%2f" in lowered or "%5c" in lowered or "%00" in lowered or "\\" in site_path:
        return None
    try:
        segments = [unquote(s, errors="strict") for s in site_path.split("/")]
    except UnicodeDecodeError:
        return None
    for segment in segments:
        if segment in ("..", ".") or "\x00" in segment or "/" in segment or "\\" in segment:
            return None
    return [s for s in segments if s]


def _locate(root: Path, segments: list[str], raw_path: str, query: str) -> Resolution:
    try:
        return _look_up(root, segments, raw_path, query)
    except OSError:  # a name too long, a loop of links, a folder that cannot be read
        return Resolution(Kind.NOT_FOUND, site_path="/".join(segments))


def _look_up(root: Path, segments: list[str], raw_path: str, query: str) -> Resolution:
    site_path = "/".join(segments)
    real = _inside(root, root.joinpath(*segments))
    if real is None:
        return Resolution(Kind.FORBIDDEN, site_path=site_path)
    if real.is_dir():
        if not raw_path.endswith("/"):
            return Resolution(Kind.REDIRECT, location=_with_query(raw_path + "/", query))
        site_path = f"{site_path}/" if site_path else ""
        real = _inside(root, real / "index.html")
        if real is None:
            return Resolution(Kind.FORBIDDEN, site_path=site_path)
    if real.is_file():
        return Resolution(Kind.FILE, file=real, site_path=site_path)
    return Resolution(Kind.NOT_FOUND, site_path=site_path)


def _inside(root: Path, candidate: Path) -> Path | None:
    """``candidate`` with symlinks resolved, or None when that lands outside ``root``."""
    try:
        real = Path(os.path.realpath(candidate))
    except (OSError, ValueError):
        return None
    return real if real == root or real.is_relative_to(root) else None


def _with_query(location: str, query: str) -> str:
    return f"{location}?{query}" if query else location
