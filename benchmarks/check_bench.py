"""``check_site`` cost against the least any HTML checker must do.

Writes a 1,000-badge site (a page, a 1200x630 preview card, a baked image and a
re-hosted assertion per badge, plus a sitemap), then times, in the same run, the
floor (read every file and run the stdlib HTML parser over every page) and
``check_site``. Exits 1 when the check costs more than LIMIT times the floor, or
when it finds a problem in the generated site.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

from portfolio_builder.site_check import check_site

WORK = Path(__file__).parent / ".work" / "check"
BASE = "https://jane.github.io/portfolio/"
LIMIT = 3.0


def png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


def page(path: str, title: str, body: str) -> str:
    url = BASE + path
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><link rel="canonical" href="{url}">
<link rel="stylesheet" href="/portfolio/style.css">
<meta property="og:type" content="website"><meta property="og:title" content="{title}">
<meta property="og:url" content="{url}"><meta property="og:image" content="{url}card.png">
<meta name="twitter:card" content="summary_large_image"></head>
<body><nav><a href="/portfolio/">Home</a> <a href="/portfolio/#badges">Badges</a></nav>
<main id="main">{body}</main></body></html>"""


def generate(root: Path, count: int) -> None:
    if root.exists():
        shutil.rmtree(root)
    card, badge = png((1200, 630)), png((256, 256))
    items = []
    for n in range(count):
        folder = root / "badges" / f"b{n:04}"
        folder.mkdir(parents=True)
        body = (
            f'<h1 id="top-{n}">Badge {n}</h1><img src="badge.png" alt="">'
            '<a href="assertion.json">original</a><a href="../../">home</a>'
            '<a href="https://issuer.example/">issuer</a>' + "<p>Criteria text.</p>" * 20
        )
        (folder / "index.html").write_text(page(f"badges/b{n:04}/", f"Badge {n}", body))
        (folder / "card.png").write_bytes(card)
        (folder / "badge.png").write_bytes(badge)
        recipient = {"type": "email", "hashed": True, "identity": "sha256$" + "ab" * 32}
        (folder / "assertion.json").write_text(json.dumps({"recipient": recipient}))
        items.append(f'<li><a href="badges/b{n:04}/#top-{n}">Badge {n}</a></li>')
    (root / "card.png").write_bytes(card)
    (root / "style.css").write_text("body { margin: 0 }\n")
    home = f'<ul id="badges">{"".join(items)}</ul>'
    (root / "index.html").write_text(page("", "Jane", home))
    locs = "".join(f"<url><loc>{BASE}badges/b{n:04}/</loc></url>" for n in range(count))
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    (root / "sitemap.xml").write_text(sitemap)


def floor(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".html":
                HTMLParser().feed(data.decode("utf-8"))


def check(root: Path) -> None:
    result = check_site(root)
    if result.problems:
        raise SystemExit("\n".join(p.as_text() for p in result.problems[:5]))


def best_of(rounds: int, job: Callable[[Path], None], root: Path) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        job(root)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    generate(WORK, args.count)
    floor(WORK)  # warm the page cache so both timings read from memory
    floor_time = best_of(args.rounds, floor, WORK)
    check_time = best_of(args.rounds, check, WORK)
    ratio = check_time / floor_time
    pages = args.count + 1
    print(f"check_bench: {pages} pages, {sum(1 for p in WORK.rglob('*') if p.is_file())} files")
    print(f"  read + parse: {floor_time * 1e3 / pages:8.2f} ms per page")
    print(f"  check_site:   {check_time * 1e3 / pages:8.2f} ms per page")
    print(f"  ratio:        {ratio:8.2f} (limit {LIMIT})")
    shutil.rmtree(WORK, ignore_errors=True)
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
