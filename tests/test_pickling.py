"""What the stage caches keep loads back whole, from files written before or after
``fields_pickled`` gave those classes their faster loading."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import UTC, datetime
from pathlib import Path

from portfolio_builder.model import FileFormat, SourceFile
from portfolio_builder.verify.report import CheckResult, Result, Status, VerificationReport


def _report() -> VerificationReport:
    checks = (
        CheckResult("hosted", Result.PASS, "the issuer's copy matches"),
        CheckResult("expiry", Result.FAIL, "expired on 2020-01-01", Status.EXPIRED),
    )
    when = datetime(2026, 1, 15, tzinfo=UTC)
    return VerificationReport("badges/a.png", Status.EXPIRED, "2.0", checks, when)


def test_a_report_loads_back_equal() -> None:
    report = _report()
    assert pickle.loads(pickle.dumps(report, pickle.HIGHEST_PROTOCOL)) == report
    source = SourceFile(Path("content/badges/a.png"), "a.png", FileFormat.PNG)
    assert pickle.loads(pickle.dumps(source)) == source


def test_the_state_is_the_one_dataclasses_gives() -> None:
    """A cache file written with ``dataclasses``' own state loads with ours."""
    report = _report()
    fields = dataclasses.fields(report)
    assert report.__getstate__() == [getattr(report, f.name) for f in fields]
    made = object.__new__(VerificationReport)
    made.__setstate__([getattr(report, f.name) for f in fields])
    assert made == report
