"""Make the demo portfolio's badges, one per Open Badges version and status, and the
issuer snapshot that lets them verify offline.

Run once (``make demo-content``) and commit the output. Keys come from fixed
seeds (Ed25519) or a committed key file (RSA), so reruns give the same files.
The snapshot (``issuer-snapshot.json``) holds what the made-up issuers would answer:
hosted assertions, badge classes, issuer profiles, the signing key, a revocation
list, an HTTP 410 for the revoked hosted badge, and a status list credential.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from PIL import Image, ImageDraw, ImageFont

from portfolio_builder.bake import bake_png, bake_svg

sys.path.insert(0, str(Path(__file__).parent))
from demo_ob3 import (
    REVOKED_INDEX,
    STATUS_LIST,
    hashed,
    ob3_jwt,
    ob3_signed,
    status_list,
)

ACADEMY = "https://demo-academy.example"
RSA_KEY = Path(__file__).with_name("demo_keys") / "ob2-signing-key.pem"
OB2 = "https://w3id.org/openbadges/v2"
RECORDED = "2025-12-01"
ISSUER = f"{ACADEMY}/issuer"
KEY_URL = f"{ACADEMY}/keys/1"
REVOCATIONS = f"{ACADEMY}/revocations"


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


def ob2_badge_class(slug: str, name: str, description: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "BadgeClass",
        "id": f"{ACADEMY}/badges/{slug}",
        "name": name,
        "description": description,
        "image": f"{ACADEMY}/badges/{slug}.png",
        "criteria": {"id": f"{ACADEMY}/badges/{slug}/criteria",
                     "narrative": extra.pop("criteria", "Complete the course and its project.")},
        "issuer": ISSUER,
        **extra,
    }  # fmt: skip


def issuer_profile() -> dict[str, Any]:
    return {"@context": OB2, "type": "Issuer", "id": ISSUER, "name": "Demo Academy",
            "url": ACADEMY, "email": "badges@demo-academy.example",
            "description": "Evening courses in data and the web.",
            "publicKey": [KEY_URL], "revocationList": REVOCATIONS}  # fmt: skip


def signing_key_document() -> dict[str, Any]:
    pem = (
        rsa_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return {"@context": OB2, "type": "CryptographicKey", "id": KEY_URL, "owner": ISSUER,
            "publicKeyPem": pem.decode("ascii")}  # fmt: skip


def revocation_list() -> dict[str, Any]:
    return {"@context": OB2, "type": "RevocationList", "id": REVOCATIONS, "issuer": ISSUER,
            "revokedAssertions": [{"id": f"{ACADEMY}/assertions/5c1e-withdrawn",
                                   "revocationReason": "Issued by mistake"}]}  # fmt: skip


def v1_badge_class(slug: str, name: str, description: str, v11: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": name,
        "description": description,
        "image": f"{ACADEMY}/v1/badges/{slug}.png",
        "criteria": f"{ACADEMY}/v1/badges/{slug}/criteria",
        "issuer": ISSUER,  # the issuer's profile, now served as OB 2.0
    }
    if v11:
        extra = {"@context": "https://w3id.org/openbadges/v1", "type": "BadgeClass",
                 "id": f"{ACADEMY}/v1/badges/{slug}.json"}  # fmt: skip
        data = extra | data
    return data


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


def plaintext_json() -> dict[str, Any]:
    """Revoked by its issuer: the hosted address answers HTTP 410."""
    data = ob20_hosted()
    data["id"] = f"{ACADEMY}/assertions/intro-sql-ada"
    data["recipient"] = {"type": "email", "hashed": False, "identity": "ada@example.org"}
    data["badge"] = ob2_badge_class(
        "intro-sql", "Introduction to SQL", "Writes SELECT queries with joins.", tags=["data"]
    )
    data["badge"]["issuer"] = {"type": "Profile", "id": ISSUER, "name": "Demo Academy",
                               "url": ACADEMY}  # fmt: skip
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


def hidden() -> dict[str, Any]:
    return ob20_hosted() | {"id": f"{ACADEMY}/assertions/hidden-ada"}


def answer(
    body: Any, content_type: str = "application/ld+json", status: int = 200
) -> dict[str, Any]:
    return {"status": status, "content_type": content_type, "body": body}


def snapshot() -> dict[str, Any]:
    """What the made-up issuers answer, as recorded on RECORDED."""
    hosted = [ob20_hosted(), ob20_expired(), hidden(), ob11()]
    answers = {str(a["id"]): answer(a) for a in hosted}
    answers[ob10()["verify"]["url"]] = answer(ob10(), "application/json")
    answers[plaintext_json()["id"]] = answer(
        {"revoked": True, "revocationReason": "The course was withdrawn and replaced."},
        "application/json", 410)  # fmt: skip
    answers[f"{ACADEMY}/v1/badges/shell.json"] = answer(
        v1_badge_class("shell", "Shell Basics", "Automates everyday tasks with shell scripts."),
        "application/json",
    )
    answers[f"{ACADEMY}/v1/badges/git.json"] = answer(
        v1_badge_class(
            "git",
            "Version Control with Git",
            "Branches, merges and reviews changes with git.",
            v11=True,
        )
    )
    answers[ISSUER] = answer(issuer_profile())
    answers[KEY_URL] = answer(signing_key_document())
    answers[REVOCATIONS] = answer(revocation_list())
    answers[STATUS_LIST] = answer(status_list(REVOKED_INDEX), "application/vc+ld+json")
    return {"recorded": RECORDED, "answers": dict(sorted(answers.items()))}  # fmt: skip


def badges() -> dict[str, bytes]:
    def png(label: str, colour: tuple[int, int, int], payload: str, shape: str = "circle") -> bytes:
        return bake_png(picture(label, colour, shape), payload)

    def svg(label: str, colour: str, payload: str, element: str = "assertion") -> bytes:
        return bake_svg(svg_picture(label, colour), payload, element).encode()

    return {
        "ob05-first-web-page.png": png("0.5", (214, 98, 40), json.dumps(ob05())),
        "ob10-shell.png": png("1.0", (60, 120, 70), json.dumps(ob10()), "hexagon"),
        "ob11-git.svg": svg("1.1", "#7a3b8f", json.dumps(ob11())),
        "ob20-data-analysis.png": png("DA", (29, 79, 145), json.dumps(ob20_hosted())),
        "ob20-first-aid.png": png("+", (176, 32, 48), json.dumps(ob20_expired()), "hexagon"),
        "ob20-accessibility.png": png("A11Y", (20, 110, 120), ob20_signed()),
        "ob20-intro-sql.json": json.dumps(plaintext_json(), indent=2).encode() + b"\n",
        "ob20-hidden.png": png("H", (90, 90, 90), json.dumps(hidden())),
        "ob30-open-source.png": png("OSS", (40, 40, 40), ob3_jwt(
            "open-source", "Open Source Contributor",
            "Had a pull request reviewed and merged by a guild project.", tags=["open source"])),
        "ob30-code-review.png": png("CR", (46, 100, 160), ob3_signed(
            "code-review", "Code Reviewer",
            "Reviewed twenty pull requests with kind, specific comments.",
            valid_from="2025-06-02T08:00:00Z", tags=["open source"]), "hexagon"),
        "ob30-mentoring.svg": svg("3.0", "#b0671a", ob3_jwt(
            "mentoring", "Peer Mentor 2024", "Mentored new contributors for a season.",
            valid_from="2024-01-15T08:00:00Z", valid_until="2024-12-31T23:59:59Z"), "credential"),
        "ob30-security.png": png("SEC", (120, 20, 20), ob3_jwt(
            "security", "Secure Coding", "Knows the OWASP top ten.",
            status_index=REVOKED_INDEX), "hexagon"),
        "ob30-tampered.png": png("?", (100, 100, 100), ob3_jwt(
            "tampered", "Cloud Architect", "A credential whose signature does not match.",
            tamper=True)),
    }  # fmt: skip


def main(folder: str, snapshot_file: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in {**badges(), **{k: v.encode() for k, v in SIDECARS.items()}}.items():
        (out / name).write_bytes(data)
        print(f"wrote {out / name}")
    recorded = json.dumps(snapshot(), indent=2, ensure_ascii=False) + "\n"
    Path(snapshot_file).write_text(recorded, encoding="utf-8")
    print(f"wrote {snapshot_file}")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        args[0] if args else "content/badges", args[1] if len(args) > 1 else "issuer-snapshot.json"
    )
