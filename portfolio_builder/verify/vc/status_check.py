"""The ``vc-status`` check: ``credentialStatus`` entries of an OB 3.0 credential.

Supports BitstringStatusListEntry, StatusList2021Entry and 1EdTechRevocationList.
The list is fetched through the Fetcher; a signed status list credential must verify.
A set bit (or a listed id) for purpose revocation or suspension makes the badge revoked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from portfolio_builder.model import JSONObject
from portfolio_builder.normalize.common import Notes, parse_date
from portfolio_builder.verify.registry import VerifyState, check
from portfolio_builder.verify.report import CheckResult, Result, Status, worst
from portfolio_builder.verify.vc.common import ob3_credential
from portfolio_builder.verify.vc.net import FetchFailure, fetch_json, fetched_note
from portfolio_builder.verify.vc.proofs import verdict, verify_embedded
from portfolio_builder.verify.vc.statuslist import (
    StatusListError,
    bit_at,
    bit_entry,
    decode_list,
    list_subject,
    revoked_in_1edtech_list,
)

CHECK_ID = "vc-status"
BIT_TYPES = frozenset({"BitstringStatusListEntry", "StatusList2021Entry"})
REVOKING = {"revocation": "revoked", "suspension": "suspended"}


@dataclass(frozen=True, slots=True)
class Outcome:
    result: Result
    message: str
    status: Status | None = None


def _date(document: JSONObject, *names: str) -> datetime | None:
    value = next((document[n] for n in names if n in document), None)
    return parse_date(value, names[0], Notes(""))


def _window(state: VerifyState, document: JSONObject, url: str) -> Outcome | None:
    until = _date(document, "validUntil", "expirationDate")
    if until is not None and until < state.ctx.now:
        return Outcome(
            Result.FAIL, f"the status list {url} expired on {until:%Y-%m-%d}", Status.UNVERIFIABLE
        )
    since = _date(document, "validFrom", "issuanceDate")
    if since is not None and since > state.ctx.now:
        return Outcome(
            Result.FAIL,
            f"the status list {url} is not valid before {since:%Y-%m-%d}",
            Status.UNVERIFIABLE,
        )
    return None


def _issuer_of(document: JSONObject) -> object:
    issuer = document.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _list_trust(
    state: VerifyState, document: JSONObject, url: str, issuer: object
) -> Outcome | None:
    """None when the list's own proof verified and its issuer is the credential's;
    a failure or a warning otherwise."""
    if "proof" not in document:
        return Outcome(Result.WARN, f"the status list {url} is not signed")
    ok, status, summary = verdict(verify_embedded(state, document))
    if ok and _issuer_of(document) != issuer:
        return Outcome(
            Result.WARN, f"the status list {url} is not issued by the credential's issuer"
        )
    if ok:
        return None
    if status is Status.INVALID:
        return Outcome(
            Result.FAIL, f"the status list {url} fails its own proof: {summary}", Status.INVALID
        )
    return Outcome(Result.WARN, f"the status list {url} proof could not be checked: {summary}")


def _fetch_list(state: VerifyState, url: str) -> JSONObject | Outcome:
    document = fetch_json(state, url, "status list")
    if isinstance(document, FetchFailure):
        return Outcome(
            Result.FAIL,
            f"cannot fetch the status list {url}: {document.reason}",
            Status.UNVERIFIABLE,
        )
    return document


def _bitstring(state: VerifyState, credential: JSONObject, entry: JSONObject) -> Outcome:
    try:
        place = bit_entry(entry)
    except StatusListError as exc:
        return Outcome(Result.FAIL, str(exc), Status.INVALID)
    document = _fetch_list(state, place.list_url)
    if isinstance(document, Outcome):
        return document
    trust = _window(state, document, place.list_url) or _list_trust(
        state, document, place.list_url, _issuer_of(credential)
    )
    if trust is not None and trust.result is Result.FAIL:
        return trust
    try:
        is_set = bit_at(decode_list(list_subject(document)["encodedList"]), place.index)
    except StatusListError as exc:
        return Outcome(Result.FAIL, f"the status list {place.list_url}: {exc}", Status.UNVERIFIABLE)
    where = f"status list {place.list_url}, index {place.index}"
    note = fetched_note(state, place.list_url)
    if is_set and place.purpose in REVOKING:
        return Outcome(
            Result.FAIL, f"{REVOKING[place.purpose]} by its issuer ({where}){note}", Status.REVOKED
        )
    if is_set:
        return Outcome(Result.WARN, f"status '{place.purpose}' is set ({where}){note}")
    clear = f"not {place.purpose}-flagged ({where}){note}"
    return (
        Outcome(Result.WARN, f"{clear}; {trust.message}") if trust else Outcome(Result.PASS, clear)
    )


def _onedtech(state: VerifyState, credential: JSONObject, entry: JSONObject) -> Outcome:
    url, credential_id = entry.get("id"), credential.get("id")
    if not isinstance(url, str) or not isinstance(credential_id, str):
        return Outcome(
            Result.FAIL, "the revocation list entry or the credential has no id", Status.INVALID
        )
    document = _fetch_list(state, url)
    if isinstance(document, Outcome):
        return document
    try:
        revoked, reason = revoked_in_1edtech_list(document, credential_id)
    except StatusListError as exc:
        return Outcome(Result.FAIL, f"the revocation list {url}: {exc}", Status.UNVERIFIABLE)
    note = fetched_note(state, url)
    if revoked:
        why = f": {reason}" if reason else ""
        return Outcome(
            Result.FAIL, f"revoked by its issuer (revocation list {url}){note}{why}", Status.REVOKED
        )
    return Outcome(Result.PASS, f"not listed in the revocation list {url}{note}")


def entry_outcome(state: VerifyState, credential: JSONObject, entry: object) -> Outcome:
    if not isinstance(entry, dict):
        return Outcome(Result.FAIL, "a credentialStatus entry is not an object", Status.INVALID)
    kind = entry.get("type")
    if kind in BIT_TYPES:
        return _bitstring(state, credential, entry)
    if kind == "1EdTechRevocationList":
        return _onedtech(state, credential, entry)
    return Outcome(Result.FAIL, f"unsupported credentialStatus type {kind!r}", Status.UNVERIFIABLE)


@check(CHECK_ID)
def vc_status(state: VerifyState) -> CheckResult | None:
    """The issuer has not revoked or suspended the credential."""
    credential = ob3_credential(state)
    if credential is None or credential.get("credentialStatus") is None:
        return None
    entries = credential["credentialStatus"]
    outcomes = [
        entry_outcome(state, credential, e)
        for e in (entries if isinstance(entries, list) else [entries])
    ]
    message = "; ".join(o.message for o in outcomes)
    failed = [o.status for o in outcomes if o.result is Result.FAIL and o.status is not None]
    if failed:
        return CheckResult(CHECK_ID, Result.FAIL, message, worst(failed))
    warned = any(o.result is Result.WARN for o in outcomes)
    return CheckResult(CHECK_ID, Result.WARN if warned else Result.PASS, message)
