"""Scaffold a new portfolio folder: settings, content folders, a guide and a Pages workflow.

Files come from the text templates in ``scaffold_files/``. Nothing that already exists is
ever overwritten: each path is created with an exclusive open, so an existing file (or a
link, or a folder) of that name is left alone and reported as kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from portfolio_builder import __version__

DISTRIBUTION = "badge-portfolio-builder"
SPEC_TOKEN = "@@INSTALL_SPEC@@"

# Destination (relative to the new site's folder) and the template it is made from.
FILES: tuple[tuple[str, str], ...] = (
    ("portfolio.yaml", "portfolio.yaml"),
    ("README.md", "README.md"),
    ("content/about.md", "about.md"),
    (".gitignore", "gitignore.txt"),
    (".github/workflows/pages.yml", "pages.yml"),
)
EMPTY_DIRS: tuple[str, ...] = ("content/badges",)

# Every key of portfolio.yaml, dotted, with its meaning. The README documents each one.
CONFIG_KEYS: dict[str, str] = {
    "title": "The site's title: header, browser tab and link previews.",
    "owner.name": "Your name, as shown on the site.",
    "owner.headline": "One line about you, shown under your name.",
    "owner.avatar": "A square picture of you, relative to the site folder.",
    "owner.links": "Links shown under your name: a list of `label` and `url` pairs.",
    "base_url": "The public address of the site, ending with /.",
    "language": "The language of the site's text, a BCP 47 tag (default en).",
    "theme": "The theme to build with (default `default`).",
    "linkedin.organizations": "LinkedIn organization ids by issuer id or issuer name.",
    "privacy.publish_originals": "Publish the original badge files next to each badge page.",
    "privacy.publish_plaintext_email": "Publish plain-text recipient emails found in badges.",
    "privacy.noindex": "Ask search engines not to index the site (default false).",
    "identities_file": "The file listing your email addresses (default .portfolio-identities).",
    "issuer_snapshot": "Recorded issuer answers, used when the network is not (a file here).",
    "cname": "A custom domain; written to a CNAME file for branch deploys.",
}


@dataclass(frozen=True, slots=True)
class ScaffoldResult:
    """What ``scaffold`` did: paths created, paths left alone, and paths it could not make."""

    created: tuple[str, ...]
    kept: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]


def default_install_spec() -> str:
    """The pip requirement that installs the version of the tool now running."""
    return f"{DISTRIBUTION}=={__version__}"


def install_spec_problem(spec: str) -> str | None:
    """Why ``spec`` cannot go into the workflow, or None when it can."""
    if not spec.strip():
        return "the install spec is empty"
    if any(ord(c) < 32 or ord(c) == 127 for c in spec):
        return "the install spec contains a line break or control character"
    if "${{" in spec:
        return "the install spec contains a GitHub expression (${{ ... }})"
    return None


def render_files(install_spec: str) -> dict[str, bytes]:
    """The contents of every scaffolded file, by destination path."""
    if problem := install_spec_problem(install_spec):
        raise ValueError(problem)
    folder = files("portfolio_builder").joinpath("scaffold_files")
    rendered: dict[str, bytes] = {}
    for dest, template in FILES:
        text = folder.joinpath(template).read_text(encoding="utf-8")
        # A JSON string is a valid double-quoted YAML scalar, so any spec stays one value.
        text = text.replace(SPEC_TOKEN, json.dumps(install_spec))
        rendered[dest] = text.encode("utf-8")
    return rendered


def scaffold(root: Path, install_spec: str) -> ScaffoldResult:
    """Create the site skeleton under ``root``, never replacing anything already there."""
    created: list[str] = []
    kept: list[str] = []
    failed: list[tuple[str, str]] = []
    for dest, data in render_files(install_spec).items():
        _record(dest, _create_file(root / dest, data), created, kept, failed)
    for dest in EMPTY_DIRS:
        _record(dest + "/", _create_dir(root / dest), created, kept, failed)
    return ScaffoldResult(tuple(created), tuple(kept), tuple(failed))


def _record(
    name: str,
    outcome: str | None,
    created: list[str],
    kept: list[str],
    failed: list[tuple[str, str]],
) -> None:
    if outcome is None:
        created.append(name)
    elif outcome == "exists":
        kept.append(name)
    else:
        failed.append((name, outcome))


def _create_file(path: Path, data: bytes) -> str | None:
    """None when created, "exists" when something is already there, else the reason."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _reason(exc)
    try:
        with path.open("xb") as handle:
            handle.write(data)
    except FileExistsError:
        return "exists"
    except OSError as exc:
        return _reason(exc)
    return None


def _create_dir(path: Path) -> str | None:
    if path.is_dir():
        return "exists"
    try:
        path.mkdir(parents=True)
    except OSError as exc:
        return _reason(exc)
    return None


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return "a file is in the way of a folder it needs"
    return exc.strerror or type(exc).__name__
