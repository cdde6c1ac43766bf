"""Share links, previews and QR codes on badge pages, per the sharing guide."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import zxingcpp
from PIL import Image

from portfolio_builder.sharing import LinkedInCert, share_links

from sitebuild.kit import BASE, Page, assertion, build, page, write_badge, write_config


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("sharing")
    write_config(site, "linkedin:\n  organizations:\n    Example Academy: '4242'\n")
    named = assertion(1, badge={"name": "Data & Analysis 101"}, expires="2027-11-30T00:00:00Z")
    write_badge(site, "named", named)
    other = assertion(2, issuer={"name": "Other Org", "id": "https://other.example/"})
    write_badge(site, "other", other, fmt="svg")
    assert build(site).exit_code == 0
    return site / "output"


def _badge_page(out: Path, number: int) -> tuple[Page, str]:
    path = next(out.glob(f"badges/*-{_slug_hash(out, number)}/index.html"))
    rel = path.relative_to(out).parent.as_posix() + "/"
    return page(out, f"{rel}index.html"), BASE + rel


def _slug_hash(out: Path, number: int) -> str:
    listing = json.loads((out / "portfolio.json").read_text())
    names = {1: "Data & Analysis 101", 2: "Badge number 2"}
    url = next(b["url"] for b in listing["badges"] if b["name"] == names[number])
    return url.rstrip("/").rsplit("-", 1)[1]


def _link(p: Page, prefix: str) -> str:
    return next(h for h in p.links() if h.startswith(prefix))


def test_linkedin_add_to_profile_has_exactly_the_documented_fields(out: Path) -> None:
    p, url = _badge_page(out, 1)
    link = _link(p, "https://www.linkedin.com/profile/add?")
    params = parse_qsl(urlsplit(link).query)
    assert params[0] == ("startTask", "CERTIFICATION_NAME")
    fields = dict(params)
    assert fields["name"] == "Data & Analysis 101"
    assert fields["organizationId"] == "4242" and "organizationName" not in fields
    assert (fields["issueYear"], fields["issueMonth"]) == ("2024", "3")
    assert (fields["expirationYear"], fields["expirationMonth"]) == ("2027", "11")
    assert fields["certUrl"] == url
    assert len(fields["certId"]) == 12 and not fields["certId"].startswith("urn")
    assert "name=Data%20%26%20Analysis%20101" in link and "+" not in link
    assert "certUrl=https%3A%2F%2Flearner.github.io%2Fportfolio%2Fbadges%2F" in link


def test_without_an_organization_id_the_name_is_used_and_no_expiry(out: Path) -> None:
    p, _ = _badge_page(out, 2)
    fields = dict(parse_qsl(urlsplit(_link(p, "https://www.linkedin.com/profile/add?")).query))
    assert fields["organizationName"] == "Other Org" and "organizationId" not in fields
    assert "expirationYear" not in fields and "expirationMonth" not in fields


def test_other_share_links(out: Path) -> None:
    p, url = _badge_page(out, 1)
    post = _link(p, "https://www.linkedin.com/sharing/share-offsite/?")
    assert parse_qsl(urlsplit(post).query) == [("url", url)]
    x = dict(parse_qsl(urlsplit(_link(p, "https://twitter.com/intent/tweet?")).query))
    assert x["url"] == url and "Data & Analysis 101" in x["text"]
    fb = _link(p, "https://www.facebook.com/sharer/sharer.php?")
    assert parse_qsl(urlsplit(fb).query) == [("u", url)]
    mail = dict(parse_qsl(urlsplit(_link(p, "mailto:?")).query))
    assert mail["body"].endswith(url)
    forms = [a for t, a in p.elements if t == "form" and "mastodon" in a.get("class", "")]
    assert forms and forms[0]["data-text"].endswith(url)
    copyable = [a for t, a in p.elements if t == "input" and a.get("value") == url]
    assert len(copyable) == 2  # the copy-link field and the LinkedIn credential URL field


def test_share_url_encoding_and_fallback_name() -> None:
    cert = LinkedInCert("", None, "A&B", None, None, "https://x.example/b/", "ID1")
    links = share_links(cert, "A&B")
    assert "name=Open%20Badge" in links.linkedin_add
    assert "organizationName=A%26B" in links.linkedin_add
    assert "issueYear" not in links.linkedin_add


def test_opengraph_and_twitter_tags_are_absolute(out: Path) -> None:
    for rel in [
        "index.html",
        *(p.relative_to(out).as_posix() for p in out.glob("badges/*/index.html")),
    ]:
        p = page(out, rel)
        for key in ("og:url", "og:title", "og:description", "twitter:card"):
            assert p.meta(key), (rel, key)
        assert p.meta("og:url").startswith(BASE)
        image = p.meta("og:image")
        assert image and image.startswith(BASE), rel
        assert p.meta("twitter:card") == "summary_large_image"
        assert not [a for t, a in p.elements if t == "link" and "oembed" in a.get("type", "")]


def test_preview_cards_are_1200_by_630_raster_images(out: Path) -> None:
    for rel in (p.relative_to(out).as_posix() for p in out.glob("badges/*/index.html")):
        image_url = page(out, rel).meta("og:image")
        with Image.open(out / image_url.removeprefix(BASE)) as card:
            assert card.size == (1200, 630)
            assert card.format in ("PNG", "JPEG")


def test_qr_code_decodes_to_the_page_url(out: Path) -> None:
    for number in (1, 2):
        p, url = _badge_page(out, number)
        qr = next(s for s in p.links("img", "src") if "/qr." in s)
        with Image.open(out / qr.replace("../../", "")) as img:
            found = zxingcpp.read_barcodes(img)
        assert [r.text for r in found] == [url]


def test_json_ld_describes_the_achievement_without_the_recipient(out: Path) -> None:
    html = next(out.glob("badges/*/index.html")).read_text()
    data = json.loads(html.split('type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert data["@type"] == "EducationalOccupationalCredential"
    assert data["url"].startswith(BASE)
    text = json.dumps(data)
    assert "recipient" not in text and "sha256$" not in text and "@" not in text.replace('"@', "")


def test_404_page_works_at_any_depth(out: Path) -> None:
    p = page(out, "404.html")
    local = [
        *p.links(),
        *p.links("link"),
        *p.links("script", "src"),
        *p.links("img", "src"),
    ]
    for link in local:
        assert link.startswith(("/portfolio/", "https://", "#")), link
    assert "/portfolio/" in p.links()
