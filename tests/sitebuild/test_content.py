"""The owner's pages and badge sidecars."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio_builder.content import load_pages, load_sidecar

from sitebuild.kit import assertion, build, write_badge, write_config


def test_pages_use_front_matter_and_are_ordered(tmp_path: Path) -> None:
    (tmp_path / "zeta.md").write_text("---\ntitle: First\norder: 1\n---\n# Hi\n")
    (tmp_path / "alpha.md").write_text("No front matter here.\n")
    pages, notes = load_pages(tmp_path)
    assert [(p.slug, p.title) for p in pages] == [("alpha", "Alpha"), ("zeta", "First")]
    assert notes == []


def test_bad_front_matter_and_reserved_names_are_reported(tmp_path: Path) -> None:
    (tmp_path / "badges.md").write_text("clashes with the badge pages\n")
    (tmp_path / "about.md").write_text("---\norder: soon\n---\nText\n")
    pages, notes = load_pages(tmp_path)
    assert [p.slug for p in pages] == ["about"]
    messages = [n.as_text() for n in notes]
    assert any("about.md" in m and "order: must be a whole number" in m for m in messages)
    assert any("badges.md" in m and "cannot be used" in m for m in messages)


def test_markdown_sidecar_body_is_the_note(tmp_path: Path) -> None:
    badge = tmp_path / "b.png"
    (tmp_path / "b.md").write_text("---\ntags: [one, two]\nfeatured: true\n---\nMy *note*.\n")
    sidecar, notes = load_sidecar(badge)
    assert sidecar.note == "My *note*."
    assert sidecar.tags == ("one", "two") and sidecar.featured and not notes


def test_sidecar_problems_name_the_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("hiden: true\nfeatured: maybe\nevidence: [{name: x}]\n")
    sidecar, notes = load_sidecar(tmp_path / "b.png")
    texts = [n.as_text() for n in notes]
    assert all(str(tmp_path / "b.yaml") in t for t in texts)
    assert any("hiden: unknown key" in t for t in texts)
    assert any("featured: must be true or false" in t for t in texts)
    assert any("evidence.0: needs a url" in t for t in texts)
    assert not sidecar.featured and not sidecar.hidden


def test_notes_featured_and_extra_evidence_reach_the_site(tmp_path: Path) -> None:
    write_config(tmp_path)
    write_badge(tmp_path, "early", assertion(1, issuedOn="2020-01-01T00:00:00Z"))
    write_badge(tmp_path, "late", assertion(2, issuedOn="2024-01-01T00:00:00Z"))
    (tmp_path / "content" / "badges" / "early.yaml").write_text(
        "featured: true\nnote: Proud of **this**\n"
        "evidence: [{url: 'https://me.example/work', name: My work}]\n"
    )
    assert build(tmp_path).exit_code == 0
    index = (tmp_path / "output" / "index.html").read_text()
    assert index.index("Badge number 1") < index.index("Badge number 2")  # featured first
    page = next((tmp_path / "output").glob("badges/badge-number-1-*/index.html")).read_text()
    assert "Proud of <strong>this</strong>" in page
    assert '<a href="https://me.example/work" rel="noopener nofollow">My work</a>' in page


def test_sidecars_are_found_however_the_site_folder_is_spelt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    write_config(site)
    write_badge(site, "top", assertion(1))
    (site / "content" / "badges" / "top.yaml").write_text("note: Beside the badge.\n")
    nested = site / "content" / "badges" / "2024" / "spring"
    nested.mkdir(parents=True)
    write_badge(site, "top", assertion(2))
    (site / "content" / "badges" / "top.png").rename(nested / "deep.png")
    write_badge(site, "top", assertion(1))
    (nested / "deep.md").write_text("---\ntags: [deep]\n---\nIn a folder of its own.\n")
    monkeypatch.chdir(tmp_path)
    assert build(Path("./site/")).exit_code == 0
    pages = {p.parent.name: p.read_text() for p in site.glob("output/badges/*/index.html")}
    assert any("Beside the badge." in text for text in pages.values())
    assert any("In a folder of its own." in text for text in pages.values())
