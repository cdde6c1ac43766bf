"""Hostile strings in every field a badge, sidecar, page or config carries render inert."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from defusedxml import ElementTree
from inert import markup_problems

from sitebuild.kit import BASE, Page, assertion, build, write_badge

EVIL = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
JS = "javascript:alert(1)"
URL_ATTRS = ("href", "src", "action", "formaction", "srcset", "poster", "data")


def _hostile_assertion() -> dict[str, object]:
    issuer = {"name": EVIL, "url": JS, "email": EVIL, "description": EVIL}
    badge = {
        "name": EVIL,
        "description": EVIL + " [click](javascript:alert(1))",
        "criteria": {"id": JS, "narrative": EVIL},
        "tags": [EVIL, "ok"],
        "alignment": [{"targetName": EVIL, "targetUrl": JS, "targetDescription": EVIL,
                       "targetFramework": EVIL, "targetCode": EVIL}],
        "endorsement": [{"type": "Endorsement", "id": "https://e.example/1",
                         "issuer": {"id": "https://e.example/", "name": EVIL},
                         "claim": {"endorsementComment": EVIL}}],
    }  # fmt: skip
    evidence = [{"id": JS, "name": EVIL, "narrative": EVIL, "description": EVIL}]
    return assertion(1, issuer=issuer, badge=badge, evidence=evidence, narrative=EVIL)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("hostile")
    links = [{"label": EVIL, "url": JS}, {"label": EVIL, "url": 'https://ok.example/"><b>'}]
    config = {
        "title": EVIL,
        "base_url": BASE,
        "owner": {"name": EVIL, "headline": EVIL, "links": links},
    }
    (site / "portfolio.yaml").write_text(yaml.safe_dump(config))
    write_badge(site, "evil", _hostile_assertion())
    write_badge(site, "evil-svg", _hostile_assertion() | {"id": "https://x.example/2"}, "svg")
    sidecar = {"note": EVIL, "evidence": [{"url": JS, "name": EVIL}], "tags": [EVIL]}
    (site / "content" / "badges" / "evil.yaml").write_text(yaml.safe_dump(sidecar))
    front = yaml.safe_dump({"title": EVIL, "description": EVIL})
    (site / "content" / "about.md").write_text(f"---\n{front}---\n{EVIL}\n")
    result = build(site)
    assert result.exit_code == 0, result.output
    return site / "output"


def _pages(out: Path) -> list[tuple[str, str]]:
    return [(p.relative_to(out).as_posix(), p.read_text()) for p in sorted(out.rglob("*.html"))]


def test_every_page_is_checked(out: Path) -> None:
    names = [name for name, _ in _pages(out)]
    assert "index.html" in names and "about/index.html" in names and "404.html" in names
    assert sum(n.startswith("badges/") for n in names) == 2
    assert any(n.startswith("tags/") for n in names)


def test_no_script_elements_but_the_themes_own(out: Path) -> None:
    for name, html in _pages(out):
        page = Page(html)
        for attrs in page.scripts:
            if attrs.get("type") == "application/ld+json":
                continue
            assert "/static/site." in "/" + attrs.get("src", "").lstrip("./"), (name, attrs)
        assert html.count("<script") == len(page.scripts), name
        ld = html.split('type="application/ld+json">', 1)
        if len(ld) > 1:
            assert "<" not in ld[1].split("</script>", 1)[0], name


def test_no_event_handlers_or_javascript_urls(out: Path) -> None:
    for name, html in _pages(out):
        for tag, attrs in Page(html).elements:
            for key, value in attrs.items():
                assert not key.startswith("on"), (name, tag, key)
                if key in URL_ATTRS:
                    assert not value.strip().lower().startswith("javascript:"), (name, tag, key)


def test_every_attribute_is_quoted_and_no_markup_can_run(out: Path) -> None:
    problems = {name: markup_problems(html) for name, html in _pages(out)}
    assert {name: found for name, found in problems.items() if found} == {}


def test_every_subresource_is_served_by_the_site_itself(out: Path) -> None:
    for name, html in _pages(out):
        page = Page(html)
        sources = page.links("img", "src") + page.links("script", "src") + page.links("link")
        for source in sources:
            if source.startswith(("http://", "https://", "//")):
                assert source.startswith("https://learner.github.io/portfolio/"), (name, source)
                continue
            assert not source.startswith("data:text"), (name, source)


def test_hostile_text_is_shown_as_text(out: Path) -> None:
    html = next(out.glob("badges/*/index.html")).read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_feeds_and_sitemap_stay_well_formed(out: Path) -> None:
    for name in ("feed.xml", "sitemap.xml"):
        ElementTree.fromstring((out / name).read_bytes())


def test_svg_badges_are_rasterised_without_outside_references(tmp_path: Path) -> None:
    from PIL import Image

    from portfolio_builder.images import rasterise

    secret = tmp_path / "private.png"
    Image.new("RGB", (64, 64), (255, 0, 0)).save(secret)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="64" height="64"><script>alert(1)</script>'
        f'<image href="{secret}" width="64" height="64"/>'
        f'<image xlink:href="file://{secret}" width="64" height="64"/></svg>'
    )
    picture = rasterise(svg.encode(), True, 64)
    assert picture is not None
    assert picture.getpixel((32, 32))[3] == 0  # nothing was drawn from the private file
    assert rasterise(b"<svg><unclosed>", True, 64) is None
