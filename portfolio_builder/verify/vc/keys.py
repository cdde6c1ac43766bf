"""Resolve a verification method (``kid`` or ``verificationMethod``) to a public key.

``did:key`` is resolved offline. ``did:web`` and http(s) URLs are fetched through the
Fetcher; the controller document must list the method under ``assertionMethod``.
Unknown URI schemes, unknown DID methods and methods without a scheme are invalid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from portfolio_builder.model import JSONObject
from portfolio_builder.verify.registry import VerifyState
from portfolio_builder.verify.report import Status
from portfolio_builder.verify.vc.multikey import (
    KeyFormatError,
    PublicKey,
    key_from_method,
    key_from_multikey,
)
from portfolio_builder.verify.vc.net import FetchFailure, fetch_json

PURPOSE = "assertionMethod"


@dataclass(frozen=True, slots=True)
class ResolvedKey:
    id: str
    key: PublicKey


@dataclass(frozen=True, slots=True)
class KeyProblem:
    """Why no key: ``status`` is INVALID (a wrong reference) or UNVERIFIABLE (unreachable)."""

    message: str
    status: Status


def _invalid(message: str) -> KeyProblem:
    return KeyProblem(message, Status.INVALID)


def did_web_url(did: str) -> str | None:
    """The https URL of a did:web DID document (``/.well-known/did.json`` or ``path/did.json``)."""
    parts = did.split(":")[2:]
    if not parts or not parts[0]:
        return None
    host = unquote(parts[0])
    if "/" in host or not host:
        return None
    if len(parts) == 1:
        return f"https://{host}/.well-known/did.json"
    return f"https://{host}/" + "/".join(unquote(p) for p in parts[1:]) + "/did.json"


def _absolute(ref: str, base: str) -> str:
    return base.split("#", 1)[0] + ref if ref.startswith("#") else ref


def _methods(document: JSONObject, base: str) -> dict[str, JSONObject]:
    found: dict[str, JSONObject] = {}
    for name in ("verificationMethod", PURPOSE):
        entries: Any = document.get(name, [])
        for entry in entries if isinstance(entries, list) else [entries]:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                found[_absolute(entry["id"], base)] = entry
    return found


def _listed_for_purpose(document: JSONObject, method_id: str, base: str) -> bool:
    entries: Any = document.get(PURPOSE, [])
    for entry in entries if isinstance(entries, list) else [entries]:
        ref = entry.get("id") if isinstance(entry, dict) else entry
        if isinstance(ref, str) and _absolute(ref, base) == method_id:
            return True
    return False


def key_in_document(document: JSONObject, method_id: str, base: str) -> ResolvedKey | KeyProblem:
    """Find ``method_id`` in a controller (DID) document, or accept a key document itself."""
    methods = _methods(document, base)
    method = methods.get(method_id)
    if method is None and document.get("id") == method_id and not methods:
        method = document  # the URL answers with the key itself
    elif method is not None and not _listed_for_purpose(document, method_id, base):
        return _invalid(f"{method_id} is not listed under assertionMethod by its controller")
    if method is None:
        return _invalid(f"the controller document at {base} does not contain {method_id}")
    try:
        return ResolvedKey(method_id, key_from_method(method))
    except KeyFormatError as exc:
        return _invalid(f"{method_id}: {exc}")


def _did_key(method_id: str) -> ResolvedKey | KeyProblem:
    did, _, fragment = method_id.partition("#")
    identifier = did.removeprefix("did:key:")
    if fragment and fragment != identifier:
        return _invalid(f"{method_id}: the fragment does not name the DID's own key")
    try:
        return ResolvedKey(method_id, key_from_multikey(identifier))
    except KeyFormatError as exc:
        return _invalid(f"{did} is not a usable did:key: {exc}")


def _fetched(state: VerifyState, url: str, method_id: str, base: str) -> ResolvedKey | KeyProblem:
    document = fetch_json(state, url, "key")
    if isinstance(document, FetchFailure):
        return KeyProblem(
            f"cannot fetch the key {method_id} from {document.url}: {document.reason}",
            Status.UNVERIFIABLE,
        )
    return key_in_document(document, method_id, base)


def resolve_key(state: VerifyState, method_id: str) -> ResolvedKey | KeyProblem:
    """The public key a proof or JWT names, or why it cannot be had."""
    scheme, colon, rest = method_id.partition(":")
    if not colon or not scheme.isalpha():
        return _invalid(f"verification method {method_id!r} is not a URL or DID")
    scheme = scheme.lower()
    if scheme in ("http", "https"):
        return _fetched(state, method_id, method_id, method_id)
    if scheme != "did":
        return _invalid(f"verification method {method_id!r} uses the unsupported scheme {scheme}")
    did_method = rest.split(":", 1)[0]
    if did_method == "key":
        return _did_key(method_id)
    if did_method == "web":
        did = method_id.split("#", 1)[0]
        url = did_web_url(did)
        if url is None:
            return _invalid(f"{did} is not a well-formed did:web identifier")
        return _fetched(state, url, _absolute(method_id, did), did)
    return _invalid(
        f"verification method {method_id!r} uses the unsupported DID method {did_method!r}"
    )
