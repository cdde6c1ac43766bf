"""Odd URLs anywhere in a site give problems, never an exception."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from portfolio_builder.site_check import check_site
from tests.site_check_kit import write

URL_PIECES = [*"abc/.:#?%[]@$&;=-_ \t\n\"'<>é", "http://", "https://", "//", "../", "sha256$"]
URLISH = st.lists(st.sampled_from(URL_PIECES), max_size=12).map("".join)


@given(href=URLISH, image=URLISH, canonical=URLISH, loc=URLISH, base=URLISH)
def test_any_urls_give_problems_not_exceptions(
    href: str, image: str, canonical: str, loc: str, base: str
) -> None:
    esc = html.escape
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        write(
            site,
            "index.html",
            f'<base href="{esc(base)}"><link rel="canonical" href="{esc(canonical)}">'
            f'<meta property="og:image" content="{esc(image)}"><a href="{esc(href)}">x</a>',
        )
        write(site, "404.html", f'<img src="{esc(href)}">')
        write(site, "sitemap.xml", f"<urlset><url><loc>{esc(loc)}</loc></url></urlset>")
        result = check_site(site)
        assert all(p.path.startswith(folder) for p in result.problems)
        assert check_site(site, base_url=base).problems
