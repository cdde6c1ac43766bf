"""The ``init`` command: scaffolds a new portfolio folder and says what it did."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from portfolio_builder.scaffold import (
    ScaffoldResult,
    default_install_spec,
    install_spec_problem,
    scaffold,
)


def _check_spec(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and (problem := install_spec_problem(value)):
        raise click.BadParameter(problem, ctx=ctx, param=param)
    return value


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--install-from",
    "install_from",
    metavar="SPEC",
    callback=_check_spec,
    help="What the Pages workflow installs with pip (a version, a git URL or a wheel); "
    "default: this version from PyPI.",
)
def init_command(directory: Path, install_from: str | None) -> None:
    """Create a new portfolio in DIRECTORY, never overwriting a file."""
    spec = install_from if install_from is not None else default_install_spec()
    result = scaffold(directory, spec)
    click.echo(report_text(directory, result))
    if ".github/workflows/pages.yml" in result.created:
        click.echo(f"The Pages workflow installs: {spec}")
    sys.exit(1 if result.failed else 0)


def report_text(directory: Path, result: ScaffoldResult) -> str:
    """The lines ``init`` prints: created, left alone, failed, then what to do next."""
    lines: list[str] = []
    if result.created:
        lines.append(f"Created in {directory}:")
        lines += [f"  {name}" for name in result.created]
    if result.kept:
        lines.append("Left alone (already there, not overwritten):")
        lines += [f"  {name}" for name in result.kept]
    if result.failed:
        lines.append("Could not create:")
        lines += [f"  {name}: {reason}" for name, reason in result.failed]
    if not result.failed:
        lines += [
            "",
            "Next: put your badges in content/badges/, edit portfolio.yaml, then run",
            f"  cd {shlex.quote(str(directory))} && portfolio-builder build",
            "The README.md in that folder explains downloading badges and publishing.",
        ]
    return "\n".join(lines)
