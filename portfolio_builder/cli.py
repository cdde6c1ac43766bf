"""The command line: parses flags and calls the stages; it holds no logic of its own."""

from __future__ import annotations

import json
import sys

import click

from portfolio_builder import __version__
from portfolio_builder.check_command import check_command
from portfolio_builder.discover import discover
from portfolio_builder.init_command import init_command
from portfolio_builder.inspection import as_json, as_text
from portfolio_builder.reading import DEFAULT_MAX_BYTES, read_badge


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
        click.echo(json.dumps([as_json(r) for r in results], indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(as_text(r) for r in results))
    ok = all(r.badge is not None for r in results) and not any(
        d.severity == "error" for d in found.diagnostics
    )
    sys.exit(0 if ok else 1)


cli.add_command(init_command)
cli.add_command(check_command)


def main() -> None:
    cli()
