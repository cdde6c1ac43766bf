"""PNG unbaking: where the chunk sits, its kinds and encodings, and damaged files."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from portfolio_builder.bake import Position, bake_png, bake_png_chunk, itxt_data, png_chunk
from tests.helpers import codes, dumps, ob2, ob3, png, read, sign


@pytest.mark.parametrize("position", ["after_ihdr", "before_iend"])
@pytest.mark.parametrize("compressed", [False, True])
def test_itxt_json_anywhere_compressed_or_not(
    tmp_path: Path, position: Position, compressed: bool
) -> None:
    baked = bake_png(png(), dumps(ob2()), position=position, compressed=compressed)
    result = read(tmp_path, "b.png", baked)
    assert result.badge is not None and codes(result) == []
    assert result.badge.name == "Team Player"
    assert result.payload is not None and result.payload.container == "iTXt:openbadges"


def test_ob3_jwt_under_openbadgecredential(tmp_path: Path) -> None:
    token = sign(ob3())
    result = read(tmp_path, "b.png", bake_png(png(), token, keyword="openbadgecredential"))
    assert result.payload is not None and result.payload.kind == "jws"
    assert result.payload.text == token
    assert result.badge is not None and str(result.badge.version) == "3.0"


def test_ob3_json_under_openbadges_keyword_is_ob3(tmp_path: Path) -> None:
    # Credly bakes OB 3.0 credentials under the old keyword: the payload decides.
    result = read(tmp_path, "b.png", bake_png(png(), dumps(ob3()), keyword="openbadges"))
    assert result.badge is not None and str(result.badge.version) == "3.0"
    assert result.badge.name == "Teamwork"


@pytest.mark.parametrize("ctype", [b"tEXt", b"zTXt"])
def test_legacy_text_chunks_hold_a_url(tmp_path: Path, ctype: bytes) -> None:
    url = b"https://issuer.example/assertion/7"
    body = url if ctype == b"tEXt" else b"\x00" + zlib.compress(url)
    result = read(tmp_path, "b.png", bake_png_chunk(png(), ctype, b"openbadges\x00" + body))
    assert result.payload is not None and result.payload.kind == "url"
    assert result.payload.text == url.decode()
    assert codes(result) == ["I-NEEDS-FETCH"]


def test_raw_payload_bytes_kept_exactly(tmp_path: Path) -> None:
    text = '{ "@context": "https://w3id.org/openbadges/v2",\n  "type": "Assertion" }  '
    result = read(tmp_path, "b.png", bake_png(png(), text))
    assert result.payload is not None and result.payload.raw == text.encode()


def test_bad_crc_is_reported(tmp_path: Path) -> None:
    baked = bytearray(bake_png(png(), dumps(ob2())))
    idat = baked.index(b"IDAT")
    baked[idat + 6] ^= 0xFF
    result = read(tmp_path, "corrupt.png", bytes(baked))
    assert result.badge is None and codes(result) == ["E-PNG-CRC"]
    assert "IDAT" in result.diagnostics[0].message
    assert result.diagnostics[0].path == "corrupt.png"


@pytest.mark.parametrize("cut", [10, 40, -12, -5])
def test_truncated_png(tmp_path: Path, cut: int) -> None:
    baked = bake_png(png(), dumps(ob2()))
    result = read(tmp_path, "cut.png", baked[:cut])
    assert result.badge is None and codes(result) == ["E-PNG-TRUNCATED"]


def test_duplicate_badge_chunks_first_wins(tmp_path: Path) -> None:
    first = bake_png(png(), dumps(ob2("First")), position="after_ihdr")
    both = bake_png_chunk(first, b"iTXt", itxt_data("openbadges", dumps(ob2("Second"))))
    result = read(tmp_path, "dup.png", both)
    assert result.badge is not None and result.badge.name == "First"
    assert codes(result) == ["W-PNG-DUPLICATE"]


def test_compressed_text_bomb_refused(tmp_path: Path) -> None:
    bomb = zlib.compress(b"{" + b" " * (17 * 1024 * 1024))
    assert len(bomb) < 100_000
    chunk = b"openbadges\x00\x01\x00\x00\x00" + bomb
    result = read(tmp_path, "bomb.png", bake_png_chunk(png(), b"iTXt", chunk))
    assert result.badge is None and codes(result) == ["E-PNG-TEXT"]
    assert "16 MB" in result.diagnostics[0].message


def test_corrupt_compressed_text(tmp_path: Path) -> None:
    chunk = b"openbadges\x00\x01\x00\x00\x00not zlib at all"
    result = read(tmp_path, "z.png", bake_png_chunk(png(), b"iTXt", chunk))
    assert codes(result) == ["E-PNG-TEXT"]


def test_itxt_with_invalid_flag(tmp_path: Path) -> None:
    chunk = b"openbadges\x00\x07\x00\x00\x00{}"
    result = read(tmp_path, "f.png", bake_png_chunk(png(), b"iTXt", chunk))
    assert codes(result) == ["E-PNG-TEXT"]


def test_non_png_named_png(tmp_path: Path) -> None:
    result = read(tmp_path, "photo.png", b"\xff\xd8\xff\xe0 this is a JPEG really")
    assert result.badge is None and codes(result) == ["E-PNG-SIGNATURE"]
    assert result.diagnostics[0].path == "photo.png"


def test_png_without_badge(tmp_path: Path) -> None:
    other = bake_png_chunk(png(), b"tEXt", b"Comment\x00made with a paint program")
    result = read(tmp_path, "plain.png", other)
    assert result.badge is None and codes(result) == ["E-NO-BADGE"]


def test_text_chunk_with_other_keyword_is_ignored(tmp_path: Path) -> None:
    baked = bake_png(png(), dumps(ob2()))
    extra = bake_png_chunk(baked, b"iTXt", itxt_data("openbadgesX", "junk"), "after_ihdr")
    result = read(tmp_path, "b.png", extra)
    assert result.badge is not None and codes(result) == []


def test_chunk_builder_writes_a_valid_crc() -> None:
    chunk = png_chunk(b"tEXt", b"a\x00b")
    assert zlib.crc32(chunk[4:-4]).to_bytes(4, "big") == chunk[-4:]
