"""Shared fixtures: the sample corpus (skipped with a reason where it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the sample corpus is not at {CORPUS} (CI always has it)")
    return CORPUS
