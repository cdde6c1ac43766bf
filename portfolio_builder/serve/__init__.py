"""The development server behind ``portfolio-builder serve``.

It serves a built site, watches its sources, rebuilds through an injected
``Rebuild`` function and tells open browser tabs to reload. Live-reload code is
added to responses only; the files on disk stay as the build wrote them.
"""

from __future__ import annotations

from portfolio_builder.serve.app import DevServer, run
from portfolio_builder.serve.errors import ServeError
from portfolio_builder.serve.outcome import FULL_BUILD, Rebuild, RebuildOutcome
from portfolio_builder.serve.resolve import normalize_prefix, prefix_from_base_url
from portfolio_builder.serve.watch import WatchPlan

__all__ = [
    "FULL_BUILD",
    "DevServer",
    "Rebuild",
    "RebuildOutcome",
    "ServeError",
    "WatchPlan",
    "normalize_prefix",
    "prefix_from_base_url",
    "run",
]
