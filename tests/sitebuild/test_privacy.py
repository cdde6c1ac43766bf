from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitebuild.kit import assertion, build, output_files, write_badge, write_config

EMAIL = "sam.learner@example.org"
OWNER_EMAIL = "sam.private@example.net"
HASH = "sha256$" + "01" * 32
REHOSTED = ("assertion.json", "assertion.jws", "credential.json", "credential.jwt")


def _plain(number: int) -> dict[str, object]:
    return assertion(number, recipient={"type": "email", "hashed": False, "identity": EMAIL})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("privacy")
    write_config(site, "identities_file: identities.txt\n")
    (site / "identities.txt").write_text(f"{EMAIL}\n{OWNER_EMAIL}\n")
    write_badge(site, "hashed", assertion(1))
    write_badge(site, "plain", _plain(2))
    write_badge(site, "plain-svg", _plain(3), fmt="svg")
    write_badge(site, "plain-json", _plain(4), fmt="json")
    assert build(site, "--email", OWNER_EMAIL).exit_code == 0
    return site / "output"


def _is_original(name: str) -> bool:
    """A re-hosted original: the assertion or credential, or the baked image download."""
    parts = name.split("/")
    baked = len(parts) == 3 and parts[0] == "badges" and parts[2] == f"{parts[1]}.png"
    return baked or name.endswith(REHOSTED)


def test_no_email_or_identity_hash_anywhere_but_rehosted_originals(site: Path) -> None:
    for name, body in output_files(site).items():
        assert EMAIL.encode() not in body, name
        assert OWNER_EMAIL.encode() not in body, name
        if not _is_original(name):
            assert HASH.encode() not in body, name
            assert b"sha256$" not in body, name


def test_the_hashed_original_is_published_byte_for_byte(site: Path) -> None:
    source = site.parent / "content" / "badges" / "hashed.png"
    published = next(site.glob("badges/badge-number-1-*/assertion.json")).read_bytes()
    assert published == json.dumps(assertion(1)).encode()
    assert HASH.encode() in published
    download = next(site.glob("badges/badge-number-1-*/badge-number-1-*.png"))
    assert download.read_bytes() == source.read_bytes()


@pytest.mark.parametrize("number", [2, 3, 4])
def test_plaintext_email_badges_are_redacted_and_have_no_baked_image(
    site: Path, number: int
) -> None:
    folder = next(site.glob(f"badges/badge-number-{number}-*/"))
    copy = json.loads((folder / "assertion.json").read_text())
    assert copy["recipient"]["identity"] == "[redacted]"
    assert "portfolio_builder_redacted" in copy
    assert not list(folder.glob("badge-number-*.png"))
    assert "only a redacted copy is published" in (folder / "index.html").read_text()


def test_the_owner_can_opt_in_to_publishing_plaintext(tmp_path: Path) -> None:
    write_config(tmp_path, "privacy:\n  publish_plaintext_email: true\n")
    write_badge(tmp_path, "plain", _plain(2))
    build(tmp_path)
    folder = next((tmp_path / "output").glob("badges/badge-number-2-*/"))
    assert (folder / "assertion.json").read_bytes() == json.dumps(_plain(2)).encode()
    assert list(folder.glob("badge-number-2-*.png"))


def test_publish_originals_false_withholds_originals_and_images(tmp_path: Path) -> None:
    write_config(tmp_path, "privacy:\n  publish_originals: false\n")
    write_badge(tmp_path, "hashed", assertion(1))
    build(tmp_path)
    files = output_files(tmp_path / "output")
    assert not [n for n in files if n.endswith(REHOSTED)]
    assert not [n for n in files if "badge-number-1-" in n.rsplit("/", 1)[-1]]
    assert not [n for n, b in files.items() if HASH.encode() in b]
    assert any(n.endswith("/verification.json") for n in files)
