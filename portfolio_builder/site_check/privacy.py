"""No email address and no recipient identity hash may leak into the published files.

Re-hosted badge originals (``assertion.json``, ``assertion.jws``, ``credential.json``,
``credential.jwt``, and the JSON/JWS/JWT copies fetched into the same badge folder) carry
the recipient's hash by design; in them only a plain-text recipient email is a leak.
Addresses are masked in the messages, so that the check's own output leaks nothing.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import unquote

import jwt

from portfolio_builder.diagnostics import Diagnostic, error
from portfolio_builder.site_check.site import Site

TEXT_SUFFIXES = (".html", ".htm", ".xml", ".json", ".jsonld", ".webmanifest", ".txt")
ORIGINAL_NAMES = frozenset({"assertion.json", "assertion.jws", "credential.json", "credential.jwt"})
ORIGINAL_SUFFIXES = (".json", ".jws", ".jwt")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = re.compile(rf"[A-Za-z0-9._%+-]+@{_LABEL}(?:\.{_LABEL})*\.([A-Za-z]{{2,24}})\b")
# "logo@2x.png" looks like an address; a file suffix is not a top-level domain.
FILE_SUFFIXES = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "css", "js", "mjs"}
    | {"html", "htm", "json", "xml", "txt", "woff", "woff2", "map"}
)
HASH = re.compile(r"\b(?:sha256|md5)\$[0-9a-fA-F]{6,}", re.IGNORECASE)
MAX_TEXT_BYTES = 20 * 1024 * 1024


def check_privacy(site: Site, allowed: Iterable[str] = ()) -> list[Diagnostic]:
    """Leaks in every text file of the output, one diagnostic per file and kind."""
    allow = {address.strip().lower() for address in allowed}
    folders = _badge_folders(site.files)
    problems: list[Diagnostic] = []
    for rel in sorted(site.files):
        where = (site.root / rel).as_posix()
        if _is_original(rel, folders):
            problems += _original_leaks(site, rel, where, allow)
        elif rel.lower().endswith(TEXT_SUFFIXES):
            problems += _text_leaks(_read(site, rel), where, allow)
    return problems


def _badge_folders(files: Iterable[str]) -> set[str]:
    return {posixpath.dirname(f) for f in files if posixpath.basename(f) in ORIGINAL_NAMES}


def _is_original(rel: str, folders: set[str]) -> bool:
    if not rel.lower().endswith(ORIGINAL_SUFFIXES):
        return False
    folder = posixpath.dirname(rel)
    while folder:
        if folder in folders:
            return True
        folder = posixpath.dirname(folder)
    return False


def _read(site: Site, rel: str) -> str:
    try:
        with (site.root / rel).open("rb") as handle:
            return handle.read(MAX_TEXT_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""


def _variants(text: str) -> Iterator[str]:
    """The text as written, and decoded the ways a browser or JSON reader would."""
    yield text
    unescaped = html.unescape(text)
    yield unquote(unescaped)
    yield text.replace("\\u0040", "@").replace("\\/", "/")


def emails_in(text: str, allow: set[str]) -> list[str]:
    found: dict[str, None] = {}
    for variant in _variants(text):
        for match in EMAIL.finditer(variant):
            address = match.group(0)
            if match.group(1).lower() not in FILE_SUFFIXES and address.lower() not in allow:
                found[address] = None
    return list(found)


def mask(address: str) -> str:
    """``jane.doe@example.org`` → ``j***@example.org``."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def _text_leaks(text: str, where: str, allow: set[str]) -> list[Diagnostic]:
    problems = []
    if emails := emails_in(text, allow):
        listed = ", ".join(mask(a) for a in emails[:5]) + (" ..." if len(emails) > 5 else "")
        message = f"email address published: {listed}{_line_of(text, emails[0])}"
        hint = "remove it, or pass --allow-email if you chose to publish it"
        problems.append(error("E-SITE-EMAIL-LEAK", message, where, hint))
    hashes = {m.group(0) for v in _variants(text) for m in HASH.finditer(v)}
    if hashes:
        first = min(hashes)
        message = f"recipient identity hash published: {first[:14]}...{_line_of(text, first)}"
        problems.append(error("E-SITE-HASH-LEAK", message, where))
    return problems


def _line_of(text: str, needle: str) -> str:
    at = text.find(needle)
    return f" (line {text.count(chr(10), 0, at) + 1})" if at >= 0 else ""


def _original_leaks(site: Site, rel: str, where: str, allow: set[str]) -> list[Diagnostic]:
    document = _load_original(_read(site, rel))
    values = " ".join(_recipient_values(document))
    emails = emails_in(values, allow)
    if not emails:
        return []
    message = f"plain-text recipient email in a re-hosted original: {mask(emails[0])}"
    hint = "set privacy.publish_plaintext_email only if you want it public"
    return [error("E-SITE-EMAIL-LEAK", message, where, hint)]


def _load_original(text: str) -> Any:
    stripped = text.strip()
    try:
        if stripped.startswith(("{", "[")):
            return json.loads(stripped)
        return jwt.decode(stripped, options={"verify_signature": False})
    except (ValueError, jwt.PyJWTError):
        return None


def _recipient_values(document: Any) -> Iterator[str]:
    """The strings that name a recipient: OB 2.0 ``recipient``, OB 3.0 ``credentialSubject``."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        if not isinstance(node, dict):
            continue
        recipient = node.get("recipient")
        if isinstance(recipient, dict):
            yield str(recipient.get("identity", ""))
        subject = node.get("credentialSubject")
        for item in subject if isinstance(subject, list) else [subject]:
            if isinstance(item, dict):
                yield from _subject_values(item)
        stack.extend(node.values())


def _subject_values(subject: dict[str, Any]) -> Iterator[str]:
    yield str(subject.get("id", ""))
    yield str(subject.get("email", ""))
    identifiers = subject.get("identifier")
    for item in identifiers if isinstance(identifiers, list) else [identifiers]:
        if isinstance(item, dict):
            yield str(item.get("identityHash", ""))
