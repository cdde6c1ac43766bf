"""Badges of every Open Badges version with every string field made hostile.

``badges()`` gives (file name, file bytes) for OB 0.5, 1.0, 1.1, 2.0 hosted, 2.0 signed
and 3.0 (JSON and VC-JWT), each with every string replaced in turn by markup, a
``javascript:`` URL and a ``data:`` URL. Dates, ``@context`` and ``type`` keep their
values, so that each file still reads as a badge of its version and every field is shown.
A payload that runs sets ``window.__pwned`` or opens a dialog.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from portfolio_builder.bake import bake_png

from sitebuild.kit import png

MARKUP = (
    "<script>window.__pwned='script'</script>"
    "<img src=x onerror=\"window.__pwned='img';alert(1)\">"
    "<svg onload=\"window.__pwned='svg'\"></svg>\"'><b onmouseover=alert(2)>"
    "<a href=\"javascript:window.__pwned='a'\">x</a>{{7*7}}"
)
JS_URL = "javascript:window.__pwned='url';alert(3)//"
DATA_URL = "data:text/html,<script>alert(4)</script>"
PAYLOADS = {"markup": MARKUP, "js-url": JS_URL, "data-url": DATA_URL}
KEPT = {"@context", "type", "issuedOn", "issued_on", "expires", "validFrom", "validUntil"}
KEPT |= {"issuanceDate", "expirationDate", "hashed", "version"}
SITE = "https://issuer.example"


def _issuer() -> dict[str, Any]:
    return {
        "type": "Issuer",
        "id": f"{SITE}/issuer",
        "name": "Issuer",
        "url": SITE,
        "email": "issuer@example.org",
        "description": "About the issuer",
        "image": f"{SITE}/logo.png",
    }


def _badge_class() -> dict[str, Any]:
    return {
        "type": "BadgeClass",
        "id": f"{SITE}/badge",
        "name": "Badge name",
        "description": "Badge **description**",
        "image": f"{SITE}/badge.png",
        "criteria": {"id": f"{SITE}/criteria", "narrative": "Criteria narrative"},
        "tags": ["tag one", "tag two"],
        "alignment": [
            {
                "targetName": "Target",
                "targetUrl": f"{SITE}/target",
                "targetDescription": "Target description",
                "targetFramework": "Framework",
                "targetCode": "T1",
            }
        ],
        "issuer": _issuer(),
    }


def _evidence() -> list[dict[str, Any]]:
    return [{"id": f"{SITE}/evidence", "name": "Evidence", "narrative": "Did it"}]


def _recipient(byte: str) -> dict[str, Any]:
    return {"type": "email", "hashed": True, "salt": "s", "identity": "sha256$" + byte * 32}


def ob05() -> dict[str, Any]:
    issuer = {"origin": SITE, "name": "Issuer", "org": "Org", "contact": "i@example.org"}
    return {
        "recipient": "sha256$" + "ab" * 32,
        "salt": "pepper",
        "issued_on": "2012-05-01",
        "evidence": f"{SITE}/evidence",
        "badge": {
            "version": "0.5.0",
            "name": "Badge name",
            "image": "/badge.png",
            "description": "Badge description",
            "criteria": "/criteria",
            "issuer": issuer,
        },
    }


def ob1(context: str | None) -> dict[str, Any]:
    document = {
        "uid": "abc123",
        "recipient": _recipient("cd"),
        "badge": _badge_class(),
        "verify": {"type": "hosted", "url": f"{SITE}/assertion"},
        "issuedOn": "2015-01-01",
        "evidence": f"{SITE}/evidence",
    }
    return document | ({"@context": context} if context else {})


def ob2(verification: dict[str, str]) -> dict[str, Any]:
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"{SITE}/assertion",
        "recipient": _recipient("ef"),
        "badge": _badge_class(),
        "issuedOn": "2024-03-05T10:00:00Z",
        "verification": verification,
        "evidence": _evidence(),
        "narrative": "Assertion narrative",
    }


def ob3() -> dict[str, Any]:
    achievement = {
        "id": f"{SITE}/achievement",
        "type": ["Achievement"],
        "name": "Achievement name",
        "description": "Achievement description",
        "criteria": {"narrative": "Criteria narrative", "id": f"{SITE}/criteria"},
        "image": {"id": f"{SITE}/badge.png", "type": "Image", "caption": "Caption"},
        "tag": ["tag one"],
        "alignment": [{"type": ["Alignment"], "targetName": "T", "targetUrl": f"{SITE}/t"}],
    }
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"{SITE}/credential",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Credential name",
        "description": "Credential description",
        "issuer": {**_issuer(), "type": ["Profile"]},
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": achievement,
            "narrative": "Subject narrative",
        },
        "evidence": [{"id": f"{SITE}/evidence", "type": ["Evidence"], "name": "Evidence"}],
    }


def replace_strings(value: Any, make: Callable[[], str], key: str = "") -> Any:
    """Every string in ``value`` replaced by a call of ``make``, except under the kept keys."""
    if key in KEPT:
        return value
    if isinstance(value, dict):
        return {k: replace_strings(v, make, k) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_strings(v, make, key) for v in value]
    return make() if isinstance(value, str) else value


def poison(value: Any, payload: str) -> Any:
    return replace_strings(value, lambda: payload)


KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _sign(document: dict[str, Any]) -> bytes:
    return jwt.encode(document, KEY, algorithm="RS256").encode()


def _baked(document: dict[str, Any]) -> bytes:
    return bake_png(png(), json.dumps(document))


def badges() -> Iterator[tuple[str, bytes]]:
    versions = {
        "ob05.png": (ob05, _baked),
        "ob10.png": (lambda: ob1(None), _baked),
        "ob11.png": (lambda: ob1("https://w3id.org/openbadges/v1"), _baked),
        "ob20-hosted.png": (lambda: ob2({"type": "hosted"}), _baked),
        "ob20-signed.jws": (
            lambda: ob2({"type": "SignedBadge", "creator": f"{SITE}/key"}),
            _sign,
        ),
        "ob30.json": (ob3, lambda d: json.dumps(d).encode()),
        "ob30.jwt": (ob3, _sign),
    }
    for name, (make, encode) in versions.items():
        for label, payload in PAYLOADS.items():
            yield f"{label}-{name}", encode(poison(make(), payload))
