"""Embedded Data Integrity proofs: eddsa-rdfc-2022, eddsa-jcs-2022, Ed25519Signature2020.

A credential may carry several proofs; any one that verifies suffices. Unknown or
unsupported proof types are reported; they make a credential unverifiable only when
no other proof verifies.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from portfolio_builder.model import JSONObject
from portfolio_builder.verify.registry import VerifyState
from portfolio_builder.verify.report import Status, worst
from portfolio_builder.verify.vc import canon
from portfolio_builder.verify.vc.keys import PURPOSE, KeyProblem, resolve_key
from portfolio_builder.verify.vc.multikey import KeyFormatError, multibase_decode

Hasher = Callable[[JSONObject, JSONObject], bytes]


@dataclass(frozen=True, slots=True)
class ProofOutcome:
    """One proof's verdict: ``status`` None means it verified."""

    label: str
    message: str
    status: Status | None = None
    warning: str | None = None


def proof_config(document: JSONObject, proof: JSONObject) -> JSONObject:
    """The proof options that are signed: the proof without its value, in the document's context."""
    config = {key: value for key, value in proof.items() if key != "proofValue"}
    if "@context" in document:
        config["@context"] = document["@context"]
    return config


def hash_rdfc(document: JSONObject, proof: JSONObject) -> bytes:
    config = canon.rdfc(proof_config(document, proof))
    body = canon.rdfc(document)
    return hashlib.sha256(config.encode()).digest() + hashlib.sha256(body.encode()).digest()


def hash_jcs(document: JSONObject, proof: JSONObject) -> bytes:
    config = canon.jcs(proof_config(document, proof))
    return hashlib.sha256(config).digest() + hashlib.sha256(canon.jcs(document)).digest()


@lru_cache(maxsize=256)
def _memo(hasher_name: str, key: str) -> bytes:
    document, proof = json.loads(key)
    hasher: Hasher = hash_rdfc if hasher_name == "rdfc" else hash_jcs
    return hasher(document, proof)


def signed_bytes(hasher: Hasher, document: JSONObject, proof: JSONObject) -> bytes:
    """``hasher(document, proof)``, remembered: a status list shared by many credentials,
    or a badge verified again in the same run, is canonicalised once."""
    key = json.dumps([document, proof], sort_keys=True, separators=(",", ":"))
    return _memo("rdfc" if hasher is hash_rdfc else "jcs", key)


# (type, cryptosuite) → how the signed bytes are made, and a warning to attach.
SUITES: dict[tuple[str, str | None], tuple[Hasher, str | None]] = {
    ("DataIntegrityProof", "eddsa-rdfc-2022"): (hash_rdfc, None),
    ("DataIntegrityProof", "eddsa-jcs-2022"): (hash_jcs, None),
    ("Ed25519Signature2020", None): (hash_rdfc, None),
    ("DataIntegrityProof", "eddsa-2022"): (
        hash_rdfc,
        "uses the pre-standard cryptosuite name eddsa-2022 (now eddsa-rdfc-2022)",
    ),
}


def label_of(proof: JSONObject) -> str:
    kind, suite = proof.get("type"), proof.get("cryptosuite")
    return f"{kind} {suite}" if suite else str(kind)


def _signed_bytes(hasher: Hasher, document: JSONObject, proof: JSONObject) -> bytes | ProofOutcome:
    label = label_of(proof)
    try:
        return signed_bytes(hasher, document, proof)
    except canon.CanonError as exc:
        if exc.missing_context:
            return ProofOutcome(
                label,
                f"cannot check: {exc}; only shipped contexts are used",
                Status.UNVERIFIABLE,
            )
        return ProofOutcome(
            label, f"the credential is not well-formed JSON-LD: {exc}", Status.INVALID
        )


def _check_signature(
    state: VerifyState, proof: JSONObject, data: bytes, warning: str | None
) -> ProofOutcome:
    label, method = label_of(proof), str(proof["verificationMethod"])
    resolved = resolve_key(state, method)
    if isinstance(resolved, KeyProblem):
        return ProofOutcome(label, resolved.message, resolved.status)
    if not isinstance(resolved.key, ed25519.Ed25519PublicKey):
        return ProofOutcome(label, f"{method} is not an Ed25519 key", Status.INVALID)
    try:
        resolved.key.verify(multibase_decode(str(proof["proofValue"])), data)
    except (InvalidSignature, KeyFormatError):
        return ProofOutcome(
            label,
            f"the signature does not match (changed after signing, or not signed by {method})",
            Status.INVALID,
        )
    return ProofOutcome(label, f"signature verified with {method}", None, warning)


def _malformed(proof: JSONObject) -> str | None:
    if proof.get("proofPurpose") != PURPOSE:
        return f"proofPurpose is {proof.get('proofPurpose')!r}, not {PURPOSE!r}"
    if not isinstance(proof.get("verificationMethod"), str):
        return "the proof names no verificationMethod"
    if not isinstance(proof.get("proofValue"), str):
        return "the proof has no proofValue"
    return None


def verify_proof(state: VerifyState, document: JSONObject, proof: Any) -> ProofOutcome:
    """Verify one proof over ``document`` (the credential without its proofs)."""
    if not isinstance(proof, dict):
        return ProofOutcome("proof", "a proof entry is not an object", Status.INVALID)
    label = label_of(proof)
    suite = SUITES.get((str(proof.get("type")), proof.get("cryptosuite")))
    if suite is None:
        return ProofOutcome(label, f"unsupported proof type {label}", Status.UNVERIFIABLE)
    problem = _malformed(proof)
    if problem:
        return ProofOutcome(label, problem, Status.INVALID)
    data = _signed_bytes(suite[0], document, proof)
    if isinstance(data, ProofOutcome):
        return data
    return _check_signature(state, proof, data, suite[1])


def verify_embedded(state: VerifyState, credential: JSONObject) -> list[ProofOutcome]:
    """Every embedded proof's outcome (empty when the credential has none)."""
    proofs = credential.get("proof")
    if proofs is None:
        return []
    document = {key: value for key, value in credential.items() if key != "proof"}
    entries = proofs if isinstance(proofs, list) else [proofs]
    return [verify_proof(state, document, proof) for proof in entries]


def verdict(outcomes: list[ProofOutcome]) -> tuple[bool, Status | None, str]:
    """(any verified, status when none did, one-line summary)."""
    good = [o for o in outcomes if o.status is None]
    notes = [f"{o.label}: {o.warning or o.message}" for o in outcomes]
    summary = "; ".join(notes) if notes else "no proof"
    if good:
        return True, None, summary
    return False, worst([o.status for o in outcomes if o.status is not None]), summary
