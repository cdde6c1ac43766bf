"""What the stage caches keep loads back whole, from files written before or after
``fields_pickled`` gave those classes their faster loading."""

from __future__ import annotations

import copyreg
import dataclasses
import io
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


class _AsDataclassesWrote(pickle.Pickler):
    """Pickles a dataclass as ``dataclasses``' own methods did, before ``fields_pickled``."""

    def reducer_override(self, obj: object) -> object:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            state = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
            return copyreg.__newobj__, (type(obj),), state  # type: ignore[attr-defined]
        return NotImplemented


def test_a_cache_file_written_before_still_loads() -> None:
    written = io.BytesIO()
    _AsDataclassesWrote(written, pickle.HIGHEST_PROTOCOL).dump(_report())
    assert pickle.loads(written.getvalue()) == _report()
