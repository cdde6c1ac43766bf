"""Untrusted text made safe for HTML: Markdown rendered then sanitised, and URL filtering.

Every string a badge carries is hostile until proven otherwise. Markdown goes
through ``nh3`` (only formatting tags, only http/https/mailto links); URLs shown
as links must be absolute http(s).
"""

from __future__ import annotations

import functools
import html
import threading
from urllib.parse import urlsplit

import markdown
import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr", "i",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}


# Python-Markdown takes time quadratic in the number of brackets ("[" * 20000 takes minutes)
# and recurses once per level of list nesting; text beyond these bounds is shown as text.
MAX_MARKDOWN_CHARS = 64 * 1024
MAX_MARKDOWN_BRACKETS = 256


def _as_text(text: str) -> str:
    """Text shown as it is: escaped, one paragraph per blank-line-separated block."""
    blocks = (b.strip() for b in text.replace("\r\n", "\n").split("\n\n"))
    return "".join(f"<p>{html.escape(b, quote=False)}</p>" for b in blocks if b)


def _markdown(text: str) -> str:
    brackets = text.count("[") + text.count("<")
    if len(text) > MAX_MARKDOWN_CHARS or brackets > MAX_MARKDOWN_BRACKETS:
        return _as_text(text)
    converter = _converter()
    try:
        return converter.reset().convert(text)
    except RecursionError:
        _local.converter = None  # it may be left half-way through: make a new one
        return _as_text(text)


_local = threading.local()


def _converter() -> markdown.Markdown:
    """This thread's Markdown converter: made once (making one costs more than most
    conversions), reset before each use."""
    found: markdown.Markdown | None = getattr(_local, "converter", None)
    if found is None:
        found = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
        _local.converter = found
    return found


@functools.lru_cache(maxsize=2048)
def render_markdown(text: str | None) -> str:
    """Sanitised HTML from Markdown; raw HTML in the source is escaped or dropped."""
    if not text:
        return ""
    rendered = _markdown(text)
    return nh3.clean(
        rendered,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )


def safe_url(url: str | None) -> str | None:
    """The URL if it is absolute http(s) with a host and no whitespace; None otherwise."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


@functools.lru_cache(maxsize=4096)
def plain(text: str | None, limit: int = 0) -> str:
    """Text with any markup dropped and whitespace folded, cut to ``limit`` characters."""
    if not text:
        return ""
    words = " ".join(html.unescape(nh3.clean(render_markdown(text), tags=set())).split())
    if limit and len(words) > limit:
        return words[: limit - 1].rstrip() + "…"
    return words
