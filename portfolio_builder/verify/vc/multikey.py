"""Public keys from their published encodings: Multikey (multibase + multicodec),
base58 Ed25519 keys and JWKs. Parsing is left to ``cryptography`` and PyJWT."""

from __future__ import annotations

import base58
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from portfolio_builder.model import JSONObject

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey

ED25519_PREFIX = b"\xed\x01"  # multicodec ed25519-pub
P256_PREFIX = b"\x80\x24"  # multicodec p256-pub (compressed point)


class KeyFormatError(ValueError):
    """Key material that cannot be read."""


def multibase_decode(value: str) -> bytes:
    """Bytes of a base58btc (``z``) multibase string."""
    if not value.startswith("z"):
        raise KeyFormatError(f"unsupported multibase encoding {value[:1]!r} (expected 'z')")
    try:
        return bytes(base58.b58decode(value[1:]))
    except ValueError as exc:
        raise KeyFormatError(f"not base58btc: {exc}") from exc


def multibase_encode(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode("ascii")


def key_from_multikey(value: str) -> PublicKey:
    """An Ed25519 or P-256 public key from its multibase ``publicKeyMultibase`` form."""
    raw = multibase_decode(value)
    try:
        if raw.startswith(ED25519_PREFIX) and len(raw) == 34:
            return ed25519.Ed25519PublicKey.from_public_bytes(raw[2:])
        if raw.startswith(P256_PREFIX) and len(raw) == 35:
            return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:])
    except ValueError as exc:
        raise KeyFormatError(f"invalid key bytes: {exc}") from exc
    raise KeyFormatError("not an Ed25519 or P-256 multikey")


def key_from_jwk(jwk: JSONObject) -> PublicKey:
    """A public key from a JWK; a JWK holding a private part (``d``) is refused."""
    if "d" in jwk:
        raise KeyFormatError("the JWK contains a private key ('d'); it must hold a public key")
    try:
        key = jwt.PyJWK(jwk).key
    except (jwt.PyJWKError, jwt.InvalidKeyError, ValueError, TypeError) as exc:
        raise KeyFormatError(f"unusable JWK: {exc}") from exc
    if isinstance(key, PublicKey):
        return key
    raise KeyFormatError("the JWK is not an RSA, EC or Ed25519 public key")


def key_from_method(method: JSONObject) -> PublicKey:
    """The key of a verification method: Multikey, Ed25519VerificationKey2018/2020 or JWK."""
    multibase = method.get("publicKeyMultibase")
    if isinstance(multibase, str):
        return key_from_multikey(multibase)
    legacy = method.get("publicKeyBase58")
    if isinstance(legacy, str):
        try:
            return ed25519.Ed25519PublicKey.from_public_bytes(base58.b58decode(legacy))
        except ValueError as exc:
            raise KeyFormatError(f"invalid publicKeyBase58: {exc}") from exc
    jwk = method.get("publicKeyJwk")
    if isinstance(jwk, dict):
        return key_from_jwk(jwk)
    raise KeyFormatError("the verification method holds no supported public key")


def did_key_for(public_key: ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey) -> str:
    """The ``did:key`` identifier of an Ed25519 or P-256 public key."""
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        raw = ED25519_PREFIX + public_key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
    else:
        raw = P256_PREFIX + public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
        )
    return "did:key:" + multibase_encode(raw)
