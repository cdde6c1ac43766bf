"""Our own badge fixtures: tiny PNGs, OB 1.0/2.0 documents, RSA keys and signed JWS.

Nothing here is copied from the corpus; every badge is made by this code.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from portfolio_builder.bake import bake_png, png_chunk
from portfolio_builder.discover import discover
from portfolio_builder.http import HttpFetcher
from portfolio_builder.reading import read_badge
from portfolio_builder.verify import verify
from portfolio_builder.verify.registry import VerifyContext
from portfolio_builder.verify.report import VerificationReport

OWNER = "learner@example.net"
SALT = "badges1704067200"
NOW = datetime.fromisoformat("2025-06-01T12:00:00+00:00")


def tiny_png() -> bytes:
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )


def hashed(identity: str, salt: str = SALT, algorithm: str = "sha256") -> str:
    return f"{algorithm}${hashlib.new(algorithm, (identity + salt).encode()).hexdigest()}"


def recipient(identity: str = OWNER, salt: str = SALT) -> dict[str, Any]:
    return {"type": "email", "hashed": True, "salt": salt, "identity": hashed(identity, salt)}


def issuer(base: str, **extra: Any) -> dict[str, Any]:
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Issuer",
        "id": f"{base}/issuer.json",
        "name": "Example Academy",
        "url": base,
        "email": "badges@example.org",
        **extra,
    }


def badge_class(base: str, name: str = "Data Wrangling", **extra: Any) -> dict[str, Any]:
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "BadgeClass",
        "id": f"{base}/badge.json",
        "name": name,
        "description": "Cleaned three messy data sets.",
        "image": f"{base}/badge.png",
        "criteria": f"{base}/criteria.html",
        "issuer": f"{base}/issuer.json",
        **extra,
    }


def assertion(base: str, path: str = "/assertion.json", **extra: Any) -> dict[str, Any]:
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"{base}{path}",
        "recipient": recipient(),
        "badge": f"{base}/badge.json",
        "issuedOn": "2024-12-02T00:00:00+01:00",
        "verification": {"type": "hosted"},
        **extra,
    }


def ob1_assertion(base: str, path: str = "/assertion.php?b=abc&obversion=1") -> dict[str, Any]:
    """Moodle's OBv1 shape: uid, hashed email, badge URL, hosted verify.url, Unix time."""
    return {
        "uid": "aca8402d5b9c1669b0f54e62fb59aaaaf78ebada",
        "recipient": recipient(),
        "badge": f"{base}/assertion.php?b=abc&action=1",
        "verify": {"type": "hosted", "url": f"{base}{path}"},
        "issuedOn": "1733097600",
        "evidence": f"{base}/badge.php?hash=abc",
    }


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem(key: rsa.RSAPrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def key_document(base: str, key: rsa.RSAPrivateKey, path: str = "/key.json") -> dict[str, Any]:
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "CryptographicKey",
        "id": f"{base}{path}",
        "owner": f"{base}/issuer.json",
        "publicKeyPem": public_pem(key),
    }


def sign(document: dict[str, Any], key: Any, algorithm: str = "RS256") -> str:
    return jwt.api_jws.PyJWS().encode(
        json.dumps(document).encode(), key, algorithm=algorithm, headers={"typ": "JWT"}
    )


def write_png(folder: Path, name: str, payload: str) -> Path:
    path = folder / name
    path.write_bytes(bake_png(tiny_png(), payload))
    return path


def write_json(folder: Path, name: str, document: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(document), "utf-8")
    return path


def write_text(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def check_file(
    path: Path,
    fetcher: HttpFetcher,
    now: datetime = NOW,
    identities: tuple[str, ...] = (OWNER,),
) -> VerificationReport:
    (source,) = discover([str(path)]).files
    return verify(read_badge(source), VerifyContext(now, fetcher, identities))


def results(report: VerificationReport) -> dict[str, str]:
    return {c.id: str(c.result) for c in report.checks}


def message(report: VerificationReport, check_id: str) -> str:
    return next(c.message for c in report.checks if c.id == check_id)
