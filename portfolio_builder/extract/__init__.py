"""Extraction ("unbaking"): a registry of extractors by file format."""

from __future__ import annotations

from collections.abc import Callable

from portfolio_builder.diagnostics import Diagnostic, error
from portfolio_builder.extract import png, svg
from portfolio_builder.extract.payload import classify
from portfolio_builder.model import FileFormat, RawPayload, SourceFile

Extracted = tuple[RawPayload | None, list[Diagnostic]]
Extractor = Callable[[SourceFile, bytes], Extracted]


def _no_badge(source: SourceFile, what: str) -> Extracted:
    return None, [
        error(
            "E-NO-BADGE",
            f"{what} holds no Open Badges data",
            source.display,
            "download the badge again from the issuer's 'download/bake' option",
        )
    ]


def _from_png(source: SourceFile, data: bytes) -> Extracted:
    try:
        found, notes = png.find_badge_text(data, source.display)
    except png.PngError as exc:
        return None, [exc.diagnostic]
    if found is None:
        return _no_badge(source, "this PNG image")
    result = classify(source, found.text, found.container)
    return _result(result, notes)


def _from_svg(source: SourceFile, data: bytes) -> Extracted:
    try:
        found, notes = svg.find_badge_text(data, source.display)
    except svg.SvgError as exc:
        return None, [exc.diagnostic]
    if found is None:
        return _no_badge(source, "this SVG image")
    result = classify(source, found.text.encode("utf-8"), found.container)
    return _result(result, notes)


def _from_file(source: SourceFile, data: bytes) -> Extracted:
    return _result(classify(source, data, "file"), [])


def _result(result: RawPayload | Diagnostic, notes: list[Diagnostic]) -> Extracted:
    if isinstance(result, Diagnostic):
        return None, [*notes, result]
    return result, notes


EXTRACTORS: dict[FileFormat, Extractor] = {
    FileFormat.PNG: _from_png,
    FileFormat.SVG: _from_svg,
    FileFormat.JSON: _from_file,
    FileFormat.JWT: _from_file,
}


def extract(source: SourceFile, data: bytes) -> Extracted:
    """The payload baked into (or held by) one file, with any diagnostics."""
    try:
        return EXTRACTORS[source.format](source, data)
    except Exception as exc:  # a bug must not abort the run: report it on this file
        return None, [
            error(
                "E-INTERNAL",
                f"extraction failed unexpectedly: {exc!r}",
                source.display,
                "please report this with the file",
            )
        ]
