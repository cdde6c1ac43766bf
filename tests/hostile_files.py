"""Hostile badge files, made on the spot: bombs, oversized and malformed files, odd names.

``make_folder`` writes them into a folder beside two good badges and returns, for each
hostile file, the diagnostic code reading it must give (None: it reads as a badge).
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

from PIL import Image

from portfolio_builder.bake import bake_png, bake_png_chunk, bake_svg, png_chunk

from sitebuild.kit import SVG, assertion, png

NS = 'xmlns:openbadges="https://openbadges.org"'
HUNDRED_MB = 100 * 1024 * 1024
SECRET = "TOP-SECRET-FILE-CONTENT"


def _badge(number: int, **changes: object) -> str:
    return json.dumps(assertion(number, **changes))


def _svg(inner: str, head: str = "") -> bytes:
    return f'{head}<svg xmlns="http://www.w3.org/2000/svg" {NS}>{inner}</svg>'.encode()


def billion_laughs() -> bytes:
    lol = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    head = f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY l0 "lol">{lol}]>'
    return _svg("<openbadges:assertion>&l9;</openbadges:assertion>", head)


def external_entity(secret: Path) -> bytes:
    head = f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file://{secret}">]>'
    return _svg('<openbadges:assertion verify="&x;"/>', head)


def scripted_svg() -> bytes:
    drawing = SVG.replace("<circle", '<script>alert(1)</script><circle onload="alert(2)"')
    return bake_svg(drawing, _badge(11, badge={"name": "Scripted drawing"})).encode()


def text_bomb(ctype: bytes) -> bytes:
    """A 60 KB chunk that inflates to 64 MB of badge text."""
    bomb = zlib.compress(b"{" + b" " * (64 * 1024 * 1024), 9)
    head = b"openbadges\x00\x00" if ctype == b"zTXt" else b"openbadges\x00\x01\x00\x00\x00"
    return bake_png_chunk(png(), ctype, head + bomb)


def huge_dimensions() -> bytes:
    """A badge PNG whose header declares 100,000 x 100,000 pixels."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 6, 0, 0, 0)
    picture = (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 4096))
        + png_chunk(b"IEND", b"")
    )
    return bake_png(picture, _badge(12, badge={"name": "Huge picture"}))


def pixel_bomb() -> bytes:
    """A 15 KB badge PNG that decodes to 121 million pixels."""
    out = io.BytesIO()
    Image.new("1", (11_000, 11_000), 0).save(out, "PNG")
    return bake_png(out.getvalue(), _badge(13, badge={"name": "Pixel bomb"}))


def invalid_utf8_png() -> bytes:
    return bake_png_chunk(png(), b"iTXt", b'openbadges\x00\x00\x00\x00\x00{"name": "\xff\xfe"}')


def markdown_bomb() -> bytes:
    """Text that Python-Markdown takes minutes over (brackets) or recurses too deep on."""
    badge = {"name": "Markdown bomb", "description": "[" * 20_000}
    return _badge(17, badge=badge, narrative="  - " * 3000 + "x").encode()


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


def make_folder(folder: Path) -> dict[str, str | None]:
    """Write every hostile file into ``folder``; name -> expected diagnostic code."""
    folder.mkdir(parents=True, exist_ok=True)
    secret = folder.parent / "secret.txt"
    secret.write_text(SECRET)
    deep = '{"a": ' * 100 + "1" + "}" * 100
    files: dict[str, tuple[bytes, str | None]] = {
        "good.png": (bake_png(png(), _badge(1)), None),
        "same name.png": (bake_png(png(), _badge(2, badge={"name": "Badge number 1"})), None),
        "bomb.svg": (billion_laughs(), "E-SVG-FORBIDDEN"),
        "xxe.svg": (external_entity(secret), "E-SVG-FORBIDDEN"),
        "scripted.svg": (scripted_svg(), None),
        "ztxt-bomb.png": (text_bomb(b"zTXt"), "E-PNG-TEXT"),
        "itxt-bomb.png": (text_bomb(b"iTXt"), "E-PNG-TEXT"),
        "huge-dimensions.png": (huge_dimensions(), None),
        "deep-array.json": (b"[" * 200_000 + b"]" * 200_000, "E-JSON-TOO-DEEP"),
        "deep-object.json": (deep.encode(), "E-JSON-TOO-DEEP"),
        "enormous.json": (_badge(14, narrative="x" * (8 * 1024 * 1024)).encode(), None),
        "markdown-bomb.json": (markdown_bomb(), None),
        "bad-utf8.json": (b'{"name": "\xff\xfe\xfd"}', "E-ENCODING"),
        "bad-utf8.png": (invalid_utf8_png(), "E-ENCODING"),
        "bad-utf8.svg": (
            _svg("<openbadges:assertion>@</openbadges:assertion>").replace(b"@", b"\xff\xfe"),
            "E-SVG-PARSE",
        ),
        "up\\..\\..\\windows-style.png": (bake_png(png(), _badge(15)), None),
        "ünïcödé 🎓 badge.png": (bake_png(png(), _badge(16)), None),
        "copy of good.png": (bake_png(png(), _badge(1)), None),
    }
    for name, (data, _code) in files.items():
        (folder / name).write_bytes(data)
    _sparse(folder / "hundred-mb.png", HUNDRED_MB)
    (folder / "loop.png").symlink_to("loop.png")
    (folder / "back-to-top").symlink_to(folder)
    expected = {name: code for name, (_data, code) in files.items()}
    return expected | {"hundred-mb.png": "E-TOO-LARGE", "loop.png": "W-SYMLINK-LOOP"}
