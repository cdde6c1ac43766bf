"""Filter checks: choosing issuer X (or a tag, a year, a status) shows exactly X's badges.

The expected answer comes from the cards on the unfiltered index, so the checks hold for
any portfolio. Filtering may happen in place (JavaScript) or by following a link to a
pre-rendered page (no JavaScript); only what a visitor then sees is compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

from .contract import (
    BADGE_PATH,
    CARD_SELECTOR,
    FILTER_KINDS,
    FILTER_LINK_SELECTOR,
    FILTERS_TRIED_PER_KIND,
    REQUIRED_CARD_ATTRIBUTES,
)

CARDS_SCRIPT = """([selector, attributes, badgePath]) =>
  Array.from(document.querySelectorAll(selector), (el) => {
    const link = Array.from(el.querySelectorAll('a[href]'))
      .find((a) => new URL(a.href).pathname.includes('/' + badgePath));
    return {
      slug: link ? new URL(link.href).pathname.replace(/\\/+$/, '').split('/').pop() : '',
      visible: el.checkVisibility({checkVisibilityCSS: true}),
      values: Object.fromEntries(attributes.map((a) =>
        [a, (el.getAttribute(a) || '').split(/\\s+/).filter(Boolean)])),
    };
  })"""


@dataclass(frozen=True)
class Card:
    """A badge card: the slug of the page it links to, and its filter keys by attribute."""

    slug: str
    visible: bool
    values: dict[str, list[str]]


def cards(page: Page) -> list[Card]:
    attributes = list(FILTER_KINDS.values())
    raw = page.evaluate(CARDS_SCRIPT, [CARD_SELECTOR, attributes, BADGE_PATH])
    return [Card(c["slug"], c["visible"], c["values"]) for c in raw]


def visible_slugs(page: Page) -> set[str]:
    return {card.slug for card in cards(page) if card.visible}


def expected(all_cards: list[Card], kind: str, key: str) -> set[str]:
    attribute = FILTER_KINDS[kind]
    return {card.slug for card in all_cards if key in card.values.get(attribute, [])}


def _compare(where: str, kind: str, key: str, want: set[str], got: set[str]) -> list[str]:
    if not want:
        return [f"{where}: {kind}={key!r} matches no badge on the index"]
    if got == want:
        return []
    return [f"{where}: choosing {kind}={key!r} shows {sorted(got)}, expected {sorted(want)}"]


def index_problems(page: Page) -> list[str]:
    """Unfiltered, the index shows every badge card, each linking to its badge page."""
    found = cards(page)
    if not found:
        return [f"{page.url}: no badge cards ({CARD_SELECTOR})"]
    problems = [f"{page.url}: card {c.slug!r} is hidden" for c in found if not c.visible]
    problems += [f"{page.url}: a card links to no badge page" for c in found if not c.slug]
    for card in found:
        problems += [
            f"{page.url}: card {card.slug} has no {attribute}"
            for attribute in REQUIRED_CARD_ATTRIBUTES
            if not card.values.get(attribute)
        ]
    return problems


def _filter_links(page: Page) -> dict[str, list[str]]:
    pairs: list[list[str]] = page.eval_on_selector_all(
        FILTER_LINK_SELECTOR,
        "els => els.map(e => [e.dataset.filterKind, e.dataset.filterKey])",
    )
    links: dict[str, list[str]] = {kind: [] for kind in FILTER_KINDS}
    for kind, key in pairs:
        if kind in links and key not in links[kind]:
            links[kind].append(key)
    return links


def link_filter_problems(page: Page, index_url: str) -> list[str]:
    """Follow up to a few filter links per kind from the index; compare what is shown."""
    page.goto(index_url)
    all_cards = cards(page)
    problems = []
    for kind, keys in _filter_links(page).items():
        if not keys and kind in ("issuers", "status"):
            problems.append(f"{index_url}: no filter link for {kind}")
        for key in keys[:FILTERS_TRIED_PER_KIND]:
            page.goto(index_url)
            selector = f'{FILTER_LINK_SELECTOR}[data-filter-kind="{kind}"][data-filter-key="{key}"]'
            page.locator(selector).first.click()
            page.wait_for_load_state()
            want = expected(all_cards, kind, key)
            problems += _compare(page.url, kind, key, want, visible_slugs(page))
    return problems


def control_filter_problems(page: Page, index_url: str) -> tuple[list[str], int]:
    """With JavaScript, each ``<select name=kind>`` filters in place and resets to all.

    Returns the problems and how many choices were tried.
    """
    page.goto(index_url)
    all_cards = cards(page)
    everyone = {card.slug for card in all_cards}
    problems: list[str] = []
    tried = 0
    for kind in FILTER_KINDS:
        select = page.locator(f'select[name="{kind}"]').first
        if select.count() == 0:
            continue
        keys = select.locator("option").evaluate_all("os => os.map(o => o.value)")
        for key in [k for k in keys if k][:FILTERS_TRIED_PER_KIND]:
            select.select_option(key)
            tried += 1
            want = expected(all_cards, kind, key)
            problems += _compare(index_url, kind, key, want, visible_slugs(page))
        select.select_option("")
        if visible_slugs(page) != everyone:
            problems.append(f"{index_url}: resetting {kind} does not show every badge again")
    return problems, tried
