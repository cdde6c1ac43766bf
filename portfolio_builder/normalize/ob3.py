"""OB 3.0 credentials (VC data model 1.1 and 2.0, JSON or JWT) onto the one model."""

from __future__ import annotations

from typing import Any

from portfolio_builder.diagnostics import Diagnostic
from portfolio_builder.model import (
    Achievement,
    Badge,
    Endorsement,
    JSONObject,
    OBVersion,
    PayloadKind,
    RawPayload,
    Recipient,
    VerificationInfo,
)
from portfolio_builder.normalize import common as c

BADGE_TYPES = ("OpenBadgeCredential", "AchievementCredential")


def credential_of(payload: RawPayload) -> JSONObject:
    """The credential itself: a VCDM 1.1 JWT carries it in its ``vc`` claim."""
    data = payload.data or {}
    if payload.kind is PayloadKind.JWS and isinstance(data.get("vc"), dict):
        return data["vc"]  # type: ignore[no-any-return]
    return data


def _recipients(subject: JSONObject) -> tuple[Recipient, ...]:
    found: list[Recipient] = []
    for entry in c.as_list(subject.get("identifier")):
        item = c.obj(entry)
        identity = c.text(item.get("identityHash"))
        if identity:
            found.append(
                Recipient(
                    c.text(item.get("identityType")) or "identifier",
                    identity,
                    item.get("hashed") is True,
                    c.text(item.get("salt")),
                )
            )
    return tuple(found)


def _named_only(credential: JSONObject, notes: c.Notes) -> Achievement | None:
    """No achievement in the subject: show the credential's own display name."""
    name = c.first_text(credential.get("name"))
    if name is None:
        notes.error("E-MISSING-FIELD", "the credential names no achievement and has no name")
        return None
    notes.warn("W-NO-ACHIEVEMENT", "the credential names no achievement; its own name is shown")
    return Achievement(id=None, name=name, description=c.first_text(credential.get("description")))


def _achievement(value: Any, notes: c.Notes) -> Achievement | None:
    item = c.obj(value)
    if not item:
        return None
    criteria_url, narrative = c.criteria(item.get("criteria"))
    creator = c.issuer(item.get("creator"))
    return Achievement(
        id=c.text(item.get("id")),
        name=c.first_text(item.get("name")),
        description=c.first_text(item.get("description")),
        criteria_url=criteria_url,
        criteria_narrative=narrative,
        image=c.image(item.get("image")),
        issuer=creator,
        alignments=c.alignments(item.get("alignment")),
        tags=c.tags(item.get("tag")),
        achievement_type=c.text(item.get("achievementType")),
        endorsements=_endorsements(item.get("endorsement"), notes),
    )


def _endorsements(value: Any, notes: c.Notes) -> tuple[Endorsement, ...]:
    found: list[Endorsement] = []
    for entry in c.as_list(value):
        item = c.obj(entry)
        if not item:
            continue
        issuer = c.issuer(item.get("issuer"))
        subject = c.obj(item.get("credentialSubject"))
        found.append(
            Endorsement(
                id=c.text(item.get("id")),
                issuer_name=getattr(issuer, "name", None),
                issuer_id=getattr(issuer, "id", None) or getattr(issuer, "url", None),
                comment=c.first_text(subject.get("endorsementComment")),
                issued_on=c.parse_date(
                    item.get("validFrom") or item.get("issuanceDate"),
                    "endorsement validFrom",
                    notes,
                ),
            )
        )
    return tuple(found)


def _dates(credential: JSONObject, claims: JSONObject, notes: c.Notes) -> tuple[Any, Any]:
    issued = credential.get("validFrom") or credential.get("issuanceDate")
    expires = credential.get("validUntil") or credential.get("expirationDate")
    if issued is None and "nbf" in claims:
        issued = claims["nbf"]
    if expires is None and "exp" in claims:
        expires = claims["exp"]
    return (c.parse_date(issued, "validFrom", notes), c.parse_date(expires, "validUntil", notes))


def normalize(payload: RawPayload) -> tuple[Badge, list[Diagnostic]]:
    notes = c.Notes(payload.source.display)
    credential = credential_of(payload)
    subject = c.obj(next(iter(c.as_list(credential.get("credentialSubject"))), {}))
    achievement = _achievement(subject.get("achievement"), notes) or _named_only(credential, notes)
    issued_on, expires = _dates(credential, payload.data or {}, notes)
    method = "jwt" if payload.kind is PayloadKind.JWS else "proof"
    badge = Badge(
        version=OBVersion.V3_0,
        payload=payload,
        id=c.text(credential.get("id")),
        achievement=achievement,
        issuer=c.issuer(credential.get("issuer")),
        recipients=_recipients(subject),
        subject_id=c.text(subject.get("id")),
        issued_on=issued_on,
        expires=expires,
        evidence=c.evidence(credential.get("evidence")),
        narrative=c.first_text(subject.get("narrative")),
        image=c.image(credential.get("image")) or c.image(subject.get("image")),
        verification=VerificationInfo(method, None),
        credential_types=c.types_of(credential),
        document=credential,
    )
    return badge, notes.items
