"""Themes: a folder with ``theme.yaml`` (``name``, optional ``extends``), ``templates/``
and ``static/``. Lookup order for a template: the site's own ``templates/``, then
the theme, then the themes it extends. ``!theme/NAME`` and ``!default/NAME`` reach
a theme's template even when the site overrides it, so an override can extend it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
)
from markupsafe import Markup

import portfolio_builder
from portfolio_builder.config import Config, ConfigError
from portfolio_builder.markup import plain, render_markdown, safe_url
from portfolio_builder.sitefiles import scrub
from portfolio_builder.slugs import slugify

_PACKAGED = Path(portfolio_builder.__file__).resolve().parent / "_themes"
BUILTIN_THEMES = _PACKAGED if _PACKAGED.is_dir() else _PACKAGED.parent.parent / "themes"


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    chain: tuple[Path, ...]
    overrides: Path | None
    env: Environment
    static: dict[str, bytes]


def _find(name: str, site_root: Path) -> Path:
    for base in (site_root / "themes", BUILTIN_THEMES):
        if (base / name / "theme.yaml").is_file():
            return base / name
    raise ConfigError(f"theme: no theme named {name!r} (looked in themes/ and the built-in themes)")


def theme_chain(name: str, site_root: Path) -> tuple[Path, ...]:
    chain: list[Path] = []
    current: str | None = name
    while current:
        folder = _find(current, site_root)
        if folder in chain:
            raise ConfigError(f"theme: {name!r} extends itself through {current!r}")
        chain.append(folder)
        try:
            meta = yaml.safe_load((folder / "theme.yaml").read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"theme: {folder / 'theme.yaml'} cannot be read: {exc}") from None
        parent = meta.get("extends") if isinstance(meta, dict) else None
        current = parent if isinstance(parent, str) else None
    return tuple(chain)


def jsonld(value: Any) -> Markup:
    """JSON safe inside a ``<script type="application/ld+json">`` element."""
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def month_year(value: datetime | None) -> str:
    return value.strftime("%B %Y") if value else ""


def long_date(value: datetime | None) -> str:
    return f"{value.day} {value.strftime('%B %Y')}" if value else ""


def _environment(loaders: list[BaseLoader]) -> Environment:
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(
        markdown=lambda t: Markup(render_markdown(t)),
        plain=plain,
        slugify=slugify,
        scrub=scrub,
        safe_url=safe_url,
        jsonld=jsonld,
        month_year=month_year,
        long_date=long_date,
    )
    return env


def _static(chain: tuple[Path, ...]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for folder in reversed(chain):
        root = folder / "static"
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            if path.is_file() and not path.name.startswith("."):
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def load_theme(config: Config) -> Theme:
    chain = theme_chain(config.theme, config.root)
    overrides = config.root / "templates"
    loaders: list[BaseLoader] = []
    if overrides.is_dir():
        loaders.append(FileSystemLoader(overrides))
    loaders += [FileSystemLoader(folder / "templates") for folder in chain]
    prefixes = {
        "!theme": FileSystemLoader([str(f / "templates") for f in chain]),
        "!default": FileSystemLoader(BUILTIN_THEMES / "default" / "templates"),
    }
    loaders.append(PrefixLoader(prefixes, delimiter="/"))
    return Theme(
        config.theme,
        chain,
        overrides if overrides.is_dir() else None,
        _environment(loaders),
        _static(chain),
    )


def template_digest(theme: Theme) -> str:
    """A digest of every template the theme's pages can reach (overrides, chain, default)."""
    h = hashlib.sha256()
    folders = [theme.overrides, *(f / "templates" for f in theme.chain)]
    for folder in [f for f in folders if f] + [BUILTIN_THEMES / "default" / "templates"]:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                h.update(f"{path.relative_to(folder).as_posix()}\0".encode())
                h.update(hashlib.sha256(path.read_bytes()).digest())
        h.update(b"\1")
    return h.hexdigest()


def fingerprint(name: str, body: bytes) -> str:
    """``style.css`` → ``static/style.1a2b3c4d.css``."""
    stem, dot, ext = name.rpartition(".")
    short = hashlib.sha256(body).hexdigest()[:8]
    return f"static/{stem}.{short}.{ext}" if dot else f"static/{name}.{short}"
