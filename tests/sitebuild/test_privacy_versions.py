"""A scan of the whole output, for badges of every version that name the owner, hashed or by
plain email, in the recipient and in free text: no email is published, and no identity hash
outside the re-hosted originals, unless the owner opted in."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import quote

import jwt
import pytest
from click.testing import CliRunner
from xss_badges import KEY, ob05, ob1, ob2, ob3

from portfolio_builder.bake import bake_png
from portfolio_builder.cli import cli

from sitebuild.kit import NOW, output_files, png, write_config

OWNER = "sam.owner@example.org"
SALT = "pepper"
DIGEST = hashlib.sha256((OWNER + SALT).encode()).hexdigest()
HASHED = f"sha256${DIGEST}"
ORIGINALS = ("assertion.json", "assertion.jws", "credential.json", "credential.jwt")
ORIGINALS += ("issuer-assertion.json",)


def _ob3(identity: str, hashed: bool) -> dict[str, object]:
    credential = ob3()
    credential["credentialSubject"]["identifier"] = [  # type: ignore[index]
        {"type": "IdentityObject", "identityType": "emailAddress", "hashed": hashed,
         "identityHash": identity, "salt": SALT}
    ]  # fmt: skip
    return credential


def _badges() -> dict[str, bytes]:
    hashed = {"type": "email", "hashed": True, "salt": SALT, "identity": HASHED}
    plain = {"type": "email", "hashed": False, "identity": OWNER}
    mention = f"Awarded to {OWNER} for the project"
    documents = {
        "ob05-hashed.png": ob05() | {"recipient": HASHED, "salt": SALT},
        "ob05-plain.png": ob05() | {"recipient": OWNER, "uid": "2"},
        "ob10-plain.png": ob1(None) | {"recipient": plain},
        "ob11-hashed.png": ob1("https://w3id.org/openbadges/v1") | {"recipient": hashed},
        "ob20-mention.png": ob2({"type": "hosted"}) | {"recipient": hashed, "narrative": mention},
        "ob30-plain.json": _ob3(OWNER, False),
    }  # fmt: skip
    files = {name: bake_png(png(), json.dumps(doc)) for name, doc in documents.items()}
    files["ob30-plain.json"] = json.dumps(documents["ob30-plain.json"]).encode()
    token = jwt.encode(_ob3(HASHED, True), KEY, algorithm="RS256")
    files["ob30-hashed.jwt"] = token.encode()
    signed = ob2({"type": "SignedBadge", "creator": "https://issuer.example/key"})
    files["ob20-signed-plain.jws"] = jwt.encode(
        signed | {"recipient": plain}, KEY, "RS256"
    ).encode()
    return files


def _site(root: Path, privacy: str = "") -> dict[str, bytes]:
    write_config(root, "identities_file: identities.txt\n" + privacy)
    (root / "identities.txt").write_text(OWNER + "\n")
    folder = root / "content" / "badges"
    folder.mkdir(parents=True)
    for name, data in _badges().items():
        (folder / name).write_bytes(data)
    args = ["build", "-C", str(root), "--offline", "--now", NOW]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Read 8 badge files: 8 unverifiable" in result.output
    assert OWNER not in result.output and DIGEST not in result.output
    return output_files(root / "output")


def _is_original(name: str) -> bool:
    parts = name.split("/")
    download = len(parts) == 3 and parts[0] == "badges" and parts[2] == f"{parts[1]}.png"
    return download or parts[-1] in ORIGINALS


EMAIL_FORMS = (OWNER, quote(OWNER), OWNER.replace("@", "&#64;"), OWNER.replace("@", "\\u0040"))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _site(tmp_path_factory.mktemp("privacy-versions"))


def test_every_version_was_published(published: dict[str, bytes]) -> None:
    pages = [n for n in published if n.startswith("badges/") and n.endswith("/index.html")]
    assert len(pages) == 8


def test_no_email_in_any_published_file(published: dict[str, bytes]) -> None:
    for name, body in published.items():
        for form in EMAIL_FORMS:
            assert form.encode() not in body, (name, form)


def test_identity_hashes_only_in_the_rehosted_originals(published: dict[str, bytes]) -> None:
    carriers = sorted(name for name, body in published.items() if DIGEST.encode() in body)
    assert carriers, "the hashed originals are re-hosted"
    assert [name for name in carriers if not _is_original(name)] == []


def test_the_owner_can_opt_in(tmp_path: Path) -> None:
    files = _site(tmp_path, "privacy:\n  publish_plaintext_email: true\n")
    carriers = [name for name, body in files.items() if OWNER.encode() in body]
    assert carriers and all(_is_original(name) for name in carriers)
