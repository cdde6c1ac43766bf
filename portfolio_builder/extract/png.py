"""Unbake PNG files: a small chunk reader over the file's bytes.

Pixels are never decoded. Every chunk's CRC is checked (with ISA-L's CRC-32, several
times faster than zlib's, as it is the main cost beside reading the file); the badge
chunk may sit anywhere before IEND. Compressed text is inflated with a hard output limit so a
compression bomb cannot exhaust memory.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from isal.isal_zlib import crc32

from portfolio_builder.diagnostics import Diagnostic, error, info, warning

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BADGE_KEYWORDS = (b"openbadges", b"openbadgecredential")
TEXT_CHUNKS = (b"iTXt", b"tEXt", b"zTXt")
MAX_TEXT_BYTES = 16 * 1024 * 1024
_MOODLE_PREFIX = b"'json'\x00''\x00"
_MOODLE_OPEN = b"'assertionUrl': '"
_MOODLE_CLOSE = b"'}\""


@dataclass(frozen=True, slots=True)
class PngText:
    """The badge text found in a PNG: the chunk it came from and its bytes."""

    container: str
    text: bytes


class PngError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _truncated(path: str, where: str) -> PngError:
    return PngError(
        error("E-PNG-TRUNCATED", f"PNG is cut short {where}", path, "download the badge again")
    )


_HEAD = struct.Struct(">I4s").unpack_from
_CRC = struct.Struct(">I").unpack_from


def _signature_checked(data: bytes, path: str) -> None:
    if not data.startswith(PNG_SIGNATURE):
        raise PngError(
            error(
                "E-PNG-SIGNATURE",
                "not a PNG image (wrong signature)",
                path,
                "the file may be another format renamed to .png",
            )
        )


def _bad_crc(path: str, ctype: bytes, pos: int) -> PngError:
    return PngError(
        error(
            "E-PNG-CRC",
            f"PNG chunk {ctype.decode('latin-1')} at byte {pos} has a bad CRC",
            path,
            "the file is corrupt; download the badge again",
        )
    )


def _walk(data: bytes, path: str) -> Iterator[tuple[bytes, int, int]]:
    """Every chunk up to IEND as (type, start of data, end of data), its CRC checked."""
    _signature_checked(data, path)
    view, size, pos = memoryview(data), len(data), len(PNG_SIGNATURE)
    while True:
        if pos + 8 > size:
            raise _truncated(path, f"at byte {pos}")
        length, ctype = _HEAD(data, pos)
        end = pos + 8 + length
        if end + 4 > size:
            raise _truncated(path, f"in chunk {ctype.decode('latin-1')} at byte {pos}")
        if crc32(view[pos + 4 : end]) != _CRC(data, end)[0]:
            raise _bad_crc(path, ctype, pos)
        yield ctype, pos + 8, end
        if ctype == b"IEND":
            return
        pos = end + 4
        if pos == size:
            raise _truncated(path, "before its IEND chunk")


def iter_chunks(data: bytes, path: str) -> list[tuple[bytes, memoryview]]:
    """Every chunk up to IEND as (type, data), CRCs checked; raises PngError on damage."""
    view = memoryview(data)
    return [(ctype, view[start:end]) for ctype, start, end in _walk(data, path)]


def _inflate(data: bytes | memoryview, path: str) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, MAX_TEXT_BYTES + 1)
    except zlib.error as exc:
        raise PngError(
            error("E-PNG-TEXT", f"compressed badge text is corrupt: {exc}", path)
        ) from exc
    if len(out) > MAX_TEXT_BYTES or inflater.unconsumed_tail:
        raise PngError(
            error(
                "E-PNG-TEXT",
                "compressed badge text inflates past 16 MB",
                path,
                "refused as a possible compression bomb",
            )
        )
    return out


def _moodle_legacy(rest: bytes) -> bytes | None:
    """The old Moodle iTXt layout: flag byte ``'`` and a quoted pseudo-JSON wrapper."""
    if not rest.startswith(_MOODLE_PREFIX):
        return None
    text = rest[len(_MOODLE_PREFIX) :]
    start = text.find(_MOODLE_OPEN)
    if start < 0 or not text.endswith(_MOODLE_CLOSE):
        return None
    return text[start + len(_MOODLE_OPEN) : -len(_MOODLE_CLOSE)]


def _itxt(rest: bytes, path: str, notes: list[Diagnostic]) -> bytes:
    legacy = _moodle_legacy(rest)
    if legacy is not None:
        notes.append(
            info(
                "I-MOODLE-LEGACY-ITXT",
                "old Moodle iTXt layout recognised; inner value extracted",
                path,
            )
        )
        return legacy
    if len(rest) < 2:
        raise PngError(error("E-PNG-TEXT", "iTXt chunk too short", path))
    flag, method = rest[0], rest[1]
    parts = rest[2:].split(b"\x00", 2)
    if len(parts) != 3:
        raise PngError(
            error("E-PNG-TEXT", "iTXt chunk lacks its language and keyword fields", path)
        )
    text = parts[2]
    if flag == 1:
        if method != 0:
            raise PngError(error("E-PNG-TEXT", f"iTXt compression method {method} unknown", path))
        return _inflate(text, path)
    if flag != 0:
        raise PngError(error("E-PNG-TEXT", f"iTXt compression flag {flag} is invalid", path))
    return text


def _decode_text_chunk(ctype: bytes, rest: bytes, path: str, notes: list[Diagnostic]) -> bytes:
    if ctype == b"iTXt":
        return _itxt(rest, path, notes)
    if ctype == b"zTXt":
        if not rest or rest[0] != 0:
            raise PngError(error("E-PNG-TEXT", "zTXt compression method unknown", path))
        return _inflate(rest[1:], path)
    return rest


def find_badge_text(data: bytes, path: str) -> tuple[PngText | None, list[Diagnostic]]:
    """The first badge text chunk of a PNG, or None. Raises PngError on a damaged file."""
    notes: list[Diagnostic] = []
    found: PngText | None = None
    for ctype, start, end in _walk(data, path):
        if ctype not in TEXT_CHUNKS:
            continue
        keyword, sep, rest = data[start:end].partition(b"\x00")
        if not sep or keyword not in BADGE_KEYWORDS:
            continue
        if found is not None:
            notes.append(
                warning(
                    "W-PNG-DUPLICATE", "more than one badge chunk; the first one was used", path
                )
            )
            break
        text = _decode_text_chunk(ctype, rest, path, notes)
        found = PngText(f"{ctype.decode()}:{keyword.decode()}", text)
    return found, notes
