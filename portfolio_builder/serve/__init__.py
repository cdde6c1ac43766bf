"""The development server behind ``portfolio-builder serve``.

It serves a built site, watches its sources, rebuilds through an injected
``Rebuild`` function and tells open browser tabs to reload. Live-reload code is
added to responses only; the files on disk stay as the build wrote them.

The contract with the build:

* ``rebuild(paths)`` gets the source paths that changed (files created, modified,
  moved or deleted, possibly whole deleted folders), or an empty set for a full
  build: the first build, and any change under a ``full_rebuild_paths`` entry
  (``portfolio.yaml``, theme folders).
* It returns ``RebuildOutcome(ok, error, changed)``. ``changed`` holds the
  site-relative URL paths whose bytes changed (``"badges/x/"``, ``"index.html"``,
  ``"style.css"``); tabs showing one of those pages reload, and any change that is
  not a page (CSS, images) reloads every tab.
* A failed build returns ``ok=False`` with a readable ``error`` and leaves the
  output folder untouched, so the last good site keeps being served (with the
  error shown over it). An exception escaping ``rebuild`` is turned into such an
  outcome; the server never stops because of a build.
* Calls never overlap: they all run on one worker thread.
* With a ``Preview``, a rebuild may show its change before writing it: it ``hold``s
  the preview, ``show``s the change (served and announced at once) and returns
  ``pending=True``; once written, it ``release``s the preview with an outcome naming
  only what it did not show (or its failure).
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
