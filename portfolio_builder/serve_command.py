"""``serve``: connects the site build to the development server.

Each rebuild runs the whole pipeline (stages skip what did not change on disk);
a failed build writes nothing, so the server keeps serving the last good site.
Every rebuild of one session checks the badges as of the moment ``serve`` started, so
a page whose inputs did not change keeps the same bytes and is not rewritten or
reloaded; restart ``serve`` to check again as of now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from portfolio_builder import pipeline, serve
from portfolio_builder.buildreport import OutputError
from portfolio_builder.config import CONFIG_NAME, ConfigError, load_config
from portfolio_builder.pipeline import BuildOptions
from portfolio_builder.serve import RebuildOutcome
from portfolio_builder.serve.preview import Preview
from portfolio_builder.warm import Warm


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
    ``preview``, a small change is shown to it before it is written."""
    warm = Warm()

    def rebuild(changed: frozenset[Path]) -> RebuildOutcome:
        nonlocal warm
        if not changed:
            warm = Warm()
        show = preview.show if preview is not None else None
        try:
            report = pipeline.build(options, session=(warm, show))
        except (ConfigError, OutputError) as exc:
            warm = Warm()
            return RebuildOutcome(False, str(exc))
        written = report.written
        return RebuildOutcome(True, None, (*written.written, *written.pruned))

    return rebuild


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
