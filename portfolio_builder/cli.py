"""The command line: parses flags and calls the stages; it holds no logic of its own."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime

import click

from portfolio_builder import __version__, inspection
from portfolio_builder.check_command import check_command
from portfolio_builder.discover import discover
from portfolio_builder.init_command import init_command
from portfolio_builder.reading import DEFAULT_MAX_BYTES, read_badge
from portfolio_builder.verify_command import (
    VerifyOptions,
    as_json,
    as_text,
    parse_now,
    run_verify,
    summary,
)


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


@cli.command("verify")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--email", "emails", multiple=True, help="One of your identities (repeatable).")
@click.option(
    "--now",
    callback=_now_option,
    metavar="ISO8601",
    help="Check validity at this time (default: now).",
)
@click.option("--offline", is_flag=True, help="Use only the cache; never the network.")
@click.option(
    "--allow-private-network",
    is_flag=True,
    help="Allow fetching from private, loopback and link-local addresses.",
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
    fmt: str,
) -> None:
    """Verify each badge with its issuer and say whether it is valid."""
    options = VerifyOptions(paths, emails, now, offline, allow_private_network)
    run = run_verify(options, os.environ)
    for note in run.notes:
        click.echo(note, err=True)
    click.echo(as_json(run) if fmt == "json" else as_text(run))
    if fmt == "text":
        click.echo(summary(run), err=True)
    sys.exit(run.exit_code)


cli.add_command(init_command)
cli.add_command(check_command)


def main() -> None:
    cli()
