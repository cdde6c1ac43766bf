"""The build: configuration → badges read and verified → site model → files written.

``make_fetcher`` is the one place that picks the network implementation.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from portfolio_builder import rebuild
from portfolio_builder.assemble import STATUS_LABELS, assemble
from portfolio_builder.buildreport import (
    BuildOptions,
    BuildReport,
    OutputError,
    WriteReport,
    output_folder,
)
from portfolio_builder.cache import AssetMaker, StageCache, file_stat
from portfolio_builder.changes import ShowFirst
from portfolio_builder.checking import Checked, Progress
from portfolio_builder.config import (
    CONFIG_NAME,
    Config,
    ConfigError,
    load_config,
    load_identities,
    normalize_base_url,
)
from portfolio_builder.content import load_pages
from portfolio_builder.diagnostics import Diagnostic, warning
from portfolio_builder.http import DEFAULT_CACHE_DIR, HttpFetcher
from portfolio_builder.http_snapshot import IssuerSnapshot, SnapshotError, load_snapshot
from portfolio_builder.render import Output, render
from portfolio_builder.render_cache import RenderCache, digest_of
from portfolio_builder.sitemodel import Entry, SiteModel
from portfolio_builder.themes import BUILTIN_THEMES, Theme, load_theme, template_digest
from portfolio_builder.verify.registry import VerifyContext
from portfolio_builder.verify_cache import VerifyCache
from portfolio_builder.warm import Session, Warm
from portfolio_builder.write import read_manifest, settle, write_site

LOCAL_BASE_URL = "http://localhost:8000/"


def load_issuer_snapshot(config: Config) -> IssuerSnapshot | None:
    """The snapshot named by ``issuer_snapshot``; a bad file is a ``ConfigError``."""
    if config.issuer_snapshot is None:
        return None
    path = config.root / config.issuer_snapshot
    try:
        return _snapshot_at(path, file_stat(path))
    except SnapshotError as exc:
        raise ConfigError(f"{config.root / CONFIG_NAME}: issuer_snapshot: {exc}") from None


@functools.lru_cache(maxsize=4)
def _snapshot_at(path: Path, stamp: tuple[int, int, int, int] | None) -> IssuerSnapshot:
    """The snapshot file as it is at ``stamp`` (its stat): read once per process."""
    return load_snapshot(path)


def _theme(config: Config, url: str, warm: Warm | None) -> tuple[Theme, str]:
    """The theme and the digest of what every page reads (``RenderCache``); a ``serve``
    session keeps both while the settings are the same (a theme change rebuilds afresh)."""
    if warm is not None and warm.site is not None and warm.site[:2] == (config, url):
        return warm.site[2], warm.site[3]
    theme = load_theme(config)
    common = digest_of((template_digest(theme), theme.static, config, url, STATUS_LABELS))
    if warm is not None:
        warm.site = (config, url, theme, common)
    return theme, common


def make_fetcher(options: BuildOptions, snapshot: IssuerSnapshot | None = None) -> HttpFetcher:
    """The network layer for verification, caching under the site's ``.portfolio-cache/``.

    ``--offline`` answers only from that cache and then the issuer snapshot (the demo
    commits one), never the network.
    """
    return HttpFetcher(
        options.site / DEFAULT_CACHE_DIR,
        offline=options.offline,
        allow_private_network=options.allow_private_network,
        snapshot=snapshot,
    )


def base_url(config: Config, options: BuildOptions) -> tuple[str, list[Diagnostic]]:
    if options.base_url:
        return normalize_base_url(options.base_url, "--base-url"), []
    if config.base_url:
        return config.base_url, []
    note = warning(
        "W-NO-BASE-URL",
        f"base_url is not set; share links and previews use {LOCAL_BASE_URL}",
        "portfolio.yaml",
        "set base_url: https://USER.github.io/REPO/ or pass --base-url",
    )
    return LOCAL_BASE_URL, [note]


def render_site(
    model: SiteModel, theme: Theme, cache: RenderCache | None = None, last: Collection[str] = ()
) -> Iterator[Output]:
    """The site's files (``render``); a broken template is the user's to fix, named with
    its line."""
    try:
        yield from render(model, theme, cache, last)
    except TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}, line {exc.lineno}"
        raise ConfigError(f"template {where}: {exc.message}") from None
    except TemplateError as exc:
        raise ConfigError(f"template error: {exc.message}") from None


def _inputs(options: BuildOptions, config: Config) -> tuple[tuple[str, ...], rebuild.Files]:
    """The files the build reads besides the site's usual ones, and their stats."""
    named = [config.root / n for n in (config.avatar, config.issuer_snapshot) if n]
    extras = tuple(str(p) for p in (BUILTIN_THEMES, *named))
    return extras, rebuild.scan(extras)


@dataclass(frozen=True, slots=True)
class _Setup:
    """What a build settles before reading any badge."""

    config: Config
    url: str
    notes: list[Diagnostic]
    out: Path
    identities: tuple[str, ...]
    snapshot: IssuerSnapshot | None
    theme: Theme
    common: str  # digest of what every page reads
    now: datetime


def _set_up(options: BuildOptions, config: Config, started: float, warm: Warm | None) -> _Setup:
    url, notes = base_url(config, options)
    out = output_folder(options)
    read_manifest(out)
    identities = load_identities(config, options.emails)
    snapshot = load_issuer_snapshot(config)
    if warm is not None:
        warm.begin((config, url, identities, options, snapshot))
    theme, common = _theme(config, url, warm)
    now = options.now or datetime.fromtimestamp(started, UTC)
    return _Setup(config, url, notes, out, identities, snapshot, theme, common, now)


def full_build(
    options: BuildOptions,
    progress: Progress | None = None,
    clock: float | None = None,
    session: Session | None = None,
) -> BuildReport:
    """Build the site; ``ConfigError`` and ``OutputError`` mean nothing was written.

    ``session`` (``serve``'s): what it keeps in memory between rebuilds, and a function
    shown a small change before it is written (``changes``). A session's rebuild leaves
    no record for the whole-site skip (its builds are never skipped) and does not wait
    while the site it replaced is removed."""
    warm = session.warm if session else None
    started = options.clock() if clock is None else clock
    usual = rebuild.input_roots(options.site)
    before = rebuild.scan(usual) if warm is None else {}
    config = load_config(options.site)
    extras, more_inputs = _inputs(options, config) if warm is None else ((), {})
    setup = _set_up(options, config, started, warm)
    cache = StageCache(options.site / DEFAULT_CACHE_DIR.parent)
    checked = Checked(options.site, warm, progress)
    with AssetMaker(cache) as maker:  # badges' images are drawn as they are laid out
        model, page_notes, stale = _model(options, setup, (cache, maker), checked, started)
        written = _write(model, setup, (cache, maker), session)
    notes = [*setup.notes, *checked.notes, *page_notes, *model.diagnostics, *written.diagnostics]
    report = BuildReport(setup.out, tuple(checked.statuses), tuple(notes), written)
    if warm is not None:
        rebuild.forget(options.site)
        return report
    span = checked.span(setup.now, options.offline, options.now is not None)
    until = min(span, math.inf if stale is None else stale)
    inputs = ((*usual, *extras), before | more_inputs)
    rebuild.remember(options, inputs, (started, until), report)
    settle()
    return report


def _model(
    options: BuildOptions,
    setup: _Setup,
    makers: tuple[StageCache, AssetMaker],
    checked: Checked,
    started: float,
) -> tuple[SiteModel, list[Diagnostic], float | None]:
    """The site, its badges read, verified and laid out one at a time, each new one's
    images offered to be drawn at once; the pages' diagnostics; and when a cached
    issuer answer goes stale."""
    cache, maker = makers
    pages, page_notes = load_pages(options.site / "content")
    with make_fetcher(options, setup.snapshot) as fetcher:
        ctx = VerifyContext(setup.now, fetcher, setup.identities, options.offline)
        checks = VerifyCache(cache.folder, fetcher, exact=options.now is not None)
        known = checked.warm.entries if checked.warm else None
        model = assemble(
            setup.config, checked.items(ctx, (cache, checks)), pages, (setup.now, setup.url),
            setup.identities, known, lambda e: maker.offer_all((e.image, e.card, e.qr, e.download)),
        )  # fmt: skip
        return model, page_notes, fetcher.next_stale(started)


def _write(
    model: SiteModel,
    setup: _Setup,
    makers: tuple[StageCache, AssetMaker],
    session: Session | None,
) -> WriteReport:
    """Render and write the site; keep what the caches and a ``serve`` session learnt.
    A session's change shown before it is written is kept as the session's state then,
    so that the next rebuild can be made while this one writes."""
    cache, maker = makers
    renders = RenderCache(cache.folder, setup.common)
    if session is None:
        written = write_site(setup.out, render_site(model, setup.theme, renders), cache, maker)
    else:
        shower = ShowFirst(session.warm.outputs, makers, session.publish)
        same = _untouched(model, session.warm) if shower.known is not None else []
        made = render_site(model, setup.theme, renders, {e.digest for e in same})
        outputs = shower.pass_on(made, {e.path for e in same})
        if shower.shown:  # a copy: the untouched badges' files are noted as they are written
            session.warm.kept(model.entries, dict(shower.digests))
        with session.writing:
            written = write_site(setup.out, outputs, cache, maker)
        if not shower.shown:
            session.warm.kept(model.entries, shower.digests)
    cache.save()
    renders.save()
    return written


def _untouched(model: SiteModel, warm: Warm) -> list[Entry]:
    """The badges the session's last rebuild laid out as they are now."""
    return [e for e in model.entries if e.digest and e.digest in warm.entries]


build = rebuild.build


__all__ = [
    "BuildOptions",
    "BuildReport",
    "ConfigError",
    "OutputError",
    "build",
    "full_build",
    "make_fetcher",
    "output_folder",
]
