"""Read one badge file: size check, extraction and normalisation, as one value."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from portfolio_builder.diagnostics import Diagnostic, error
from portfolio_builder.extract import extract
from portfolio_builder.model import DEFAULT_MAX_BYTES, Badge, RawPayload, SourceFile
from portfolio_builder.normalize import normalize
from portfolio_builder.pickling import fields_pickled

__all__ = ["DEFAULT_MAX_BYTES", "ReadResult", "read_badge", "read_bytes"]

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows only


@fields_pickled
@dataclass(frozen=True, slots=True)
class ReadResult:
    source: SourceFile
    payload: RawPayload | None
    badge: Badge | None
    diagnostics: tuple[Diagnostic, ...]
    sha256: str | None = None  # of the bytes read, when the stage cache vouches for it


def _too_large(source: SourceFile, size: int, max_bytes: int) -> Diagnostic:
    return error(
        "E-TOO-LARGE",
        f"file is {size:,} bytes, over the {max_bytes:,}-byte limit",
        source.display,
        "raise --max-file-size if this is really a badge",
    )


def read_bytes(source: SourceFile, max_bytes: int) -> bytes | Diagnostic:
    """The file's bytes; only regular files within the size limit are read.

    One stat, open and read, without a buffered file object: a badge is read whole.
    """
    try:
        info = source.path.stat()  # before opening: opening a FIFO would block
        if not stat.S_ISREG(info.st_mode):
            return error("E-READ", "not a regular file", source.display)
        if info.st_size > max_bytes:
            return _too_large(source, info.st_size, max_bytes)
        fd = os.open(source.path, _READ_FLAGS)
        try:
            data = os.read(fd, info.st_size + 1)
            while len(data) < info.st_size:  # a short read, as some network file systems give
                more = os.read(fd, info.st_size + 1 - len(data))
                if not more:
                    break
                data += more
        finally:
            os.close(fd)
    except OSError as exc:
        return error("E-READ", f"cannot read the file: {exc.strerror or exc}", source.display)
    if len(data) > info.st_size:
        return error("E-READ", "the file changed while it was being read", source.display)
    return data


def read_badge(source: SourceFile, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Everything known about one file without touching the network."""
    data = read_bytes(source, max_bytes)
    if isinstance(data, Diagnostic):
        return ReadResult(source, None, None, (data,))
    payload, notes = extract(source, data)
    if payload is None:
        return ReadResult(source, None, None, tuple(notes))
    try:
        badge, more = normalize(payload)
    except Exception as exc:  # a bug must not abort the run: report it on this file
        more = [
            error(
                "E-INTERNAL",
                f"normalisation failed unexpectedly: {exc!r}",
                source.display,
                "please report this with the file",
            )
        ]
        badge = None
    return ReadResult(source, payload, badge, (*notes, *more))
