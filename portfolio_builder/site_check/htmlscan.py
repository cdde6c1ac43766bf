"""Read one HTML page into what the site check needs: links, ids, meta tags, canonical."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# The attributes that point at another file, by element.
LINK_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
}
# <link rel=...> values that name a host to contact, not a file.
HOST_RELS = frozenset({"preconnect", "dns-prefetch"})


@dataclass(frozen=True, slots=True)
class Link:
    """One reference to another file: where it is written and what it says."""

    tag: str
    attr: str
    url: str
    line: int


@dataclass(frozen=True, slots=True)
class PageScan:
    links: tuple[Link, ...]
    ids: frozenset[str]
    meta: dict[str, tuple[str, ...]] = field(default_factory=dict)
    canonical: tuple[str, ...] = ()
    base_href: str = ""

    def first(self, key: str) -> str | None:
        """The first value of a meta tag (by property or name), or None."""
        values = self.meta.get(key.lower())
        return values[0] if values else None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.ids: set[str] = set()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.base_href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        line = self.getpos()[0]
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "meta":
            self._meta(values)
            return
        if tag == "base" and not self.base_href:
            self.base_href = values.get("href", "").strip()
            return
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and "canonical" in rels:
            self.canonical.append(values.get("href", "").strip())
            return
        if tag == "link" and rels & HOST_RELS:
            return
        for attr in LINK_ATTRS.get(tag, ()):
            if attr in values:
                for url in _urls(attr, values[attr]):
                    self.links.append(Link(tag, attr, url, line))

    handle_startendtag = handle_starttag

    def _meta(self, values: dict[str, str]) -> None:
        content = values.get("content")
        if content is None:
            return
        for key in {values.get("property", ""), values.get("name", "")} - {""}:
            self.meta.setdefault(key.lower(), []).append(content.strip())


def _urls(attr: str, value: str) -> list[str]:
    if attr != "srcset":
        return [value.strip()] if value.strip() else []
    candidates = (part.strip().split() for part in value.split(","))
    return [words[0] for words in candidates if words]


def scan_html(text: str) -> PageScan:
    """Parse a page (leniently, as browsers do) and collect its links, ids and meta tags."""
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return PageScan(
        links=tuple(collector.links),
        ids=frozenset(collector.ids),
        meta={key: tuple(values) for key, values in collector.meta.items()},
        canonical=tuple(collector.canonical),
        base_href=collector.base_href,
    )
