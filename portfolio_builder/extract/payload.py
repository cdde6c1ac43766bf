"""Classify a payload's text as JSON, URL or compact JWS, and decode it.

JWS decoding uses joserfc (never hand-rolled); the signature is *not* checked here:
that is verification's job.
"""

from __future__ import annotations

import json
import re
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError

from portfolio_builder.diagnostics import Diagnostic, error
from portfolio_builder.model import JSONObject, PayloadKind, RawPayload, SourceFile

_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
MAX_JSON_DEPTH = 64


def _depth(value: Any) -> int:
    """Nesting depth of objects and arrays, computed without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_JSON_DEPTH:
            return depth
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return deepest


def parse_json_object(text: str, path: str, what: str = "badge data") -> JSONObject | Diagnostic:
    try:
        value = json.loads(text)
    except RecursionError:
        return error("E-JSON-TOO-DEEP", f"{what} is nested too deeply", path)
    except ValueError as exc:
        return error("E-JSON", f"{what} is not valid JSON: {exc}", path)
    if not isinstance(value, dict):
        return error("E-JSON-NOT-OBJECT", f"{what} is JSON but not an object", path)
    nesting_bound = text.count("{") + text.count("[")  # cheap: most badges stop here
    if nesting_bound > MAX_JSON_DEPTH and _depth(value) > MAX_JSON_DEPTH:
        return error("E-JSON-TOO-DEEP", f"{what} is nested deeper than {MAX_JSON_DEPTH}", path)
    return value


def _registry() -> jws.JWSRegistry:
    """Size limits fit for badges: a header may carry a whole RSA ``jwk``, a payload an image."""
    registry = jws.JWSRegistry()
    registry.max_header_length = 64 * 1024
    registry.max_payload_length = 16 * 1024 * 1024
    registry.max_signature_length = 8 * 1024
    return registry


_REGISTRY = _registry()


def _decode_jws(text: str, path: str) -> tuple[JSONObject, JSONObject] | Diagnostic:
    """Header and payload of a compact JWS, its signature not checked (verification does)."""
    try:
        decoded = jws.extract_compact(text.encode("ascii"), registry=_REGISTRY)
        header = decoded.headers()
    except (JoseError, ValueError, TypeError) as exc:
        return error("E-JWS", f"compact JWS cannot be decoded: {exc}", path)
    try:
        body_text = decoded.payload.decode("utf-8")
    except UnicodeDecodeError:
        return error("E-ENCODING", "JWS payload is not UTF-8", path)
    body = parse_json_object(body_text, path, "JWS payload")
    if isinstance(body, Diagnostic):
        return body
    return header, body


def classify(source: SourceFile, raw: bytes, container: str) -> RawPayload | Diagnostic:
    """Turn found bytes into a RawPayload of the right kind, or say why not."""
    path = source.display
    try:
        text = raw.decode("utf-8").strip().lstrip("\ufeff").strip()
    except UnicodeDecodeError:
        return error("E-ENCODING", "badge data is not valid UTF-8", path)
    if not text:
        return error("E-PAYLOAD-EMPTY", "badge data is empty", path)
    if text.startswith(("{", "[")):
        data = parse_json_object(text, path)
        if isinstance(data, Diagnostic):
            return data
        return RawPayload(source, PayloadKind.JSON, raw, text, container, data=data)
    if _JWS.match(text):
        decoded = _decode_jws(text, path)
        if isinstance(decoded, Diagnostic):
            return decoded
        header, body = decoded
        return RawPayload(
            source, PayloadKind.JWS, raw, text, container, data=body, jws_header=header
        )
    if _URL.match(text):
        return RawPayload(source, PayloadKind.URL, raw, text, container)
    snippet = text[:40].encode("unicode_escape").decode("ascii")
    return error("E-PAYLOAD-UNKNOWN", f"badge data is neither JSON, URL nor JWS: {snippet!r}", path)
