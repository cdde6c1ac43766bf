"""OB 1.0, 1.1 and 2.0 assertions onto the one model (the shapes are close kin).

OB 1.x uses ``uid``, ``verify`` and date-or-timestamp ``issuedOn``; OB 2.0 uses
``id``, ``verification`` and ISO dates. Moodle's OBv2 shape keeps the OB 1.x
``verify`` key and a plural ``alignments``; both are read.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urljoin

from portfolio_builder.diagnostics import Diagnostic
from portfolio_builder.model import (
    Achievement,
    Badge,
    Endorsement,
    Issuer,
    JSONObject,
    OBVersion,
    RawPayload,
    Recipient,
    Ref,
    VerificationInfo,
)
from portfolio_builder.normalize import common as c


def recipient(value: Any, salt: Any = None) -> tuple[Recipient, ...]:
    """An IdentityObject, or an OB 0.5 plain string with a top-level salt."""
    if isinstance(value, str) and value.strip():
        plain = value.strip()
        return (Recipient("email", plain, "$" in plain, c.text(salt)),)
    item = c.obj(value)
    identity = c.text(item.get("identity")) or c.text(item.get("recipient"))
    if identity is None:
        return ()
    hashed = item.get("hashed") is True or (
        item.get("hashed") is None and identity.lower().startswith(("sha256$", "md5$"))
    )
    return (
        Recipient(c.text(item.get("type")) or "email", identity, hashed, c.text(item.get("salt"))),
    )


def endorsement(value: Any, notes: c.Notes) -> Endorsement | Ref | None:
    if isinstance(value, str) and value.strip():
        return Ref(value.strip())
    item = c.obj(value)
    if not item:
        return None
    claim = c.obj(item.get("claim"))
    issuer = c.issuer(item.get("issuer"))
    return Endorsement(
        id=c.text(item.get("id")),
        issuer_name=issuer.name if issuer and not isinstance(issuer, Ref) else None,
        issuer_id=issuer.url if isinstance(issuer, Ref) else (issuer.id if issuer else None),
        comment=c.first_text(claim.get("endorsementComment")),
        issued_on=c.parse_date(item.get("issuedOn"), "endorsement issuedOn", notes),
    )


def endorsements(value: Any, notes: c.Notes) -> tuple[Endorsement | Ref, ...]:
    found = (endorsement(v, notes) for v in c.as_list(value))
    return tuple(e for e in found if e is not None)


def badge_class(value: Any, notes: c.Notes) -> Achievement | Ref | None:
    if isinstance(value, str) and value.strip():
        return Ref(value.strip())
    item = c.obj(value)
    if not item:
        return None
    criteria_url, narrative = c.criteria(item.get("criteria"))
    return Achievement(
        id=c.text(item.get("id")),
        name=c.first_text(item.get("name")),
        description=c.first_text(item.get("description")),
        criteria_url=criteria_url,
        criteria_narrative=narrative,
        image=c.image(item.get("image")),
        issuer=c.issuer(item.get("issuer")),
        alignments=c.alignments(item.get("alignment"), item.get("alignments")),
        tags=c.tags(item.get("tags")),
        endorsements=endorsements(item.get("endorsement"), notes),
    )


def _verification(document: JSONObject) -> VerificationInfo | None:
    new = c.obj(document.get("verification"))
    old = c.obj(document.get("verify"))
    kind = (c.text(new.get("type")) or c.text(old.get("type")) or "").lower()
    method = "signed" if kind in ("signed", "signedbadge") else "hosted"
    url = c.text(new.get("creator")) or c.text(old.get("url"))
    if not (new or old):
        return None
    if method == "hosted" and not url:
        url = c.text(document.get("id"))
    return VerificationInfo(method, url)


def _assertion_id(document: JSONObject, version: OBVersion) -> str | None:
    if version is OBVersion.V2_0:
        return c.text(document.get("id"))
    verify = c.obj(document.get("verify"))
    if c.text(verify.get("type")) != "signed" and c.text(verify.get("url")):
        return c.text(verify.get("url"))
    uid = c.text(document.get("uid"))
    return c.text(document.get("id")) or (f"urn:uid:{uid}" if uid else None)


def normalize(
    payload: RawPayload, document: JSONObject, version: OBVersion
) -> tuple[Badge, list[Diagnostic]]:
    """Map an OB 1.0/1.1/2.0 assertion; OB 0.5 goes through ``normalize_v05``."""
    notes = c.Notes(payload.source.display)
    achievement = badge_class(document.get("badge"), notes)
    if achievement is None:
        notes.error("E-MISSING-FIELD", "the assertion has no badge (badge class) to show")
    issuer = achievement.issuer if isinstance(achievement, Achievement) else None
    badge = Badge(
        version=version,
        payload=payload,
        id=_assertion_id(document, version),
        achievement=achievement,
        issuer=issuer,
        recipients=recipient(document.get("recipient") or c.obj(document.get("identity"))),
        issued_on=c.parse_date(document.get("issuedOn"), "issuedOn", notes),
        expires=c.parse_date(document.get("expires"), "expires", notes),
        evidence=c.evidence(document.get("evidence")),
        narrative=c.first_text(document.get("narrative")),
        image=c.image(document.get("image")),
        verification=_verification(document),
        revoked=document.get("revoked") is True,
        revocation_reason=c.text(document.get("revocationReason")),
        credential_types=c.types_of(document),
        document=document,
    )
    return badge, notes.items


def normalize_v05(payload: RawPayload, document: JSONObject) -> tuple[Badge, list[Diagnostic]]:
    """OB 0.5: recipient is a string, salt at the top, badge and issuer embedded."""
    notes = c.Notes(payload.source.display)
    achievement = _absolute_v05(badge_class(document.get("badge"), notes))
    issuer = achievement.issuer if isinstance(achievement, Achievement) else None
    badge = Badge(
        version=OBVersion.V0_5,
        payload=payload,
        id=None,
        achievement=achievement,
        issuer=issuer,
        recipients=recipient(document.get("recipient"), document.get("salt")),
        issued_on=c.parse_date(document.get("issued_on"), "issued_on", notes),
        expires=c.parse_date(document.get("expires"), "expires", notes),
        evidence=c.evidence(document.get("evidence")),
        verification=None,
        document=document,
    )
    return badge, notes.items


def _absolute_v05(achievement: Achievement | Ref | None) -> Achievement | Ref | None:
    """OB 0.5 image and criteria URLs may be relative to the issuer's origin."""
    if not isinstance(achievement, Achievement) or not isinstance(achievement.issuer, Issuer):
        return achievement
    origin = achievement.issuer.url
    if not origin or not origin.startswith(("http://", "https://")):
        return achievement
    image = achievement.image
    if image is not None:
        image = replace(image, url=urljoin(origin + "/", image.url))
    criteria = achievement.criteria_url
    return replace(
        achievement, image=image, criteria_url=urljoin(origin + "/", criteria) if criteria else None
    )
