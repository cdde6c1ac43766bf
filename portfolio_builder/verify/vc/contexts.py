"""The JSON-LD contexts and JSON schemas shipped inside the package.

``data/contexts/index.json`` and ``data/schemas/index.json`` map each published URL
to an unchanged copy of the file. Verification reads contexts only from here: it
never fetches a context over the network.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

from portfolio_builder.model import JSONObject

_DATA = resources.files("portfolio_builder") / "data"


@cache
def _index(kind: str) -> dict[str, str]:
    text = (_DATA / kind / "index.json").read_text(encoding="utf-8")
    mapping: dict[str, str] = json.loads(text)[kind]
    return mapping


def context_index() -> dict[str, str]:
    """Context URL → file path relative to ``data/contexts``."""
    return dict(_index("contexts"))


def schema_index() -> dict[str, str]:
    """Schema URL → file path relative to ``data/schemas``."""
    return dict(_index("schemas"))


@cache
def _parsed(kind: str, relative: str) -> Any:
    return json.loads((_DATA / kind / relative).read_text(encoding="utf-8"))


def shipped_bytes(kind: str, url: str) -> bytes | None:
    """The exact bytes shipped for a context or schema URL, or None when not shipped."""
    relative = _index(kind).get(url)
    return None if relative is None else (_DATA / kind / relative).read_bytes()


def context_document(url: str) -> JSONObject | None:
    """A fresh copy of a shipped context (callers may not mutate the cache), or None."""
    relative = _index("contexts").get(url.split("#", 1)[0])
    if relative is None:
        return None
    document: JSONObject = copy.deepcopy(_parsed("contexts", relative))
    return document


def schema_document(url: str) -> JSONObject | None:
    relative = _index("schemas").get(url.split("#", 1)[0])
    if relative is None:
        return None
    document: JSONObject = _parsed("schemas", relative)
    return document
