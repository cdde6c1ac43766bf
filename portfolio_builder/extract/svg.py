"""Unbake SVG files: ``<openbadges:assertion>`` (OB 0.5-2.0) and ``<openbadges:credential>`` (3.0).

Parsed with defusedxml: entity declarations and external references are refused,
so an XML bomb or an external-entity file yields a diagnostic and never a fetch.
A plain ``<!DOCTYPE svg PUBLIC ...>`` line, which drawing tools write, is allowed:
it declares nothing and is never fetched.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from portfolio_builder.diagnostics import Diagnostic, error

BADGE_ELEMENTS = ("assertion", "credential")


@dataclass(frozen=True, slots=True)
class SvgText:
    container: str
    text: str


class SvgError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _split_tag(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _is_badge_namespace(namespace: str) -> bool:
    lowered = namespace.lower()
    return "openbadges" in lowered or "imsglobal.org/ob" in lowered


class _Trickle(io.BytesIO):
    """Hands the parser small pieces first, so that it can stop soon after the badge."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self._step = 1024

    def read(self, size: int | None = -1) -> bytes:
        self._step = min(self._step * 2, 1 << 20)
        return super().read(self._step)


def _elements(data: bytes, path: str) -> Iterator[Element]:
    """Each element as its end tag is parsed; the caller may stop early."""
    try:
        for _event, element in iterparse(
            _Trickle(data),
            events=("end",),
            forbid_dtd=False,
            forbid_entities=True,
            forbid_external=True,
        ):
            yield element
    except DefusedXmlException as exc:
        raise SvgError(
            error(
                "E-SVG-FORBIDDEN",
                f"SVG refused: {type(exc).__name__}",
                path,
                "entity declarations and external references are not allowed",
            )
        ) from exc
    except (ParseError, ValueError) as exc:
        raise SvgError(error("E-SVG-PARSE", f"SVG is not well-formed XML: {exc}", path)) from exc


def find_badge_text(data: bytes, path: str) -> tuple[SvgText | None, list[Diagnostic]]:
    """The first badge element's payload: its body (CDATA) or else its ``verify`` attribute.

    Parsing stops at the end of that element: the rest of the drawing is not needed.
    """
    for element in _elements(data, path):
        namespace, local = _split_tag(str(element.tag))
        if local in BADGE_ELEMENTS and _is_badge_namespace(namespace):
            body = (element.text or "").strip()
            text = body if body else element.get("verify", "").strip()
            return SvgText(f"svg:{local}", text), []
    return None, []
