"""Open Badges 3.0 (Verifiable Credentials) verification.

Importing this package registers its checks, in this order: ``vc-structure``,
``vc-schema``, ``vc-jwt``, ``vc-proof`` and ``vc-status``.
"""

from portfolio_builder.verify.vc import (
    jwt_check,  # isort: skip
    proof_check,  # isort: skip
    schema_check,  # isort: skip
    status_check,  # isort: skip
    structure_check,  # isort: skip
)

__all__ = ["jwt_check", "proof_check", "schema_check", "status_check", "structure_check"]
