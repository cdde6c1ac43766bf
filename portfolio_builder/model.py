"""The one model every Open Badges version is normalised into.

All types are frozen, slotted dataclasses; stages return new objects and never
mutate their inputs. Parts of a badge that are only referenced by URL (a badge
class or issuer in OB 1.x/2.0) stay ``Ref`` values until verification fetches them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from portfolio_builder.pickling import fields_pickled

JSONObject = dict[str, Any]
DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # the largest badge file read


class OBVersion(StrEnum):
    V0_5 = "0.5"
    V1_0 = "1.0"
    V1_1 = "1.1"
    V2_0 = "2.0"
    V3_0 = "3.0"


class PayloadKind(StrEnum):
    JSON = "json"
    URL = "url"
    JWS = "jws"


class FileFormat(StrEnum):
    PNG = "png"
    SVG = "svg"
    JSON = "json"
    JWT = "jwt"


@fields_pickled
@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file found by discovery. ``display`` is the path as the user gave or sees it."""

    path: Path
    display: str
    format: FileFormat


@fields_pickled
@dataclass(frozen=True, slots=True)
class RawPayload:
    """What was found inside a file, before interpretation.

    ``raw`` holds the payload bytes exactly as found (the iTXt text, the SVG
    attribute or body, the file's bytes); ``text`` is its decoded form.
    """

    source: SourceFile
    kind: PayloadKind
    raw: bytes
    text: str
    container: str
    data: JSONObject | None = field(default=None, compare=False)
    jws_header: JSONObject | None = field(default=None, compare=False)


@fields_pickled
@dataclass(frozen=True, slots=True)
class Ref:
    """A part of the badge that is only known by its URL until it is fetched."""

    url: str


@fields_pickled
@dataclass(frozen=True, slots=True)
class Image:
    url: str
    caption: str | None = None


@fields_pickled
@dataclass(frozen=True, slots=True)
class Issuer:
    id: str | None
    name: str | None
    url: str | None = None
    email: str | None = None
    description: str | None = None
    image: Image | None = None


@fields_pickled
@dataclass(frozen=True, slots=True)
class Alignment:
    target_name: str | None
    target_url: str | None = None
    target_description: str | None = None
    target_framework: str | None = None
    target_code: str | None = None


@fields_pickled
@dataclass(frozen=True, slots=True)
class Evidence:
    id: str | None = None
    name: str | None = None
    description: str | None = None
    narrative: str | None = None
    genre: str | None = None
    audience: str | None = None


@fields_pickled
@dataclass(frozen=True, slots=True)
class Endorsement:
    id: str | None
    issuer_name: str | None = None
    issuer_id: str | None = None
    comment: str | None = None
    issued_on: datetime | None = None


@fields_pickled
@dataclass(frozen=True, slots=True)
class Recipient:
    """One identity the badge names as its recipient.

    ``type`` is the identity's kind as the payload names it (``email``, ``url``,
    ``telephone``, ``emailAddress``, ``did`` …); ``identity`` is either the
    plain value or an ``alg$hex`` hash when ``hashed`` is true.
    """

    type: str
    identity: str
    hashed: bool
    salt: str | None = None


@fields_pickled
@dataclass(frozen=True, slots=True)
class Achievement:
    """The badge class (OB 1.x/2.0) or achievement (OB 3.0)."""

    id: str | None
    name: str | None
    description: str | None = None
    criteria_url: str | None = None
    criteria_narrative: str | None = None
    image: Image | None = None
    issuer: Issuer | Ref | None = None
    alignments: tuple[Alignment, ...] = ()
    tags: tuple[str, ...] = ()
    achievement_type: str | None = None
    endorsements: tuple[Endorsement | Ref, ...] = ()


@fields_pickled
@dataclass(frozen=True, slots=True)
class VerificationInfo:
    """How the issuer says the badge is to be verified.

    ``method`` is ``hosted`` or ``signed`` for OB 1.x/2.0, ``jwt`` or ``proof``
    for OB 3.0; ``url`` is the hosted assertion URL or, for signed badges, the
    key's URL (``verification.creator`` / ``verify.url``).
    """

    method: str
    url: str | None = None


@fields_pickled
@dataclass(frozen=True, slots=True)
class Badge:
    """One earned badge, whatever its Open Badges version."""

    version: OBVersion | None
    payload: RawPayload
    id: str | None
    achievement: Achievement | Ref | None
    issuer: Issuer | Ref | None
    recipients: tuple[Recipient, ...] = ()
    subject_id: str | None = None
    issued_on: datetime | None = None
    expires: datetime | None = None
    evidence: tuple[Evidence, ...] = ()
    narrative: str | None = None
    image: Image | None = None
    verification: VerificationInfo | None = None
    revoked: bool = False
    revocation_reason: str | None = None
    credential_types: tuple[str, ...] = ()
    document: JSONObject = field(default_factory=dict, compare=False)

    @property
    def name(self) -> str | None:
        return self.achievement.name if isinstance(self.achievement, Achievement) else None

    @property
    def issuer_name(self) -> str | None:
        issuer = self.issuer
        if issuer is None and isinstance(self.achievement, Achievement):
            issuer = self.achievement.issuer
        return issuer.name if isinstance(issuer, Issuer) else None
