"""OB 1.x/2.0 signed badges: a compact JWS checked with the issuer's published key.

The key comes from ``verification.creator`` (OB 2.0) or ``verify.url`` (OB 1.x), or
else from the issuer's ``publicKey``; it must be one the issuer profile lists.
RS256 is the algorithm the specification names; the other RSA, RSA-PSS and ECDSA
algorithms are accepted as well. ``none`` and HMAC algorithms never are (a public
key is no secret). Signature checking is PyJWT's, never our own.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from portfolio_builder.model import JSONObject, OBVersion, PayloadKind
from portfolio_builder.normalize import common as c
from portfolio_builder.verify import documents as d
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, FetchedCopy, Result, Status

PEM = b"-----BEGIN"
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
PublicKey = RSAPublicKey | EllipticCurvePublicKey


def _applies(state: VerifyState) -> bool:
    return d.is_ob2_family(state.badge) and d.method(state.badge) == "signed"


def _key_url(state: VerifyState) -> str | None:
    badge = state.badge
    if badge and badge.verification and badge.verification.url:
        return badge.verification.url
    issuer, _ = d.issuer_document(state)
    listed = [k for k in c.as_list((issuer or {}).get("publicKey")) if isinstance(k, str)]
    return listed[0] if listed else None


@check("signed.key")
def signed_key(state: VerifyState) -> CheckResult | None:
    if not _applies(state):
        return None
    url = _key_url(state)
    if url is None:
        why = "the badge is signed but names no key (verification.creator) to check it with"
        return CheckResult("signed.key", Result.FAIL, why, Status.UNVERIFIABLE)
    answer = state.ctx.fetcher.fetch(url)
    if answer.ok and answer.body.lstrip().startswith(PEM):
        state.fetched.append(FetchedCopy.of("key", url, answer))
        message = d.fetched_message("the key (PEM, as OB 1.x publishes it)", url, answer)
        return CheckResult("signed.key", Result.PASS, message)
    got = d.fetch_document(state, "signed.key", url, "key", "the issuer's public key")
    if got.document is None:
        return got.failure
    if not c.text(got.document.get("publicKeyPem")):
        why = f"the key document at {url} holds no publicKeyPem"
        return CheckResult("signed.key", Result.FAIL, why, Status.UNVERIFIABLE)
    return CheckResult("signed.key", Result.PASS, d.fetched_message("the key", url, got.answer))


def _key_document(state: VerifyState) -> JSONObject:
    """The fetched key as a CryptographicKey object (a bare PEM file becomes one)."""
    copy = d.fetched(state, "key")
    if copy is not None and copy.body.lstrip().startswith(PEM):
        return {"publicKeyPem": copy.body.decode("ascii", "replace")}
    return d.fetched_json(state, "key") or {}


def _public_key(document: JSONObject) -> PublicKey | str:
    try:
        key = load_pem_public_key(str(document.get("publicKeyPem")).encode("utf-8"))
    except (ValueError, TypeError) as exc:
        return f"the issuer's key cannot be read: {exc}"
    if not isinstance(key, RSAPublicKey | EllipticCurvePublicKey):
        return "the issuer's key is neither an RSA nor an elliptic-curve key"
    return key


def _verify(token: str, key: PublicKey) -> str | None:
    """None when the signature is good, otherwise why not."""
    try:
        header = jwt.get_unverified_header(token)
        algorithm = str(header.get("alg"))
        if algorithm not in ALGORITHMS:
            return f"the signature uses {algorithm!r}, which is not accepted"
        jwt.api_jws.PyJWS().decode_complete(token, key=key, algorithms=[algorithm])
    except jwt.exceptions.InvalidSignatureError:
        return "the signature does not match: the badge was changed or signed by another key"
    except jwt.exceptions.PyJWTError as exc:
        return f"the signature cannot be checked: {exc}"
    return None


@check("signed.signature", requires=("signed.key",))
def signed_signature(state: VerifyState) -> CheckResult | None:
    payload = state.read.payload
    document = _key_document(state)
    if payload is None or payload.kind is not PayloadKind.JWS:
        why = "the badge says it is signed, but the file holds no signature (only its JSON)"
        return CheckResult("signed.signature", Result.FAIL, why, Status.UNVERIFIABLE)
    key = _public_key(document)
    if isinstance(key, str):
        return CheckResult("signed.signature", Result.FAIL, key, Status.UNVERIFIABLE)
    problem = _verify(payload.text, key)
    if problem:
        return CheckResult("signed.signature", Result.FAIL, problem, Status.INVALID)
    algorithm = (payload.jws_header or {}).get("alg")
    return CheckResult(
        "signed.signature", Result.PASS, f"the {algorithm} signature matches the issuer's key"
    )


def _listed_keys(issuer: JSONObject) -> set[str]:
    keys: set[str] = set()
    for entry in c.as_list(issuer.get("publicKey")):
        if isinstance(entry, str):
            keys.add(entry)
        elif isinstance(entry, dict) and c.text(entry.get("id")):
            keys.add(str(entry["id"]))
    return keys


def _same_site(key_url: str, issuer: JSONObject) -> bool:
    """OB 1.x has no key list: the key must be published on the issuer's own site."""
    site = c.text(issuer.get("url")) or c.text(issuer.get("origin")) or ""
    return bool(site) and urlsplit(site).netloc.lower() == urlsplit(key_url).netloc.lower()


def _owner_problem(state: VerifyState, issuer: JSONObject, key_url: str) -> str | None:
    key = _key_document(state)
    key_id = c.text(key.get("id")) or key_url
    listed = _listed_keys(issuer)
    if not listed and state.badge is not None and state.badge.version is not OBVersion.V2_0:
        if _same_site(key_url, issuer):
            return None
        return f"the key {key_url} is not published on the issuer's site"
    if key_id not in listed and key_url not in listed:
        return f"the badge was signed with a key ({key_id}) its issuer does not list as its own"
    owner, issuer_id = c.text(key.get("owner")), c.text(issuer.get("id"))
    if owner and issuer_id and owner != issuer_id:
        return f"the key {key_id} names another owner ({owner}) than the issuer ({issuer_id})"
    return None


@check("signed.key-owner", requires=("signed.signature", "issuer.fetch"), integrity=True)
def signed_key_owner(state: VerifyState) -> CheckResult | None:
    issuer, _ = d.issuer_document(state)
    copy = d.fetched(state, "key")
    if issuer is None or copy is None:
        why = "skipped: the issuer profile or the key is not available"
        return CheckResult("signed.key-owner", Result.SKIP, why)
    problem = _owner_problem(state, issuer, copy.url)
    if problem:
        return CheckResult("signed.key-owner", Result.FAIL, problem, Status.INVALID)
    return CheckResult("signed.key-owner", Result.PASS, "the signing key belongs to the issuer")
