"""Pages rendered again only when something they read has changed.

Every page gets a key: a digest of its own inputs (the badge, group or page it shows,
its path), of what every page may read (the theme's templates and static files, the
settings, the base URL, the tool's code) and of the parts of the whole site that its
templates *did* read while it was last rendered. The site model and ``groups`` are
handed to templates through proxies that note each part read (``site.entries``,
``site.pages``, ``groups``...): a badge page that shows no list of badges does not
depend on the others. A listing page (index, issuer, tag, year, status) gets its badges
as a ``TrackedList`` and notes the fields read of each (``entries.name``,
``entries.badge.issuer_name``): its key holds which badges it lists and the digests of
those fields, so a note that no card shows leaves the listings alone. Rendering is a
pure function of what it read, so a page whose key is unchanged would come out with the
same bytes; the previous build's page is kept (``KnownPage``), unless the file on disk
is no longer the one it wrote.

The record of the last build's keys is one file in ``.portfolio-cache/stages/``; a
missing or damaged record means every page is rendered. The cards listing pages are made
of (see ``fragments``) are kept in a second file beside it, ``CardRecords``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio_builder.cache import code_stamp, store_whole
from portfolio_builder.sitemodel import Asset, Entry, SiteModel

if TYPE_CHECKING:
    from portfolio_builder.render import RenderedFile

RENDER_VERSION = "render-1"
Record = tuple[tuple[str, ...], str, str]  # (parts of the site read, key, sha-256 of bytes)
CardLocator = tuple[str, ...]  # (template, a key of each other name read, the badge's digest)
CardRecord = tuple[tuple[str, ...], str, str]  # (parts read, key of the site's parts, HTML)
Fields = dict[tuple[str, ...], dict[str, str]]  # fields read: {a badge's digest: theirs}


def digest_of(value: Any) -> str:
    """A stable digest of a value made of plain data, dataclasses, entries and assets."""
    h = hashlib.sha256()
    _feed(h, value)
    return h.hexdigest()


class _NotPlain(Exception):
    pass


def plain_digest(value: Any) -> str | None:
    """``digest_of(value)`` when the value is plain data all through (so equal digests
    mean equal values); None when a part of it is anything else (a function, an object
    handed to templates, a template's loop)."""
    h = hashlib.sha256()
    try:
        _feed(h, value, strict=True)
    except _NotPlain:
        return None
    return h.hexdigest()


def _feed(h: Any, value: Any, strict: bool = False) -> None:
    if strict and isinstance(value, TrackedMapping):
        raise _NotPlain
    if isinstance(value, Entry):
        h.update(f"E{value.digest};".encode())
    elif isinstance(value, Asset):
        h.update(f"A{value.path}|{value.key};".encode())
    elif isinstance(value, bytes):
        h.update(b"B%d;" % len(value) + value)
    elif isinstance(value, str | int | float | bool | type(None) | date | Path | Enum):
        h.update(f"{type(value).__name__}{value!r};".encode())
    elif isinstance(value, list | tuple):
        h.update(b"[")
        for item in value:
            _feed(h, item, strict)
        h.update(b"]")
    elif isinstance(value, Mapping):
        h.update(b"{")
        for key, item in value.items():
            _feed(h, key, strict)
            _feed(h, item, strict)
        h.update(b"}")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        h.update(f"D{type(value).__name__}(".encode())
        for f in dataclasses.fields(value):
            _feed(h, getattr(value, f.name), strict)
        h.update(b")")
    elif strict:
        raise _NotPlain
    else:
        h.update(f"{type(value).__name__}{value!r};".encode())


class Reads:
    """The parts of the site one page's templates read."""

    def __init__(self) -> None:
        self.parts: set[str] = set()


class TrackedSite:
    """The site model as templates see it: every attribute read is noted."""

    def __init__(self, model: SiteModel, reads: Reads) -> None:
        self._model = model
        self._reads = reads

    def __getattr__(self, name: str) -> Any:
        self._reads.parts.add(f"site.{name}")
        return getattr(self._model, name)


class TrackedMapping(Mapping[str, Any]):
    """A mapping handed to templates (``groups``, ``issuer_images``) whose use is noted."""

    def __init__(self, name: str, data: Mapping[str, Any], reads: Reads) -> None:
        self._name = name
        self._data = data
        self._reads = reads

    def __getitem__(self, key: str) -> Any:
        self._reads.parts.add(self._name)
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        self._reads.parts.add(self._name)
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.parts.add(self._name)
        return len(self._data)


LISTED = "entries"  # the parts a listing page reads of the badges it lists


class TrackedValue:
    """A badge (or a part of one) on a listing page: each field its templates read is
    noted as a path (``entries.name``, ``entries.badge.issuer_name``); a use of the
    value itself (printed, compared, called) notes the whole of it."""

    __slots__ = ("_path", "_reads", "_value")

    def __init__(self, value: object, reads: Reads, path: str) -> None:
        self._value = value
        self._reads = reads
        self._path = path

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._value, name)
        path = f"{self._path}.{name}"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return TrackedValue(value, self._reads, path)
        self._reads.parts.add(self._path if callable(value) else path)
        return value

    def _whole(self) -> Any:
        self._reads.parts.add(self._path)
        return self._value

    def __str__(self) -> str:
        return str(self._whole())

    def __eq__(self, other: object) -> bool:
        mine = self._whole()
        return bool(mine == (other._whole() if isinstance(other, TrackedValue) else other))

    def __hash__(self) -> int:
        return hash(self._whole())


class TrackedList(Sequence[Any]):
    """The badges a listing page shows. Which ones, and in what order, is part of the
    page's own key; what it reads of each is noted field by field."""

    def __init__(self, entries: Sequence[Entry], reads: Reads) -> None:
        self._entries = entries
        self._reads = reads

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return TrackedList(self._entries[index], self._reads)
        return TrackedValue(self._entries[index], self._reads, LISTED)

    def __len__(self) -> int:
        return len(self._entries)


def listed_entry(value: object) -> tuple[Entry | None, bool]:
    """The badge a template names ``entry`` (as listed, tracked or not), and whether it
    is one of a listing page's badges (whose fields read go into the page's key)."""
    if isinstance(value, TrackedValue):
        found = value._value
        return (found if isinstance(found, Entry) else None), value._path == LISTED
    return (value if isinstance(value, Entry) else None), False


def listed_entries(value: object) -> tuple[Sequence[Entry] | None, bool]:
    """The badges of a list handed to templates, and whether it is a listing page's; None
    for a list of anything else."""
    if isinstance(value, TrackedList):
        return value._entries, True
    if isinstance(value, list | tuple) and all(isinstance(e, Entry) for e in value):
        return value, False
    return None, False


def rebound(value: object, reads: Reads) -> object:
    """A value handed to templates that notes what is read of it, noting it in ``reads``
    instead (any other value as it is)."""
    if isinstance(value, TrackedSite):
        return TrackedSite(value._model, reads)
    if isinstance(value, TrackedMapping):
        return TrackedMapping(value._name, value._data, reads)
    if isinstance(value, TrackedValue):
        return TrackedValue(value._value, reads, value._path)
    if isinstance(value, TrackedList):
        return TrackedList(value._entries, reads)
    return value


def _field(entry: Entry, path: str) -> object:
    value: object = entry
    for name in path.split(".")[1:]:
        value = getattr(value, name)
    return value


def of_listed(part: str) -> bool:
    """Whether a part read is one of the badges a listing page lists (``entries.name``)."""
    return part == LISTED or part.startswith(LISTED + ".")


class SiteParts:
    """Digests of the parts of one build's site, each made once, when first needed.
    ``fields`` holds, for each set of fields listing pages read, the digest of those
    fields of each badge by its digest; it is kept from one build to the next."""

    def __init__(self, model: SiteModel, fields: Fields | None = None) -> None:
        self.model = model
        self._known: dict[str, str] = {}
        self._fields: Fields = {} if fields is None else fields
        self._lists: dict[tuple[tuple[str, ...], int], tuple[Sequence[Entry], str]] = {}
        self._split: dict[tuple[str, ...], tuple[bytes, tuple[str, ...]]] = {}

    def digest(self, part: str) -> str:
        """The digest of one part of the site (not of a listing page's badges)."""
        if part not in self._known:
            self._known[part] = digest_of(self._value(part))
        return self._known[part]

    def split(self, parts: tuple[str, ...]) -> tuple[bytes, tuple[str, ...]]:
        """The digests of the parts of the site in ``parts``, as text to hash, and the
        parts of listed badges apart (made once for each set of parts)."""
        found = self._split.get(parts)
        if found is None:
            text = "".join(f"|{p}={self.digest(p)}" for p in parts if not of_listed(p))
            found = self._split[parts] = (text.encode(), tuple(p for p in parts if of_listed(p)))
        return found

    def listed(self, fields: tuple[str, ...], listed: Sequence[Entry]) -> str:
        """The digest of the ``fields`` of each badge of ``listed``, in order."""
        done = self._lists.get((fields, id(listed)))
        if done is not None and done[0] is listed:
            return done[1]
        known = self._fields.setdefault(fields, {})
        digests: list[str] = []
        for entry in listed:
            found = known.get(entry.digest) if entry.digest else None
            if found is None:
                found = digest_of([_field(entry, f) for f in fields])
                if entry.digest:
                    known[entry.digest] = found
            digests.append(found)
        result = hashlib.sha256("".join(digests).encode()).hexdigest()
        self._lists[(fields, id(listed))] = (listed, result)
        return result

    def _value(self, part: str) -> object:
        if part == "groups":
            return self.model.groups
        if part == "issuer_images":
            return self.model.issuer_images
        name = part.removeprefix("site.")
        if name in ("entry", "entries"):
            return self.model.entries
        if name == "built_at":  # pages show the day (as the whole-site skip assumes)
            return self.model.built_at.date()
        value = getattr(self.model, name, None)
        return None if callable(value) else value


@dataclass(frozen=True, slots=True)
class KnownPage:
    """A page whose key is the previous build's page's: its bytes are that page's
    (SHA-256 ``sha``) while the file on disk is; ``render`` makes them anew otherwise."""

    path: str
    sha: str
    render: Callable[[], RenderedFile]


class RenderCache:
    """The last build's page keys, and this build's, saved for the next one; with the
    digests of the fields listing pages read of each badge."""

    def __init__(self, folder: Path, common: str) -> None:
        self.path = folder / "stages" / f"{RENDER_VERSION}.pickle"
        self.common = hashlib.sha256(f"{RENDER_VERSION}{code_stamp()}{common}".encode()).digest()
        self.previous, self.fields = self._load()
        self._fields_known = sum(len(f) for f in self.fields.values())
        self.now: dict[str, Record] = {}
        self.live: set[str] = set()  # the digests of this build's badges
        self.cards = CardRecords(folder / "stages" / f"{RENDER_VERSION}-cards.pickle", self.common)

    def _load(self) -> tuple[dict[str, Record], Fields]:
        try:
            pages, common, fields = pickle.loads(self.path.read_bytes())
        except Exception:  # no record, or a damaged one: render every page
            return {}, {}
        if not isinstance(pages, dict) or not isinstance(fields, dict):
            return {}, {}
        return pages, fields if common == self.common else {}  # for this code and settings

    def key(
        self, base: str, parts: tuple[str, ...], site: SiteParts, listed: Sequence[Entry] = ()
    ) -> str:
        h = hashlib.sha256(self.common)
        h.update(base.encode())
        text, fields = site.split(parts)
        h.update(text)
        if fields:
            h.update(f"|{','.join(fields)}={site.listed(fields, listed)}".encode())
        return h.hexdigest()

    def known(
        self, target: str, base: str, site: SiteParts, listed: Sequence[Entry] = ()
    ) -> Record | None:
        """The previous build's record of ``target`` when its key still holds."""
        record = self.previous.get(target)
        if record is None or self.key(base, record[0], site, listed) != record[1]:
            return None
        return record

    def save(self) -> None:
        grown = sum(len(f) for f in self.fields.values()) != self._fields_known
        if self.now != self.previous or grown:
            fields = {
                k: {d: v for d, v in f.items() if d in self.live} for k, f in self.fields.items()
            }
            data = pickle.dumps((self.now, self.common, fields), pickle.HIGHEST_PROTOCOL)
            with contextlib.suppress(OSError):
                store_whole(self.path, data)
        self.cards.save(self.live)


class CardRecords:
    """The card fragments (see ``fragments``) kept from one build for the next: read when
    a build first needs one, written when it made new ones. Those of badges no longer
    on the site are dropped; all of them when the common digest changed."""

    def __init__(self, path: Path, common: bytes) -> None:
        self.path = path
        self.common = common
        self.made: dict[CardLocator, CardRecord] = {}
        self._previous: dict[CardLocator, CardRecord] | None = None

    def get(self, locator: CardLocator) -> CardRecord | None:
        if self._previous is None:
            self._previous = self._load()
        return self._previous.get(locator)

    def _load(self) -> dict[CardLocator, CardRecord]:
        try:
            common, found = pickle.loads(self.path.read_bytes())
        except Exception:  # no record, or a damaged one: render every card
            return {}
        return found if common == self.common and isinstance(found, dict) else {}

    def save(self, live: set[str]) -> None:
        """Keep this build's new cards and the last build's of the badges ``live``."""
        if not self.made:
            return
        if self._previous is None:
            self._previous = self._load()
        kept = {k: v for k, v in self._previous.items() if k[-1] in live}
        data = (self.common, kept | self.made)
        with contextlib.suppress(OSError):
            store_whole(self.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
