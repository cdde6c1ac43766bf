"""The shape of an OB 0.5-2.0 assertion: its context, type and required fields, and
no ``data:`` image on the assertion itself (allowed on a badge class)."""

from __future__ import annotations

from portfolio_builder.model import JSONObject, OBVersion
from portfolio_builder.normalize import common as c
from portfolio_builder.verify import documents as d
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result, Status

OB_CONTEXTS = ("w3id.org/openbadges/v", "openbadgespec.org/v")
REQUIRED: dict[OBVersion, tuple[tuple[str, ...], ...]] = {
    OBVersion.V2_0: (
        ("id",),
        ("recipient",),
        ("badge",),
        ("verification", "verify"),
        ("issuedOn",),
    ),
    OBVersion.V1_1: (("recipient",), ("badge",), ("verify", "verification"), ("issuedOn",)),
    OBVersion.V1_0: (("recipient",), ("badge",), ("verify",), ("issuedOn",)),
    OBVersion.V0_5: (("recipient",), ("badge",)),
}


def _context_problem(document: JSONObject) -> str | None:
    contexts = c.as_list(document.get("@context"))
    if not contexts or any(isinstance(x, dict) for x in contexts):
        return None
    if any(isinstance(x, str) and any(k in x for k in OB_CONTEXTS) for x in contexts):
        return None
    shown = ", ".join(str(x) for x in contexts)[:120]
    return f"@context ({shown}) is not an Open Badges context"


def _problems(document: JSONObject, version: OBVersion) -> list[str]:
    found: list[str] = []
    context = _context_problem(document)
    if context:
        found.append(context)
    types = c.types_of(document)
    if version is OBVersion.V2_0 and "Assertion" not in types:
        found.append(f"type is {', '.join(types) or 'missing'}, not Assertion")
    missing = [alts[0] for alts in REQUIRED[version] if not any(k in document for k in alts)]
    if missing:
        found.append(f"missing {', '.join(missing)}")
    image = c.image(document.get("image"))
    if image is not None and image.url.lower().startswith("data:"):
        found.append("the assertion's image is a data: URI (allowed on a badge class only)")
    return found


@check("structure")
def structure(state: VerifyState) -> CheckResult | None:
    badge = state.badge
    if badge is None or badge.version is None or not d.is_ob2_family(badge):
        return None
    if d.awaiting_hosted_copy(state):
        return CheckResult("structure", Result.SKIP, d.NEEDS_HOSTED_COPY)
    problems = _problems(badge.document, badge.version)
    if problems:
        return CheckResult("structure", Result.FAIL, "; ".join(problems), Status.INVALID)
    return CheckResult(
        "structure", Result.PASS, f"a well-formed Open Badges {badge.version} assertion"
    )
