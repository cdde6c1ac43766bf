"""The README's generated tables (diagnostic codes, config keys), kept in step with the code.

Each table sits between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``;
``scripts/update_readme.py`` rewrites them and the test suite checks they are current.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from portfolio_builder.diagnostics import codes_table
from portfolio_builder.scaffold import CONFIG_KEYS


def table(header: tuple[str, str], rows: Mapping[str, str]) -> str:
    lines = [f"| {header[0]} | {header[1]} |", "|---|---|"]
    lines += [f"| `{key}` | {meaning} |" for key, meaning in rows.items()]
    return "\n".join(lines)


TABLES: dict[str, Callable[[], str]] = {
    "codes": codes_table,
    "config": lambda: table(("key", "meaning"), CONFIG_KEYS),
}


def _span(text: str, name: str) -> tuple[int, int] | None:
    """Where the content between the markers of table ``name`` starts and ends."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    first = text.find(start)
    last = text.find(end, first + len(start)) if first >= 0 else -1
    if first < 0 or last < 0:
        return None
    return first + len(start), last


def block(text: str, name: str) -> str | None:
    """The table between the markers of ``name`` (without surrounding blank lines), or None."""
    span = _span(text, name)
    return None if span is None else text[span[0] : span[1]].strip("\n")


def updated(text: str) -> str:
    """``text`` with every generated table rewritten from the code."""
    for name, render in TABLES.items():
        span = _span(text, name)
        if span is not None:
            text = text[: span[0]] + "\n" + render() + "\n" + text[span[1] :]
    return text
