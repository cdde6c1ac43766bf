"""Unbake SVG files: ``<openbadges:assertion>`` (OB 0.5-2.0) and ``<openbadges:credential>`` (3.0).

Parsed with defusedxml: entity declarations and external references are refused,
so an XML bomb or an external-entity file yields a diagnostic and never a fetch.
A plain ``<!DOCTYPE svg PUBLIC ...>`` line, which drawing tools write, is allowed:
it declares nothing and is never fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

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


class _Found(Exception):
    """Raised by the parse target at the end of the badge element, to stop parsing there."""


class _BadgeTarget:
    """A parse target that keeps only the first badge element: its name, attributes and text."""

    def __init__(self) -> None:
        self.local: str | None = None
        self.attrs: dict[str, str] = {}
        self.parts: list[str] = []
        self.depth = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if self.local is not None:
            self.depth += 1
            return
        namespace, local = _split_tag(tag)
        if local in BADGE_ELEMENTS and _is_badge_namespace(namespace):
            self.local, self.attrs, self.depth = local, attrs, 1

    def end(self, tag: str) -> None:
        if self.local is not None:
            self.depth -= 1
            if self.depth == 0:
                raise _Found

    def data(self, text: str) -> None:
        if self.depth == 1:
            self.parts.append(text)

    def close(self) -> None:
        return None


def _parse(data: bytes, path: str) -> _BadgeTarget:
    target = _BadgeTarget()
    parser = DefusedXMLParser(
        target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        parser.close()
    except _Found:
        pass
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
    return target


def find_badge_text(data: bytes, path: str) -> tuple[SvgText | None, list[Diagnostic]]:
    """The first badge element's payload: its body (CDATA) or else its ``verify`` attribute.

    Parsing stops at the end of that element: the rest of the drawing is not needed.
    """
    found = _parse(data, path)
    if found.local is None:
        return None, []
    body = "".join(found.parts)  # kept as found; the payload reader trims it
    text = body if body.strip() else found.attrs.get("verify", "")
    return SvgText(f"svg:{found.local}", text), []
