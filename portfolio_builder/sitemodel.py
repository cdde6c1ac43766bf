"""The finished, immutable view of the whole site that rendering reads.

``assemble`` builds it once; after that nothing changes it. Paths are relative
to the output root and use ``/``; page paths end in ``/`` (``badges/<slug>/``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from portfolio_builder.config import Config
from portfolio_builder.content import Page, Sidecar
from portfolio_builder.diagnostics import Diagnostic
from portfolio_builder.model import Achievement, Alignment, Badge, Endorsement, Evidence, Issuer
from portfolio_builder.verify.report import VerificationReport


@dataclass(frozen=True, slots=True)
class Asset:
    """A file made on demand (an image). ``path`` is known before the bytes are made and
    either carries a hash of everything the bytes depend on, or ``key`` does: a file
    already written under the same path and key is kept as it is."""

    path: str
    make: Callable[[], bytes] = field(compare=False)
    key: str = ""


@dataclass(frozen=True, slots=True)
class Hosted:
    """A re-hosted verification file beside a badge page."""

    name: str
    body: bytes
    label: str
    redacted: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    """Badges sharing an issuer, a tag, a year or a status."""

    kind: str
    key: str
    label: str
    slugs: tuple[str, ...]
    url: str | None = None
    image: Asset | None = None

    @property
    def path(self) -> str:
        return f"{self.kind}/{self.key}/"


@dataclass(frozen=True, slots=True)
class Entry:
    """One published badge with everything its pages show."""

    slug: str
    cert_id: str
    name: str
    description: str
    badge: Badge
    report: VerificationReport
    sidecar: Sidecar
    issuer: Issuer | None
    issuer_key: str
    tags: tuple[str, ...]
    image: Asset
    card: Asset
    qr: Asset
    hosted: tuple[Hosted, ...] = ()
    download: Asset | None = None
    redacted: bool = False
    digest: str = ""  # of everything the entry was made from (see ``render_cache``)
    linkedin_org: str | None = None  # the organization id the issuer declares (OB 3.0)

    @property
    def path(self) -> str:
        return f"badges/{self.slug}/"

    @property
    def download_name(self) -> str | None:
        return self.download.path.rsplit("/", 1)[-1] if self.download else None

    @property
    def status(self) -> str:
        return str(self.report.status)

    @property
    def achievement(self) -> Achievement | None:
        value = self.badge.achievement
        return value if isinstance(value, Achievement) else None

    @property
    def alignments(self) -> tuple[Alignment, ...]:
        return self.achievement.alignments if self.achievement else ()

    @property
    def endorsements(self) -> tuple[Endorsement, ...]:
        found = self.achievement.endorsements if self.achievement else ()
        return tuple(e for e in found if isinstance(e, Endorsement))

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return self.badge.evidence

    @property
    def issued_on(self) -> datetime | None:
        return self.badge.issued_on

    @property
    def expires(self) -> datetime | None:
        return self.badge.expires

    @property
    def year(self) -> str:
        return str(self.issued_on.year) if self.issued_on else "undated"


@dataclass(frozen=True, slots=True)
class SiteModel:
    config: Config
    base_url: str
    built_at: datetime
    version: str
    entries: tuple[Entry, ...]
    pages: tuple[Page, ...]
    groups: dict[str, tuple[Group, ...]]
    avatar: Asset | None = None
    diagnostics: tuple[Diagnostic, ...] = ()

    def entry(self, slug: str) -> Entry:
        return next(e for e in self.entries if e.slug == slug)

    @property
    def issuer_images(self) -> dict[str, Asset]:
        """Issuer logos by issuer key, for the issuers that have a usable one."""
        return {g.key: g.image for g in self.groups.get("issuers", ()) if g.image}
