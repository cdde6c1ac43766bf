"""Small hand-built sites for the site check tests: a good one, then broken copies."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

USER_SITE = "https://jane.github.io/"
PROJECT_SITE = "https://jane.github.io/portfolio/"
BADGE = "badges/data-wrangling/"
HASH = "sha256$" + "b56f" * 16


def head(base: str, url_path: str, card: str, title: str) -> str:
    url = base + url_path
    return f"""<head>
<meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="{urlsplit(base).path}style.css">
<link rel="preconnect" href="https://fonts.example.net">
<meta property="og:type" content="website">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
<meta property="og:image" name="image" content="{base}{card}">
<meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
<meta name="twitter:card" content="summary_large_image">
</head>"""


def pages(base: str) -> dict[str, str]:
    prefix = urlsplit(base).path
    share = "mailto:?subject=My%20badge&amp;body=" + (base + BADGE).replace(":", "%3A")
    return {
        "index.html": f"""<!doctype html><html lang="en">{head(base, "", "img/card.png", "Jane")}
<body><main id="main"><h1>Jane</h1>
<img src="img/avatar.png" srcset="img/avatar.png 1x, img/avatar.png 2x" alt="">
<a href="#main">top</a> <a href="{BADGE}">Data Wrangling</a>
<a href="{BADGE}#criteria">criteria</a> <a href="{prefix}about/">About</a>
<a href="{base}about/">About (absolute)</a> <a href="https://example.org/x">issuer</a>
<a href="{share}">Email this</a> <a href="feed.xml">feed</a>
</main></body></html>""",
        "about/index.html": f"""<!doctype html><html>{head(base, "about/", "img/card.png", "About")}
<body><a href="../">home</a><a href="../{BADGE}#criteria">badge</a></body></html>""",
        BADGE + "index.html": f"""<!doctype html><html>
{head(base, BADGE, BADGE + "card.png", "Data Wrangling")}
<body><h1>Data Wrangling</h1><section id="criteria">Criteria</section>
<a href="assertion.json">original</a><a href="issuer.json">issuer</a>
<a href="../../">home</a><img src="badge.png" alt=""></body></html>""",
        "404.html": f"""<!doctype html><html><head><title>Not found</title>
<link rel="stylesheet" href="{prefix}style.css"></head>
<body><a href="{prefix}">home</a><a href="{base}about/">about</a></body></html>""",
    }


def sitemap(base: str, paths: tuple[str, ...] = ("", "about/", BADGE)) -> str:
    locs = "".join(f"<url><loc>{base}{path}</loc></url>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    )


def assertion() -> str:
    issuer = {"name": "Example Academy", "email": "badges@example.org", "type": "Issuer"}
    return json.dumps(
        {
            "@context": "https://w3id.org/openbadges/v2",
            "type": "Assertion",
            "recipient": {"type": "email", "hashed": True, "salt": "s", "identity": HASH},
            "badge": {"name": "Data Wrangling", "issuer": issuer},
        }
    )


def image(path: Path, size: tuple[int, int], fmt: str = "PNG") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (30, 90, 160)).save(path, fmt)


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def build_site(root: Path, base: str = PROJECT_SITE) -> Path:
    """A small, correct site: every link resolves, every page has a 1200x630 preview."""
    for rel, text in pages(base).items():
        write(root, rel, text)
    write(root, "style.css", "body { font-family: sans-serif; }\n")
    write(root, "feed.xml", f'<feed xmlns="http://www.w3.org/2005/Atom"><id>{base}</id></feed>')
    write(root, "sitemap.xml", sitemap(base))
    write(root, "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n")
    write(root, BADGE + "assertion.json", assertion())
    write(root, BADGE + "issuer.json", '{"name": "Example Academy", "email": "a@example.org"}')
    image(root / "img" / "card.png", (1200, 630))
    image(root / "img" / "avatar.png", (64, 64))
    image(root / BADGE / "card.png", (1200, 630))
    image(root / BADGE / "badge.png", (256, 256))
    return root


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")
