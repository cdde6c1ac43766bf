"""The one place that sees the whole site: badges, pages and groups become a ``SiteModel``."""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from portfolio_builder import __version__
from portfolio_builder.badgefile import BadgeFile, ImageSource, badge_file
from portfolio_builder.config import Config
from portfolio_builder.content import Page, Sidecar
from portfolio_builder.diagnostics import Diagnostic, warning
from portfolio_builder.images import avatar_asset, card_asset, decode_data_uri, image_asset
from portfolio_builder.model import Achievement, Badge, FileFormat, Issuer, Ref
from portfolio_builder.qr import qr_asset
from portfolio_builder.reading import ReadResult
from portfolio_builder.rehost import plaintext_identities, rehost
from portfolio_builder.scrub import scrub
from portfolio_builder.sharing import declared_organization_id
from portfolio_builder.sitemodel import Asset, Entry, Group, SiteModel
from portfolio_builder.slugs import short_hash, slugify
from portfolio_builder.verify.report import Status, VerificationReport

STATUS_LABELS = {
    "valid": "Verified",
    "expired": "Expired",
    "revoked": "Revoked",
    "invalid": "Invalid",
    "unverifiable": "Not verified",
    "error": "Unreadable",
}


@dataclass(frozen=True, slots=True)
class Item:
    """One badge file through verification, with the owner's sidecar."""

    read: ReadResult
    report: VerificationReport
    sidecar: Sidecar
    key: str | None = None  # of the file's bytes and its report; None: not known to repeat


def issuer_of(badge: Badge) -> Issuer | None:
    issuer = badge.issuer
    if issuer is None and isinstance(badge.achievement, Achievement):
        issuer = badge.achievement.issuer
    return issuer if isinstance(issuer, Issuer) else None


def fallback_name(badge: Badge) -> str:
    """A name for a badge whose badge class could not be fetched."""
    ref = badge.achievement.url if isinstance(badge.achievement, Ref) else ""
    host = urlsplit(ref).hostname if ref.startswith(("http://", "https://")) else None
    return f"Badge from {host}" if host else "Untitled badge"


def issuer_key(issuer: Issuer | None) -> str:
    if issuer is None:
        return "unknown"
    return f"{slugify(issuer.name or 'issuer', 32)}-{short_hash(issuer.id or issuer.name or '')}"


def image_source(read: ReadResult, badge: Badge) -> tuple[ImageSource, bool]:
    """The badge's picture: its file (keyed by the SHA-256 the read knows, never read
    here when it does), else an image ``data:`` URI in the credential."""
    fmt = read.source.format
    if fmt in (FileFormat.PNG, FileFormat.SVG):
        return badge_file(read.source.path, read.sha256), fmt is FileFormat.SVG
    achievement = badge.achievement if isinstance(badge.achievement, Achievement) else None
    for image in (badge.image, achievement.image if achievement else None):
        decoded = decode_data_uri(image.url) if image else None
        if decoded:
            return decoded
    return None, False


def _file_label(path: Path) -> str:
    """A slug base for a badge whose baked data names nothing: its file name, unless that
    looks like it holds an email address (never put one in a URL)."""
    return "badge" if "@" in path.stem else path.stem


def entry_digest(item: Item, settings: str) -> str:
    """What the entry is made of: the badge and its report, the sidecar and the settings;
    unique when the item's key is unknown (its pages are then always made anew)."""
    key = item.key or uuid.uuid4().hex
    return hashlib.sha256(repr((key, item.sidecar, settings)).encode()).hexdigest()


def _entry(
    item: Item, config: Config, base_url: str, identities: tuple[str, ...], digest: str
) -> Entry:
    """``digest``: what the entry is made of (``entry_digest``)."""
    read, report = item.read, item.report
    shown = report.badge or read.badge
    assert shown is not None and read.payload is not None
    badge = scrub(shown, plaintext_identities([read.badge, report.badge], identities))
    name = badge.name or fallback_name(badge)
    cert = short_hash(shown.id or "", read.payload.raw, length=12)
    baked_name = read.badge.name if read.badge else None
    slug = f"{slugify(baked_name or _file_label(read.source.path))}-{cert[:8]}"
    folder = f"badges/{slug}/"
    issuer = issuer_of(badge)
    source, is_svg = image_source(read, badge)
    achievement = badge.achievement if isinstance(badge.achievement, Achievement) else None
    tags = tuple(dict.fromkeys([*(achievement.tags if achievement else ()), *item.sidecar.tags]))
    issuer_line = f"Issued by {issuer.name}" if issuer and issuer.name else ""
    hosted = rehost(
        read.payload,
        [read.badge, report.badge],
        report.fetched,
        config.privacy,
        (slug, identities),
        source if isinstance(source, BadgeFile) else None,
    )
    return Entry(
        slug=slug,
        cert_id=cert.upper(),
        name=name,
        description=(achievement.description if achievement else None) or "",
        badge=_let_go(badge),
        report=replace(report, badge=None, fetched=()),  # laid out: pages need its checks
        sidecar=item.sidecar,
        issuer=issuer,
        issuer_key=issuer_key(issuer),
        tags=tags,
        image=image_asset(folder, source, is_svg, name),
        card=card_asset(folder, source, is_svg, (name, issuer_line, config.site_title)),
        qr=qr_asset(folder, base_url + folder),
        hosted=hosted.files,
        download=hosted.download,
        redacted=hosted.redacted,
        digest=digest,
        linkedin_org=declared_organization_id(badge.document),
    )


def _let_go(badge: Badge) -> Badge:
    """The badge as its pages show it: the bytes, text and JSON of what was baked or
    fetched are let go (the files made from them are made above, and no page reads
    them), so that a large site's badges are not all held in memory twice."""
    payload = replace(badge.payload, raw=b"", text="", data=None, jws_header=None)
    return replace(badge, payload=payload, document={})


def issuer_logo(issuer: Issuer | None, key: str) -> Asset | None:
    """The issuer's image, when the badge carries it inline (never fetched from elsewhere)."""
    decoded = decode_data_uri(issuer.image.url) if issuer and issuer.image else None
    if decoded is None:
        return None
    data, is_svg = decoded
    return image_asset(f"issuers/{key}/", data, is_svg, (issuer.name if issuer else None) or "?")


def _sort_key(entry: Entry) -> tuple[bool, float, str]:
    stamp = entry.issued_on.timestamp() if entry.issued_on else 0.0
    return (not entry.sidecar.featured, -stamp, entry.name.lower())


def _groups(entries: list[Entry]) -> dict[str, tuple[Group, ...]]:
    buckets: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    labels: dict[tuple[str, str], tuple[str, str | None]] = {}
    for e in entries:
        keys = [("issuers", e.issuer_key, e.badge.issuer_name or "Unknown issuer")]
        keys += [("tags", slugify(t, 40), t) for t in e.tags]
        keys += [("years", e.year, e.year), ("status", e.status, STATUS_LABELS[e.status])]
        for kind, key, label in keys:
            buckets[(kind, key)].append(e)
            url = e.issuer.url if kind == "issuers" and e.issuer else None
            labels.setdefault((kind, key), (label, url))
    found: dict[str, list[Group]] = {k: [] for k in ("issuers", "tags", "years", "status")}
    for (kind, key), members in buckets.items():
        label, url = labels[(kind, key)]
        logo = issuer_logo(members[0].issuer, key) if kind == "issuers" else None
        found[kind].append(Group(kind, key, label, tuple(m.slug for m in members), url, logo))
    order = {s.value: i for i, s in enumerate(Status)}
    found["years"].sort(key=lambda g: g.key, reverse=True)
    found["status"].sort(key=lambda g: order.get(g.key, 99))
    for kind in ("issuers", "tags"):
        found[kind].sort(key=lambda g: g.label.lower())
    return {k: tuple(v) for k, v in found.items()}


def _avatar(config: Config) -> tuple[bytes | None, list[Diagnostic]]:
    if not config.avatar:
        return None, []
    try:
        return (config.root / config.avatar).read_bytes(), []
    except OSError as exc:
        return None, [warning("W-CONTENT", f"avatar: cannot be read: {exc}", config.avatar)]


def assemble(
    config: Config,
    items: Iterable[Item],
    pages: list[Page],
    clock: tuple[datetime, str],
    identities: tuple[str, ...] = (),
    known: Mapping[str, Entry] | None = None,
    laid_out: Callable[[Entry], None] | None = None,
) -> SiteModel:
    """The site: every shown badge, page and group. ``clock`` is (build time, base URL);
    ``known`` holds entries already made, by digest (what ``serve`` keeps in memory);
    ``laid_out`` is told of each entry made now, as soon as it is (its images can be
    drawn while the other badges are read)."""
    built_at, base_url = clock
    notes: list[Diagnostic] = []
    entries: dict[str, Entry] = {}
    settings = hashlib.sha256(repr((config, base_url, identities)).encode()).hexdigest()
    for item in items:
        if item.sidecar.hidden or (item.report.badge or item.read.badge) is None:
            continue
        digest = entry_digest(item, settings)
        found = known.get(digest) if known else None
        entry = found or _entry(item, config, base_url, identities, digest)
        if entry.slug in entries:
            notes.append(
                warning("W-DUPLICATE", "the same badge again; shown once", item.read.source.display)
            )
            continue
        entries[entry.slug] = entry
        if laid_out is not None and found is None:
            laid_out(entry)
    ordered = sorted(entries.values(), key=_sort_key)
    avatar_bytes, more = _avatar(config)
    avatar = (
        avatar_asset(avatar_bytes, (config.avatar or "").lower().endswith(".svg"))
        if avatar_bytes
        else None
    )
    return SiteModel(
        config, base_url, built_at, __version__, tuple(ordered), tuple(pages),
        _groups(ordered), avatar, tuple(notes + more),
    )  # fmt: skip
