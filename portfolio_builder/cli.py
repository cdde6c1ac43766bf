"""The command line: parses flags and calls the stages; it holds no logic of its own.

Each command imports what it needs when it runs: the libraries take longer to import
than a rebuild with nothing to do.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from portfolio_builder import __version__, rebuild
from portfolio_builder.buildreport import BuildOptions, OutputError
from portfolio_builder.check_command import check_command
from portfolio_builder.errors import ConfigError
from portfolio_builder.init_command import init_command
from portfolio_builder.model import DEFAULT_MAX_BYTES
from portfolio_builder.summary import summary as build_summary
from portfolio_builder.timestamps import parse_now

if TYPE_CHECKING:
    from portfolio_builder.model import SourceFile

F = TypeVar("F", bound=Callable[..., Any])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="portfolio-builder")
def cli() -> None:
    """Turn a folder of baked Open Badges into a verifiable portfolio site."""


@cli.command("inspect")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output for people (text) or for tools (json).",
)
@click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest file read, in bytes.",
)
def inspect_command(paths: tuple[str, ...], fmt: str, max_file_size: int) -> None:
    """Show what each badge file holds, without any network access."""
    from portfolio_builder import inspection
    from portfolio_builder.discover import discover
    from portfolio_builder.reading import read_badge

    found = discover(list(paths))
    results = [read_badge(source, max_file_size) for source in found.files]
    for note in found.diagnostics:
        click.echo(note.as_text(), err=True)
    if fmt == "json":
        data = [inspection.as_json(r) for r in results]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(inspection.as_text(r) for r in results))
    ok = all(r.badge is not None for r in results) and not any(
        d.severity == "error" for d in found.diagnostics
    )
    sys.exit(0 if ok else 1)


def _now_option(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_now(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 date and time") from None


def _verification_options(command: F) -> F:
    """The flags ``verify`` and ``build`` share, in the same words."""
    for option in reversed(
        (
            click.option(
                "--email", "emails", multiple=True, help="One of your identities (repeatable)."
            ),
            click.option(
                "--now",
                callback=_now_option,
                metavar="ISO8601",
                help="Check validity at this time (default: now).",
            ),
            click.option("--offline", is_flag=True, help="Use only the cache; never the network."),
            click.option(
                "--allow-private-network",
                is_flag=True,
                help="Allow fetching from private, loopback and link-local addresses.",
            ),
        )
    ):
        command = option(command)
    return command


_site_option = click.option(
    "-C",
    "site",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="The site folder (holding portfolio.yaml and content/).",
)


@cli.command("verify")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@_verification_options
@click.option(
    "--snapshot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An issuer snapshot: recorded answers used when the network is not.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output for people (text) or for tools (json).",
)
def verify_command(
    paths: tuple[str, ...],
    emails: tuple[str, ...],
    now: datetime | None,
    offline: bool,
    allow_private_network: bool,
    snapshot: Path | None,
    fmt: str,
) -> None:
    """Verify each badge with its issuer and say whether it is valid."""
    from portfolio_builder.http_snapshot import SnapshotError
    from portfolio_builder.verify_command import (
        VerifyOptions,
        as_json,
        as_text,
        run_verify,
        summary,
    )

    options = VerifyOptions(paths, emails, now, offline, allow_private_network, snapshot=snapshot)
    try:
        run = run_verify(options, os.environ)
    except SnapshotError as exc:
        click.echo(f"error: --snapshot: {exc}", err=True)
        sys.exit(2)
    for note in run.notes:
        click.echo(note, err=True)
    click.echo(as_json(run) if fmt == "json" else as_text(run))
    if fmt == "text":
        click.echo(summary(run), err=True)
    sys.exit(run.exit_code)


def _progress(files: Sequence[SourceFile]) -> Iterator[SourceFile]:
    with click.progressbar(files, label="Verifying badges", file=sys.stderr) as bar:
        yield from bar


@cli.command("build")
@_site_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Where the site is written (default: output/ in the site folder).",
)
@click.option("--base-url", help="The site's public address, overriding base_url.")
@_verification_options
@click.option("--strict", is_flag=True, help="Exit 1 if any badge is not valid or any warning.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary.")
def build_command(site: Path, output: Path | None, base_url: str | None, emails: tuple[str, ...],
                  now: datetime | None, offline: bool, allow_private_network: bool, strict: bool,
                  quiet: bool) -> None:  # fmt: skip
    """Build the portfolio site from content/ into the output folder."""
    if not site.is_dir():
        raise click.UsageError(f"no site folder at {site}")
    options = BuildOptions(site, output, base_url, emails, now, offline, allow_private_network)
    progress = _progress if sys.stderr.isatty() and not quiet else None
    try:
        report = rebuild.build(options, progress)
    except (ConfigError, OutputError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: cannot write the site: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # never show a traceback: report it as a bug instead
        click.echo(f"error: internal error {exc!r}; please report it [E-INTERNAL]", err=True)
        sys.exit(1)
    for line in build_summary(report, verbose=not quiet):
        click.echo(line)
    sys.exit(1 if strict and (report.warnings or not report.all_valid) else 0)


@cli.command("serve")
@_site_option
@click.option("--bind", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.option("--offline", is_flag=True, help="Verify from the cache only; never the network.")
def serve_command(site: Path, bind: str, port: int, open_browser: bool, offline: bool) -> None:
    """Build, serve and rebuild on every change, reloading open browser tabs."""
    from portfolio_builder.serve import ServeError
    from portfolio_builder.serve_command import ServeOptions, run_serve

    if not site.is_dir():
        raise click.UsageError(f"no site folder at {site}")
    try:
        run_serve(ServeOptions(site, bind, port, open_browser, offline))
    except (ConfigError, OutputError, ServeError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


cli.add_command(init_command)
cli.add_command(check_command)


def main() -> None:
    cli()
