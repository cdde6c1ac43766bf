"""A coverage-guided run of ``atheris_targets.py``: a fixed number of inputs in ``make test``,
``FUZZ_SECONDS`` (default 180) of fuzzing under ``make fuzz``."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

TARGETS = Path(__file__).with_name("atheris_targets.py")
RUNS = 400


@pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris is not installed (it has no wheel for this Python or platform)",
)
def test_atheris_finds_nothing(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    long_run = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
    seconds = int(os.environ.get("FUZZ_SECONDS", "180"))
    limit = f"-max_total_time={seconds}" if long_run else f"-runs={RUNS}"
    result = subprocess.run(
        [sys.executable, str(TARGETS), limit],
        capture_output=True,
        text=True,
        timeout=seconds + 300 if long_run else 300,
        check=False,
        cwd=request.config.rootpath,
        env={**os.environ, "TMPDIR": str(tmp_path)},  # its input file and corpus go there
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done" in result.stderr and (long_run or f"Done {RUNS} runs" in result.stderr)
