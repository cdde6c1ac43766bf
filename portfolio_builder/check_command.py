"""The ``check`` command: checks a built site and lists every problem, one a line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from portfolio_builder.site_check import SiteCheck


@click.command("check")
@click.argument(
    "out", required=False, default="output", type=click.Path(path_type=Path), metavar="[OUT]"
)
@click.option(
    "--base-url",
    metavar="URL",
    help="The site's public address; default: read from its canonical links or sitemap.xml.",
)
@click.option(
    "--allow-email",
    "allow_emails",
    metavar="EMAIL",
    multiple=True,
    help="An email address you chose to publish (repeatable).",
)
def check_command(out: Path, base_url: str | None, allow_emails: tuple[str, ...]) -> None:
    """Check the built site in OUT (default: output/) before publishing it."""
    from portfolio_builder.site_check import check_site  # only this command needs Pillow

    result = check_site(out, base_url, allow_emails)
    for problem in result.problems:
        click.echo(problem.as_text())
    click.echo(summary(result), err=not result.ok)
    sys.exit(0 if result.ok else 1)


def summary(result: SiteCheck) -> str:
    """One closing line: what was checked, and how many problems were found."""
    if not result.pages:
        return "1 problem: nothing to check."
    seen = (
        f"{result.pages} pages, {result.files} files, {result.links} internal links, "
        f"{result.sitemap_urls} sitemap URLs under {result.base or 'an unknown base URL'}"
    )
    if result.ok:
        return f"OK: {seen}; no broken link, preview problem or leak."
    count = len(result.problems)
    return f"{count} problem{'s' if count != 1 else ''} in {seen}."
