"""The hosted origin rule (OB 2.0 VerificationObject): the issuer says where its
assertions may be hosted, by ``startsWith`` prefixes or ``allowedOrigins``; by
default, on the host of the issuer's own id (OB 1.0: of the address its profile was
fetched from; OB 0.5: its ``origin``). It ties a hosted badge to its issuer.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from portfolio_builder.model import JSONObject
from portfolio_builder.normalize import common as c
from portfolio_builder.verify import documents as d
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result, Status


def _http(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def _authority(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _locations(state: VerifyState) -> list[str]:
    """Where the hosted copy was served from, and the id it declares."""
    found: list[str] = []
    copy = d.fetched(state, "assertion")
    if copy is not None:
        found.append(copy.url)
    declared = state.badge.id if state.badge else None
    if declared and _http(declared) and declared not in found:
        found.append(declared)
    return found


def _outside(policy: JSONObject, issuer_url: str | None, where: list[str]) -> str | None:
    """Why a location breaks the policy (None when every location keeps to it)."""
    starts = [s for s in c.as_list(policy.get("startsWith")) if isinstance(s, str)]
    origins = [o.lower() for o in c.as_list(policy.get("allowedOrigins")) if isinstance(o, str)]
    if not starts and not origins and issuer_url:
        origins = [_authority(issuer_url)]
    for url in where:
        if starts and not any(url.startswith(s) for s in starts):
            return f"{url} does not start with any of the issuer's prefixes ({', '.join(starts)})"
        if origins and _authority(url) not in origins:
            return f"{url} is not hosted on the issuer's allowed origins ({', '.join(origins)})"
    return None


@check("hosted.origin", requires=("hosted.type", "issuer.fetch"), integrity=True)
def hosted_origin(state: VerifyState) -> CheckResult | None:
    issuer, fetched_from = d.issuer_document(state)
    if issuer is None:
        why = "skipped: the issuer profile is not available"
        return CheckResult("hosted.origin", Result.SKIP, why)
    declared = c.text(issuer.get("id"))
    issuer_url = declared if _http(declared) else None if declared else fetched_from
    origin = c.text(issuer.get("origin"))  # OB 0.5: the issuer's scheme://host[:port]
    issuer_url = issuer_url or (origin if _http(origin) else None)
    policy = d.embedded(issuer.get("verification")) or {}
    problem = _outside(policy, issuer_url, _locations(state))
    if problem:
        return CheckResult("hosted.origin", Result.FAIL, problem, Status.INVALID)
    if not (policy.get("startsWith") or policy.get("allowedOrigins") or issuer_url):
        return CheckResult(
            "hosted.origin",
            Result.WARN,
            "the issuer's id is not a web address, so where its badges may be hosted "
            "cannot be enforced",
        )
    return CheckResult(
        "hosted.origin", Result.PASS, "the assertion is hosted where its issuer allows"
    )
