"""The README documents every build flag, every configuration key and every diagnostic code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from portfolio_builder.cli import cli
from portfolio_builder.config import SCHEMA
from portfolio_builder.diagnostics import CODES

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _keys(schema: dict[str, Any], prefix: str = "") -> list[str]:
    found: list[str] = []
    for name, sub in schema.get("properties", {}).items():
        key = f"{prefix}{name}"
        nested = _keys(sub, key + ".")
        found += nested or [key]
    return found


def test_the_codes_table_is_generated_from_codes() -> None:
    table = README.split("<!-- codes:start -->", 1)[1].split("<!-- codes:end -->", 1)[0]
    rows = ["| code | meaning |", "|---|---|"] + [f"| `{c}` | {m} |" for c, m in CODES.items()]
    assert table.strip() == "\n".join(rows)


def test_every_build_flag_is_documented() -> None:
    build = cli.commands["build"]
    for param in build.params:
        for flag in getattr(param, "opts", []):
            assert f"`{flag}" in README or f", {flag}" in README, flag


def test_every_config_key_is_documented() -> None:
    for key in _keys(SCHEMA):
        assert f"`{key}`" in README, key
