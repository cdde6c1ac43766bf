"""Normalisation: decide what a payload is, then map it onto the one model.

The payload decides the version, never the chunk keyword or element name.
"""

from __future__ import annotations

from portfolio_builder.diagnostics import Diagnostic, error, info
from portfolio_builder.model import (
    Badge,
    JSONObject,
    OBVersion,
    PayloadKind,
    RawPayload,
    VerificationInfo,
)
from portfolio_builder.normalize import common as c
from portfolio_builder.normalize import ob2, ob3

Normalized = tuple[Badge | None, list[Diagnostic]]

_NOT_BADGES: dict[str, tuple[str, str]] = {
    "ClrCredential": ("E-CLR", "a Comprehensive Learner Record (CLR 2.0), not a single badge"),
    "EndorsementCredential": ("E-ENDORSEMENT", "an endorsement credential, not a badge"),
    "BitstringStatusListCredential": ("E-STATUS-LIST", "a Bitstring status list credential"),
    "StatusList2021Credential": ("E-STATUS-LIST", "a StatusList2021 credential"),
    "RevocationList2020Credential": ("E-STATUS-LIST", "a RevocationList2020 credential"),
    "RevocationList": ("E-STATUS-LIST", "an Open Badges 2.0 revocation list"),
    "BadgeClass": ("E-NOT-A-BADGE", "a badge class (the badge's description), not an earned badge"),
    "Issuer": ("E-NOT-A-BADGE", "an issuer profile, not a badge"),
    "Profile": ("E-NOT-A-BADGE", "an issuer profile, not a badge"),
    "CryptographicKey": ("E-NOT-A-BADGE", "a public key document, not a badge"),
    "Endorsement": ("E-ENDORSEMENT", "an Open Badges 2.0 endorsement, not a badge"),
}


_ASSERTION_KEYS = frozenset({"recipient", "verify", "verification", "uid", "badge", "identity"})


def _contexts(document: JSONObject) -> list[str]:
    return [x for x in c.as_list(document.get("@context")) if isinstance(x, str)]


def detect_version(document: JSONObject) -> OBVersion | None:
    """The Open Badges version of a JSON document, or None when it is no badge."""
    types = c.types_of(document)
    if "VerifiableCredential" in types or isinstance(document.get("vc"), dict):
        return OBVersion.V3_0
    contexts = _contexts(document)
    if any("openbadges/v2" in x or "openbadgespec.org/v2" in x for x in contexts):
        return OBVersion.V2_0
    if any("openbadges/v1" in x or "openbadgespec.org/v1" in x for x in contexts):
        return OBVersion.V1_1
    if not _ASSERTION_KEYS.intersection(document):
        return None
    if isinstance(document.get("recipient"), str) and not contexts:
        return OBVersion.V0_5
    return OBVersion.V1_0 if not contexts else OBVersion.V2_0


def _not_a_badge(document: JSONObject, path: str) -> Diagnostic | None:
    credential = document["vc"] if isinstance(document.get("vc"), dict) else document
    types = c.types_of(credential)
    if any(t in ob3.BADGE_TYPES or t == "Assertion" for t in types):
        return None
    for kind in types:
        if kind in _NOT_BADGES:
            code, what = _NOT_BADGES[kind]
            return error(code, f"this file holds {what}", path)
    if "VerifiableCredential" in types:
        shown = ", ".join(types)[:80]
        return error(
            "E-NOT-OB-CREDENTIAL",
            f"a verifiable credential ({shown}) that is not "
            "an Open Badge (OpenBadgeCredential or AchievementCredential)",
            path,
        )
    return None


def _from_url(payload: RawPayload) -> Normalized:
    badge = Badge(
        version=None,
        payload=payload,
        id=payload.text,
        achievement=None,
        issuer=None,
        verification=VerificationInfo("hosted", payload.text),
    )
    note = info(
        "I-NEEDS-FETCH",
        "the badge holds only its hosted URL; verification fetches it",
        payload.source.display,
    )
    return badge, [note]


def normalize(payload: RawPayload) -> Normalized:
    """A Badge for a payload, or the diagnostics that say why there is none."""
    path = payload.source.display
    if payload.kind is PayloadKind.URL:
        return _from_url(payload)
    document = payload.data or {}
    problem = _not_a_badge(document, path)
    if problem is not None:
        return None, [problem]
    version = detect_version(document)
    if version is None:
        return None, [
            error(
                "E-NOT-A-BADGE",
                "JSON that is not an Open Badges assertion or "
                "credential (no recipient, badge or verification)",
                path,
            )
        ]
    if version is OBVersion.V3_0:
        return ob3.normalize(payload)
    if version is OBVersion.V0_5:
        return ob2.normalize_v05(payload, document)
    return ob2.normalize(payload, document, version)
