"""What a ``serve`` rebuild changes, shown before the output folder is rebuilt.

Against the digests of the files the session's last rebuild made (``Warm.outputs``), a
rebuild's outputs are compared as soon as they are all made: the changed pages (their
bytes), the changed images (made first, then named by their file in the cache) and the
removed paths go to ``publish``, which serves and announces them while ``write`` still
fills the staging folder. The files of the badges the last rebuild laid out as they are
now come last (``render``), and are taken to be as they were: the change is shown
before they are made. Should one of them differ after all, ``write`` finds it changed
and the server announces it once written. A change over ``SHOW_BYTES``, or a rebuild
with no digests to compare against (the session's first), is not shown early; its
outputs stream to ``write`` as they are made, never all held at once, and their digests
are noted for next time. Nothing here touches the output folder.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from pathlib import Path

from portfolio_builder.cache import AssetMaker, StageCache
from portfolio_builder.render import Output, RenderedFile
from portfolio_builder.render_cache import KnownPage
from portfolio_builder.sitemodel import Asset

Changes = dict[str, bytes | Path]
Publish = Callable[[Changes, tuple[str, ...]], None]
"""Shown the files a rebuild changes (their bytes, or the cache file holding them) and
the paths it removes, before they are written."""
SHOW_BYTES = 16 * 2**20


def _folder(path: str) -> str:
    """The badge folder (``badges/SLUG/``) a path is in; empty for any other path."""
    first = path.find("/")
    second = path.find("/", first + 1) if first > 0 else -1
    return path[: second + 1] if second > 0 else ""


def output_digest(item: Output, cache: StageCache | None) -> str:
    """What names an output's bytes (what the manifest records): the SHA-256 of a page,
    the key of an image; an image the cache made from a badge file that changed while the
    build ran is never taken for its key's image by a later build."""
    if isinstance(item, KnownPage):
        return item.sha
    if isinstance(item, RenderedFile):
        return hashlib.sha256(item.data).hexdigest()
    if cache is not None and cache.made_aside(item):
        return "asset:changed"
    return f"asset:{item.key}"


class ShowFirst:
    """Passes a rebuild's outputs on to ``write``, showing a small change first."""

    def __init__(
        self,
        known: Mapping[str, str] | None,
        makers: tuple[StageCache, AssetMaker],
        publish: Publish | None,
    ) -> None:
        self.known = known if publish is not None else None  # no one to show: nothing held
        self.cache, self.maker = makers
        self.publish = publish
        self.digests: dict[str, str] = {}  # of this rebuild's outputs, once all passed
        self.shown = False

    def pass_on(
        self, items: Iterable[Output], untouched: Set[str] = frozenset()
    ) -> Iterable[Output]:
        """The outputs for ``write``, as they come, and a small change shown first when
        there are digests to compare with: before the first file in an ``untouched``
        badge folder (those come last, ``render``), the others all made."""
        if self.known is None:
            return self._noted(items)
        stream = iter(items)
        held: list[Output] = []
        for item in stream:
            if untouched and _folder(item.path) in untouched:
                stream = itertools.chain((item,), stream)
                break
            held.append(item)
        self.digests = {item.path: output_digest(item, self.cache) for item in held}
        changed = [i for i in held if self.known.get(i.path) != self.digests[i.path]]
        if untouched:
            self.digests.update((p, d) for p, d in self.known.items() if _folder(p) in untouched)
        self._show(changed)
        return itertools.chain(held, self._noted(stream))

    def _noted(self, items: Iterable[Output]) -> Iterator[Output]:
        for item in items:
            self.digests[item.path] = output_digest(item, self.cache)
            yield item

    def _show(self, changed: list[Output]) -> None:
        size = sum(len(i.data) for i in changed if isinstance(i, RenderedFile))
        if size > SHOW_BYTES or any(isinstance(i, KnownPage) for i in changed):
            return  # too big to hold, or a page only the disk has: written, then announced
        self.maker.offer_all(i for i in changed if isinstance(i, Asset))
        self.maker.finish()  # the build's: what it was drawing already is not drawn twice
        shown: Changes = {
            i.path: i.data if isinstance(i, RenderedFile) else self.cache.asset_file(i)
            for i in changed
            if isinstance(i, RenderedFile | Asset)
        }
        assert self.known is not None and self.publish is not None
        removed = tuple(sorted(set(self.known) - set(self.digests)))
        self.publish(shown, removed)
        self.shown = True
