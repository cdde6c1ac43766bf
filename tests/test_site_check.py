from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from portfolio_builder.cli import cli
from portfolio_builder.site_check import SiteCheck, check_site
from tests.site_check_kit import (
    BADGE,
    HASH,
    PROJECT_SITE,
    USER_SITE,
    build_site,
    image,
    replace,
    write,
)


def codes(result: SiteCheck) -> list[str]:
    return [p.code for p in result.problems]


def only_problem(result: SiteCheck, code: str, file: Path) -> str:
    """The single problem found; it must carry ``code`` and name ``file``."""
    assert [(p.code, p.path) for p in result.problems] == [(code, file.as_posix())], [
        p.as_text() for p in result.problems
    ]
    return result.problems[0].message


@pytest.mark.parametrize("base", [USER_SITE, PROJECT_SITE])
def test_a_good_site_passes(tmp_path: Path, base: str) -> None:
    result = check_site(build_site(tmp_path, base))
    assert result.problems == ()
    assert result.base == base
    assert result.pages == 4
    assert result.sitemap_urls == 3
    assert result.links > 10


def test_missing_asset(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    (site / "img" / "avatar.png").unlink()
    result = check_site(site)
    message = only_problem(result, "E-SITE-LINK", site / "index.html")
    assert "img/avatar.png" in message
    assert "line " in message


def test_missing_page_behind_a_root_relative_link(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    (site / "about" / "index.html").unlink()
    result = check_site(site)
    assert "E-SITE-LINK" in codes(result)
    assert "E-SITE-SITEMAP" in codes(result)
    assert any("about/index.html" in p.message for p in result.problems)


def test_broken_fragment(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    replace(site, BADGE + "index.html", 'id="criteria"', 'id="requirements"')
    result = check_site(site)
    assert {p.code for p in result.problems} == {"E-SITE-FRAGMENT"}
    assert {p.path for p in result.problems} == {
        (site / "index.html").as_posix(),
        (site / "about" / "index.html").as_posix(),
    }
    assert "'criteria'" in result.problems[0].message


def test_project_site_link_missing_its_prefix(tmp_path: Path) -> None:
    site = build_site(tmp_path, PROJECT_SITE)
    replace(site, "index.html", 'href="/portfolio/about/"', 'href="/about/"')
    message = only_problem(check_site(site), "E-SITE-OUTSIDE-BASE", site / "index.html")
    assert "/portfolio/" in message


def test_relative_link_in_the_404_page(tmp_path: Path) -> None:
    site = build_site(tmp_path, PROJECT_SITE)
    replace(site, "404.html", 'href="/portfolio/style.css"', 'href="style.css"')
    message = only_problem(check_site(site), "E-SITE-404-RELATIVE", site / "404.html")
    assert "style.css" in message


def test_relative_og_image(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    replace(site, "about/index.html", f'content="{PROJECT_SITE}img/card.png"', 'content="card.png"')
    message = only_problem(check_site(site), "E-SITE-NOT-ABSOLUTE", site / "about/index.html")
    assert "og:image" in message


def test_svg_og_image(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    write(site, BADGE + "badge.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    replace(site, BADGE + "index.html", BADGE + "card.png", BADGE + "badge.svg")
    message = only_problem(check_site(site), "E-SITE-OG-IMAGE", site / BADGE / "index.html")
    assert "SVG" in message


def test_wrong_preview_size(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    image(site / BADGE / "card.png", (400, 400))
    result = check_site(site)
    message = only_problem(result, "E-SITE-OG-IMAGE", site / BADGE / "index.html")
    assert "400x400" in message and "1200x630" in message


def test_preview_image_that_is_not_an_image(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    (site / BADGE / "card.png").write_bytes(b"not a png")
    message = only_problem(check_site(site), "E-SITE-OG-IMAGE", site / BADGE / "index.html")
    assert "cannot be read" in message


def test_missing_preview_tags(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    replace(site, "about/index.html", 'name="twitter:card"', 'name="twitter:site"')
    replace(site, "about/index.html", 'property="og:type"', 'property="og:kind"')
    result = check_site(site)
    assert codes(result) == ["E-SITE-OG-MISSING", "E-SITE-OG-MISSING"]
    assert {p.message for p in result.problems} == {"no og:type tag", "no twitter:card tag"}


def test_og_url_of_another_address(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    replace(
        site,
        "about/index.html",
        f'content="{PROJECT_SITE}about/"',
        'content="http://localhost:8000/about/"',
    )
    message = only_problem(check_site(site), "E-SITE-URL-MISMATCH", site / "about/index.html")
    assert "localhost" in message


def test_leaked_email_is_named_but_masked(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    replace(site, "about/index.html", "<body>", "<body><p>jane.doe@example.com</p>")
    message = only_problem(check_site(site), "E-SITE-EMAIL-LEAK", site / "about/index.html")
    assert "j***@example.com" in message
    assert "jane.doe" not in message


@pytest.mark.parametrize(
    "written",
    ["jane.doe&#64;example.com", "mailto:jane.doe%40example.com", "jane.doe\\u0040example.com"],
)
def test_leaked_email_written_in_an_escaped_form(tmp_path: Path, written: str) -> None:
    site = build_site(tmp_path)
    write(site, "data/badges.json", f'{{"contact": "{written}"}}')
    if written.startswith(("jane", "mailto")):
        replace(site, "index.html", "<h1>Jane</h1>", f'<h1><a href="{written}">Jane</a></h1>')
        path = site / "index.html"
    else:
        path = site / "data" / "badges.json"
    result = check_site(site)
    assert "E-SITE-EMAIL-LEAK" in codes(result)
    assert path.as_posix() in {p.path for p in result.problems}


def test_an_email_the_owner_publishes_is_allowed(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    replace(site, "about/index.html", "<body>", '<body><a href="mailto:Jane@Example.com">mail</a>')
    assert codes(check_site(site)) == ["E-SITE-EMAIL-LEAK"]
    assert check_site(site, allow_emails=["jane@example.com"]).problems == ()


def test_image_names_that_look_like_addresses_are_not_leaks(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    image(site / "img" / "logo@2x.png", (10, 10))
    replace(site, "index.html", "<h1>Jane</h1>", '<h1><img src="img/logo@2x.png" alt=""></h1>')
    assert check_site(site).problems == ()


def test_leaked_hash_in_html(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    replace(site, BADGE + "index.html", "<h1>Data Wrangling</h1>", f"<h1>{HASH}</h1>")
    message = only_problem(check_site(site), "E-SITE-HASH-LEAK", site / BADGE / "index.html")
    assert "sha256$" in message


def test_hash_outside_a_badge_folder_is_a_leak(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    write(site, "data/all.json", (site / BADGE / "assertion.json").read_text())
    result = check_site(site)
    where = (site / "data" / "all.json").as_posix()
    # The copy also shows the issuer's address, which only a re-hosted original may carry.
    assert [(p.code, p.path) for p in result.problems] == [
        ("E-SITE-EMAIL-LEAK", where),
        ("E-SITE-HASH-LEAK", where),
    ]


def test_plain_recipient_email_in_a_rehosted_original(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    replace(site, BADGE + "assertion.json", '"hashed": true', '"hashed": false')
    replace(site, BADGE + "assertion.json", HASH, "jane.doe@example.com")
    message = only_problem(check_site(site), "E-SITE-EMAIL-LEAK", site / BADGE / "assertion.json")
    assert "recipient" in message


def test_sitemap_loc_missing(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    replace(
        site,
        "sitemap.xml",
        "</urlset>",
        f"<url><loc>{PROJECT_SITE}badges/gone/</loc></url></urlset>",
    )
    message = only_problem(check_site(site), "E-SITE-SITEMAP", site / "sitemap.xml")
    assert "badges/gone/" in message


def test_sitemap_loc_outside_the_base(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    replace(
        site, "sitemap.xml", f"<loc>{PROJECT_SITE}about/", "<loc>https://elsewhere.example/about/"
    )
    message = only_problem(check_site(site), "E-SITE-SITEMAP", site / "sitemap.xml")
    assert "not under the site's base URL" in message


def test_unreadable_or_absent_sitemap(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    write(site, "sitemap.xml", "<urlset><url><loc>")
    only_problem(check_site(site), "E-SITE-SITEMAP", site / "sitemap.xml")
    (site / "sitemap.xml").unlink()
    result = check_site(site)
    assert "E-SITE-SITEMAP" in codes(result)
    assert any("no sitemap.xml" in p.message for p in result.problems)


def test_sitemap_with_an_entity_bomb_is_refused(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    bomb = '<!DOCTYPE u [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><urlset>&b;</urlset>'
    write(site, "sitemap.xml", bomb)
    only_problem(check_site(site), "E-SITE-SITEMAP", site / "sitemap.xml")


def test_base_url_comes_from_the_sitemap_when_pages_have_none(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    for rel in ("index.html", "about/index.html", BADGE + "index.html"):
        text = (site / rel).read_text()
        lines = [ln for ln in text.splitlines() if "canonical" not in ln and "og:url" not in ln]
        (site / rel).write_text("\n".join(lines))
    result = check_site(site)
    assert result.base == PROJECT_SITE
    assert codes(result) == ["E-SITE-OG-MISSING"] * 3


def test_a_wrong_base_url_flag_is_caught(tmp_path: Path) -> None:
    site = build_site(tmp_path, PROJECT_SITE)
    result = check_site(site, base_url="https://jane.github.io/other")
    assert result.base == "https://jane.github.io/other/"
    assert "E-SITE-URL-MISMATCH" in codes(result)
    assert "E-SITE-OUTSIDE-BASE" in codes(result)


def test_cli_passes_a_good_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(tmp_path / "output")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: 4 pages")


def test_cli_lists_each_problem_and_exits_1(tmp_path: Path) -> None:
    site = build_site(tmp_path / "site")
    (site / "style.css").unlink()
    replace(site, "index.html", "<h1>Jane</h1>", "<h1>jane@example.com</h1>")
    result = CliRunner().invoke(cli, ["check", str(site)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{site.as_posix()}/index.html: error: email address published" in result.output
    assert sum("[E-SITE-LINK]" in line for line in lines) == 4  # style.css from each page
    assert "jane@example.com" not in result.output
    assert "problems in 4 pages" in lines[-1]


def test_cli_on_a_folder_that_is_not_there(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "build the site first" in result.output
    assert "Traceback" not in result.output


def test_relative_link_climbing_out_of_a_project_site(tmp_path: Path) -> None:
    site = build_site(tmp_path, PROJECT_SITE)
    replace(site, "about/index.html", 'href="../"', 'href="../../elsewhere/"')
    message = only_problem(check_site(site), "E-SITE-OUTSIDE-BASE", site / "about/index.html")
    assert "../../elsewhere/" in message


def test_another_site_of_the_same_owner_is_external(tmp_path: Path) -> None:
    site = build_site(tmp_path, USER_SITE)
    link = f'<a href="{USER_SITE}my-project/">project</a>'
    replace(site, "index.html", "<h1>Jane</h1>", f"<h1>Jane</h1>{link}")
    assert check_site(site).problems == ()
    replace(site, "index.html", link, f'<a href="{USER_SITE}badges/gone/">gone</a>')
    message = only_problem(check_site(site), "E-SITE-LINK", site / "index.html")
    assert "badges/gone/index.html" in message


def test_links_follow_the_base_element(tmp_path: Path) -> None:
    site = build_site(tmp_path, PROJECT_SITE)
    replace(site, "about/index.html", 'href="../"', 'href="style.css"')
    assert "E-SITE-LINK" in codes(check_site(site))
    replace(site, "about/index.html", "<head>", '<head><base href="/portfolio/">')
    replace(site, "about/index.html", f'href="../{BADGE}#criteria"', f'href="{BADGE}#criteria"')
    assert check_site(site).problems == ()


def test_file_names_outside_ascii(tmp_path: Path) -> None:
    site = build_site(tmp_path, PROJECT_SITE)
    image(site / "img" / "café.png", (8, 8))
    replace(
        site, "index.html", "<h1>Jane</h1>", '<img src="img/caf%C3%A9.png"><img src="img/café.png">'
    )
    assert check_site(site).problems == ()


def test_a_site_without_any_address_still_gets_its_links_checked(tmp_path: Path) -> None:
    site = tmp_path / "bare"
    write(site, "index.html", '<a href="missing.html">x</a><a href="#here">y</a>')
    result = check_site(site)
    assert "E-SITE-BASE-URL" in codes(result)
    assert "E-SITE-LINK" in codes(result)
    assert "E-SITE-FRAGMENT" in codes(result)
    assert "E-SITE-SITEMAP" in codes(result)


def test_a_base_url_flag_that_is_not_absolute(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    result = check_site(site, base_url="jane.github.io/portfolio")
    assert codes(result)[0] == "E-SITE-BASE-URL"
    assert "not absolute" in result.problems[0].message


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    site = build_site(tmp_path, PROJECT_SITE)
    try:
        (site / "img" / os.fsdecode(b"\xff.png")).write_bytes(b"a file")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    replace(site, "index.html", "<h1>Jane</h1>", '<h1><a href="img/%FF.png">raw</a></h1>')
    assert check_site(site).problems == ()
    replace(site, "index.html", "img/%FF.png", "img/%FE.png")
    message = only_problem(check_site(site), "E-SITE-LINK", site / "index.html")
    assert "%FE" in message


def test_a_site_built_for_localhost_is_not_ready(tmp_path: Path) -> None:
    site = build_site(tmp_path, "http://localhost:8000/")
    result = check_site(site)
    assert codes(result) == ["E-SITE-BASE-URL"]
    assert "localhost:8000" in result.problems[0].message
    assert check_site(site, base_url="http://localhost:8000/").problems == ()
