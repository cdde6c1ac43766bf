"""Pillow work: the displayed badge image, the 1200x630 JPEG preview card and the avatar.

Nothing here runs during rendering: ``Asset`` values carry a content-hashed path
and a function that makes the bytes, which ``write`` calls only when that file is
missing. A badge's picture is keyed by its file's SHA-256 and read only when drawn
(see ``badgefile``). SVG is always rasterised (an SVG can carry script), never served
as is. A PNG that already fits is rewritten with only its pixel chunks (see
``pixels_only``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import math
import re
import struct
import zlib
from urllib.parse import unquote_to_bytes

import resvg_py
from PIL import Image, ImageDraw, ImageFont, ImageOps

from portfolio_builder.badgefile import Changed, ImageSource, load, source_digest
from portfolio_builder.bake import png_chunk
from portfolio_builder.extract.png import PNG_SIGNATURE, PngError, iter_chunks
from portfolio_builder.sitemodel import Asset
from portfolio_builder.svgsafe import sanitise_svg

CARD_SIZE = (1200, 630)
IMAGE_SIZE = 512
CARD_BADGE = 400  # the badge's box on the card: a 400x400 badge, the usual size, is not resized
_VERSION = b"img-4"
_DATA_URI = re.compile(r"^data:(image/[a-z0-9.+-]+)?(;base64)?,(.*)$", re.IGNORECASE | re.DOTALL)
# 5000 x 5000 is far beyond any badge or avatar. A file of a few KB can declare a gigabyte
# of pixels, and Pillow decodes up to twice its own limit with only a warning: any image
# over this one is refused before a pixel is decoded (a placeholder is shown instead).
MAX_PIXELS = 25_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# The chunks that make a PNG's picture: pixels, palette, transparency and how to show the
# colours. Everything else (text, where a badge is baked, often with the recipient's email;
# EXIF; times; animation) is left out.
_PIXEL_CHUNKS = frozenset(
    (b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"cHRM", b"gAMA", b"iCCP", b"sRGB", b"cICP")
)
Colour = tuple[int, int, int]
_BIT_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256(_VERSION)
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\x00")
    return h.hexdigest()[:10]


def decode_data_uri(url: str) -> tuple[bytes, bool] | None:
    """(bytes, is_svg) of an image ``data:`` URI, or None."""
    match = _DATA_URI.match(url.strip())
    if not match:
        return None
    mime, is_b64, body = match.groups()
    try:
        data = base64.b64decode(body, validate=False) if is_b64 else unquote_to_bytes(body)
    except ValueError:
        return None
    return data, "svg" in (mime or "").lower() or data.lstrip().startswith((b"<svg", b"<?xml"))


def _fits(header: bytes, size: int) -> bool:
    """Whether an IHDR chunk's data describes a PNG of at most ``size`` pixels square."""
    if len(header) != 13:
        return False
    width, height, depth, colour, method, filtering, interlace = struct.unpack(">IIBBBBB", header)
    return (
        0 < width <= size
        and 0 < height <= size
        and depth in _BIT_DEPTHS.get(colour, ())
        and (method, filtering) == (0, 0)
        and interlace in (0, 1)
    )


def pixels_only(data: bytes, size: int = IMAGE_SIZE) -> bytes | None:
    """A PNG of at most ``size`` pixels square, rewritten with only the chunks that make its
    picture (``_PIXEL_CHUNKS``), in their order; None if it is not one, or is damaged (a
    bad checksum, a chunk cut short, an unknown critical chunk). The pixels are those of
    the original, still compressed: re-encoding them costs 100 times as much."""
    try:
        chunks = iter_chunks(data, "<image>")
    except PngError:
        return None
    kinds = [kind for kind, _ in chunks if kind in _PIXEL_CHUNKS]
    if chunks[0][0] != b"IHDR" or not _fits(bytes(chunks[0][1]), size):
        return None
    if any(kind[0] & 0x20 == 0 for kind, _ in chunks if kind not in _PIXEL_CHUNKS):
        return None  # a critical chunk this code does not know: the picture may need it
    if b"IDAT" not in kinds or (chunks[0][1][9] == 3 and b"PLTE" not in kinds):
        return None
    first, count = kinds.index(b"IDAT"), kinds.count(b"IDAT")
    if kinds[first : first + count] != [b"IDAT"] * count:
        return None  # the pixel data must be one run of IDAT chunks
    try:  # the pixel data starts as a zlib stream should (its first bytes inflate)
        zlib.decompressobj().decompress(next(b for k, b in chunks if k == b"IDAT"), 256)
    except zlib.error:
        return None
    kept = (png_chunk(kind, bytes(body)) for kind, body in chunks if kind in _PIXEL_CHUNKS)
    return b"".join([PNG_SIGNATURE, *kept])


@functools.lru_cache(maxsize=8)
def rasterise(data: bytes, is_svg: bool, size: int = IMAGE_SIZE) -> Image.Image | None:
    """The image as RGBA, shrunk (never enlarged) to fit ``size`` pixels square; SVG is
    drawn at that size. None if it cannot be read. Cached: one process may make several
    files from one picture (an SVG badge's image and its download)."""
    try:
        if is_svg:
            svg = sanitise_svg(data)
            if svg is None:
                return None
            data = bytes(resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size))
        with Image.open(io.BytesIO(data)) as img:  # reads the header only
            if img.width * img.height > MAX_PIXELS:
                return None
            img.draft("RGBA", (size, size))
            img.load()
            picture = img if img.mode == "RGBA" else img.convert("RGBA")  # no copy if RGBA
        picture.thumbnail((size, size))
        return picture
    except Exception:  # any unreadable image becomes a placeholder, never a crash
        return None


@functools.lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def placeholder(name: str, size: int = IMAGE_SIZE) -> Image.Image:
    """A plain disc with the badge's initials, for badges without a usable image."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    hue = int(hashlib.sha256(name.encode()).hexdigest()[:2], 16)
    draw.ellipse((8, 8, size - 8, size - 8), fill=(40 + hue // 3, 70, 140 - hue // 4, 255))
    initials = "".join(w[0] for w in name.split()[:2]).upper() or "?"
    draw.text((size / 2, size / 2), initials, font=_font(size // 3), fill="white", anchor="mm")
    return img


def png_bytes(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, format="PNG", compress_level=4)
    return out.getvalue()


def jpeg_bytes(img: Image.Image) -> bytes:
    out = io.BytesIO()
    rgb = img if img.mode == "RGB" else img.convert("RGB")
    rgb.save(out, format="JPEG", quality=88, optimize=False)
    return out.getvalue()


def _wrap(text: str, size: int, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and _length(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines[:3] + (["…"] if len(lines) > 3 else [])


@functools.lru_cache(maxsize=1024)
def _length(text: str, size: int) -> float:
    return _font(size).getlength(text)


@functools.lru_cache(maxsize=4)
def _card_base(footer: str) -> Image.Image:
    """What every card of a site shares: the background, the stripe and the footer."""
    img = Image.new("RGB", CARD_SIZE, (247, 247, 250))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 24, CARD_SIZE[1]), fill=(36, 76, 140))
    draw.text((560, 540), footer[:60], font=_font(28), fill=(90, 90, 110))
    return img


def card(picture: Image.Image, title: str, subtitle: str, footer: str) -> Image.Image:
    """The 1200x630 social preview: badge on the left, its name and issuer on the right."""
    img = _card_base(footer).copy()
    box = (CARD_BADGE, CARD_BADGE)
    fitted = max(picture.size) == CARD_BADGE  # as ``picture`` draws it for the card
    badge = picture if fitted else ImageOps.contain(picture, box, Image.Resampling.BILINEAR)
    offset = (90 + (CARD_BADGE - badge.width) // 2, 115 + (CARD_BADGE - badge.height) // 2)
    img.paste(badge, offset, badge)
    y = 130
    for line in _wrap(title, 56, 580):
        _write(img, (560, y), line, 56, (20, 20, 30))
        y += 68
    for line in _wrap(subtitle, 34, 580)[:2]:
        _write(img, (560, y + 20), line, 34, (60, 60, 80))
        y += 44
    return img


def _write(img: Image.Image, xy: tuple[int, int], line: str, size: int, ink: Colour) -> None:
    """``line`` in ``ink`` at ``xy``, as ``ImageDraw.text`` draws it."""
    (left, top), shape = _lettering(line, size)
    img.paste(ink, (xy[0] + left, xy[1] + top), shape)


@functools.lru_cache(maxsize=128)
def _lettering(line: str, size: int) -> tuple[tuple[int, int], Image.Image]:
    """A line of text as a mask, and where it starts from the point it is written at.
    Cached: the issuer's line, and often words of the name, recur on a site's cards, and
    drawing the letters costs more than laying the mask on the card."""
    font = _font(size)
    box = font.getbbox(line)
    left, top, right, bottom = (math.floor(box[0]), math.floor(box[1]), *map(math.ceil, box[2:]))
    width = min(max(right - left, 1), CARD_SIZE[0])  # past that, off any card: kept small
    shape = Image.new("L", (width, max(bottom - top, 1)), 0)
    ImageDraw.Draw(shape).text((-left, -top), line, font=font, fill=255)
    return (left, top), shape


def image_png(source: ImageSource, is_svg: bool, name: str) -> bytes:
    data, changed = load(source)
    fitting = pixels_only(data) if data and not is_svg else None
    made = fitting or png_bytes(picture(data, is_svg, name))
    return Changed(made) if changed else made


def card_jpeg(source: ImageSource, is_svg: bool, lines: tuple[str, str, str]) -> bytes:
    data, changed = load(source)
    made = jpeg_bytes(card(picture(data, is_svg, lines[0], CARD_BADGE), *lines))
    return Changed(made) if changed else made


def picture(source: bytes | None, is_svg: bool, name: str, size: int = IMAGE_SIZE) -> Image.Image:
    found = rasterise(source, is_svg, size) if source else None
    return found if found is not None else placeholder(name, size)


# The makers are partials of module functions, so they can run in another process; they
# hold a badge file's path, never its bytes (see ``badgefile``).
def image_asset(folder: str, source: ImageSource, is_svg: bool, name: str) -> Asset:
    key = digest(source_digest(source), str(is_svg), name)
    return Asset(f"{folder}image.{key}.png", functools.partial(image_png, source, is_svg, name))


def card_asset(
    folder: str, source: ImageSource, is_svg: bool, lines: tuple[str, str, str]
) -> Asset:
    key = digest(source_digest(source), str(is_svg), *lines)
    return Asset(f"{folder}card.{key}.jpg", functools.partial(card_jpeg, source, is_svg, lines))


def avatar_asset(source: bytes, is_svg: bool) -> Asset:
    make = functools.partial(image_png, source, is_svg, "?")
    return Asset(f"static/avatar.{digest(source, str(is_svg))}.png", make)
