"""Open Badges 3.0 (Verifiable Credentials) verification.

Importing this package registers its checks, in this order: ``vc-structure``,
``vc-schema``, ``vc-jwt``, ``vc-proof``, ``vc-issuer-key`` and ``vc-status``.
"""

# isort: off
from portfolio_builder.verify.vc import structure_check
from portfolio_builder.verify.vc import schema_check
from portfolio_builder.verify.vc import jwt_check
from portfolio_builder.verify.vc import proof_check
from portfolio_builder.verify.vc import issuer_key_check
from portfolio_builder.verify.vc import status_check

# isort: on

__all__ = [
    "issuer_key_check",
    "jwt_check",
    "proof_check",
    "schema_check",
    "status_check",
    "structure_check",
]
