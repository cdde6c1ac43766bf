"""Fetch JSON documents (keys, DID documents, status lists) through the injected Fetcher."""

from __future__ import annotations

from dataclasses import dataclass

from portfolio_builder.diagnostics import Diagnostic
from portfolio_builder.extract.payload import parse_json_object
from portfolio_builder.model import JSONObject
from portfolio_builder.verify.registry import VerifyState
from portfolio_builder.verify.report import FetchedCopy


@dataclass(frozen=True, slots=True)
class FetchFailure:
    """Why a document could not be had: no answer, an HTTP error, or not a JSON object."""

    url: str
    reason: str


def fetch_json(state: VerifyState, url: str, role: str) -> JSONObject | FetchFailure:
    """GET ``url`` (fragment removed) and parse it; the copy is kept for re-hosting."""
    target = url.split("#", 1)[0]
    result = state.ctx.fetcher.fetch(target)
    if result.error is not None:
        return FetchFailure(target, result.error)
    if not result.ok:
        return FetchFailure(target, f"HTTP status {result.status}")
    try:
        text = result.body.decode("utf-8")
    except UnicodeDecodeError:
        return FetchFailure(target, "the answer is not UTF-8 text")
    document = parse_json_object(text, target, f"the {role} document")
    if isinstance(document, Diagnostic):
        return FetchFailure(target, document.message)
    state.fetched.append(FetchedCopy.of(role, target, result))
    return document


def fetched_note(state: VerifyState, url: str) -> str:
    """Where the document fetched from ``url`` came from, when not live (else empty)."""
    target = url.split("#", 1)[0]
    return next((f.note for f in reversed(state.fetched) if f.url == target), "")
