"""Small helpers shared by the tests: make badge payloads, write files and read them."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from PIL import Image

from portfolio_builder.discover import file_format
from portfolio_builder.model import SourceFile
from portfolio_builder.reading import DEFAULT_MAX_BYTES, ReadResult, read_badge

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EMAIL = "someone.private@example.org"


def png(size: int = 16) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), (10, 90, 200)).save(out, "PNG")
    return out.getvalue()


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5"/></svg>'


def ob2(name: str = "Team Player", **extra: Any) -> dict[str, Any]:
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": "https://issuer.example/assertions/1",
        "recipient": {"type": "email", "hashed": False, "identity": EMAIL},
        "badge": {
            "type": "BadgeClass",
            "id": "https://issuer.example/badges/1",
            "name": name,
            "issuer": {"type": "Issuer", "id": "https://issuer.example/", "name": "Issuer Co"},
        },
        "verification": {"type": "hosted"},
        "issuedOn": "2024-05-01T10:00:00-04:00",
        **extra,
    }


def ob3(name: str = "Teamwork", **extra: Any) -> dict[str, Any]:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://issuer.example/", "type": ["Profile"], "name": "Issuer Co"},
        "validFrom": "2024-01-01T00:00:00+05:30",
        "name": "Teamwork Badge",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": EMAIL,
                    "identityType": "emailAddress",
                    "hashed": False,
                }
            ],
            "achievement": {"id": "urn:uuid:a", "type": ["Achievement"], "name": name},
        },
        **extra,
    }


def sign(claims: dict[str, Any]) -> str:
    return jwt.encode(claims, KEY, algorithm="RS256")


def dumps(value: Any) -> str:
    return json.dumps(value)


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def read(
    folder: Path, name: str, data: bytes | str, max_bytes: int = DEFAULT_MAX_BYTES
) -> ReadResult:
    path = write(folder, name, data)
    fmt = file_format(path)
    assert fmt is not None
    return read_badge(SourceFile(path, name, fmt), max_bytes)


def codes(result: ReadResult) -> list[str]:
    return [d.code for d in result.diagnostics]
