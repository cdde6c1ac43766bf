"""What every OB 3.0 check starts from: the credential, when the badge is one."""

from __future__ import annotations

from portfolio_builder.model import JSONObject, OBVersion, PayloadKind
from portfolio_builder.normalize.ob3 import credential_of
from portfolio_builder.verify.registry import VerifyState


def ob3_credential(state: VerifyState) -> JSONObject | None:
    """The OB 3.0 credential under verification (a JWT's ``vc`` claim for VCDM 1.1), or None."""
    badge = state.badge
    if badge is None or badge.version is not OBVersion.V3_0:
        return None
    return credential_of(badge.payload)


def is_jwt(state: VerifyState) -> bool:
    return state.badge is not None and state.badge.payload.kind is PayloadKind.JWS
