"""Card fragments: what ``_card.html`` makes for one badge, made once per build and kept
from one build to the next.

A page listing 1,000 badges includes ``_card.html`` 1,000 times, and a badge is listed
on several pages. ``install`` wraps that template's compiled body: while a page carries
the build's ``Fragments`` (under ``FRAGMENTS``, a name no template can write), a card
is found by its locator, the template's name, the badge's digest and a key of the value
of every other name the card (and each template it reaches) can read, such as ``root``,
and rendered only when no card has that locator. What it read of the site
(``site.pages``, ``groups``) is part of its key; what it read of the badge is added to a
listing page's reads as if the card had been rendered there, so the page's own key is
unchanged. Any theme or override of ``_card.html`` works this way, since its source is in
the common digest, and so are the templates it includes.

A card is rendered as before, every time, when a name it reads cannot be pinned down by
value (a template's ``loop``, an object that is not plain data), when a template it
reaches is named at run time, or when it defines macros or top-level variables (it could
be imported for them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, Template, TemplateError, meta, nodes, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from portfolio_builder.render_cache import (
    LISTED,
    CardLocator,
    CardRecord,
    CardRecords,
    Reads,
    SiteParts,
    TrackedMapping,
    TrackedSite,
    TrackedValue,
    listed_entries,
    listed_entry,
    of_listed,
    plain_digest,
    rebound,
)
from portfolio_builder.sitemodel import Entry

FRAGMENTS = "portfolio_builder.fragments"  # the render context's key for the build's cards
CARD = "_card.html"
Body = Callable[[Context], Iterator[str]]
_MISSING = object()
_SCOPES = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.With, nodes.Block)


@dataclass(frozen=True, slots=True)
class Card:
    """``_card.html`` made ready to be kept: its compiled body and the names it can read."""

    template: Template
    body: Body
    names: tuple[str, ...]


def install(env: Environment, name: str = CARD) -> None:
    """Make ``name`` render through the page's ``Fragments`` when it has one (once per
    environment; a template that is missing, broken or cannot be kept is left alone)."""
    try:
        template = env.get_template(name)
        names = _names(env, name)
    except TemplateError:
        return
    if names is None or isinstance(getattr(template.root_render_func, "card", None), Card):
        return
    card = Card(template, template.root_render_func, tuple(n for n in names if n != "entry"))

    def root(context: Context) -> Iterator[str]:
        cards = context.parent.get(FRAGMENTS)
        own = context.name == template.name  # not the parent of a template extending it
        html = cards.one(card, context.parent) if own and isinstance(cards, PageCards) else None
        if html is None:
            yield from card.body(context)
        else:
            yield html

    root.card = card  # type: ignore[attr-defined]
    template.root_render_func = root


def _names(env: Environment, name: str) -> tuple[str, ...] | None:
    """Every name the template and the templates it reaches can look up; None when a
    template it reaches is named at run time or it defines what it could be imported for."""
    found: set[str] = set()
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source = env.loader.get_source(env, current)[0] if env.loader else ""
        tree = env.parse(source, current)
        if current == name and _exports(tree):
            return None
        found |= meta.find_undeclared_variables(tree)
        for reached in meta.find_referenced_templates(tree):
            if reached is None:
                return None
            todo.append(reached)
    return tuple(sorted(found))


def _exports(node: nodes.Node) -> bool:
    """Whether a template defines macros or top-level variables, or extends another."""
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Macro | nodes.Assign | nodes.AssignBlock | nodes.Extends):
            return True
        if not isinstance(child, _SCOPES) and _exports(child):
            return True
    return False


class Fragments:
    """One build's cards; with ``records``, the previous build's too."""

    def __init__(self, parts: SiteParts, env: Environment, records: CardRecords | None) -> None:
        self.parts = parts
        self.globals = env.globals
        self.records = records
        self.now: dict[CardLocator, CardRecord] = {}
        self._keys: dict[int, tuple[object, str | None]] = {}
        self._parts: dict[tuple[str, ...], tuple[str, ...]] = {}

    def on(self, reads: Reads) -> PageCards:
        """The cards as one page sees them: what they read is noted in ``reads``."""
        return PageCards(self, reads)

    def prefix(self, card: Card, given: Mapping[str, Any]) -> CardLocator | None:
        """The locator of the card's fragments for the values ``given``, less the badge;
        None when one of the values cannot be keyed."""
        keys = [card.template.name or ""]
        for name in card.names:
            key = self._key(name, given.get(name, _MISSING))
            if key is None:
                return None
            keys.append(key)
        return tuple(keys)

    def _key(self, name: str, value: object) -> str | None:
        if value is _MISSING:
            return "-"
        if self.globals.get(name, _MISSING) is value:
            return "g"
        known = self._keys.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        tracked = isinstance(value, TrackedSite | TrackedMapping)
        key = "t" if tracked else plain_digest(value)  # tracked: what is read is keyed
        self._keys[id(value)] = (value, key)
        return key

    def get(
        self, card: Card, locator: CardLocator, given: Mapping[str, Any], entry: Entry
    ) -> CardRecord:
        """The card at ``locator``: made in this build, kept from the last, or rendered."""
        found = self.now.get(locator)
        if found is None and self.records is not None:
            found = self.records.get(locator)
            if found is not None and found[1] != self.site_key(found[0]):
                found = None
        if found is None:
            found = self.render(card, given, entry)
            if self.records is not None:
                self.records.made[locator] = found
        parts = self._parts.setdefault(found[0], found[0])  # one tuple for equal reads
        found = self.now[locator] = (parts, found[1], found[2])
        return found

    def render(self, card: Card, given: Mapping[str, Any], entry: Entry) -> CardRecord:
        """The card rendered with its own reads (the badge read as on a listing page)."""
        reads = Reads()
        values = dict(given)
        for name in card.names:  # every name it can read: note what it reads of them
            if name in values:
                values[name] = rebound(values[name], reads)
        values["entry"] = TrackedValue(entry, reads, LISTED)
        html = "".join(card.body(card.template.new_context(values, shared=True)))
        parts = tuple(sorted(reads.parts))
        return parts, self.site_key(parts), html

    def site_key(self, parts: tuple[str, ...]) -> str:
        """A digest of the parts of the site (not of the badge) a card read."""
        text = self.parts.split(parts)[0]
        return hashlib.sha256(text).hexdigest() if text else ""


class PageCards:
    """The build's cards as the page being rendered sees them."""

    __slots__ = ("fragments", "reads")

    def __init__(self, fragments: Fragments, reads: Reads) -> None:
        self.fragments = fragments
        self.reads = reads

    def one(self, card: Card, given: Mapping[str, Any]) -> str | None:
        """The card for the badge ``given`` names ``entry``; None when it cannot be kept
        (it is then rendered as before)."""
        entry, listed = listed_entry(given.get("entry"))
        prefix = self.fragments.prefix(card, given) if entry and entry.digest else None
        if prefix is None or entry is None:
            return None
        record = self.fragments.get(card, (*prefix, entry.digest), given, entry)
        self.reads.parts.update(record[0] if listed else _site_parts(record[0]))
        return record[2]

    @pass_context
    def joined(self, context: Context, entries: Iterable[Any]) -> Markup:
        """``card_list(entries)``: what ``{% for entry in entries %}{% include "_card.html"
        %}{% endfor %}`` makes, from the build's cards."""
        template = context.environment.get_template(CARD, context.name)
        card = getattr(template.root_render_func, "card", None)
        given = context.get_all()
        prefix = self.fragments.prefix(card, given) if isinstance(card, Card) else None
        found, listed = listed_entries(entries)
        if card is None or prefix is None or found is None or not all(e.digest for e in found):
            return Markup("".join(_included(template, given, entries)))
        html: list[str] = []
        last: tuple[str, ...] = ()
        get, now = self.fragments.get, self.fragments.now
        for entry in found:
            locator = (*prefix, entry.digest)
            record = now.get(locator) or get(card, locator, given, entry)
            if record[0] is not last:  # equal reads are one tuple: noted once in a row
                last = record[0]
                self.reads.parts.update(last if listed else _site_parts(last))
            html.append(record[2])
        return Markup("".join(html))


def _included(template: Template, given: dict[str, Any], entries: Iterable[Any]) -> Iterator[str]:
    """The template included once for each of ``entries`` as ``entry``."""
    for entry in entries:
        yield from template.root_render_func(template.new_context(given, True, {"entry": entry}))


def _site_parts(parts: tuple[str, ...]) -> tuple[str, ...]:
    """The parts of the site read, leaving out those of the badge."""
    return tuple(p for p in parts if not of_listed(p))
