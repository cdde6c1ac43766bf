"""What is re-hosted beside a badge page so anyone can verify it independently.

The original assertion or credential is published byte for byte as it was baked
(it keeps the salted identity hash the issuer put there: a signature covers it).
``privacy.publish_originals: false`` withholds originals, issuer copies of the
assertion and the baked image. A payload holding a plaintext recipient email is
published redacted (and marked so), without its baked image, unless the owner
opts in with ``privacy.publish_plaintext_email``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from portfolio_builder.badgefile import BadgeFile, Changed, badge_file
from portfolio_builder.bake import bake_png
from portfolio_builder.config import Privacy
from portfolio_builder.images import digest, placeholder, png_bytes, rasterise
from portfolio_builder.model import Badge, FileFormat, OBVersion, PayloadKind, RawPayload
from portfolio_builder.sitemodel import Asset, Hosted
from portfolio_builder.verify.report import FetchedCopy

REDACTED = "[redacted]"
REDACTION_NOTE = (
    "The recipient's plaintext identity was removed from this copy by the portfolio's owner; "
    "it is no longer the issuer's original and its signature, if any, will not verify."
)


@dataclass(frozen=True, slots=True)
class Rehosted:
    files: tuple[Hosted, ...]
    download: Asset | None
    redacted: bool


def plaintext_identities(badges: list[Badge | None], owner: tuple[str, ...]) -> set[str]:
    """Recipient identities given in plain text (unhashed), and the owner's own."""
    found = {r.identity for b in badges if b for r in b.recipients if not r.hashed and r.identity}
    return found | {x for x in owner if x}


def leaks(data: Any, text: str, secrets: set[str]) -> bool:
    """Whether a document holds one of the secrets (judged on the parsed JSON when there is one)."""
    if not secrets:
        return False
    if data is not None:
        return bool(redact(data, secrets) != data)
    return any(s in text for s in secrets)


def redact(value: Any, secrets: set[str]) -> Any:
    """A copy of a JSON value with every string holding a secret replaced."""
    if isinstance(value, dict):
        return {k: redact(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v, secrets) for v in value]
    if isinstance(value, str) and any(s in value for s in secrets):
        return REDACTED
    return value


def _redacted_json(data: Any, secrets: set[str]) -> bytes:
    body = redact(data, secrets)
    if isinstance(body, dict):
        body = {"portfolio_builder_redacted": REDACTION_NOTE, **body}
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def original_name(payload: RawPayload, version: OBVersion | None) -> str | None:
    v3 = version is OBVersion.V3_0
    if payload.kind is PayloadKind.JSON:
        return "credential.json" if v3 else "assertion.json"
    if payload.kind is PayloadKind.JWS:
        return "credential.jwt" if v3 else "assertion.jws"
    return None


def _original(payload: RawPayload, version: OBVersion | None, secrets: set[str]) -> list[Hosted]:
    name = original_name(payload, version)
    if name is None:
        return []
    if not leaks(payload.data, payload.text, secrets):
        return [Hosted(name, payload.raw, "Original, exactly as baked")]
    if payload.data is None:
        return []
    json_name = name.rsplit(".", 1)[0] + ".json"
    body = _redacted_json(payload.data, secrets)
    return [Hosted(json_name, body, "Copy with identity redacted", redacted=True)]


ROLE_LABELS = {
    "assertion": "The issuer's hosted assertion",
    "badge-class": "The issuer's badge class",
    "issuer": "The issuer's profile",
    "revocation-list": "The issuer's revocation list",
    "key": "The issuer's public key",
    "status list": "The issuer's status list",
}


def _label(copy: FetchedCopy) -> str:
    what = ROLE_LABELS.get(copy.role, f"The issuer's {copy.role}")
    return f"{what}, as fetched during verification{copy.note}"


def _fetched(copies: tuple[FetchedCopy, ...], secrets: set[str], originals: bool) -> list[Hosted]:
    files: list[Hosted] = []
    for copy in copies:
        role = "".join(ch for ch in copy.role.lower() if ch.isalnum() or ch == "-") or "document"
        if role == "assertion" and not originals:
            continue
        try:
            data = json.loads(copy.body)
        except ValueError:
            continue
        text = copy.body.decode("utf-8", "replace")
        label = _label(copy)
        if leaks(data, text, secrets):
            files.append(Hosted(f"issuer-{role}.json", _redacted_json(data, secrets), label, True))
        else:
            files.append(Hosted(f"issuer-{role}.json", copy.body, label))
    return files


def _download(
    payload: RawPayload, slug: str, secrets: set[str], original: BadgeFile | None
) -> Asset | None:
    """The baked image; an SVG is offered as a PNG baked with the same data. Keyed by
    the file's SHA-256; its bytes are read only when the download is made."""
    fmt = payload.source.format
    if leaks(payload.data, payload.text, secrets) or fmt not in (FileFormat.PNG, FileFormat.SVG):
        return None
    original = original or badge_file(payload.source.path, None)
    if original is None:
        return None
    path = f"badges/{slug}/{slug}.png"
    if fmt is FileFormat.PNG:
        make = functools.partial(png_download, original, payload.text, slug)
        return Asset(path, make, digest(original.sha256))
    make = functools.partial(svg_download, original, payload.text, slug)
    return Asset(path, make, digest(original.sha256, payload.raw))


def png_download(original: BadgeFile, text: str, slug: str) -> bytes:
    """The baked PNG as it is. One rewritten since it was read is not the file the page
    shows (nor was it checked for a plaintext email): a placeholder baked with the
    page's data is offered instead, for this build only."""
    data, same = original.load()
    return data if data is not None and same else Changed(_placeholder_png(slug, text))


def svg_download(original: BadgeFile, text: str, slug: str) -> bytes:
    """The baked SVG drawn as a PNG baked with the same data (see ``png_download``)."""
    data, same = original.load()
    if data is None or not same:
        return Changed(_placeholder_png(slug, text))
    picture = rasterise(data, True) or placeholder(slug)
    return bake_png(png_bytes(picture), text)


def _placeholder_png(slug: str, text: str) -> bytes:
    return bake_png(png_bytes(placeholder(slug)), text)


def rehost(
    payload: RawPayload,
    badges: list[Badge | None],
    fetched: tuple[FetchedCopy, ...],
    privacy: Privacy,
    context: tuple[str, tuple[str, ...]],
    original: BadgeFile | None = None,
) -> Rehosted:
    """The files published beside one badge page. ``context`` is (slug, owner identities);
    ``original`` the badge file keyed by its known SHA-256 (hashed here when not given)."""
    slug, owner = context
    secrets = set() if privacy.publish_plaintext_email else plaintext_identities(badges, owner)
    version = next((b.version for b in badges if b and b.version), None)
    files = _original(payload, version, secrets) if privacy.publish_originals else []
    files += _fetched(fetched, secrets, privacy.publish_originals)
    download = _download(payload, slug, secrets, original) if privacy.publish_originals else None
    redacted = any(f.redacted for f in files) or leaks(payload.data, payload.text, secrets)
    return Rehosted(tuple(files), download, redacted)
