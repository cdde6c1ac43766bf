"""OB 1.x/2.0 signed badges: a compact JWS checked with the issuer's published key.

The key comes from ``verification.creator`` (OB 2.0) or ``verify.url`` (OB 1.x), or
else from the issuer's ``publicKey``; it must be one the issuer profile lists.
RS256 is the algorithm the specification names; the other RSA, RSA-PSS and ECDSA
algorithms are accepted as well. ``none`` and HMAC algorithms never are (a public
key is no secret). Signature checking is PyJWT's, never our own.
"""

from __future__ import annotations

import jwt
from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from portfolio_builder.model import JSONObject, PayloadKind
from portfolio_builder.normalize import common as c
from portfolio_builder.verify import documents as d
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result, Status

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
    got = d.fetch_document(state, "signed.key", url, "key", "the issuer's public key")
    if got.document is None:
        return got.failure
    if not c.text(got.document.get("publicKeyPem")):
        why = f"the key document at {url} holds no publicKeyPem"
        return CheckResult("signed.key", Result.FAIL, why, Status.UNVERIFIABLE)
    return CheckResult("signed.key", Result.PASS, d.fetched_message("the key", url, got.answer))


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
    document = d.fetched_json(state, "key") or {}
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


@check("signed.key-owner", requires=("signed.signature", "issuer.fetch"), integrity=True)
def signed_key_owner(state: VerifyState) -> CheckResult | None:
    issuer, _ = d.issuer_document(state)
    copy = d.fetched(state, "key")
    key = d.fetched_json(state, "key") or {}
    if issuer is None or copy is None:
        why = "skipped: the issuer profile or the key is not available"
        return CheckResult("signed.key-owner", Result.SKIP, why)
    key_id = c.text(key.get("id")) or copy.url
    if key_id not in _listed_keys(issuer) and copy.url not in _listed_keys(issuer):
        why = f"the badge was signed with a key ({key_id}) its issuer does not list as its own"
        return CheckResult("signed.key-owner", Result.FAIL, why, Status.INVALID)
    owner, issuer_id = c.text(key.get("owner")), c.text(issuer.get("id"))
    if owner and issuer_id and owner != issuer_id:
        why = f"the key {key_id} names another owner ({owner}) than the issuer ({issuer_id})"
        return CheckResult("signed.key-owner", Result.FAIL, why, Status.INVALID)
    return CheckResult("signed.key-owner", Result.PASS, "the issuer lists the signing key")
