"""Baking: put a badge payload into a PNG or SVG image, or take it out again.

Used to make the demo portfolio and test fixtures, and to publish an image
without its baked data. PNG chunks are written with their CRCs; SVG payloads go
in the element body as CDATA (JSON) or in the ``verify`` attribute (URL or JWS).
"""

from __future__ import annotations

import struct
import zlib
from typing import Literal
from xml.sax.saxutils import quoteattr

from portfolio_builder.extract.png import BADGE_KEYWORDS, PNG_SIGNATURE, TEXT_CHUNKS, iter_chunks

Position = Literal["before_iend", "after_ihdr"]


def png_chunk(ctype: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data and CRC."""
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def itxt_data(keyword: str, text: str, compressed: bool = False) -> bytes:
    body = text.encode("utf-8")
    if compressed:
        body = zlib.compress(body)
    flag = b"\x01\x00" if compressed else b"\x00\x00"
    return keyword.encode("latin-1") + b"\x00" + flag + b"\x00\x00" + body


def _insert(png: bytes, chunk: bytes, position: Position) -> bytes:
    chunks = iter_chunks(png, "<image>")
    out = [PNG_SIGNATURE]
    for index, (ctype, body) in enumerate(chunks):
        if ctype == b"IEND" and position == "before_iend":
            out.append(chunk)
        out.append(png_chunk(ctype, bytes(body)))
        if index == 0 and position == "after_ihdr":
            out.append(chunk)
    return b"".join(out)


def bake_png(
    png: bytes,
    payload: str,
    keyword: str = "openbadges",
    position: Position = "before_iend",
    compressed: bool = False,
) -> bytes:
    """The PNG with an iTXt chunk holding ``payload`` (any old badge chunk removed)."""
    chunk = png_chunk(b"iTXt", itxt_data(keyword, payload, compressed))
    return _insert(strip_png(png), chunk, position)


def bake_png_chunk(
    png: bytes, ctype: bytes, data: bytes, position: Position = "before_iend"
) -> bytes:
    """The PNG with one raw chunk added: for legacy tEXt/zTXt layouts and broken files."""
    return _insert(png, png_chunk(ctype, data), position)


def strip_png(png: bytes) -> bytes:
    """The PNG without any Open Badges text chunk; every other chunk byte-identical."""
    out = [PNG_SIGNATURE]
    for ctype, body in iter_chunks(png, "<image>"):
        data = bytes(body)
        if ctype in TEXT_CHUNKS and data.partition(b"\x00")[0] in BADGE_KEYWORDS:
            continue
        out.append(png_chunk(ctype, data))
    return b"".join(out)


def bake_svg(
    svg: str, payload: str, element: str = "assertion", in_body: bool | None = None
) -> str:
    """The SVG with an ``<openbadges:ELEMENT>`` right after the root element's start tag.

    JSON goes in the body as CDATA; a URL or JWS goes in ``verify`` (override with in_body).
    """
    namespace = (
        "https://purl.imsglobal.org/ob/v3p0"
        if element == "credential"
        else ("http://openbadges.org")
    )
    body = payload.lstrip().startswith("{") if in_body is None else in_body
    if body:
        tag = f"<openbadges:{element}><![CDATA[{payload}]]></openbadges:{element}>"
    else:
        tag = f"<openbadges:{element} verify={quoteattr(payload)}/>"
    start = svg.index("<svg")
    end = svg.index(">", start)
    head = svg[start:end]
    if "xmlns:openbadges" not in head:
        head += f' xmlns:openbadges="{namespace}"'
    return svg[:start] + head + ">" + tag + svg[end + 1 :]
