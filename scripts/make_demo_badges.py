"""Make the demo portfolio's badges: one per Open Badges version and status.

Run once (``make demo-content``) and commit the output. Keys come from fixed
seeds (Ed25519) or a committed key file (RSA), so reruns give the same files.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from PIL import Image, ImageDraw, ImageFont

from portfolio_builder.bake import bake_png, bake_svg

ACADEMY = "https://demo-academy.example"
GUILD = "https://open-skills-guild.example"
RSA_KEY = Path(__file__).with_name("demo_keys") / "ob2-signing-key.pem"
OB2 = "https://w3id.org/openbadges/v2"
VC = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def hashed(identity: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest()


RECIPIENT = {"type": "email", "hashed": True, "salt": "demo-salt",
             "identity": hashed("ada@example.org", "demo-salt")}  # fmt: skip


def picture(label: str, colour: tuple[int, int, int], shape: str = "circle") -> bytes:
    img = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    box = (12, 12, 244, 244)
    if shape == "circle":
        draw.ellipse(box, fill=(*colour, 255), outline=(30, 30, 40, 255), width=8)
    else:
        draw.regular_polygon((128, 128, 118), 6, fill=(*colour, 255), outline=(30, 30, 40, 255))
    font = ImageFont.load_default(size=64)
    draw.text((128, 128), label, font=font, fill="white", anchor="mm")
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def svg_picture(label: str, colour: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">'
        f'<rect x="16" y="16" width="224" height="224" rx="40" fill="{colour}"/>'
        f'<circle cx="128" cy="128" r="70" fill="none" stroke="white" stroke-width="14"/>'
        f"<title>{label}</title></svg>"
    )


def ed25519_key(seed: str) -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed.encode()).digest())


def rsa_key() -> rsa.RSAPrivateKey:
    if not RSA_KEY.exists():
        RSA_KEY.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        RSA_KEY.write_bytes(pem)
    loaded = serialization.load_pem_private_key(RSA_KEY.read_bytes(), password=None)
    assert isinstance(loaded, rsa.RSAPrivateKey)
    return loaded


def public_jwk(key: ed25519.Ed25519PrivateKey) -> dict[str, Any]:
    jwk = json.loads(jwt.algorithms.OKPAlgorithm.to_jwk(key.public_key()))
    return {k: jwk[k] for k in ("kty", "crv", "x")}


def ob2_badge_class(slug: str, name: str, description: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "BadgeClass",
        "id": f"{ACADEMY}/badges/{slug}",
        "name": name,
        "description": description,
        "image": f"{ACADEMY}/badges/{slug}.png",
        "criteria": {"id": f"{ACADEMY}/badges/{slug}/criteria",
                     "narrative": extra.pop("criteria", "Complete the course and its project.")},
        "issuer": {"type": "Profile", "id": f"{ACADEMY}/issuer", "name": "Demo Academy",
                   "url": ACADEMY, "email": "badges@demo-academy.example"},
        **extra,
    }  # fmt: skip


def ob05() -> dict[str, Any]:
    return {
        "recipient": hashed("ada@example.org", "old-salt"),
        "salt": "old-salt",
        "issued_on": "2012-06-01",
        "evidence": "https://ada.example/projects/first-web-page",
        "badge": {
            "version": "0.5.0",
            "name": "First Web Page",
            "image": "https://webmaker.example/badges/first-page.png",
            "description": "Published a first web page with HTML and CSS.",
            "criteria": "https://webmaker.example/badges/first-page/criteria",
            "issuer": {"origin": "https://webmaker.example", "name": "Webmaker Club",
                       "org": "Webmaker Community"},
        },
    }  # fmt: skip


def ob10() -> dict[str, Any]:
    return {
        "uid": "ob10-shell",
        "recipient": {"type": "email", "hashed": True, "salt": "s10",
                      "identity": hashed("ada@example.org", "s10")},
        "badge": f"{ACADEMY}/v1/badges/shell.json",
        "verify": {"type": "hosted", "url": f"{ACADEMY}/v1/assertions/ob10-shell.json"},
        "issuedOn": "2014-09-15",
    }  # fmt: skip


def ob11() -> dict[str, Any]:
    return {
        "@context": "https://w3id.org/openbadges/v1",
        "type": "Assertion",
        "id": f"{ACADEMY}/v1/assertions/ob11-git.json",
        "uid": "ob11-git",
        "recipient": {"type": "email", "hashed": True, "salt": "s11",
                      "identity": hashed("ada@example.org", "s11")},
        "badge": f"{ACADEMY}/v1/badges/git.json",
        "verify": {"type": "hosted", "url": f"{ACADEMY}/v1/assertions/ob11-git.json"},
        "issuedOn": "2016-02-20T09:00:00Z",
    }  # fmt: skip


def ob20_hosted() -> dict[str, Any]:
    badge = ob2_badge_class(
        "data-analysis", "Data Analysis with Python",
        "Cleans, explores and visualises real data sets with **pandas** and matplotlib.",
        criteria="Complete six graded notebooks and a capstone analysis of a public data set.",
        tags=["python", "data"],
        alignment=[{"targetName": "Data analysis", "targetUrl": "https://esco.example/skill/data-analysis",
                    "targetFramework": "ESCO", "targetCode": "S5.6.1",
                    "targetDescription": "Analyse data to support decisions."}],
    )  # fmt: skip
    return {
        "@context": OB2,
        "type": "Assertion",
        "id": f"{ACADEMY}/assertions/data-analysis-ada",
        "recipient": RECIPIENT,
        "badge": badge,
        "verification": {"type": "HostedBadge"},
        "issuedOn": "2023-05-12T10:00:00Z",
        "evidence": [{"id": "https://ada.example/projects/air-quality",
                      "name": "Air quality capstone",
                      "narrative": "An analysis of five years of city air-quality readings."}],
    }  # fmt: skip


def ob20_expired() -> dict[str, Any]:
    data = ob20_hosted()
    data["id"] = f"{ACADEMY}/assertions/first-aid-ada"
    data["badge"] = ob2_badge_class(
        "first-aid",
        "Workplace First Aid",
        "Trained in first aid for the workplace.",
        tags=["safety"],
    )
    data["issuedOn"] = "2021-03-01T09:00:00Z"
    data["expires"] = "2024-03-01T09:00:00Z"
    data.pop("evidence")
    return data


def ob20_signed() -> str:
    key = rsa_key()
    data = {
        "@context": OB2,
        "type": "Assertion",
        "id": "urn:uuid:4f0c6b8e-3c2a-4d7a-9a55-2d7f6f3b1c01",
        "recipient": RECIPIENT,
        "badge": ob2_badge_class("accessibility", "Web Accessibility",
                                 "Builds pages that work with screen readers and keyboards.",
                                 tags=["web", "accessibility"]),
        "verification": {"type": "SignedBadge", "creator": f"{ACADEMY}/keys/1"},
        "issuedOn": "2024-01-20T12:00:00Z",
    }  # fmt: skip
    return jwt.encode(data, key, algorithm="RS256")


def did_key(key: ed25519.Ed25519PrivateKey) -> str:
    import base58

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "did:key:z" + base58.b58encode(b"\xed\x01" + raw).decode()


def ob3_jwt(slug: str, name: str, description: str, **options: Any) -> str:
    key = ed25519_key("demo-guild-signing-key")
    issuer = did_key(key)
    uuid_prefix = hashlib.sha256(slug.encode()).hexdigest()[:8]
    credential: dict[str, Any] = {
        "@context": VC,
        "id": f"urn:uuid:{uuid_prefix}-0000-4000-8000-000000000003",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Open Skills Guild", "url": GUILD},
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
    if options.get("revocable"):
        credential["credentialStatus"] = {
            "id": f"{GUILD}/revocations#{slug}",
            "type": "1EdTechRevocationList",
        }
    claims = {"iss": issuer, "jti": credential["id"], "sub": "mailto:hidden", "vc": credential}
    signer = ed25519_key("a-different-key") if options.get("tamper") else key
    header = {"jwk": public_jwk(key), "kid": f"{issuer}#{issuer[8:]}"}
    return jwt.encode(claims, signer, algorithm="EdDSA", headers=header)


def plaintext_json() -> dict[str, Any]:
    data = ob20_hosted()
    data["id"] = f"{ACADEMY}/assertions/intro-sql-ada"
    data["recipient"] = {"type": "email", "hashed": False, "identity": "ada@example.org"}
    data["badge"] = ob2_badge_class(
        "intro-sql", "Introduction to SQL", "Writes SELECT queries with joins.", tags=["data"]
    )
    data["issuedOn"] = "2022-11-03T15:00:00Z"
    data.pop("evidence")
    return data


SIDECARS = {
    "ob20-data-analysis.yaml": (
        "featured: true\ntags: [capstone]\nevidence:\n"
        "  - url: https://ada.example/notebooks/air-quality\n    name: The capstone notebooks\n"
        "note: |\n  My favourite course so far: the capstone taught me to **question the data**\n"
        "  before drawing charts.\n"
    ),
    "ob30-open-source.md": "---\ntags: [open source]\n---\nMy first merged pull request "
    "was a documentation fix; the guild's reviewers were generous with their time.\n",
    "ob20-hidden.yaml": "hidden: true\n",
}


def badges() -> dict[str, bytes]:
    def png(label: str, colour: tuple[int, int, int], payload: str, shape: str = "circle") -> bytes:
        return bake_png(picture(label, colour, shape), payload)

    def svg(label: str, colour: str, payload: str, element: str = "assertion") -> bytes:
        return bake_svg(svg_picture(label, colour), payload, element).encode()

    hidden = ob20_hosted() | {"id": f"{ACADEMY}/assertions/hidden-ada"}
    return {
        "ob05-first-web-page.png": png("0.5", (214, 98, 40), json.dumps(ob05())),
        "ob10-shell.png": png("1.0", (60, 120, 70), json.dumps(ob10()), "hexagon"),
        "ob11-git.svg": svg("1.1", "#7a3b8f", json.dumps(ob11())),
        "ob20-data-analysis.png": png("DA", (29, 79, 145), json.dumps(ob20_hosted())),
        "ob20-first-aid.png": png("+", (176, 32, 48), json.dumps(ob20_expired()), "hexagon"),
        "ob20-accessibility.png": png("A11Y", (20, 110, 120), ob20_signed()),
        "ob20-intro-sql.json": json.dumps(plaintext_json(), indent=2).encode() + b"\n",
        "ob20-hidden.png": png("H", (90, 90, 90), json.dumps(hidden)),
        "ob30-open-source.png": png("OSS", (40, 40, 40), ob3_jwt(
            "open-source", "Open Source Contributor",
            "Had a pull request reviewed and merged by a guild project.", tags=["open source"])),
        "ob30-mentoring.svg": svg("3.0", "#b0671a", ob3_jwt(
            "mentoring", "Peer Mentor 2024", "Mentored new contributors for a season.",
            valid_from="2024-01-15T08:00:00Z", valid_until="2024-12-31T23:59:59Z"), "credential"),
        "ob30-security.png": png("SEC", (120, 20, 20), ob3_jwt(
            "security", "Secure Coding", "Knows the OWASP top ten.", revocable=True), "hexagon"),
        "ob30-tampered.png": png("?", (100, 100, 100), ob3_jwt(
            "tampered", "Cloud Architect", "A credential whose signature does not match.",
            tamper=True)),
    }  # fmt: skip


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in {**badges(), **{k: v.encode() for k, v in SIDECARS.items()}}.items():
        (out / name).write_bytes(data)
        print(f"wrote {out / name}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "content/badges")
