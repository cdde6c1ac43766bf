"""Fixtures for the dev-server tests: a fake site and a running server over it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_support import FakeSite, plan_for

from portfolio_builder.serve import DevServer


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    """A serve session keeps what it built out of the collector's sweeps (``gc.freeze``);
    each test lets that go again."""
    yield
    gc.unfreeze()


@pytest.fixture
def site(tmp_path: Path) -> FakeSite:
    return FakeSite(tmp_path / "site").create({"alpha": "First page", "beta": "Second page"})


@pytest.fixture
def lines() -> list[str]:
    """What the server printed to the terminal."""
    return []


@pytest.fixture
def server(site: FakeSite, lines: list[str]) -> Iterator[DevServer]:
    with DevServer(site.output, site.rebuild, plan_for(site), echo=lines.append) as running:
        yield running


@pytest.fixture
def sub_server(site: FakeSite, lines: list[str]) -> Iterator[DevServer]:
    dev = DevServer(site.output, site.rebuild, plan_for(site), prefix="/repo/", echo=lines.append)
    with dev as running:
        yield running
