"""What verification concludes: per-check results and one status per badge."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from portfolio_builder.fetching import FetchResult, source_note
from portfolio_builder.model import Badge
from portfolio_builder.pickling import fields_pickled


class Result(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    SKIP = "skip"


class Status(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    INVALID = "invalid"
    UNVERIFIABLE = "unverifiable"
    ERROR = "error"


# When several statuses apply, the first in this order wins (the verify contract).
PRECEDENCE: tuple[Status, ...] = (
    Status.ERROR,
    Status.INVALID,
    Status.REVOKED,
    Status.EXPIRED,
    Status.UNVERIFIABLE,
    Status.VALID,
)


@fields_pickled
@dataclass(frozen=True, slots=True)
class CheckResult:
    """One named check's outcome. ``status`` is what it means for the badge:
    None when it does not affect the status (a pass, most warnings and skips)."""

    id: str
    result: Result
    message: str
    status: Status | None = None

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "result": str(self.result), "message": self.message}


def worst(statuses: list[Status]) -> Status:
    return min(statuses, key=PRECEDENCE.index, default=Status.VALID)


@fields_pickled
@dataclass(frozen=True, slots=True)
class FetchedCopy:
    """An issuer's document fetched during verification, kept for re-hosting.
    ``note`` says where the answer came from when not live (cache, issuer snapshot)."""

    role: str
    url: str
    body: bytes
    content_type: str
    note: str = ""

    @classmethod
    def of(cls, role: str, url: str, answer: FetchResult) -> FetchedCopy:
        """The copy of ``answer``, noting where it came from when not live."""
        return cls(role, url, answer.body, answer.content_type, source_note(answer))


@fields_pickled
@dataclass(frozen=True, slots=True)
class VerificationReport:
    file: str
    status: Status
    version: str | None
    checks: tuple[CheckResult, ...]
    checked_at: datetime
    badge: Badge | None = None
    fetched: tuple[FetchedCopy, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": str(self.status),
            "version": self.version,
            "checks": [c.as_json() for c in self.checks],
            "checked_at": self.checked_at.isoformat(),
        }
