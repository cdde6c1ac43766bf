"""Helpers that make small sites with baked badges, for the site-building tests."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from PIL import Image, ImageDraw

from portfolio_builder.bake import bake_png, bake_svg
from portfolio_builder.cli import cli

NOW = "2025-06-01T00:00:00Z"
BASE = "https://learner.github.io/portfolio/"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120">'
    '<circle cx="60" cy="60" r="50" fill="#2a6"/></svg>'
)


def png(color: tuple[int, int, int] = (200, 60, 60)) -> bytes:
    img = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
    ImageDraw.Draw(img).ellipse((8, 8, 152, 152), fill=(*color, 255))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def assertion(number: int, **changes: Any) -> dict[str, Any]:
    """An OB 2.0 assertion with its badge class and issuer embedded."""
    issuer = {"type": "Profile", "id": "https://issuer.example/", "name": "Example Academy"}
    issuer |= changes.pop("issuer", {})
    badge = {
        "type": "BadgeClass",
        "id": f"https://issuer.example/badges/{number}",
        "name": f"Badge number {number}",
        "description": "Shows a **skill**.",
        "criteria": {"narrative": "Pass the test."},
        "issuer": issuer,
    } | changes.pop("badge", {})
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"https://issuer.example/assertions/{number}",
        "recipient": {"type": "email", "hashed": True, "salt": "pepper",
                      "identity": "sha256$" + f"{number:02d}" * 32},
        "issuedOn": "2024-03-05T10:00:00Z",
        "verification": {"type": "hosted"},
        "badge": badge,
    } | changes  # fmt: skip


def write_badge(site: Path, name: str, data: dict[str, Any], fmt: str = "png") -> Path:
    folder = site / "content" / "badges"
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data)
    path = folder / f"{name}.{fmt}"
    if fmt == "png":
        path.write_bytes(bake_png(png(), text))
    elif fmt == "svg":
        path.write_text(bake_svg(SVG, text), encoding="utf-8")
    else:
        path.write_text(text, encoding="utf-8")
    return path


def write_config(site: Path, text: str = "") -> None:
    site.mkdir(parents=True, exist_ok=True)
    head = f"base_url: {BASE}\nowner:\n  name: Sam Learner\n"
    (site / "portfolio.yaml").write_text(head + text, encoding="utf-8")


def build(site: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["build", "-C", str(site), "--offline", "--now", NOW, *args], catch_exceptions=False
    )


def output_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


class Page(HTMLParser):
    """Every element of a page with its attributes, and the text of script elements."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[dict[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append((tag, values))
        if tag == "script":
            self.scripts.append(values)

    def meta(self, key: str) -> str | None:
        for tag, attrs in self.elements:
            if tag == "meta" and key in (attrs.get("property"), attrs.get("name")):
                return attrs.get("content")
        return None

    def links(self, tag: str = "a", attr: str = "href") -> list[str]:
        return [a[attr] for t, a in self.elements if t == tag and attr in a]


def page(out: Path, rel: str) -> Page:
    return Page((out / rel).read_text(encoding="utf-8"))
