"""Shared fixtures: the sample corpus (skipped with a reason where it is absent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from issuer_server import IssuerServer

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the sample corpus is not at {CORPUS} (CI always has it)")
    return CORPUS


@pytest.fixture
def issuer_server() -> Iterator[IssuerServer]:
    """A real HTTP issuer on 127.0.0.1 (see tests/issuer_server.py)."""
    server = IssuerServer()
    yield server
    server.close()
