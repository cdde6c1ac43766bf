"""The ``vc-jwt`` check: an OB 3.0 credential secured as a VC-JWT (compact JWS).

The signature is checked with PyJWT against the key the header names (``jwk`` or
``kid``); the registered claims must agree with the credential. Time validity is
left to the version-independent ``time`` check.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import jwt
from jwt.types import Options

from portfolio_builder.model import JSONObject
from portfolio_builder.normalize.common import Notes, parse_date
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result, Status
from portfolio_builder.verify.vc.common import is_jwt, ob3_credential
from portfolio_builder.verify.vc.keys import KeyProblem, ResolvedKey, resolve_key
from portfolio_builder.verify.vc.multikey import KeyFormatError, key_from_jwk

CHECK_ID = "vc-jwt"
ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
HEADER_PARAMS = frozenset({"alg", "kid", "jwk", "typ"})
_NO_CLAIM_CHECKS: Options = {
    "verify_signature": True,
    "verify_exp": False,
    "verify_nbf": False,
    "verify_iat": False,
    "verify_aud": False,
    "verify_iss": False,
    "verify_sub": False,
    "verify_jti": False,
}


def _fail(message: str, status: Status = Status.INVALID) -> CheckResult:
    return CheckResult(CHECK_ID, Result.FAIL, message, status)


def header_problem(header: JSONObject) -> str | None:
    extra = sorted(set(header) - HEADER_PARAMS)
    if extra:
        return f"the JWT header has parameters OB 3.0 does not allow: {', '.join(extra)}"
    if header.get("alg") not in ALGORITHMS:
        return f"the JWT algorithm {header.get('alg')!r} is not allowed"
    if "typ" in header and header["typ"] != "JWT":
        return f"the JWT header typ is {header['typ']!r}, not 'JWT'"
    return None


def header_key(
    state: VerifyState, header: JSONObject, issuer: Any = None
) -> ResolvedKey | KeyProblem:
    """The key a JWT header names; a ``kid`` fragment (``#key-1``) is the issuer's."""
    jwk = header.get("jwk")
    if isinstance(jwk, dict):
        try:
            return ResolvedKey("the key embedded in the JWT header", key_from_jwk(jwk))
        except KeyFormatError as exc:
            return KeyProblem(f"the header jwk: {exc}", Status.INVALID)
    kid = header.get("kid")
    if isinstance(kid, str) and kid.startswith("#") and isinstance(issuer, str):
        kid = issuer.split("#", 1)[0] + kid
    if isinstance(kid, str):
        return resolve_key(state, kid)
    return KeyProblem(
        "the JWT header names no key (neither jwk nor kid), so its signature cannot be checked",
        Status.UNVERIFIABLE,
    )


def _id_of(value: Any) -> Any:
    return value.get("id") if isinstance(value, dict) else value


def _same_time(claim: Any, value: Any) -> bool:
    when = parse_date(value, "date", Notes(""))
    if not isinstance(claim, int | float) or when is None:
        return False
    return abs(datetime.fromtimestamp(claim, UTC) - when).total_seconds() < 1


def claim_mismatches(claims: JSONObject, credential: JSONObject) -> list[str]:
    """Registered claims that disagree with the credential they wrap."""
    subject = credential.get("credentialSubject")
    pairs = {
        "iss": _id_of(credential.get("issuer")),
        "jti": credential.get("id"),
        "sub": _id_of(subject[0] if isinstance(subject, list) and subject else subject),
    }
    wrong = [name for name, value in pairs.items() if name in claims and claims[name] != value]
    for name, field in (
        ("nbf", ("validFrom", "issuanceDate")),
        ("exp", ("validUntil", "expirationDate")),
    ):
        value = next((credential[f] for f in field if f in credential), None)
        if name in claims and value is not None and not _same_time(claims[name], value):
            wrong.append(name)
    return wrong


@check(CHECK_ID, integrity=True)
def vc_jwt(state: VerifyState) -> CheckResult | None:
    """The VC-JWT signature verifies and its claims agree with the credential."""
    credential = ob3_credential(state)
    if credential is None or state.badge is None or not is_jwt(state):
        return None
    header = state.badge.payload.jws_header or {}
    problem = header_problem(header)
    if problem:
        return _fail(problem)
    issuer = _id_of(credential.get("issuer"))
    key = header_key(state, header, issuer)
    if isinstance(key, KeyProblem):
        return _fail(key.message, key.status)
    try:
        claims = jwt.decode(
            state.badge.payload.text, key.key, algorithms=[header["alg"]], options=_NO_CLAIM_CHECKS
        )
    except (jwt.PyJWTError, ValueError, TypeError) as exc:
        return _fail(f"the JWT signature does not verify with {key.id}: {exc}")
    wrong = claim_mismatches(claims, credential)
    if wrong:
        return _fail(f"the JWT claims {', '.join(wrong)} disagree with the credential")
    message = f"{header['alg']} signature verified with {key.id}"
    if "vc" in claims:
        message += " (a VCDM 1.1 credential in the vc claim)"
    return CheckResult(CHECK_ID, Result.PASS, message)
