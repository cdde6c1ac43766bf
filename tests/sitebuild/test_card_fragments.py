"""A badge's card is rendered once per build (for each page depth), however many pages
list it, and kept from one build to the next while what it shows is unchanged; a
badge's ``verification.json`` and re-hosted files are made only when the badge changed."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from portfolio_builder import render
from portfolio_builder.fragments import Fragments
from portfolio_builder.render import Renderer
from portfolio_builder.sitemodel import Entry

from sitebuild.kit import assertion, build, output_files, write_badge, write_config

LISTINGS = ("index.html", "issuers/", "tags/", "years/", "status/")
OLD_GRID = """{% if entries %}
<ul class="grid" id="badges">
{% for entry in entries %}{% include "_card.html" %}{% endfor %}
</ul>
<p class="filter-empty" hidden>No badge matches this filter.</p>
{% else %}
<p>No badges yet.</p>
{% endif %}
"""


@pytest.fixture
def cards(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[str, str]]:
    """(badge name, root) of every card rendered."""
    seen: Counter[tuple[str, str]] = Counter()
    made = Fragments.render

    def spy(self: Fragments, card: Any, given: Any, entry: Entry) -> Any:
        seen[(entry.name, given["root"])] += 1
        return made(self, card, given, entry)

    monkeypatch.setattr(Fragments, "render", spy)
    return seen


def _site(tmp_path: Path, badges: int = 3) -> Path:
    site = tmp_path / "site"
    write_config(site)
    for n in range(1, badges + 1):
        write_badge(site, f"b{n}", assertion(n, badge={"tags": [f"tag{n}", "common"]}))
    return site


def _listing(path: str) -> bool:
    return path.startswith(LISTINGS) and path.endswith(".html")


def _same_as_clean(site: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("output", ".portfolio-cache"))
    assert build(clean).exit_code == 0
    assert output_files(clean / "output") == output_files(site / "output")


def test_a_card_is_rendered_once_per_page_depth_however_many_pages_list_it(
    tmp_path: Path, cards: Counter[tuple[str, str]], rendered: list[str]
) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    html = {p: b.decode() for p, b in output_files(site / "output").items() if _listing(p)}
    showing = [p for p, text in html.items() if "Badge number 1<" in text]
    assert len(showing) == 6  # the index, its issuer, its two tags, its year and its status
    assert cards[("Badge number 1", "./")] == 1  # the index
    assert cards[("Badge number 1", "../../")] == 1  # the five others, one folder down
    assert set(cards.values()) == {1} and len(cards) == 6  # three badges, two depths


def test_unchanged_cards_are_kept_from_the_last_build(
    tmp_path: Path, cards: Counter[tuple[str, str]], rendered: list[str]
) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    cards.clear()
    rendered.clear()
    write_badge(site, "b2", assertion(2, badge={"tags": ["tag2", "common"], "name": "Renamed"}))
    assert build(site).exit_code == 0
    assert set(cards) == {("Renamed", "./"), ("Renamed", "../../")}  # the others were kept
    assert "tags/common/" in rendered  # a page listing the renamed badge with the others
    _same_as_clean(site, tmp_path)


def test_a_field_a_card_shows_renders_the_pages_listing_its_badge_and_only_those(
    tmp_path: Path, rendered: list[str], cards: Counter[tuple[str, str]]
) -> None:
    site = _site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates" / "_card.html").write_text(
        '{% include "!default/_card.html" %}<p class="n">{{ entry.sidecar.note }}</p>\n'
    )
    assert build(site).exit_code == 0
    before = output_files(site / "output")
    rendered.clear()
    cards.clear()
    (site / "content" / "badges" / "b2.yaml").write_text("note: Shown on the card.\n")
    assert build(site).exit_code == 0
    after = output_files(site / "output")
    showing = {p for p in after if _listing(p) and "Badge number 2<" in after[p].decode()}
    assert len(showing) == 6 and "tags/tag2/index.html" in showing
    listings = {p + "index.html" for p in rendered if not p.startswith("badges/")}
    assert listings == showing
    assert all('<p class="n">Shown on the card.</p>' in after[p].decode() for p in showing)
    others = {p for p in after if _listing(p)} - showing
    assert others == {"tags/tag1/index.html", "tags/tag3/index.html"}
    assert all(after[p] == before[p] for p in others)
    assert set(cards) == {("Badge number 2", "./"), ("Badge number 2", "../../")}
    _same_as_clean(site, tmp_path)


def test_an_edited_card_override_changes_every_listing_page(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "templates").mkdir()
    card = site / "templates" / "_card.html"
    card.write_text('{% include "!default/_card.html" %}<p class="v">one</p>\n')
    assert build(site).exit_code == 0
    card.write_text('{% include "!default/_card.html" %}<p class="v">two</p>\n')
    assert build(site).exit_code == 0
    files = output_files(site / "output")
    listings = [p for p in files if _listing(p) and 'id="badges"' in files[p].decode()]
    assert len(listings) == 8  # the index, its issuer, four tags, one year, one status
    for path in listings:
        text = files[path].decode()
        assert '<p class="v">one</p>' not in text
        assert text.count('<p class="v">two</p>') == text.count('<li class="card')
    _same_as_clean(site, tmp_path)


def test_a_grid_including_each_card_makes_the_same_pages(tmp_path: Path) -> None:
    plain = _site(tmp_path / "plain")
    assert build(plain).exit_code == 0
    site = _site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates" / "_grid.html").write_text(OLD_GRID)
    assert build(site).exit_code == 0
    assert output_files(site / "output") == output_files(plain / "output")


def test_a_theme_without_cards_still_lists_badges(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates" / "_grid.html").write_text(
        "<ol>{% for e in entries %}<li>{{ e.name }}</li>{% endfor %}</ol>\n"
    )
    assert build(site).exit_code == 0
    index = (site / "output" / "index.html").read_text()
    names = "".join(f"<li>Badge number {n}</li>" for n in (1, 2, 3))
    assert f"<ol>{names}</ol>" in index


def test_a_template_extending_the_card_keeps_its_own_blocks(tmp_path: Path) -> None:
    site = _site(tmp_path)
    templates = site / "templates"
    templates.mkdir()
    (templates / "_card.html").write_text(
        "<li>{% block label %}{{ entry.name }}{% endblock %}</li>"
    )
    (templates / "starred.html").write_text(
        '{% extends "_card.html" %}{% block label %}*{{ entry.name }}*{% endblock %}'
    )
    (templates / "_grid.html").write_text(
        "<ul>{{ card_list(entries) }}</ul>"
        '<ol>{% for entry in entries %}{% include "starred.html" %}{% endfor %}</ol>\n'
    )
    assert build(site).exit_code == 0
    index = (site / "output" / "index.html").read_text()
    plain = "".join(f"<li>Badge number {n}</li>" for n in (1, 2, 3))
    starred = "".join(f"<li>*Badge number {n}*</li>" for n in (1, 2, 3))
    assert f"<ul>{plain}</ul><ol>{starred}</ol>" in index


def test_verification_files_are_made_again_only_for_a_changed_badge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dumped: list[str] = []
    made: list[str] = []
    dump, recorded = render.verification_json, Renderer._recorded

    def dump_spy(entry: Entry) -> bytes:
        dumped.append(entry.name)
        return dump(entry)

    def made_spy(self: Renderer, target: str, *args: Any) -> Any:
        made.append(target)
        return recorded(self, target, *args)

    monkeypatch.setattr(render, "verification_json", dump_spy)
    monkeypatch.setattr(Renderer, "_recorded", made_spy)
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    assert sorted(dumped) == ["Badge number 1", "Badge number 2", "Badge number 3"]
    dumped.clear()
    made.clear()
    write_badge(site, "b2", assertion(2, badge={"tags": ["tag2", "common"], "name": "Renamed"}))
    assert build(site).exit_code == 0
    assert dumped == ["Renamed"]
    files = sorted(p.rsplit("/", 1)[-1] for p in made if p.endswith(".json"))
    assert files == ["assertion.json", "verification.json"]  # the renamed badge's alone
    assert all(p.startswith("badges/renamed-") for p in made if p.endswith(".json"))
    _same_as_clean(site, tmp_path)
