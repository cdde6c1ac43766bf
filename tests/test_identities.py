"""The owner's identities: where they come from and how a recipient is matched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from portfolio_builder.identities import load, matches, read_file
from portfolio_builder.model import Recipient


def digest(algorithm: str, text: str) -> str:
    return hashlib.new(algorithm, text.encode()).hexdigest()


def test_sources_merge_in_order_without_repeats(tmp_path: Path) -> None:
    file = tmp_path / ".portfolio-identities"
    file.write_text("# my addresses\n\nfile@example.org\n  cli@example.org  \n")
    found = load(["cli@example.org"], {"PORTFOLIO_EMAILS": "env@example.org, ,x@y.z"}, file)
    assert found.values == ("cli@example.org", "env@example.org", "x@y.z", "file@example.org")
    assert found.sources == ("--email", "PORTFOLIO_EMAILS", str(file))


def test_missing_file_and_empty_environment_give_nothing(tmp_path: Path) -> None:
    assert load([], {}, tmp_path / "absent").values == ()
    assert read_file(tmp_path / "absent") == []


@pytest.mark.parametrize("algorithm", ["sha256", "md5"])
@pytest.mark.parametrize("upper", [False, True])
def test_hashed_email_with_salt(algorithm: str, upper: bool) -> None:
    hexdigest = digest(algorithm, "me@example.org" + "pepper")
    identity = f"{algorithm}${hexdigest.upper() if upper else hexdigest}"
    recipient = Recipient("email", identity, True, "pepper")
    assert matches(recipient, ["other@example.org", "me@example.org"])
    assert not matches(recipient, ["other@example.org"])
    assert not matches(Recipient("email", identity, True, "salt2"), ["me@example.org"])


def test_email_is_matched_exactly_then_lower_cased() -> None:
    exact = Recipient("email", "sha256$" + digest("sha256", "Me@Example.org"), True)
    lower = Recipient("email", "sha256$" + digest("sha256", "me@example.org"), True)
    assert matches(exact, ["Me@Example.org"])
    assert matches(lower, ["Me@Example.org"])
    assert not matches(exact, ["me@example.org"])


def test_plain_identities_and_other_types() -> None:
    assert matches(Recipient("email", "Me@Example.org", False), ["me@example.org"])
    assert matches(Recipient("url", "https://me.example/", False), ["https://me.example"])
    phone = "sha256$" + digest("sha256", "+15551234567")
    assert matches(Recipient("telephone", phone, True), ["+1 555-123-4567"])
    assert matches(Recipient("emailAddress", "mailto:me@example.org", False), ["me@example.org"])
    assert not matches(Recipient("email", "sha1$abcdef", True), ["me@example.org"])
