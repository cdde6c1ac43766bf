"""Moodle-baked PNG badges, made the way Moodle's own code makes them (see MOODLE.md).

* <= 3.5: a ``tEXt`` chunk ``openbadges`` holding the hosted assertion URL;
* 3.6 - 5.x: an ``iTXt`` chunk ``openbadges`` (flag 0, method 0, empty language and
  translated keyword) holding PHP ``json_encode`` output: compact, ``/`` escaped as
  ``\\/``, non-ASCII as ``\\uXXXX``; the OBv1 shape (digit-string dates), the OBv2
  shape (nested BadgeClass, ``verify`` key, plural ``alignments``, ``+01:00``
  offsets, null ``version``/``@language``) or the 5.1 exporter shape;
* the malformed old ``iTXt`` layout with the ``'json'`` wrapper.

The chunk goes where Moodle puts it: the last 12 bytes (IEND) are cut off, the
chunk is inserted, and IEND is put back; every other byte stays as it was.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from dataclasses import dataclass
from typing import Any

from PIL import Image

from portfolio_builder.bake import png_chunk

WWWROOT = "https://moodle.example.org"
SALT = "badges1704067200"
EMAIL = "learner@example.org"
HASH = "aca8402d5b9c1669b0f54e62fb59aaaaf78ebada"
BADGE_ID = 2
ISSUED = "1733097600"  # 2024-12-02T00:00:00Z
EXPIRES = "1767225600"  # 2026-01-01T00:00:00Z


@dataclass(frozen=True)
class Site:
    wwwroot: str = WWWROOT
    salt: str = SALT
    email: str = EMAIL
    uniquehash: str = HASH
    badge_id: int = BADGE_ID


def artwork(size: int = 100) -> bytes:
    """A plain PNG (IHDR, IDAT, IEND) like Moodle's resampled f3.png."""
    out = io.BytesIO()
    Image.new("RGB", (size, size), (200, 120, 40)).save(out, "PNG")
    return out.getvalue()


def php_json(value: Any) -> str:
    """PHP ``json_encode`` with default flags: compact, ``\\/`` and ``\\uXXXX`` escapes."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True).replace("/", "\\/")


def identity(site: Site) -> str:
    return "sha256$" + hashlib.sha256((site.email + site.salt).encode()).hexdigest()


def insert_before_iend(png: bytes, ctype: bytes, data: bytes) -> bytes:
    """Moodle's insertion: cut the last 12 bytes, add the chunk, put IEND back."""
    return png[:-12] + png_chunk(ctype, data) + png[-12:]


def bake_text_url(site: Site = Site(), png: bytes | None = None) -> bytes:
    """Moodle <= 3.5: tEXt openbadges = the assertion URL."""
    url = f"{site.wwwroot}/badges/assertion.php?b={site.uniquehash}"
    return insert_before_iend(png or artwork(), b"tEXt", b"openbadges\x00" + url.encode())


def bake_itxt(payload: str, png: bytes | None = None) -> bytes:
    """Moodle 3.6 - 5.x: iTXt openbadges, uncompressed, empty language fields."""
    data = b"openbadges\x00\x00\x00\x00\x00" + payload.encode("utf-8")
    return insert_before_iend(png or artwork(), b"iTXt", data)


def bake_itxt_legacy(value: str, png: bytes | None = None) -> bytes:
    """The old, malformed bakerlib iTXt layout with the ``'json'`` wrapper."""
    text = "'json'\x00''\x00\"{'method': 'hosted', 'assertionUrl': '" + value + "'}\""
    return insert_before_iend(png or artwork(), b"iTXt", b"openbadges\x00" + text.encode())


def _recipient(site: Site) -> dict[str, Any]:
    return {"identity": identity(site), "type": "email", "hashed": True, "salt": site.salt}


def obv1(site: Site = Site(), expires: bool = True, obversion: str = "1") -> dict[str, Any]:
    """The OBv1 shape: uid, BadgeClass URL, hosted verify, Unix-seconds digit strings."""
    base = f"{site.wwwroot}/badges/assertion.php?b={site.uniquehash}"
    out: dict[str, Any] = {
        "uid": site.uniquehash,
        "recipient": _recipient(site),
        "badge": f"{base}&action=1",
        "verify": {"type": "hosted", "url": f"{base}&obversion={obversion}"},
        "issuedOn": ISSUED,
        "evidence": f"{site.wwwroot}/badges/badge.php?hash={site.uniquehash}",
    }
    if expires:
        out["expires"] = EXPIRES
    return out


def _issuer_v2(site: Site) -> dict[str, Any]:
    return {
        "name": "Example Moodle Académie",
        "url": site.wwwroot,
        "email": "badges@example.org",
        "@context": "https://w3id.org/openbadges/v2",
        "id": f"{site.wwwroot}/badges/issuer_json.php?id={site.badge_id}",
        "type": "Issuer",
    }


def _badgeclass_v2(site: Site, png: bytes) -> dict[str, Any]:
    return {
        "name": "Data Wrangling",
        "description": "Cleans and reshapes data sets.",
        "image": "data:image/png;base64," + base64.b64encode(png).decode(),
        "criteria": {
            "id": f"{site.wwwroot}/badges/badge.php?hash={site.uniquehash}",
            "narrative": "* Complete all activities\n* Pass the final quiz",
        },
        "issuer": _issuer_v2(site),
        "@context": "https://w3id.org/openbadges/v2",
        "id": f"{site.wwwroot}/badges/badge_json.php?id={site.badge_id}",
        "type": "BadgeClass",
        "version": None,
        "@language": None,
        "related": [{"id": f"{site.wwwroot}/badges/badge_json.php?id=1", "version": ""}],
        "endorsement": f"{site.wwwroot}/badges/endorsement_json.php?id={site.badge_id}",
        "alignments": [
            {
                "targetName": "Programming",
                "targetUrl": "https://example.org/fw/prog",
                "targetFramework": "Example Framework",
                "targetCode": "PRG-1",
            }
        ],
    }


def obv2(site: Site = Site(), png: bytes | None = None) -> dict[str, Any]:
    """The OBv2 shape of Moodle 3.6 - 5.0, in Moodle's key order."""
    assertion_url = f"{site.wwwroot}/badges/assertion.php?b={site.uniquehash}&obversion=2"
    return {
        "recipient": _recipient(site),
        "badge": _badgeclass_v2(site, png or artwork()),
        "verify": {"type": "hosted", "url": assertion_url},
        "issuedOn": "2024-12-02T00:00:00+01:00",
        "evidence": f"{site.wwwroot}/badges/badge.php?hash={site.uniquehash}",
        "expires": "2026-01-01T00:00:00+01:00",
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": assertion_url,
    }


def obv2_51(site: Site = Site()) -> dict[str, Any]:
    """The Moodle 5.1 exporter shape (MDL-85621)."""
    q = "obversion=v2p0"
    assertion_url = f"{site.wwwroot}/badges/json/assertion.php?b={site.uniquehash}&{q}"
    recipient = {"type": "email", "hashed": True, "salt": site.salt, "identity": identity(site)}
    image = f"{site.wwwroot}/pluginfile.php/1/badges/badgeimage/{site.badge_id}/f3"
    issuer = {**_issuer_v2(site), "id": f"{site.wwwroot}/badges/json/issuer.php?{q}&badgeid=2"}
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": assertion_url,
        "recipient": recipient,
        "verify": {"type": "hosted", "url": assertion_url},
        "issuedOn": "2025-10-06T09:30:00+02:00",
        "badge": {
            "@context": "https://w3id.org/openbadges/v2",
            "type": "BadgeClass",
            "id": f"{site.wwwroot}/badges/json/badge.php?id={site.badge_id}&{q}",
            "name": "Data Wrangling",
            "description": "Cleans and reshapes data sets.",
            "image": {"id": image, "caption": "A funnel"},
            "criteria": {"id": f"{site.wwwroot}/badges/badgeclass.php?id={site.badge_id}"},
            "issuer": issuer,
            "alignment": [{"targetName": "Statistics", "targetUrl": "https://example.org/st"}],
            "tags": ["data", "python"],
        },
        "evidence": f"{site.wwwroot}/badges/badge.php?hash={site.uniquehash}",
        "tags": ["data"],
    }
