"""Filter checks: choosing issuer X (or a tag, a year, a status) shows exactly X's badges.

The expected answer comes from the cards on the unfiltered index, so the checks hold for
any portfolio. Filtering may happen in place (JavaScript) or by following a link to a
pre-rendered page (no JavaScript); only what a visitor then sees is compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

from .contract import CARD_SELECTOR, FACETS, FILTER_LINK_SELECTOR, FILTERS_TRIED_PER_FACET

CARDS_SCRIPT = """([selector, facets]) => Array.from(document.querySelectorAll(selector), (el) => ({
  slug: el.getAttribute('data-badge'),
  visible: el.checkVisibility({checkVisibilityCSS: true}),
  values: Object.fromEntries(facets.map((f) => [f,
    (el.getAttribute('data-' + f) || el.getAttribute('data-' + f + 's') || '')
    .split(/\\s+/).filter(Boolean)])),
}))"""


@dataclass(frozen=True)
class Card:
    slug: str
    visible: bool
    values: dict[str, list[str]]


def cards(page: Page) -> list[Card]:
    raw = page.evaluate(CARDS_SCRIPT, [CARD_SELECTOR, list(FACETS)])
    return [Card(c["slug"], c["visible"], c["values"]) for c in raw]


def visible_slugs(page: Page) -> set[str]:
    return {card.slug for card in cards(page) if card.visible}


def expected(all_cards: list[Card], facet: str, value: str) -> set[str]:
    return {card.slug for card in all_cards if value in card.values.get(facet, [])}


def _compare(where: str, facet: str, value: str, want: set[str], got: set[str]) -> list[str]:
    if not want:
        return [f"{where}: {facet}={value!r} matches no badge on the index"]
    if got == want:
        return []
    return [f"{where}: choosing {facet}={value!r} shows {sorted(got)}, expected {sorted(want)}"]


def index_problems(page: Page) -> list[str]:
    """Unfiltered, the index shows every badge card, and each card has every facet."""
    found = cards(page)
    if not found:
        return [f"{page.url}: no badge cards ({CARD_SELECTOR})"]
    problems = [f"{page.url}: card {c.slug} is hidden" for c in found if not c.visible]
    for card in found:
        problems += [
            f"{page.url}: card {card.slug} has no data-{facet}"
            for facet in FACETS
            if facet != "tag" and not card.values.get(facet)
        ]
    return problems


def _filter_links(page: Page) -> dict[str, list[str]]:
    pairs: list[list[str]] = page.eval_on_selector_all(
        FILTER_LINK_SELECTOR,
        "els => els.map(e => [e.getAttribute('data-facet'), e.getAttribute('data-value')])",
    )
    links: dict[str, list[str]] = {facet: [] for facet in FACETS}
    for facet, value in pairs:
        if facet in links and value not in links[facet]:
            links[facet].append(value)
    return links


def link_filter_problems(page: Page, index_url: str) -> list[str]:
    """Follow up to a few filter links per facet from the index; compare what is shown."""
    page.goto(index_url)
    all_cards = cards(page)
    problems = []
    for facet, values in _filter_links(page).items():
        if not values:
            problems.append(f"{index_url}: no filter link for {facet}")
        for value in values[:FILTERS_TRIED_PER_FACET]:
            page.goto(index_url)
            selector = f'{FILTER_LINK_SELECTOR}[data-facet="{facet}"][data-value="{value}"]'
            page.locator(selector).first.click()
            page.wait_for_load_state()
            want = expected(all_cards, facet, value)
            problems += _compare(page.url, facet, value, want, visible_slugs(page))
    return problems


def control_filter_problems(page: Page, index_url: str) -> tuple[list[str], int]:
    """With JavaScript, each ``<select name=facet>`` filters in place and resets to all.

    Returns the problems and how many choices were tried.
    """
    page.goto(index_url)
    all_cards = cards(page)
    everyone = {card.slug for card in all_cards}
    problems: list[str] = []
    tried = 0
    for facet in FACETS:
        select = page.locator(f'select[name="{facet}"]').first
        if select.count() == 0:
            continue
        values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
        for value in [v for v in values if v][:FILTERS_TRIED_PER_FACET]:
            select.select_option(value)
            tried += 1
            want = expected(all_cards, facet, value)
            problems += _compare(index_url, facet, value, want, visible_slugs(page))
        select.select_option("")
        if visible_slugs(page) != everyone:
            problems.append(f"{index_url}: resetting {facet} does not show every badge again")
    return problems, tried
