"""The build: configuration → badges read and verified → site model → files written.

``make_fetcher`` is the one place that picks the network implementation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from portfolio_builder.assemble import Item, assemble
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
from portfolio_builder.diagnostics import Diagnostic, Severity, warning
from portfolio_builder.discover import discover
from portfolio_builder.http import DEFAULT_CACHE_DIR, HttpFetcher
from portfolio_builder.http_snapshot import IssuerSnapshot, SnapshotError, load_snapshot
from portfolio_builder.model import SourceFile
from portfolio_builder.render import Output, render
from portfolio_builder.sitemodel import SiteModel
from portfolio_builder.themes import Theme, load_theme
from portfolio_builder.verify import verify
from portfolio_builder.verify.registry import VerifyContext
from portfolio_builder.verify.report import Status, VerificationReport
from portfolio_builder.write import OutputError, WriteReport, read_manifest, write_site

LOCAL_BASE_URL = "http://localhost:8000/"
Progress = Callable[[Sequence[SourceFile]], Iterable[SourceFile]]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    site: Path = Path()
    output: Path | None = None
    base_url: str | None = None
    emails: tuple[str, ...] = ()
    now: datetime | None = None
    offline: bool = False
    allow_private_network: bool = False


@dataclass(frozen=True, slots=True)
class BuildReport:
    output: Path
    reports: tuple[VerificationReport, ...]
    diagnostics: tuple[Diagnostic, ...]
    written: WriteReport = field(compare=False)

    @property
    def statuses(self) -> Counter[str]:
        return Counter(str(r.status) for r in self.reports)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is not Severity.INFO)

    @property
    def all_valid(self) -> bool:
        return all(r.status is Status.VALID for r in self.reports)


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


def output_folder(options: BuildOptions) -> Path:
    out = options.output if options.output is not None else Path("output")
    out = out if out.is_absolute() else options.site / out
    content = (options.site / "content").resolve()
    if out.resolve() == content or out.resolve().is_relative_to(content):
        raise OutputError(f"{out} is inside the content folder; choose another output folder")
    return out


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
    files: Iterable[SourceFile], ctx: VerifyContext, cache: StageCache
) -> tuple[list[Item], list[Diagnostic]]:
    items: list[Item] = []
    notes: list[Diagnostic] = []
    for source in files:
        read = cache.read(source)
        report = verify(read, ctx)
        sidecar, more = load_sidecar(source.path)
        notes += [*read.diagnostics, *more]
        items.append(Item(read, report, sidecar))
    return items, notes


def render_site(model: SiteModel, theme: Theme) -> list[Output]:
    """The site's files; a broken template is the user's to fix, named with its line."""
    try:
        return render(model, theme)
    except TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}, line {exc.lineno}"
        raise ConfigError(f"template {where}: {exc.message}") from None
    except TemplateError as exc:
        raise ConfigError(f"template error: {exc.message}") from None


def build(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the site; ``ConfigError`` and ``OutputError`` mean nothing was written."""
    config = load_config(options.site)
    url, notes = base_url(config, options)
    out = output_folder(options)
    read_manifest(out)
    theme = load_theme(config)
    identities = load_identities(config, options.emails)
    snapshot = load_issuer_snapshot(config)
    now = options.now or datetime.now(UTC)
    badges_dir = options.site / "content" / "badges"
    found = discover([str(badges_dir)]) if badges_dir.is_dir() else None
    files = found.files if found else ()
    cache = StageCache(options.site / DEFAULT_CACHE_DIR.parent)
    with make_fetcher(options, snapshot) as fetcher:
        ctx = VerifyContext(now, fetcher, identities, options.offline)
        items, more = _verify_all(progress(files) if progress else files, ctx, cache)
    pages, page_notes = load_pages(options.site / "content")
    model = assemble(config, items, pages, (now, url), identities)
    written = write_site(out, render_site(model, theme), cache)
    cache.save()
    diagnostics = [*notes, *(found.diagnostics if found else ()), *more, *page_notes]
    diagnostics += [*model.diagnostics, *written.diagnostics]
    if found is None:
        diagnostics.append(
            warning("W-CONTENT", "no content/badges folder; no badges shown", str(badges_dir))
        )
    return BuildReport(out, tuple(i.report for i in items), tuple(diagnostics), written)


__all__ = ["BuildOptions", "BuildReport", "ConfigError", "OutputError", "build", "make_fetcher"]
