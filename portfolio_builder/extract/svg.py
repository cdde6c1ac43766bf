"""Unbake SVG files: ``<openbadges:assertion>`` (OB 0.5-2.0) and ``<openbadges:credential>`` (3.0).

Parsed with defusedxml: entity declarations and external references are refused,
so an XML bomb or an external-entity file yields a diagnostic and never a fetch.
A plain ``<!DOCTYPE svg PUBLIC ...>`` line, which drawing tools write, is allowed:
it declares nothing and is never fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from portfolio_builder.diagnostics import Diagnostic, error, warning

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


def _parse(data: bytes, path: str) -> Element:
    try:
        root: Element = fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
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
    return root


def find_badge_text(data: bytes, path: str) -> tuple[SvgText | None, list[Diagnostic]]:
    """The first badge element's payload: its body (CDATA) or else its ``verify`` attribute."""
    notes: list[Diagnostic] = []
    found: SvgText | None = None
    for element in _parse(data, path).iter():
        namespace, local = _split_tag(str(element.tag))
        if local not in BADGE_ELEMENTS or not _is_badge_namespace(namespace):
            continue
        if found is not None:
            notes.append(
                warning(
                    "W-SVG-DUPLICATE", "more than one badge element; the first one was used", path
                )
            )
            break
        body = (element.text or "").strip()
        text = body if body else element.get("verify", "").strip()
        found = SvgText(f"svg:{local}", text)
    return found, notes
