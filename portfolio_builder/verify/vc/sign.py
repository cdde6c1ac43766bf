"""Sign OB 3.0 credentials with an embedded Data Integrity proof (for demo content and tests).

Ed25519 signatures are deterministic, so a given key, credential and ``created``
value always give the same proof.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import ed25519

from portfolio_builder.model import JSONObject
from portfolio_builder.verify.vc.keys import PURPOSE
from portfolio_builder.verify.vc.multikey import did_key_for, multibase_encode
from portfolio_builder.verify.vc.proofs import SUITES

__all__ = ["did_key_for", "did_key_method", "sign_data_integrity", "sign_eddsa_rdfc_2022"]


def did_key_method(public_key: ed25519.Ed25519PublicKey) -> str:
    """The did:key verification method URL (``did:key:z…#z…``) of an Ed25519 key."""
    did = did_key_for(public_key)
    return f"{did}#{did.removeprefix('did:key:')}"


def sign_data_integrity(
    credential: JSONObject,
    private_key: ed25519.Ed25519PrivateKey,
    verification_method: str,
    proof_type: str = "DataIntegrityProof",
    cryptosuite: str | None = "eddsa-rdfc-2022",
    created: str | None = None,
) -> JSONObject:
    """A copy of ``credential`` with one proof of the given suite replacing any proofs."""
    hasher = SUITES[(proof_type, cryptosuite)][0]
    document = {key: value for key, value in credential.items() if key != "proof"}
    proof: JSONObject = {"type": proof_type}
    if cryptosuite is not None:
        proof["cryptosuite"] = cryptosuite
    if created is not None:
        proof["created"] = created
    proof |= {"verificationMethod": verification_method, "proofPurpose": PURPOSE}
    signature = private_key.sign(hasher(document, proof))
    return {**document, "proof": {**proof, "proofValue": multibase_encode(signature)}}


def sign_eddsa_rdfc_2022(
    credential: JSONObject,
    private_key: ed25519.Ed25519PrivateKey,
    verification_method: str,
    created: str | None = None,
) -> JSONObject:
    """Sign with DataIntegrityProof / eddsa-rdfc-2022 (the suite OB 3.0 requires)."""
    return sign_data_integrity(credential, private_key, verification_method, created=created)
