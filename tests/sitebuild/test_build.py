from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest

from portfolio_builder.buildreport import OutputError
from portfolio_builder.write import MANIFEST, _check_target

from sitebuild.kit import assertion, build, output_files, png, write_badge, write_config


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write_config(site)
    write_badge(site, "first", assertion(1))
    write_badge(site, "second", assertion(2), fmt="svg")
    return site


def test_build_exits_0_and_summarises_whatever_the_statuses(tmp_path: Path) -> None:
    site = _site(tmp_path)
    result = build(site)
    assert result.exit_code == 0, result.output
    assert "Read 2 badge files: 2 unverifiable." in result.output
    assert "0 errors, 0 warnings." in result.output
    assert (site / "output" / "index.html").is_file()


def test_strict_exits_1_when_a_badge_is_not_valid(tmp_path: Path) -> None:
    result = build(_site(tmp_path), "--strict")
    assert result.exit_code == 1
    assert (tmp_path / "site" / "output" / "index.html").is_file()


def test_strict_exits_1_on_a_warning_even_with_no_badges(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_config(site)
    (site / "content" / "badges").mkdir(parents=True)
    (site / "content" / "broken.md").write_text("---\ntitle: [1, 2\n---\nBody\n")
    assert build(site).exit_code == 0
    result = build(site, "--strict")
    assert result.exit_code == 1
    assert "W-CONTENT" in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site, "--now", "yesterday").exit_code == 2
    assert build(site, "--base-url", "not-a-url").exit_code == 2
    assert build(tmp_path / "missing").exit_code == 2


def test_a_foreign_non_empty_output_folder_is_refused_and_kept(tmp_path: Path) -> None:
    site = _site(tmp_path)
    home = tmp_path / "home"
    (home / "docs").mkdir(parents=True)
    (home / "docs" / "thesis.txt").write_text("years of work")
    (home / "index.html").write_text("mine")
    before = output_files(home)
    result = build(site, "-o", str(home))
    assert result.exit_code == 2
    assert "not empty and was not made by portfolio-builder" in result.output
    assert output_files(home) == before


def test_output_inside_content_is_refused(tmp_path: Path) -> None:
    site = _site(tmp_path)
    result = build(site, "-o", "content/site")
    assert result.exit_code == 2
    assert not (site / "content" / "site").exists()


def test_files_the_user_put_in_the_output_are_never_overwritten(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    out = site / "output"
    (out / "notes.txt").write_text("my own file")
    (out / "robots.txt").unlink()
    (out / "robots.txt").write_bytes(b"mine")
    manifest = json.loads((out / MANIFEST).read_text())
    del manifest["files"]["robots.txt"]
    (out / MANIFEST).write_text(json.dumps(manifest))
    result = build(site)
    assert result.exit_code == 0
    assert "W-OUTPUT-FOREIGN" in result.output
    assert (out / "robots.txt").read_bytes() == b"mine"
    assert (out / "notes.txt").read_text() == "my own file"
    assert list(site.joinpath("content", "badges").iterdir())  # the sources are untouched


def test_a_second_build_rewrites_nothing_and_prunes_removed_badges(tmp_path: Path) -> None:
    site = _site(tmp_path)
    build(site)
    out = site / "output"
    pages = sorted(p for p in out.glob("badges/*/index.html"))
    assert len(pages) == 2
    second = build(site)
    assert "(0 written," in second.output
    (site / "content" / "badges" / "second.svg").unlink()
    third = build(site)
    assert third.exit_code == 0
    assert len(list(out.glob("badges/*/index.html"))) == 1
    gone = [p for p in pages if not p.exists()]
    assert len(gone) == 1 and not gone[0].parent.exists()


def test_a_hidden_badge_produces_no_file(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "content" / "badges" / "second.yaml").write_text("hidden: true\n")
    build(site)
    files = output_files(site / "output")
    assert not any("badge-number-2" in name for name in files)
    assert not any(b"Badge number 2" in body for body in files.values())


def test_site_wide_files(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "portfolio.yaml").write_text(
        (site / "portfolio.yaml").read_text() + "cname: badges.example.org\n"
    )
    build(site)
    out = site / "output"
    assert (out / ".nojekyll").read_bytes() == b""
    assert (out / "CNAME").read_text() == "badges.example.org\n"
    assert (
        "Sitemap: https://learner.github.io/portfolio/sitemap.xml"
        in (out / "robots.txt").read_text()
    )
    text = (out / "portfolio.json").read_text()
    listing = json.loads(text)
    assert text == json.dumps(listing, indent=2, ensure_ascii=False) + "\n"  # laid out whole
    assert sorted(b["name"] for b in listing["badges"]) == ["Badge number 1", "Badge number 2"]
    assert all(
        b["url"].startswith("https://learner.github.io/portfolio/badges/")
        for b in listing["badges"]
    )
    sitemap = (out / "sitemap.xml").read_text()
    assert "<loc>https://learner.github.io/portfolio/</loc>" in sitemap
    assert sitemap.count("/badges/") == 2
    feed = (out / "feed.xml").read_text()
    assert feed.count("<entry>") == 2 and "<title>Badge number 1</title>" in feed


def test_unreadable_files_are_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "content" / "badges" / "junk.png").write_bytes(b"not a png at all")
    result = build(site)
    assert result.exit_code == 0
    assert "junk.png" in result.output and "E-PNG-SIGNATURE" in result.output
    assert "1 error, 0 warnings." in result.output
    assert len(list((site / "output").glob("badges/*/index.html"))) == 2


def test_owner_card_with_avatar_and_links(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_config(
        site,
        "  headline: Learning in public\n  avatar: me.png\n  links:\n"
        "    - {label: Blog, url: 'https://blog.example/'}\n",
    )
    (site / "me.png").write_bytes(png((10, 10, 200)))
    write_badge(site, "first", assertion(1))
    assert build(site).exit_code == 0
    html = (site / "output" / "index.html").read_text()
    avatar = next((site / "output" / "static").glob("avatar.*.png"))
    assert f'src="./static/{avatar.name}"' in html
    assert 'alt="Photo of Sam Learner"' in html
    assert "Learning in public" in html and 'href="https://blog.example/"' in html


def test_inline_issuer_images_are_served_locally_and_remote_ones_never_loaded(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write_config(site)
    logo = "data:image/png;base64," + base64.b64encode(png((0, 200, 0))).decode()
    write_badge(site, "one", assertion(1, issuer={"image": logo}))
    remote = {"image": "https://tracker.example/logo.png", "id": "https://b.example/", "name": "B"}
    write_badge(site, "two", assertion(2, issuer=remote))
    assert build(site).exit_code == 0
    out = site / "output"
    logos = list(out.glob("issuers/*/image.*.png"))
    assert len(logos) == 1
    issuer_page = (logos[0].parent / "index.html").read_text()
    assert f'src="../../issuers/{logos[0].parent.name}/{logos[0].name}"' in issuer_page
    for page_file in out.rglob("*.html"):
        assert "tracker.example" not in page_file.read_text()


def test_base_url_flag_overrides_the_config_everywhere(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert build(site, "--base-url", "https://badges.example.org/me").exit_code == 0
    out = site / "output"
    page = next(out.glob("badges/*/index.html")).read_text()
    assert '<link rel="canonical" href="https://badges.example.org/me/badges/' in page
    assert "certUrl=https%3A%2F%2Fbadges.example.org%2Fme%2Fbadges%2F" in page
    assert 'href="/me/static/style.' in (out / "404.html").read_text()
    assert "learner.github.io" not in (out / "sitemap.xml").read_text()


def test_without_base_url_the_build_warns_and_still_works(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_badge(site, "first", assertion(1))
    result = build(site)
    assert result.exit_code == 0
    assert "W-NO-BASE-URL" in result.output
    assert build(site, "--strict").exit_code == 1


def test_svg_badges_are_offered_as_png_baked_with_the_same_data(tmp_path: Path) -> None:
    from portfolio_builder.extract.png import iter_chunks

    site = _site(tmp_path)
    build(site)
    out = site / "output"
    folder = next(out.glob("badges/badge-number-2-*/"))
    assert not list(out.rglob("*.svg"))
    baked = (folder / f"{folder.name}.png").read_bytes()
    chunks = [bytes(body) for kind, body in iter_chunks(baked, "x") if kind == b"iTXt"]
    assert len(chunks) == 1 and json.dumps(assertion(2)).encode() in chunks[0]
    svg = site / "content" / "badges" / "second.svg"
    svg.write_text(svg.read_text().replace("#2a6", "#a26"))  # same data, new picture
    build(site)
    redrawn = (folder / f"{folder.name}.png").read_bytes()
    assert redrawn != baked and json.dumps(assertion(2)).encode() in redrawn


@pytest.mark.parametrize(
    ("file_name", "prefix"),
    [("python-course", "python-course-"), ("ada@example.org-badge", "badge-")],
)
def test_a_badge_naming_nothing_takes_its_page_address_from_its_file_name(
    tmp_path: Path, file_name: str, prefix: str
) -> None:
    site = tmp_path / "site"
    write_config(site)
    data = assertion(1)
    data["badge"] = "https://issuer.example/badges/1"  # named only by the issuer's badge class
    write_badge(site, file_name, data)
    result = build(site, "--offline")
    assert result.exit_code == 0, result.output
    (folder,) = (site / "output" / "badges").iterdir()
    assert folder.name.startswith(prefix) and "example" not in folder.name


@pytest.mark.parametrize(
    "rel",
    ["../escape.html", "a/../../b", "/etc/passwd", "", "./", ".portfolio-builder-manifest.json"],
)
def test_an_output_path_outside_the_folder_is_refused(rel: str) -> None:
    with pytest.raises(OutputError, match="refusing to write outside"):
        _check_target(rel)


@pytest.mark.parametrize("rel", ["index.html", "badges/x/./index.html", "a//b.png"])
def test_an_output_path_inside_the_folder_is_accepted(rel: str) -> None:
    _check_target(rel)


def test_a_site_without_badges_lists_none(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_config(site)
    (site / "content" / "badges").mkdir(parents=True)
    assert build(site).exit_code == 0
    text = (site / "output" / "portfolio.json").read_text()
    assert json.loads(text)["badges"] == []
    assert text == json.dumps(json.loads(text), indent=2) + "\n"


def test_images_are_linked_from_the_stage_cache_and_outlive_it(tmp_path: Path) -> None:
    """An image is written once, into the cache, and linked into the site; removing the
    cache (always safe) leaves the site's images whole."""
    site = _site(tmp_path)
    assert build(site).exit_code == 0
    out = site / "output"
    [card] = list(out.glob("badges/badge-number-1-*/card.*.jpg"))
    cached = list((site / ".portfolio-cache").rglob(card.name + "*"))
    assert [c.stat().st_ino for c in cached] == [card.stat().st_ino]
    before = output_files(out)
    shutil.rmtree(site / ".portfolio-cache")
    assert output_files(out) == before
    write_badge(site, "b9", assertion(9))
    assert build(site).exit_code == 0
    assert (
        output_files(out)[card.relative_to(out).as_posix()]
        == before[card.relative_to(out).as_posix()]
    )
