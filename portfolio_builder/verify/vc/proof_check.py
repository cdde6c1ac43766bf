"""The ``vc-proof`` check: an OB 3.0 credential's embedded Data Integrity proofs."""

from __future__ import annotations

from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result
from portfolio_builder.verify.vc.common import is_jwt, ob3_credential
from portfolio_builder.verify.vc.proofs import verdict, verify_embedded


@check("vc-proof", integrity=True)
def proof(state: VerifyState) -> CheckResult | None:
    """At least one embedded proof verifies (a VC-JWT is checked by ``vc-jwt`` instead)."""
    credential = ob3_credential(state)
    if credential is None or is_jwt(state) or "proof" not in credential:
        return None
    outcomes = verify_embedded(state, credential)
    ok, status, summary = verdict(outcomes)
    if not ok:
        return CheckResult("vc-proof", Result.FAIL, summary, status)
    # A pass even when other proofs failed or carry notes (they are in the message):
    # the integrity gate counts only passes.
    return CheckResult("vc-proof", Result.PASS, summary)
