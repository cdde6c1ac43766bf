"""The sites the browser tests run against: the hand-written fixture site and the demo build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import qrcode
from init_site import build_init_site, make_init_site
from PIL import Image, ImageDraw

FIXTURE_SITE = Path(__file__).parent / "fixture_site"
REPO = Path(__file__).resolve().parents[2]
DEMO_NOW = "2026-01-01T00:00:00Z"
TEXT_SUFFIXES = (".html", ".css", ".js", ".json")


def _png(path: Path, size: tuple[int, int], colour: str) -> None:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse((size[0] // 4, 8, size[0] * 3 // 4, size[1] - 8), "white")
    image.save(path)


def qr_png(path: Path, url: str) -> None:
    code = qrcode.QRCode(box_size=8, border=4)
    code.add_data(url)
    code.make(fit=True)
    code.make_image().save(path)


def make_fixture_site(dest: Path, base_url: str) -> None:
    """Copy the fixture site to ``dest`` for ``base_url``, with its images drawn afresh."""
    shutil.copytree(FIXTURE_SITE, dest, dirs_exist_ok=True)
    fills = {
        "@@BASE_Q@@": quote(base_url, safe=""),
        "@@BASE@@": base_url,
        "@@PATH@@": urlsplit(base_url).path,
    }
    for path in dest.rglob("*"):
        if path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8")
            for placeholder, value in fills.items():
                text = text.replace(placeholder, value)
            path.write_text(text, encoding="utf-8")
    _png(dest / "icon.png", (32, 32), "#1a4d8f")
    for folder in sorted((dest / "badges").iterdir()):
        _png(folder / "badge.png", (200, 200), "#1a4d8f")
        _png(folder / "card.png", (1200, 630), "#1a4d8f")
        qr_png(folder / "qr.png", f"{base_url}badges/{folder.name}/")


def build_demo(dest: Path, base_url: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``build`` command on the repository's demo portfolio."""
    command = [
        sys.executable,
        "-m",
        "portfolio_builder",
        "build",
        "-C",
        str(REPO),
        "-o",
        str(dest),
        "--now",
        DEMO_NOW,
        "--offline",
        "--base-url",
        base_url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def build_init(root: Path, base_url: str) -> subprocess.CompletedProcess[str]:
    """``init`` a site in ``root/site``, add badges, build it into ``root/output``."""
    site = make_init_site(root / "site")
    return build_init_site(site, root / "output", base_url)
