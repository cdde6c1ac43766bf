"""Load ``portfolio.yaml`` into a frozen ``Config``; every error names the file and the key."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jsonschema import Draft202012Validator

from portfolio_builder import identities
from portfolio_builder.errors import ConfigError as ConfigError

CONFIG_NAME = "portfolio.yaml"

_TEXT: dict[str, Any] = {"type": "string"}
_LINK = {
    "type": "object",
    "required": ["label", "url"],
    "properties": {"label": _TEXT, "url": _TEXT},
    "additionalProperties": False,
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": _TEXT,
        "owner": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "name": _TEXT,
                "headline": _TEXT,
                "avatar": _TEXT,
                "links": {"type": "array", "items": _LINK},
            },
        },
        "base_url": _TEXT,
        "language": {"type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
        "theme": {"type": "string", "pattern": "^[A-Za-z0-9_.-]+$"},
        "linkedin": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "organizations": {
                    "type": "object",
                    "additionalProperties": {"type": ["integer", "string"], "pattern": "^[0-9]+$"},
                }
            },
        },
        "privacy": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "publish_originals": {"type": "boolean"},
                "publish_plaintext_email": {"type": "boolean"},
                "noindex": {"type": "boolean"},
            },
        },
        "identities_file": _TEXT,
        "issuer_snapshot": {"type": "string", "minLength": 1},
        "cname": {"type": "string", "pattern": r"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"},
    },
}


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Privacy:
    publish_originals: bool = True
    publish_plaintext_email: bool = False
    noindex: bool = False


@dataclass(frozen=True, slots=True)
class Config:
    """The site's settings. ``root`` is the site folder; paths in it are relative to it."""

    root: Path
    title: str | None = None
    owner_name: str = "My badges"
    headline: str | None = None
    avatar: str | None = None
    links: tuple[Link, ...] = ()
    base_url: str | None = None
    language: str = "en"
    theme: str = "default"
    linkedin_organizations: dict[str, str] = field(default_factory=dict)
    privacy: Privacy = field(default_factory=Privacy)
    identities_file: str | None = None
    issuer_snapshot: str | None = None
    cname: str | None = None

    @property
    def site_title(self) -> str:
        return self.title or f"{self.owner_name} - Badges"


def _describe(error: Any) -> str:
    path = [str(p) for p in error.absolute_path]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if k not in allowed)
        if extra:
            return f"{'.'.join([*path, extra[0]])}: unknown key"
    return f"{'.'.join(path) or '(top level)'}: {error.message}"


def _schema_errors(data: Any, where: str) -> None:
    validator = Draft202012Validator(SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        raise ConfigError(f"{where}: {_describe(errors[0])}")


def normalize_base_url(value: str, key: str = "base_url") -> str:
    """An absolute http(s) URL ending in ``/``; ``ConfigError`` naming ``key`` otherwise."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"{key}: must be an absolute http(s) URL such as https://user.github.io/repo/"
        )
    if parts.query or parts.fragment:
        raise ConfigError(f"{key}: must not have a query or fragment")
    return value if value.endswith("/") else value + "/"


def _inside(root: Path, value: str | None, key: str, where: str) -> str | None:
    """A path relative to the site folder that stays inside it (symbolic links resolved)."""
    if value is None:
        return None
    target = (root / value).resolve()
    if Path(value).is_absolute() or not target.is_relative_to(root.resolve()):
        raise ConfigError(f"{where}: {key}: {value} is outside the site folder")
    return value


def _from_data(root: Path, data: dict[str, Any], where: str) -> Config:
    owner = data.get("owner", {})
    privacy = Privacy(**data.get("privacy", {}))
    base_url = data.get("base_url")
    if base_url is not None:
        try:
            base_url = normalize_base_url(base_url)
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    orgs = data.get("linkedin", {}).get("organizations", {})
    return Config(
        root=root,
        title=data.get("title"),
        owner_name=owner.get("name") or "My badges",
        headline=owner.get("headline"),
        avatar=owner.get("avatar"),
        links=tuple(Link(x["label"], x["url"]) for x in owner.get("links", [])),
        base_url=base_url,
        language=data.get("language", "en"),
        theme=data.get("theme", "default"),
        linkedin_organizations={str(k): str(v) for k, v in orgs.items()},
        privacy=privacy,
        identities_file=data.get("identities_file"),
        issuer_snapshot=_inside(root, data.get("issuer_snapshot"), "issuer_snapshot", where),
        cname=data.get("cname"),
    )


def parse_config(root: Path, text: str, where: str = CONFIG_NAME) -> Config:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        raise ConfigError(f"{where}{line}: not valid YAML") from None
    if data is None:
        data = {}
    _schema_errors(data, where)
    return _from_data(root, data, where)


def load_config(root: Path) -> Config:
    """The site's configuration; defaults when ``portfolio.yaml`` is absent."""
    path = root / CONFIG_NAME
    if not path.is_file():
        return Config(root=root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    return parse_config(root, text, str(path))


def load_identities(
    config: Config, extra: tuple[str, ...] = (), environ: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The owner's identities: ``--email``, ``PORTFOLIO_EMAILS`` and ``identities_file``."""
    path = config.root / config.identities_file if config.identities_file else None
    env = os.environ if environ is None else environ
    return identities.load(extra, env, path).values
