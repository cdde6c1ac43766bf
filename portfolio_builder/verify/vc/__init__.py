"""Open Badges 3.0 (Verifiable Credentials) verification.

Importing this package registers its checks: ``vc-structure``, ``vc-schema``,
``vc-jwt``, ``vc-proof`` and ``vc-status``.
"""

from portfolio_builder.verify.vc import jwt_check, proof_check, status_check

__all__ = ["jwt_check", "proof_check", "status_check"]
