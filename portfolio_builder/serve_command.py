"""``serve``: connects the site build to the development server.

Each rebuild runs the whole pipeline (stages skip what did not change on disk);
a failed build writes nothing, so the server keeps serving the last good site.
Every rebuild of one session checks the badges as of the moment ``serve`` started, so
a page whose inputs did not change keeps the same bytes and is not rewritten or
reloaded; restart ``serve`` to check again as of now.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from portfolio_builder import pipeline, serve
from portfolio_builder.buildreport import OutputError
from portfolio_builder.changes import Changes, Publish
from portfolio_builder.config import CONFIG_NAME, ConfigError, load_config
from portfolio_builder.pipeline import BuildOptions
from portfolio_builder.serve import RebuildOutcome
from portfolio_builder.serve.outcome import describe_exception
from portfolio_builder.serve.preview import Preview
from portfolio_builder.warm import Session


@dataclass(frozen=True, slots=True)
class ServeOptions:
    site: Path
    bind: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False
    offline: bool = False


def site_rebuild(
    options: BuildOptions, preview: Preview | None = None
) -> Callable[[frozenset[Path]], RebuildOutcome]:
    """A rebuild function for the server: never raises, reports what changed.

    Badges whose files did not change are kept in memory from one rebuild to the next
    (``Warm``); a full rebuild (theme, templates, configuration) starts afresh. With a
    ``preview``, see ``SessionRebuild``."""
    return SessionRebuild(options, preview)


class SessionRebuild:
    """With a ``preview``, each rebuild runs in a thread of its own, and one that shows its
    change before writing it returns then, ``pending``: the next rebuild can start
    while it writes (the session's lock keeps their writes apart), and its outcome goes
    to ``Preview.release`` once it is written. Any other rebuild returns when done."""

    def __init__(self, options: BuildOptions, preview: Preview | None = None) -> None:
        self.options = options
        self.preview = preview
        self.session = Session()

    def __call__(self, changed: frozenset[Path]) -> RebuildOutcome:
        if not changed:
            gc.unfreeze()  # what the session kept is let go
            self.session = Session(writing=self.session.writing)
        if self.preview is None:
            outcome = self.build(self.session, None)
        else:
            run = _Run(self, self.session, self.preview)
            # Not a daemon (the server's worker is one): stopping waits for the write.
            threading.Thread(target=run.work, name="portfolio-rebuild-write", daemon=False).start()
            outcome = run.wait()
        if not changed:
            _keep_for_the_session()
        return outcome

    def build(self, session: Session, show: Publish | None) -> RebuildOutcome:
        try:
            report = pipeline.build(self.options, session=replace(session, publish=show))
        except (ConfigError, OutputError) as exc:
            self.session = Session(writing=session.writing)
            return RebuildOutcome(False, str(exc))
        except Exception as exc:  # the server outlives any bug in a build
            return RebuildOutcome(False, describe_exception(exc))
        written = report.written
        return RebuildOutcome(True, None, (*written.written, *written.pruned))


def _keep_for_the_session() -> None:
    """After a full rebuild: what it left in memory (the session's badges, entries and
    theme, a few hundred thousand objects at 1,000 badges) is kept out of the garbage
    collector's sweeps, each of which would otherwise walk all of it again and hold a
    later rebuild up by tens of milliseconds. Only cycles among those objects are then
    never reclaimed, until the next full rebuild lets them go."""
    gc.collect()
    gc.freeze()


class _Run:
    """One rebuild in its thread, and what the server waits on: shown, or done."""

    def __init__(self, owner: SessionRebuild, session: Session, preview: Preview) -> None:
        self.owner = owner
        self.session = session
        self.preview = preview
        self.ready = threading.Event()
        self.shown: tuple[str, ...] = ()
        self.outcome: RebuildOutcome | None = None

    def show(self, changes: Changes, removed: tuple[str, ...]) -> None:
        self.preview.hold()
        self.shown = (*changes, *removed)
        self.preview.show(changes, removed)
        self.ready.set()

    def work(self) -> None:
        outcome = self.owner.build(self.session, self.show)
        if self.shown:
            rest = tuple(p for p in outcome.changed if p not in self.shown)
            self.preview.release(RebuildOutcome(outcome.ok, outcome.error, rest))
        self.outcome = outcome
        self.ready.set()

    def wait(self) -> RebuildOutcome:
        self.ready.wait()
        if self.shown:
            return RebuildOutcome(True, None, self.shown, pending=True)
        assert self.outcome is not None
        return self.outcome


def session_build_options(options: ServeOptions, started: datetime) -> BuildOptions:
    """The build options of every rebuild in one session: checks as of ``started``."""
    return BuildOptions(options.site, offline=options.offline, now=started)


def run_serve(options: ServeOptions) -> None:
    """Build, serve under the site's base-URL path and rebuild on every saved change."""
    site = options.site
    build_options = session_build_options(options, datetime.now(UTC))
    config = load_config(site)
    preview = Preview()
    serve.run(
        pipeline.output_folder(build_options),
        [site / "content", site / "themes", site / "templates", site / CONFIG_NAME],
        site_rebuild(build_options, preview),
        options.bind,
        options.port,
        serve.prefix_from_base_url(config.base_url or "/"),
        options.open_browser,
        full_rebuild_paths=[site / "themes", site / "templates", site / CONFIG_NAME],
        ignore_paths=[site / ".portfolio-cache"],
        preview=preview,
    )
