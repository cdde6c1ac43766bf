"""The demo's OB 3.0 credentials: an issuer with a did:key from a fixed seed, VC-JWTs,
a Data Integrity (eddsa-rdfc-2022) credential and a signed BitstringStatusList.

Used by ``make_demo_badges.py``; Ed25519 signatures are deterministic, so reruns give
the same bytes.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from datetime import datetime
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ed25519

from portfolio_builder.verify.vc.sign import did_key_for, did_key_method, sign_eddsa_rdfc_2022

GUILD = "https://open-skills-guild.example"
VC = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
STATUS_LIST = f"{GUILD}/status/1"
REVOKED_INDEX = 7


def hashed(identity: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest()


def ed25519_key(seed: str) -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed.encode()).digest())


GUILD_KEY = ed25519_key("demo-guild-signing-key")
GUILD_DID = did_key_for(GUILD_KEY.public_key())
GUILD_METHOD = did_key_method(GUILD_KEY.public_key())


def timestamp(value: str) -> int:
    return int(datetime.fromisoformat(value).timestamp())


def ob3_credential(slug: str, name: str, description: str, **options: Any) -> dict[str, Any]:
    uuid_prefix = hashlib.sha256(slug.encode()).hexdigest()[:8]
    credential: dict[str, Any] = {
        "@context": VC,
        "id": f"urn:uuid:{uuid_prefix}-0000-4000-8000-000000000003",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": GUILD_DID, "type": ["Profile"], "name": "Open Skills Guild", "url": GUILD},
        "validFrom": options.get("valid_from", "2025-02-10T08:00:00Z"),
        "name": name,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "emailAddress",
                            "hashed": True, "salt": "s3",
                            "identityHash": hashed("ada@example.org", "s3")}],
            "achievement": {"id": f"{GUILD}/achievements/{slug}", "type": ["Achievement"],
                            "name": name, "description": description,
                            "criteria": {"narrative": "Meet the guild's review."},
                            "tag": options.get("tags", [])},
        },
    }  # fmt: skip
    if "valid_until" in options:
        credential["validUntil"] = options["valid_until"]
    if "status_index" in options:
        credential["credentialStatus"] = {
            "id": f"{STATUS_LIST}#{options['status_index']}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(options["status_index"]),
            "statusListCredential": STATUS_LIST,
        }
    return credential


def ob3_jwt(slug: str, name: str, description: str, **options: Any) -> str:
    """A VC-JWT (OB 3.0, section 8.2): the VCDM 2.0 credential is the payload, with the
    registered claims mirroring it. The subject has no ``id`` (it is identified by a
    hashed email), so there is no ``sub``.
    """
    credential = ob3_credential(slug, name, description, **options)
    claims: dict[str, Any] = {**credential, "iss": GUILD_DID, "jti": credential["id"]}
    claims["nbf"] = timestamp(credential["validFrom"])
    if "validUntil" in credential:
        claims["exp"] = timestamp(credential["validUntil"])
    signer = ed25519_key("a-different-key") if options.get("tamper") else GUILD_KEY
    header = {"kid": GUILD_METHOD, "typ": "JWT"}
    return jwt.encode(claims, signer, algorithm="EdDSA", headers=header)


def ob3_signed(slug: str, name: str, description: str, **options: Any) -> str:
    """An OB 3.0 credential with a Data Integrity proof (eddsa-rdfc-2022, did:key)."""
    credential = ob3_credential(slug, name, description, **options)
    created = options.get("valid_from", "2025-02-10T08:00:00Z")
    signed = sign_eddsa_rdfc_2022(credential, GUILD_KEY, GUILD_METHOD, created=created)
    return json.dumps(signed, indent=2)


def status_list(revoked: int) -> dict[str, Any]:
    """A signed BitstringStatusListCredential of 131,072 entries with one bit set."""
    bits = bytearray(16 * 1024)
    bits[revoked // 8] |= 0x80 >> (revoked % 8)
    encoded = base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).rstrip(b"=")
    document = {
        "@context": [VC[0]],
        "id": STATUS_LIST,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": GUILD_DID,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {"id": f"{STATUS_LIST}#list", "type": "BitstringStatusList",
                              "statusPurpose": "revocation", "encodedList": "u" + encoded.decode()},
    }  # fmt: skip
    return sign_eddsa_rdfc_2022(document, GUILD_KEY, GUILD_METHOD, created="2025-01-01T00:00:00Z")
