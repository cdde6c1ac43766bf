"""The generated images: a badge image keeps its pixels and loses its baked data; the card
shows the badge; the QR code scans."""

from __future__ import annotations

import hashlib
import io
import json
import zlib
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from portfolio_builder.badgefile import BadgeFile, Changed
from portfolio_builder.bake import bake_png, bake_png_chunk, png_chunk
from portfolio_builder.extract.png import PNG_SIGNATURE, iter_chunks
from portfolio_builder.images import (
    CARD_BADGE,
    CARD_SIZE,
    card,
    card_jpeg,
    image_png,
    pixels_only,
    rasterise,
)
from portfolio_builder.qr import qr_png

EMAIL = "ada@learner.example"
PAYLOAD = json.dumps({"type": "Assertion", "recipient": {"identity": EMAIL, "hashed": False}})


def picture_png(mode: str, size: tuple[int, int] = (400, 400)) -> bytes:
    image = Image.new("RGBA", size, (250, 250, 250, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, size[0] - 10, size[1] - 10), fill=(200, 40, 60, 255))
    draw.rectangle(
        (size[0] // 3, size[1] // 3, size[0] // 2, size[1] // 2), fill=(20, 90, 200, 128)
    )
    if mode == "P":
        converted = image.convert("RGB").quantize(16)
        converted.info["transparency"] = 0
    else:
        converted = image.convert(mode)
    out = io.BytesIO()
    converted.save(out, "PNG")
    return out.getvalue()


def baked(png: bytes) -> bytes:
    with_text = bake_png_chunk(png, b"tEXt", b"Comment\x00" + EMAIL.encode())
    with_exif = bake_png_chunk(with_text, b"eXIf", b"MM\x00*" + EMAIL.encode())
    return bake_png(with_exif, PAYLOAD, position="after_ihdr")


def decoded(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as img:
        return img.convert("RGBA")


@pytest.mark.parametrize("mode", ["RGBA", "RGB", "LA", "L", "P", "1", "I;16"])
def test_a_fitting_png_keeps_its_pixels_and_loses_everything_else(mode: str) -> None:
    source = baked(picture_png(mode))
    out = image_png(source, False, "Badge")
    kinds = [kind for kind, _ in iter_chunks(out, "out")]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    assert set(kinds) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    assert EMAIL.encode() not in out and b"openbadges" not in out
    assert ImageChops.difference(decoded(out), decoded(source)).getbbox() is None


def test_colour_chunks_are_kept() -> None:
    source = bake_png_chunk(baked(picture_png("RGB")), b"gAMA", (45455).to_bytes(4))
    kinds = [kind for kind, _ in iter_chunks(pixels_only(source) or b"", "out")]
    assert b"gAMA" in kinds


def _damaged_crc(png: bytes) -> bytes:
    at = png.index(b"IDAT") + 8
    return png[:at] + bytes([png[at] ^ 0xFF]) + png[at + 1 :]


def _garbage_pixels(png: bytes) -> bytes:
    chunks = iter_chunks(png, "x")
    rewritten = [png_chunk(k, b"\x00garbage" if k == b"IDAT" else bytes(b)) for k, b in chunks]
    return b"".join([PNG_SIGNATURE, *rewritten])


def _unknown_critical(png: bytes) -> bytes:
    return bake_png_chunk(png, b"ABCD", b"?")


@pytest.mark.parametrize(
    "damage",
    [
        lambda png: png[: len(png) // 2],
        lambda png: b"GIF89a" + png[6:],
        _damaged_crc,
        _garbage_pixels,
        _unknown_critical,
    ],
    ids=["cut-short", "not-png", "bad-crc", "garbage-pixels", "unknown-critical-chunk"],
)
def test_a_damaged_png_is_not_passed_on(damage: object) -> None:
    source = damage(baked(picture_png("RGBA")))  # type: ignore[operator]
    assert pixels_only(source) is None
    out = image_png(source, False, "Badge")  # decoded, or a placeholder: never the bytes
    assert EMAIL.encode() not in out
    assert decoded(out).size[0] <= 512


def test_a_larger_png_is_shrunk_and_re_encoded() -> None:
    source = baked(picture_png("RGBA", (800, 600)))
    assert pixels_only(source) is None
    out = image_png(source, False, "Badge")
    assert decoded(out).size == (512, 384)
    assert EMAIL.encode() not in out and b"iTXt" not in out


def _badge_box(card: Image.Image) -> Image.Image:
    left, top = 90, 115
    return card.crop((left, top, left + CARD_BADGE, top + CARD_BADGE))


def test_the_card_shows_the_badge_at_its_size() -> None:
    source = baked(picture_png("RGBA"))
    card = decoded(card_jpeg(source, False, ("Badge name", "Issued by X", "Site")))
    assert card.size == CARD_SIZE
    shown = _badge_box(card).convert("RGB")
    # The badge on the background it was pasted on: near it, allowing for JPEG.
    backdrop = Image.new("RGBA", (CARD_BADGE, CARD_BADGE), (247, 247, 250, 255))
    expected = Image.alpha_composite(backdrop, decoded(source)).convert("RGB")
    assert max(ImageStat.Stat(ImageChops.difference(shown, expected)).mean) < 3


@pytest.mark.parametrize("size", [(120, 120), (512, 512), (300, 400)])
def test_the_card_fits_other_sizes_into_the_badge_box(size: tuple[int, int]) -> None:
    source = picture_png("RGBA", size)
    card = decoded(card_jpeg(source, False, ("Badge name", "Issued by X", "Site")))
    box = _badge_box(card).convert("L").point(lambda v: 255 if v < 200 else 0)
    left, top, right, bottom = box.getbbox() or (0, 0, 0, 0)
    drawn = CARD_BADGE * (max(size) - 20) / max(size)  # its disc leaves a 10-pixel margin
    assert abs(max(right - left, bottom - top) - drawn) < 6  # the badge fills its box


def test_an_svg_is_drawn_for_the_card_and_the_image() -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        b'<circle cx="5" cy="5" r="5" fill="#c03"/></svg>'
    )
    assert decoded(image_png(svg, True, "Badge")).size == (512, 512)
    picture = rasterise(svg, True, CARD_BADGE)
    assert picture is not None and picture.size == (CARD_BADGE, CARD_BADGE)
    card = decoded(card_jpeg(svg, True, ("Badge", "", "Site")))
    assert _badge_box(card).getpixel((CARD_BADGE // 2, CARD_BADGE // 2))[0] > 150


@pytest.mark.parametrize("length", [20, 80, 300, 1200])
def test_qr_codes_scan_to_their_url(length: int) -> None:
    url = "https://learner.example/badges/" + "x" * (length - 31)
    with Image.open(io.BytesIO(qr_png(url))) as img:
        assert img.mode == "1"
        found = zxingcpp.read_barcodes(img)
    assert [r.text for r in found] == [url]


def test_the_pixel_stream_is_kept_as_compressed() -> None:
    source = baked(picture_png("RGB"))
    stream = b"".join(bytes(b) for k, b in iter_chunks(source, "x") if k == b"IDAT")
    out = pixels_only(source) or b""
    assert b"".join(bytes(b) for k, b in iter_chunks(out, "x") if k == b"IDAT") == stream
    assert zlib.decompress(stream)


def _drawn_card(title: str, subtitle: str) -> Image.Image:
    """A card drawn the plain way: each line with ``ImageDraw.text``, as the card lays it out."""
    expected = Image.new("RGB", CARD_SIZE, (247, 247, 250))
    draw = ImageDraw.Draw(expected)
    draw.rectangle((0, 0, 24, CARD_SIZE[1]), fill=(36, 76, 140))
    font = ImageFont.load_default
    draw.text((560, 540), "Site", font=font(28), fill=(90, 90, 110))
    draw.text((560, 130), title, font=font(56), fill=(20, 20, 30))
    draw.text((560, 218), subtitle, font=font(34), fill=(60, 60, 80))
    return expected


@pytest.mark.parametrize(
    ("title", "subtitle"),
    [("Rust", "Issued by Example University"), ("Ünïcödé ½", "Issued by 日本語 Ωmega")],
)
def test_the_card_writes_its_lines_as_text_is_drawn(title: str, subtitle: str) -> None:
    empty = Image.new("RGBA", (CARD_BADGE, CARD_BADGE))
    for _ in range(2):  # the second time, from the lines kept from the first
        shown = card(empty, title, subtitle, "Site")
        assert ImageChops.difference(shown, _drawn_card(title, subtitle)).getbbox() is None


def test_a_word_longer_than_the_card_is_cut_at_its_edge() -> None:
    shown = card(Image.new("RGBA", (CARD_BADGE, CARD_BADGE)), "W" * 60, "", "Site")
    assert shown.size == CARD_SIZE
    assert shown.getpixel((CARD_SIZE[0] - 1, 150)) != (247, 247, 250)  # it reaches the edge


def test_a_badge_file_is_read_when_drawn_and_one_gone_meanwhile_is_a_placeholder(
    tmp_path: Path,
) -> None:
    path = tmp_path / "badge.png"
    path.write_bytes(baked(picture_png("RGBA")))
    source = BadgeFile(path, hashlib.sha256(path.read_bytes()).hexdigest())
    made = image_png(source, False, "Badge")
    assert made == image_png(path.read_bytes(), False, "Badge")
    assert not isinstance(made, Changed)
    path.unlink()
    gone = image_png(source, False, "Badge")
    assert isinstance(gone, Changed)  # never kept under the name of the bytes it lacks
    assert decoded(gone).size == (512, 512)
