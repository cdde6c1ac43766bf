"""What one rebuild reports back to the dev server, and the guard around calling it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class RebuildOutcome:
    """The result of one (re)build.

    ``error`` is a readable message when the build failed, never a traceback.
    ``changed`` lists the site-relative URL paths whose bytes changed, such as
    ``"badges/x/"`` or ``"index.html"``. A failed build must leave the output
    folder as it was, so the last good site keeps being served.
    """

    ok: bool
    error: str | None = None
    changed: tuple[str, ...] = ()
    pending: bool = False  # shown (``changed``) but still being written; see ``Preview``


Rebuild = Callable[[frozenset[Path]], RebuildOutcome]
"""Rebuilds the site. Its argument is the set of source paths that changed;
an empty set asks for a full build."""

FULL_BUILD: frozenset[Path] = frozenset()


def safe_rebuild(rebuild: Rebuild, paths: frozenset[Path]) -> RebuildOutcome:
    """Call ``rebuild``; an exception escaping it becomes a failed outcome."""
    try:
        outcome: object = rebuild(paths)
    except Exception as exc:  # the server outlives any bug in a build
        return RebuildOutcome(ok=False, error=describe_exception(exc))
    if not isinstance(outcome, RebuildOutcome):
        return RebuildOutcome(
            ok=False, error=f"the build returned {type(outcome).__name__}, not a RebuildOutcome"
        )
    return outcome


def describe_exception(exc: BaseException) -> str:
    """One line naming the exception, without a traceback."""
    text = str(exc).strip()
    name = type(exc).__name__
    return f"{name}: {text}" if text else name
