"""A rebuild renders again only the pages a change touches: the changed badge's page and
the pages that list it, plus every page whose templates read what changed."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from portfolio_builder import pipeline
from portfolio_builder.pipeline import BuildOptions

from sitebuild.kit import assertion, build, output_files, write_badge, write_config


def _site(tmp_path: Path, badges: int = 3) -> Path:
    site = tmp_path / "site"
    write_config(site)
    for n in range(1, badges + 1):
        write_badge(site, f"b{n}", assertion(n, badge={"tags": [f"tag{n}"]}))
    return site


def test_a_changed_note_renders_its_badge_page_alone(tmp_path: Path, rendered: list[str]) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    first = set(rendered)
    rendered.clear()
    (site / "content" / "badges" / "b2.yaml").write_text("note: Changed.\n")
    assert build(site).exit_code == 0
    badge_pages = {p for p in first if p.startswith("badges/")}
    assert len(badge_pages) == 3 and len(rendered) == 1  # the listings do not show notes
    assert "Changed." in (site / "output" / rendered[0] / "index.html").read_text()
    assert rendered[0].startswith("badges/badge-number-2")


def test_a_badge_reissued_renders_its_page_and_the_pages_listing_it(
    tmp_path: Path, rendered: list[str]
) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    rendered.clear()
    changed = assertion(2, badge={"tags": ["tag2"]}, issuedOn="2024-09-05T10:00:00Z")
    write_badge(site, "b2", changed)  # new data, so a new page; its card shows the new month
    assert build(site).exit_code == 0
    assert "" in rendered and "tags/tag2/" in rendered  # the index and its tag list it
    assert not [
        p for p in rendered if p.startswith(("badges/badge-number-1", "badges/badge-number-3"))
    ]
    again = output_files(site / "output")
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("output", ".portfolio-cache"))
    assert build(clean).exit_code == 0
    assert output_files(clean / "output") == again  # the same bytes as a clean build
    assert "September 2024" in (site / "output" / "index.html").read_text()


def test_a_card_showing_the_note_follows_it(tmp_path: Path, rendered: list[str]) -> None:
    site = _site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates" / "_card.html").write_text(
        '{% include "!default/_card.html" %}<p class="n">{{ entry.sidecar.note }}</p>'
    )
    assert build(site).exit_code == 0
    rendered.clear()
    (site / "content" / "badges" / "b2.yaml").write_text("note: Shown on the card.\n")
    assert build(site).exit_code == 0
    assert "" in rendered and "tags/tag2/" in rendered and "tags/tag1/" not in rendered
    assert '<p class="n">Shown on the card.</p>' in (site / "output" / "index.html").read_text()


def test_a_template_reading_every_badge_follows_a_new_one(
    tmp_path: Path, rendered: list[str]
) -> None:
    site = _site(tmp_path, 2)
    (site / "templates").mkdir()
    (site / "templates" / "badge.html").write_text(
        '{% extends "!default/badge.html" %}{% block main %}'
        "<p>One of {{ site.entries | length }}</p>{{ super() }}{% endblock %}"
    )
    assert build(site).exit_code == 0
    write_badge(site, "b3", assertion(3))
    rendered.clear()
    assert build(site).exit_code == 0
    assert len([p for p in rendered if p.startswith("badges/")]) == 3
    pages = [p for p in (site / "output" / "badges").glob("*/index.html")]
    assert all("<p>One of 3</p>" in p.read_text() for p in pages)


def test_a_page_edited_in_the_output_is_made_again(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    before = output_files(site / "output")
    page = next((site / "output" / "badges").glob("*/index.html"))
    page.write_text("edited by hand")
    write_badge(site, "b3", assertion(3, badge={"name": "Renamed"}))
    assert build(site).exit_code == 0
    rel = page.relative_to(site / "output").as_posix()
    assert output_files(site / "output")[rel] == before[rel]


def _build_at(site: Path, moment: str) -> None:
    """A build as a user runs it, without ``--now``, at ``moment`` by the clock."""
    clock = datetime.fromisoformat(moment).timestamp()
    report = pipeline.build(BuildOptions(site, offline=True, clock=lambda: clock))
    assert not [d for d in report.diagnostics if d.severity == "error"]


def test_a_build_later_the_same_day_renders_only_what_changed(
    tmp_path: Path, rendered: list[str]
) -> None:
    site = _site(tmp_path)
    _build_at(site, "2025-06-01T08:00:00+00:00")
    rendered.clear()
    (site / "content" / "badges" / "b2.yaml").write_text("note: Changed.\n")
    _build_at(site, "2025-06-01T17:30:00+00:00")
    assert len(rendered) == 1 and rendered[0].startswith("badges/badge-number-2")
    rendered.clear()
    _build_at(site, "2025-06-02T08:00:00+00:00")
    assert len(rendered) > 3  # the footer's date is new on every page
    assert "2 June 2025" in (site / "output" / "index.html").read_text()
