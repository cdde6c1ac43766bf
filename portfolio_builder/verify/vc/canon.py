"""Canonical forms of a credential: RDFC-1.0 (URDNA2015, via pyld) and JCS (RFC 8785).

RDFC expansion uses only the contexts shipped with the package. Like the JSON-LD
"safe mode" of other verifiers, it refuses documents whose terms expansion would
silently drop or whose ``type`` values stay relative: a signature over such a
document does not sign what a reader sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import rfc8785

from portfolio_builder.model import JSONObject
from portfolio_builder.verify.vc.contexts import context_document


def pyld_jsonld() -> Any:
    """pyld's ``jsonld``, imported when a document is first expanded: importing it takes
    about 0.1 s (it brings in ``requests``), and most builds expand nothing."""
    from pyld import jsonld

    return jsonld


class CanonError(Exception):
    """The document cannot be canonicalised; ``missing_context`` names an unknown context."""

    def __init__(self, message: str, missing_context: str | None = None) -> None:
        super().__init__(message)
        self.missing_context = missing_context


class _ShippedLoader:
    """A pyld document loader that serves only shipped contexts and remembers misses."""

    def __init__(self) -> None:
        self.missing: list[str] = []

    def __call__(self, url: str, options: Any = None) -> JSONObject:
        document = context_document(url)
        if document is None:
            self.missing.append(url)
            raise pyld_jsonld().JsonLdError(
                f"context {url} is not shipped", "jsonld.LoadDocumentError", code="loading failed"
            )
        # "static" lets pyld keep the processed context for the whole process.
        return {"contextUrl": None, "documentUrl": url, "document": document, "tag": "static"}


def shipped_loader() -> _ShippedLoader:
    """A document loader for pyld that serves shipped contexts only (never the network)."""
    return _ShippedLoader()


def _relative_types(node: Any) -> Iterator[str]:
    if isinstance(node, list):
        for item in node:
            yield from _relative_types(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type" and "@value" not in node:
                for kind in value if isinstance(value, list) else [value]:
                    if isinstance(kind, str) and ":" not in kind:
                        yield kind
            elif key not in ("@value", "@id"):
                yield from _relative_types(value)


def expand_safely(document: JSONObject) -> tuple[list[Any], _ShippedLoader]:
    """Expand with shipped contexts only; raise CanonError on unknown contexts or unsafe terms."""
    loader = _ShippedLoader()
    dropped: list[str | None] = []
    jsonld = pyld_jsonld()
    try:
        expanded = jsonld.expand(
            document, {"documentLoader": loader, "base": None}, on_property_dropped=dropped.append
        )
    except jsonld.JsonLdError as exc:
        if loader.missing:
            missing = loader.missing[0]
            raise CanonError(f"the JSON-LD context {missing} is not known", missing) from exc
        raise CanonError(f"JSON-LD expansion failed: {exc.args[0]}") from exc
    except Exception as exc:  # pyld raises assorted errors on malformed input
        raise CanonError(f"JSON-LD expansion failed: {exc!r}") from exc
    if dropped:
        names = ", ".join(sorted({str(term) for term in dropped}))
        raise CanonError(f"terms not defined by the credential's contexts: {names}")
    relative = sorted(set(_relative_types(expanded)))
    if relative:
        raise CanonError(f"relative type references found: {', '.join(relative)}")
    return list(expanded), loader


def rdfc(document: JSONObject) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document."""
    expanded, loader = expand_safely(document)
    try:
        nquads = pyld_jsonld().normalize(
            expanded,
            {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader},
        )
    except Exception as exc:  # pyld raises assorted errors on malformed input
        raise CanonError(
            f"RDF canonicalisation failed: {exc.args[0] if exc.args else exc!r}"
        ) from exc
    return str(nquads)


def jcs(document: JSONObject) -> bytes:
    """RFC 8785 canonical JSON bytes."""
    try:
        return rfc8785.dumps(document)
    except (rfc8785.CanonicalizationError, ValueError) as exc:
        raise CanonError(f"JSON canonicalisation failed: {exc}") from exc
