"""A badge file's picture, named by the SHA-256 of its bytes and read only when drawn.

A build knows each badge file's SHA-256 (the stage cache keeps it), so the files made
from its picture (the badge image, the preview card, the download) are keyed by that
digest and their makers hold the file's path, not its bytes: an unchanged badge is
never read again, and no build holds every badge's bytes at once.

A file rewritten between being read and being drawn no longer holds the bytes its
outputs are named after. What is made from it then is ``Changed``: right for the bytes
that were drawn, shown by this build, but never kept for a later one (see
``cache.AssetMaker``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from portfolio_builder.diagnostics import Diagnostic
from portfolio_builder.model import DEFAULT_MAX_BYTES, FileFormat, SourceFile
from portfolio_builder.reading import read_bytes


class Changed(bytes):
    """Bytes made from a file that no longer held the bytes they are keyed by."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class BadgeFile:
    """A badge file on disk, and the SHA-256 its outputs are keyed by."""

    path: Path
    sha256: str

    def load(self) -> tuple[bytes | None, bool]:
        """The file's bytes (None if it can no longer be read) and whether they are still
        the ones of ``sha256``."""
        found = _read(self.path)
        return found, found is not None and hashlib.sha256(found).hexdigest() == self.sha256


def _read(path: Path) -> bytes | None:
    """The file's bytes, read as the build reads a badge (a regular file within the size
    limit, or nothing)."""
    found = read_bytes(SourceFile(path, str(path), FileFormat.PNG), DEFAULT_MAX_BYTES)
    return None if isinstance(found, Diagnostic) else found


def badge_file(path: Path, sha256: str | None) -> BadgeFile | None:
    """``path`` keyed by ``sha256``; when that is not known, by the digest of the bytes
    it holds now (None if it cannot be read)."""
    if sha256 is None:
        found = _read(path)
        if found is None:
            return None
        sha256 = hashlib.sha256(found).hexdigest()
    return BadgeFile(path, sha256)


ImageSource = bytes | BadgeFile | None
"""A picture's bytes (small ones, from a ``data:`` URI), its file, or nothing."""


def source_digest(source: ImageSource) -> str:
    """The SHA-256 of the picture's bytes, what its outputs are keyed by."""
    if isinstance(source, BadgeFile):
        return source.sha256
    return hashlib.sha256(source or b"").hexdigest()


def load(source: ImageSource) -> tuple[bytes | None, bool]:
    """The picture's bytes, and whether they changed since it was keyed."""
    if isinstance(source, BadgeFile):
        data, same = source.load()
        return data, not same
    return source, False
