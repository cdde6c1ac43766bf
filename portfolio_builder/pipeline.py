"""The build: configuration → badges read and verified → site model → files written.

``make_fetcher`` is the one place that picks the network implementation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from portfolio_builder import rebuild
from portfolio_builder.assemble import STATUS_LABELS, Item, assemble
from portfolio_builder.buildreport import BuildOptions, BuildReport, OutputError, output_folder
from portfolio_builder.cache import StageCache
from portfolio_builder.config import (
    CONFIG_NAME,
    Config,
    ConfigError,
    load_config,
    load_identities,
    normalize_base_url,
)
from portfolio_builder.content import load_pages, load_sidecar
from portfolio_builder.diagnostics import Diagnostic, warning
from portfolio_builder.discover import Discovery, discover
from portfolio_builder.http import DEFAULT_CACHE_DIR, HttpFetcher
from portfolio_builder.http_snapshot import IssuerSnapshot, SnapshotError, load_snapshot
from portfolio_builder.model import SourceFile
from portfolio_builder.render import Output, render
from portfolio_builder.render_cache import RenderCache, digest_of
from portfolio_builder.sitemodel import SiteModel
from portfolio_builder.themes import BUILTIN_THEMES, Theme, load_theme, template_digest
from portfolio_builder.timestamps import next_midnight
from portfolio_builder.verify.registry import VerifyContext
from portfolio_builder.verify.report import Status
from portfolio_builder.verify_cache import VerifyCache, span_of
from portfolio_builder.write import read_manifest, write_site

LOCAL_BASE_URL = "http://localhost:8000/"
Progress = Callable[[Sequence[SourceFile]], Iterable[SourceFile]]


def load_issuer_snapshot(config: Config) -> IssuerSnapshot | None:
    """The snapshot named by ``issuer_snapshot``; a bad file is a ``ConfigError``."""
    if config.issuer_snapshot is None:
        return None
    try:
        return load_snapshot(config.root / config.issuer_snapshot)
    except SnapshotError as exc:
        raise ConfigError(f"{config.root / CONFIG_NAME}: issuer_snapshot: {exc}") from None


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


def _verify_all(
    files: Iterable[SourceFile], ctx: VerifyContext, caches: tuple[StageCache, VerifyCache]
) -> tuple[list[Item], list[Diagnostic]]:
    items: list[Item] = []
    notes: list[Diagnostic] = []
    stages, checks = caches
    for source in files:
        read, key = stages.read_keyed(source)
        report, digest = checks.verify(read, key, ctx)
        sidecar, more = load_sidecar(source.path)
        notes += [*read.diagnostics, *more]
        items.append(Item(read, report, sidecar, f"{key}|{digest}" if key and digest else None))
    return items, notes


def render_site(
    model: SiteModel, theme: Theme, cache: RenderCache | None = None
) -> Iterator[Output]:
    """The site's files; a broken template is the user's to fix, named with its line."""
    try:
        yield from render(model, theme, cache)
    except TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}, line {exc.lineno}"
        raise ConfigError(f"template {where}: {exc.message}") from None
    except TemplateError as exc:
        raise ConfigError(f"template error: {exc.message}") from None


def _time_span(items: list[Item], now: datetime, options: BuildOptions) -> float:
    """When, at the latest, this build's output stops being right (see ``rebuild``)."""
    if not options.offline and any(i.report.status is Status.UNVERIFIABLE for i in items):
        return 0.0  # an issuer not reached this time is tried again next time
    if options.now is not None:
        return math.inf
    moments = [next_midnight(now)]  # pages show the day
    for item in items:
        span = span_of(item.read, item.report)
        if span is None:
            return 0.0  # a status list: checked again on every build
        moments.append(span[1])
    return min(moments)


def _inputs(options: BuildOptions, config: Config) -> tuple[tuple[str, ...], rebuild.Files]:
    """The files the build reads besides the site's usual ones, and their stats."""
    named = [config.root / n for n in (config.avatar, config.issuer_snapshot) if n]
    extras = tuple(str(p) for p in (BUILTIN_THEMES, *named))
    return extras, rebuild.scan(extras)


def full_build(
    options: BuildOptions, progress: Progress | None = None, clock: float | None = None
) -> BuildReport:
    """Build the site; ``ConfigError`` and ``OutputError`` mean nothing was written."""
    started = options.clock() if clock is None else clock
    usual = rebuild.input_roots(options.site)
    before = rebuild.scan(usual)
    config = load_config(options.site)
    extras, more_inputs = _inputs(options, config)
    url, notes = base_url(config, options)
    out = output_folder(options)
    read_manifest(out)
    theme = load_theme(config)
    identities = load_identities(config, options.emails)
    snapshot = load_issuer_snapshot(config)
    now = options.now or datetime.fromtimestamp(started, UTC)
    found = _discover(options.site)
    cache = StageCache(options.site / DEFAULT_CACHE_DIR.parent)
    with make_fetcher(options, snapshot) as fetcher:
        ctx = VerifyContext(now, fetcher, identities, options.offline)
        files = found.files if found else ()
        checks = VerifyCache(cache.folder, fetcher, exact=options.now is not None)
        items, more = _verify_all(progress(files) if progress else files, ctx, (cache, checks))
        stale = fetcher.next_stale(started)
    statuses = tuple(str(i.report.status) for i in items)
    span = _time_span(items, now, options)
    pages, page_notes = load_pages(options.site / "content")
    model = assemble(config, items, pages, (now, url), identities)
    del items  # what pages show is in the model; every badge's read need not stay
    common = digest_of((template_digest(theme), theme.static, config, url, STATUS_LABELS))
    renders = RenderCache(cache.folder, common)
    written = write_site(out, render_site(model, theme, renders), cache)
    cache.save()
    renders.save()
    diagnostics = [*notes, *_found_notes(found, options.site), *more, *page_notes]
    diagnostics += [*model.diagnostics, *written.diagnostics]
    report = BuildReport(out, statuses, tuple(diagnostics), written)
    until = min(span, math.inf if stale is None else stale)
    inputs = ((*usual, *extras), before | more_inputs)
    rebuild.remember(options, inputs, (started, until), report)
    return report


def _discover(site: Path) -> Discovery | None:
    badges_dir = site / "content" / "badges"
    return discover([str(badges_dir)]) if badges_dir.is_dir() else None


def _found_notes(found: Discovery | None, site: Path) -> tuple[Diagnostic, ...]:
    if found is not None:
        return found.diagnostics
    where = str(site / "content" / "badges")
    return (warning("W-CONTENT", "no content/badges folder; no badges shown", where),)


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
