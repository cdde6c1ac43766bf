"""What one ``serve`` session keeps in memory from one rebuild to the next.

Every rebuild of a session checks the badges as of the moment ``serve`` started (see
``serve_command``), so a badge file whose stat is unchanged, and whose sidecar's stat is
unchanged, keeps its read, its report and its sidecar from the last rebuild: it is not
read, hashed, unpickled or verified again. Only items that the stage caches would also
reuse are kept (an item without a key may not repeat: a status list, an issuer not
reached online). Entries are kept by the digest of what they are made of, so an
unchanged badge is not laid out again either. A full rebuild (theme, templates or
configuration changed) starts from a new, empty ``Warm``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field
from pathlib import Path

from portfolio_builder.assemble import Item
from portfolio_builder.cache import Stat, file_stat
from portfolio_builder.changes import Publish
from portfolio_builder.config import Config
from portfolio_builder.content import sidecar_names
from portfolio_builder.diagnostics import Diagnostic
from portfolio_builder.model import SourceFile
from portfolio_builder.sitemodel import Entry
from portfolio_builder.themes import Theme

Stamp = tuple[Stat | None, ...]
MakeItem = Callable[[SourceFile], tuple[Item, list[Diagnostic]]]


def stamp_of(path: Path, seen: Set[str] | None = None) -> Stamp:
    """The stat of a badge file and of each sidecar it may have; with ``seen`` (the files
    just found beside it), a sidecar not there is taken to be missing, not looked for."""
    names = sidecar_names(path, seen)
    return (file_stat(path), *(file_stat(n) if n else None for n in names))


@dataclass
class Warm:
    """Items by badge file (with the stamp they were made at), entries by digest, and the
    theme with the digest of what every page reads (``pipeline._theme``)."""

    items: dict[str, tuple[Stamp, SourceFile, Item, tuple[Diagnostic, ...]]] = field(
        default_factory=dict
    )
    entries: dict[str, Entry] = field(default_factory=dict)
    site: tuple[Config, str, Theme, str] | None = None  # settings, base URL, theme, digest
    outputs: dict[str, str] | None = None  # digests of the last rebuild's files
    basis: object = None

    def begin(self, basis: object) -> None:
        """A rebuild starts from ``basis`` (the settings, identities and flags badges are
        read and checked with): anything kept under another basis is dropped."""
        if basis != self.basis:
            self.items.clear()
            self.entries.clear()
            self.site = None
            self.outputs = None
            self.basis = basis

    def item(
        self, source: SourceFile, stamp: Stamp, make: MakeItem
    ) -> tuple[Item, list[Diagnostic]]:
        """The item for ``source``: the last rebuild's while its files are as ``stamp``
        (``stamp_of``) says, else made now."""
        name = str(source.path)
        known = self.items.get(name)
        if known is not None and known[0] == stamp and known[1] == source and stamp[0]:
            return known[2], list(known[3])
        item, notes = make(source)
        if item.key is not None and stamp_of(source.path) == stamp:
            self.items[name] = (stamp, source, item, tuple(notes))
        else:
            self.items.pop(name, None)
        return item, notes

    def forget_missing(self, sources: Iterable[SourceFile]) -> None:
        """Forget the badge files no longer found."""
        names = {str(s.path) for s in sources}
        for gone in [n for n in self.items if n not in names]:
            del self.items[gone]

    def kept(self, entries: Iterable[Entry], outputs: dict[str, str] | None) -> None:
        """After a rebuild is written: keep exactly the entries it used and the digests of
        the files it made (``changes``)."""
        self.entries = {e.digest: e for e in entries}
        self.outputs = outputs


@dataclass
class Session:
    """A ``serve`` session's rebuilds: what they keep in memory, where a small change is
    shown before it is written (``changes``), and the lock that lets one rebuild write
    the output folder while the next one is being made (never two writing at once)."""

    warm: Warm = field(default_factory=Warm)
    publish: Publish | None = None
    writing: threading.Lock = field(default_factory=threading.Lock)
