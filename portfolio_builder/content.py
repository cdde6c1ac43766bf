"""The owner's own writing: Markdown pages in ``content/*.md`` and badge sidecars.

A page is Markdown with optional YAML front matter (``title``, ``order``,
``description``). A sidecar sits beside a badge file with the same stem
(``content/badges/<name>.yaml`` or ``<name>.md``) and adds the owner's ``note``,
extra ``evidence`` links, ``tags``, ``featured`` and ``hidden``.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from portfolio_builder.diagnostics import Diagnostic, warning

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class Page:
    slug: str
    title: str
    body: str
    description: str = ""
    order: int = 0


@dataclass(frozen=True, slots=True)
class EvidenceLink:
    url: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Sidecar:
    note: str = ""
    evidence: tuple[EvidenceLink, ...] = ()
    tags: tuple[str, ...] = ()
    featured: bool = False
    hidden: bool = False


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str, list[Diagnostic]]:
    """(front matter, body, problems); bad front matter is reported and ignored."""
    match = _FRONT.match(text)
    if not match:
        return {}, text, []
    body = text[match.end() :]
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, body, [warning("W-CONTENT", "front matter is not valid YAML; ignored", where)]
    if data is None:
        return {}, body, []
    if not isinstance(data, dict):
        return {}, body, [warning("W-CONTENT", "front matter is not a mapping; ignored", where)]
    return data, body, []


def _read(path: Path, where: str) -> str | Diagnostic:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return warning("W-CONTENT", f"cannot be read: {exc}", where)


def _text(data: dict[str, Any], key: str, where: str, notes: list[Diagnostic]) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    notes.append(warning("W-CONTENT", f"{key}: must be text; ignored", where))
    return None


def load_page(path: Path, where: str) -> tuple[Page | None, list[Diagnostic]]:
    text = _read(path, where)
    if isinstance(text, Diagnostic):
        return None, [text]
    data, body, notes = split_front_matter(text, where)
    slug = path.stem.lower()
    if not _SLUG.match(slug) or slug in RESERVED:
        notes.append(warning("W-CONTENT", f"page name {path.stem!r} cannot be used", where))
        return None, notes
    order = data.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool):
        notes.append(warning("W-CONTENT", "order: must be a whole number; ignored", where))
        order = 0
    title = _text(data, "title", where, notes) or path.stem.replace("-", " ").title()
    description = _text(data, "description", where, notes) or ""
    return Page(slug, title, body, description, order), notes


RESERVED = frozenset({"badges", "issuers", "tags", "years", "status", "static", "404", "index"})


def load_pages(content: Path) -> tuple[list[Page], list[Diagnostic]]:
    """Every ``content/*.md`` page, sorted by ``order`` then title."""
    pages: list[Page] = []
    notes: list[Diagnostic] = []
    for path in sorted(content.glob("*.md")) if content.is_dir() else []:
        page, more = load_page(path, str(path))
        notes += more
        if page is not None:
            pages.append(page)
    pages.sort(key=lambda p: (p.order, p.title))
    return pages, notes


def _bool(data: dict[str, Any], key: str, where: str, notes: list[Diagnostic]) -> bool:
    value = data.get(key, False)
    if isinstance(value, bool):
        return value
    notes.append(warning("W-CONTENT", f"{key}: must be true or false; ignored", where))
    return False


def _tags(data: dict[str, Any], where: str, notes: list[Diagnostic]) -> tuple[str, ...]:
    value = data.get("tags", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(t, str | int) for t in value):
        notes.append(warning("W-CONTENT", "tags: must be a list of words; ignored", where))
        return ()
    return tuple(dict.fromkeys(str(t).strip() for t in value if str(t).strip()))


def _evidence(data: dict[str, Any], where: str, notes: list[Diagnostic]) -> list[EvidenceLink]:
    found: list[EvidenceLink] = []
    items = data.get("evidence", [])
    for index, item in enumerate(items if isinstance(items, list) else [items]):
        if isinstance(item, str):
            found.append(EvidenceLink(item))
        elif isinstance(item, dict) and isinstance(item.get("url"), str):
            name = item.get("name")
            found.append(EvidenceLink(item["url"], name if isinstance(name, str) else None))
        else:
            notes.append(warning("W-CONTENT", f"evidence.{index}: needs a url; ignored", where))
    return found


def parse_sidecar(data: dict[str, Any], note: str, where: str) -> tuple[Sidecar, list[Diagnostic]]:
    notes: list[Diagnostic] = []
    known = {"note", "evidence", "tags", "featured", "hidden"}
    for key in sorted(set(data) - known):
        notes.append(warning("W-CONTENT", f"{key}: unknown key; ignored", where))
    note = note.strip() or (_text(data, "note", where, notes) or "")
    sidecar = Sidecar(
        note=note,
        evidence=tuple(_evidence(data, where, notes)),
        tags=_tags(data, where, notes),
        featured=_bool(data, "featured", where, notes),
        hidden=_bool(data, "hidden", where, notes),
    )
    return sidecar, notes


SIDECAR_SUFFIXES = (".yaml", ".yml", ".md")  # in the order they are looked for


def sidecar_names(badge_path: Path, seen: Set[str] | None = None) -> list[str | None]:
    """The paths a badge's sidecar may have, in the order they are looked for; with
    ``seen`` (the files just found beside the badge), None for each one not there."""
    text = str(badge_path)
    base = text[: -len(badge_path.suffix)] if badge_path.suffix else text
    names = [base + suffix for suffix in SIDECAR_SUFFIXES]
    return [n if seen is None or n in seen else None for n in names]


def load_sidecar(
    badge_path: Path, seen: Set[str] | None = None
) -> tuple[Sidecar, list[Diagnostic]]:
    """The sidecar beside a badge file, or an empty one when there is none; with ``seen``
    (``sidecar_names``), one not there is not looked for."""
    for name in sidecar_names(badge_path, seen):
        if name is None or not Path(name).is_file():
            continue
        text = _read(Path(name), name)
        if isinstance(text, Diagnostic):
            return Sidecar(), [text]
        if name.endswith(".md"):
            data, body, notes = split_front_matter(text, name)
        else:
            data, body, notes = _yaml_mapping(text, name)
        sidecar, more = parse_sidecar(data, body, name)
        return sidecar, notes + more
    return Sidecar(), []


def _yaml_mapping(text: str, where: str) -> tuple[dict[str, Any], str, list[Diagnostic]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}, "", [warning("W-CONTENT", "not valid YAML; ignored", where)]
    if data is None:
        return {}, "", []
    if not isinstance(data, dict):
        return {}, "", [warning("W-CONTENT", "must be a mapping of keys; ignored", where)]
    return data, "", []
