"""``SiteModel`` + theme → the files of the site. Pure: nothing here writes or fetches.

Internal links are relative (``root`` is ``../`` repeated to the page's depth), so
the site works under any base path; the 404 page, served at any depth, uses the
base URL's path instead. Every URL a crawler reads (canonical, OpenGraph, sitemap,
feed, share links) is absolute.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from portfolio_builder.assemble import STATUS_LABELS
from portfolio_builder.fragments import FRAGMENTS, Fragments, install
from portfolio_builder.markup import plain, safe_url
from portfolio_builder.render_cache import (
    KnownPage,
    Reads,
    RenderCache,
    SiteParts,
    TrackedList,
    TrackedMapping,
    TrackedSite,
    digest_of,
)
from portfolio_builder.sharing import (
    LinkedInCert,
    ShareLinks,
    organization_id,
    share_links,
)
from portfolio_builder.sitefiles import site_files, verification_json
from portfolio_builder.sitemodel import Asset, Entry, Group, Hosted, SiteModel
from portfolio_builder.themes import Theme, fingerprint

VALIDATOR_URL = "https://openbadgesvalidator.imsglobal.org/"


@dataclass(frozen=True, slots=True)
class RenderedFile:
    path: str
    data: bytes


Output = RenderedFile | Asset | KnownPage


@dataclass(frozen=True, slots=True)
class Head:
    """What goes into a page's ``<head>``: title, description and the preview tags."""

    title: str
    description: str
    canonical: str
    image: str | None = None
    image_alt: str = ""
    og_type: str = "website"


def _target(path: str) -> str:
    return path + "index.html" if path.endswith("/") or not path else path


class Renderer:
    def __init__(self, model: SiteModel, theme: Theme, cache: RenderCache | None = None) -> None:
        self.model = model
        self.theme = theme
        self.static = {name: fingerprint(name, body) for name, body in theme.static.items()}
        self.by_slug = {e.slug: e for e in model.entries}
        self.cache = cache
        self.parts = SiteParts(model, cache.fields if cache else None)
        if cache is not None:
            cache.live = {e.digest for e in model.entries}
        self._reads = Reads()
        self._first_card = model.entries[0].card.path if model.entries else None
        install(theme.env)
        self.cards = Fragments(self.parts, theme.env, cache.cards if cache else None)

    def page(self, template: str, path: str, head: Head, **context: Any) -> RenderedFile:
        depth = path.count("/")
        root = "../" * depth or "./"
        if path == "404.html":
            root = urlsplit(self.model.base_url).path or "/"
        reads = self._reads = Reads()
        cards = self.cards.on(reads)
        if "entries" in context:
            context["entries"] = TrackedList(context["entries"], reads)
        html = self.theme.env.get_template(template).render(
            site=TrackedSite(self.model, reads),
            config=self.model.config,
            root=root,
            static=self.static,
            head=head,
            path=path,
            abs_url=self.model.base_url + (path if path != "index.html" else ""),
            groups=TrackedMapping("groups", self.model.groups, reads),
            issuer_images=TrackedMapping("issuer_images", self.model.issuer_images, reads),
            status_labels=STATUS_LABELS,
            card_list=cards.joined,
            **context,
            **{FRAGMENTS: cards},
        )
        return RenderedFile(_target(path), html.encode("utf-8"))

    def cached(
        self,
        path: str,
        base: str,
        make: Callable[[], RenderedFile],
        listed: tuple[Entry, ...] = (),
    ) -> Output:
        """The page at ``path`` (``make`` renders it), or the previous build's page when
        its key holds: ``base`` (its own inputs) plus the parts of the site it read and,
        for a page listing the badges ``listed``, the fields of theirs it read."""
        target = _target(path)
        found = self.cache.known(target, base, self.parts, listed) if self.cache else None
        if self.cache is None or found is None:
            return self._recorded(target, (base, listed), make)
        self.cache.now[target] = found
        again = functools.partial(self._recorded, target, (base, listed), make)
        return KnownPage(target, found[2], again)

    def _recorded(
        self, target: str, inputs: tuple[str, tuple[Entry, ...]], make: Callable[[], RenderedFile]
    ) -> RenderedFile:
        self._reads = Reads()  # a file not made from templates reads no part of the site
        made = make()
        if self.cache is not None:
            parts = tuple(sorted(self._reads.parts))
            key = self.cache.key(inputs[0], parts, self.parts, inputs[1])
            self.cache.now[target] = (parts, key, hashlib.sha256(made.data).hexdigest())
        return made

    def index(self) -> Output:
        listed = self.model.entries
        base = f"index|{self._first_card}|" + "|".join(e.slug for e in listed)
        return self.cached("", base, self._index, listed)

    def _index(self) -> RenderedFile:
        cfg = self.model.config
        head = Head(
            cfg.site_title,
            cfg.headline or f"Open Badges earned by {cfg.owner_name}, each verifiable.",
            self.model.base_url,
            self._abs(self._first_card) if self._first_card else None,
            f"{cfg.owner_name}'s badges",
        )
        return self.page("index.html", "", head, entries=self.model.entries, group=None)

    def group(self, group: Group) -> Output:
        entries = tuple(self.by_slug[s] for s in group.slugs)
        first = entries[0].card.path if entries else ""
        base = f"group|{digest_of(group)}|{first}"  # the group's slugs list its badges
        return self.cached(
            group.path, base, functools.partial(self._group, group, entries), entries
        )

    def _group(self, group: Group, entries: tuple[Entry, ...]) -> RenderedFile:
        kind = {"issuers": "Issuer", "tags": "Tag", "years": "Year", "status": "Status"}
        title = f"{kind[group.kind]}: {group.label}"
        image = self._abs(entries[0].card.path) if entries else None
        head = Head(title, f"{len(entries)} badges - {title}", self._abs(group.path), image, title)
        template = "issuer.html" if group.kind == "issuers" else "group.html"
        return self.page(template, group.path, head, entries=entries, group=group)

    def groups(self) -> list[Output]:
        outputs: list[Output] = []
        for kind in ("issuers", "tags", "years", "status"):
            for group in self.model.groups.get(kind, ()):
                outputs.append(self.group(group))
                if group.image:
                    outputs.append(group.image)
        return outputs

    def badge(self, entry: Entry) -> list[Output]:
        base = f"badge|{entry.digest}"
        html = self.cached(entry.path, base, functools.partial(self._badge_page, entry))
        outputs: list[Output] = [html, entry.image, entry.card, entry.qr]
        outputs += [self.hosted(entry, h) for h in entry.hosted]
        if entry.download:
            outputs.append(entry.download)
        outputs.append(self.verification(entry))
        return outputs

    def hosted(self, entry: Entry, hosted: Hosted) -> Output:
        """A re-hosted file; known by its badge's digest, which covers what it is made of."""
        path = entry.path + hosted.name
        file = RenderedFile(path, hosted.body)
        return self.cached(path, f"hosted|{entry.digest}|{hosted.name}", lambda: file)

    def verification(self, entry: Entry) -> Output:
        """``verification.json``, made only when its badge's digest is new."""
        path = entry.path + "verification.json"
        make = functools.partial(_file, path, verification_json, entry)
        return self.cached(path, f"verification|{entry.digest}", make)

    def _badge_page(self, entry: Entry) -> RenderedFile:
        cert = self.cert(entry)
        head = Head(
            f"{entry.name}"
            + (f" - issued by {entry.badge.issuer_name}" if entry.badge.issuer_name else ""),
            _summary(entry),
            self._abs(entry.path),
            self._abs(entry.card.path),
            f"{entry.name} badge",
        )
        return self.page(
            "badge.html", entry.path, head, entry=entry, cert=cert,
            share=self.share(entry, cert), jsonld=self.jsonld(entry), validator=VALIDATOR_URL,
        )  # fmt: skip

    def cert(self, entry: Entry) -> LinkedInCert:
        issuer = entry.issuer
        org_id = (
            organization_id(
                self.model.config.linkedin_organizations,
                issuer.id if issuer else None,
                issuer.name if issuer else None,
            )
            or entry.linkedin_org
        )
        return LinkedInCert(
            entry.name,
            org_id,
            _organization_name(entry),
            entry.issued_on,
            entry.expires,
            self._abs(entry.path),
            entry.cert_id,
        )

    def share(self, entry: Entry, cert: LinkedInCert) -> ShareLinks:
        return share_links(cert, entry.badge.issuer_name)

    def jsonld(self, entry: Entry) -> dict[str, Any]:
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "EducationalOccupationalCredential",
            "name": entry.name,
            "description": plain(entry.description),
            "credentialCategory": "badge",
            "url": self._abs(entry.path),
            "image": self._abs(entry.card.path),
        }
        if entry.issuer and entry.issuer.name:
            org = {"@type": "Organization", "name": entry.issuer.name}
            url = safe_url(entry.issuer.url)
            data["recognizedBy"] = org | ({"url": url} if url else {})
        if entry.issued_on:
            data["dateCreated"] = entry.issued_on.date().isoformat()
        if entry.expires:
            data["expires"] = entry.expires.date().isoformat()
        return data

    def content_page(self, index: int) -> Output:
        page = self.model.pages[index]
        base = f"page|{digest_of(page)}|{self._first_card}"
        return self.cached(f"{page.slug}/", base, functools.partial(self._content_page, index))

    def _content_page(self, index: int) -> RenderedFile:
        page = self.model.pages[index]
        first = self._first_card
        head = Head(
            page.title,
            page.description or page.title,
            self._abs(f"{page.slug}/"),
            self._abs(first) if first else None,
            self.model.config.site_title,
        )
        return self.page("page.html", f"{page.slug}/", head, page=page)

    def not_found(self) -> Output:
        return self.cached("404.html", "404", self._not_found)

    def _not_found(self) -> RenderedFile:
        head = Head("Page not found", "This page does not exist.", self.model.base_url)
        return self.page("404.html", "404.html", head)

    def _abs(self, path: str) -> str:
        return self.model.base_url + path


def _file(path: str, make: Callable[[Entry], bytes], entry: Entry) -> RenderedFile:
    return RenderedFile(path, make(entry))


def _summary(entry: Entry) -> str:
    issued = entry.issued_on.strftime(" Issued %b %Y.") if entry.issued_on else ""
    return plain(entry.description, 180) + issued


def render(
    model: SiteModel,
    theme: Theme,
    cache: RenderCache | None = None,
    last: Collection[str] = (),
) -> Iterator[Output]:
    """Every file of the site, in a stable order, one at a time (a large site's pages are
    written as they come, never all held at once); with ``cache``, a page whose inputs did
    not change since the last build is a ``KnownPage``. The files of the badges whose
    digests are in ``last`` come after all others (each badge's files are in its folder):
    ``serve`` shows a change before it makes the files of the badges it did not touch."""
    r = Renderer(model, theme, cache)
    yield from (RenderedFile(r.static[n], b) for n, b in sorted(theme.static.items()))
    yield r.index()
    for entry in model.entries:
        if entry.digest not in last:
            yield from r.badge(entry)
    yield from r.groups()
    yield from (r.content_page(i) for i in range(len(model.pages)))
    yield r.not_found()
    if model.avatar:
        yield model.avatar
    yield from (RenderedFile(p, d) for p, d in site_files(model))
    for entry in model.entries:
        if entry.digest in last:
            yield from r.badge(entry)


def _organization_name(entry: Entry) -> str | None:
    """LinkedIn needs an issuing organisation: the issuer's name, else its web address's host."""
    issuer = entry.issuer
    if issuer and issuer.name:
        return issuer.name
    for url in (issuer.url if issuer else None, issuer.id if issuer else None, entry.badge.id):
        host = urlsplit(url).hostname if url and url.startswith(("http://", "https://")) else None
        if host:
            return host
    return None
