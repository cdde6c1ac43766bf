"""The owner's identities (email addresses, URLs, phone numbers), and matching a
badge's recipient against them.

They come from ``--email`` (repeatable), the ``PORTFOLIO_EMAILS`` environment
variable (comma-separated; in GitHub Actions, from a repository secret) and the
identities file (default ``.portfolio-identities``: one per line, ``#`` comments
and blank lines ignored, git-ignored). They are never printed or published.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from portfolio_builder.model import Recipient

ENV_VAR = "PORTFOLIO_EMAILS"
DEFAULT_FILE = ".portfolio-identities"
HASHES = ("sha256", "md5")
_PHONE_NOISE = re.compile(r"[\s\-().]")


@dataclass(frozen=True, slots=True)
class Identities:
    values: tuple[str, ...]
    sources: tuple[str, ...] = ()


def read_file(path: Path) -> list[str]:
    """The identities listed in a file; a missing file lists none."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [s for s in (line.strip() for line in lines) if s and not s.startswith("#")]


def load(emails: Iterable[str], environ: Mapping[str, str], file: Path | None) -> Identities:
    """Every identity from the three sources, first occurrence first, without repeats."""
    found: list[str] = []
    sources: list[str] = []
    given = [e.strip() for e in emails if e.strip()]
    from_env = [e.strip() for e in environ.get(ENV_VAR, "").split(",") if e.strip()]
    from_file = read_file(file) if file else []
    for name, values in (("--email", given), (ENV_VAR, from_env), (str(file), from_file)):
        if values:
            sources.append(name)
            found.extend(values)
    return Identities(tuple(dict.fromkeys(found)), tuple(sources))


def _variants(identity: str, kind: str) -> list[str]:
    """The spellings an issuer may have used for one of the owner's identities."""
    value = identity.removeprefix("mailto:") if kind in ("email", "emailaddress") else identity
    spellings = [value, value.lower()]
    if kind in ("telephone", "phone", "phonenumber"):
        spellings.append(_PHONE_NOISE.sub("", value))
    if kind == "url":
        spellings.append(value.rstrip("/"))
    return list(dict.fromkeys(spellings))


def _hash_matches(hashed: str, salt: str | None, candidate: str) -> bool:
    algorithm, _, digest = hashed.partition("$")
    if algorithm.lower() not in HASHES or not digest:
        return False
    computed = hashlib.new(algorithm.lower(), (candidate + (salt or "")).encode("utf-8"))
    return computed.hexdigest() == digest.lower()


def _plain(value: str, kind: str) -> str:
    """One spelling for comparing plain identities: the loosest of the variants."""
    return _variants(value, kind)[-1].lower()


def matches(recipient: Recipient, identities: Iterable[str]) -> bool:
    """True when the recipient is one of the owner's identities (plain or hashed)."""
    kind = recipient.type.lower()
    target = recipient.identity.strip()
    if not recipient.hashed:
        return any(_plain(target, kind) == _plain(i.strip(), kind) for i in identities)
    return any(
        _hash_matches(target, recipient.salt, candidate)
        for identity in identities
        for candidate in _variants(identity.strip(), kind)
    )
