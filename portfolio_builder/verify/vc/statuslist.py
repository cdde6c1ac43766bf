"""Read status lists: BitstringStatusList / StatusList2021 bitstrings and the 1EdTech
revocation list. Pure functions over fetched documents; no network here."""

from __future__ import annotations

import base64
import binascii
import zlib
from dataclasses import dataclass
from typing import Any

from portfolio_builder.model import JSONObject

MAX_LIST_BYTES = 16 * 1024 * 1024
LIST_TYPES = frozenset({"BitstringStatusList", "StatusList2021"})
CREDENTIAL_TYPES = frozenset({"BitstringStatusListCredential", "StatusList2021Credential"})


class StatusListError(ValueError):
    """The status list cannot be read."""


@dataclass(frozen=True, slots=True)
class BitEntry:
    """A credential's place in a bitstring status list."""

    list_url: str
    index: int
    purpose: str


def _gunzip(data: bytes) -> bytes:
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_LIST_BYTES)
    except zlib.error as exc:
        raise StatusListError(f"the encoded list is not gzip data: {exc}") from exc
    if inflater.unconsumed_tail:
        raise StatusListError(f"the decoded list is larger than {MAX_LIST_BYTES:,} bytes")
    return out


def _b64url(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise StatusListError(f"the encoded list is not base64url: {exc}") from exc


def decode_list(encoded: str) -> bytes:
    """The bitstring of ``encodedList``: gzip inside base64url (multibase ``u`` prefix or none)."""
    candidates = [encoded[1:], encoded] if encoded.startswith("u") else [encoded]
    problem = StatusListError("the encoded list is empty")
    for candidate in candidates:
        try:
            return _gunzip(_b64url(candidate))
        except StatusListError as exc:
            problem = exc
    raise problem


def bit_at(bitstring: bytes, index: int) -> bool:
    """Bit ``index``, counting from the most significant bit of the first byte."""
    if index < 0 or index >= len(bitstring) * 8:
        raise StatusListError(f"index {index} is outside the list of {len(bitstring) * 8} entries")
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))


def bit_entry(entry: JSONObject) -> BitEntry:
    """The list URL, index and purpose of a BitstringStatusListEntry / StatusList2021Entry."""
    url, raw_index = entry.get("statusListCredential"), entry.get("statusListIndex")
    if not isinstance(url, str) or not url:
        raise StatusListError("the status entry names no statusListCredential")
    try:
        index = int(str(raw_index), 10)
    except ValueError as exc:
        raise StatusListError(f"statusListIndex {raw_index!r} is not a number") from exc
    size = entry.get("statusSize", 1)
    if size not in (1, "1"):
        raise StatusListError(f"statusSize {size!r} is not supported (only 1)")
    return BitEntry(url, index, str(entry.get("statusPurpose") or "revocation"))


def _types(value: Any) -> set[str]:
    return {k for k in (value if isinstance(value, list) else [value]) if isinstance(k, str)}


def list_subject(list_credential: JSONObject) -> JSONObject:
    """The BitstringStatusList / StatusList2021 subject of a status list credential."""
    if not CREDENTIAL_TYPES.intersection(_types(list_credential.get("type"))):
        raise StatusListError("the document is not a status list credential (wrong type)")
    subject: Any = list_credential.get("credentialSubject")
    if isinstance(subject, list) and len(subject) == 1:
        subject = subject[0]
    if not isinstance(subject, dict):
        raise StatusListError("the status list credential has no credentialSubject")
    if not LIST_TYPES.intersection(_types(subject.get("type"))):
        raise StatusListError("the status list credential's subject is not a status list")
    if not isinstance(subject.get("encodedList"), str):
        raise StatusListError("the status list has no encodedList")
    return subject


def revoked_in_1edtech_list(document: JSONObject, credential_id: str) -> tuple[bool, str | None]:
    """Whether a 1EdTech revocation list names the credential, and the reason given."""
    entries = document.get("revokedCredentials")
    if not isinstance(entries, list):
        raise StatusListError("the revocation list has no revokedCredentials array")
    for item in entries:
        listed = item.get("id") if isinstance(item, dict) else item
        if listed == credential_id:
            reason = item.get("revocationReason") if isinstance(item, dict) else None
            return True, reason if isinstance(reason, str) else None
    return False, None
