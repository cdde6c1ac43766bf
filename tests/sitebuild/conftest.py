"""Fixtures shared by the site-build tests."""

from __future__ import annotations

from typing import Any

import pytest

from portfolio_builder.render import Renderer


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the pages rendered, as they are rendered."""
    seen: list[str] = []
    page = Renderer.page

    def spy(self: Renderer, template: str, path: str, *args: Any, **kw: Any) -> Any:
        seen.append(path)
        return page(self, template, path, *args, **kw)

    monkeypatch.setattr(Renderer, "page", spy)
    return seen
