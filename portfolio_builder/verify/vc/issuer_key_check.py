"""The ``vc-issuer-key`` check: is the signing key the issuer's own?

A proof or JWT signature shows that the credential is intact and was signed with a
given key. It shows who issued it only when that key belongs to the issuer: the
verification method is the issuer's DID or URL (``did:key:z…#z…`` for issuer
``did:key:z…``, ``https://issuer/…#key-1`` for issuer ``https://issuer/…``). Anything
else is reported as a warning; it does not change the status.
"""

from __future__ import annotations

from typing import Any

from portfolio_builder.model import JSONObject
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result
from portfolio_builder.verify.vc.common import is_jwt, ob3_credential

CHECK_ID = "vc-issuer-key"


def _issuer_id(credential: JSONObject) -> str | None:
    issuer: Any = credential.get("issuer")
    value = issuer.get("id") if isinstance(issuer, dict) else issuer
    return value if isinstance(value, str) else None


def signing_methods(state: VerifyState, credential: JSONObject) -> list[str]:
    """The verification methods named by the JWT header or the embedded proofs."""
    if is_jwt(state) and state.badge is not None:
        header = state.badge.payload.jws_header or {}
        if "jwk" in header:
            return ["jwk"]
        kid = header.get("kid")
        return [kid] if isinstance(kid, str) else []
    proofs: Any = credential.get("proof", [])
    entries = proofs if isinstance(proofs, list) else [proofs]
    methods = [p.get("verificationMethod") for p in entries if isinstance(p, dict)]
    return [m for m in methods if isinstance(m, str)]


@check(CHECK_ID)
def vc_issuer_key(state: VerifyState) -> CheckResult | None:
    """The credential is signed with a key its issuer controls (a warning otherwise)."""
    credential = ob3_credential(state)
    if credential is None:
        return None
    methods, issuer = signing_methods(state, credential), _issuer_id(credential)
    if not methods or issuer is None:
        return None
    if methods == ["jwk"]:
        return CheckResult(
            CHECK_ID,
            Result.WARN,
            f"the JWT carries its own key: the signature shows the credential is intact, "
            f"not that {issuer} issued it",
        )
    if any(m.startswith("#") or m.split("#", 1)[0] == issuer for m in methods):
        return CheckResult(CHECK_ID, Result.PASS, f"signed with a key of the issuer {issuer}")
    return CheckResult(
        CHECK_ID,
        Result.WARN,
        f"signed with {methods[0]}, which is not a key of the issuer {issuer}: the "
        "signature shows the credential is intact, not who issued it",
    )
