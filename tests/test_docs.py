"""The README is the user guide: every command, flag, config key and code is in it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click
import pytest

from portfolio_builder.cli import cli
from portfolio_builder.config import SCHEMA
from portfolio_builder.diagnostics import CODES
from portfolio_builder.readme_tables import TABLES, block
from portfolio_builder.scaffold import CONFIG_KEYS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def flags(command: click.Command) -> list[str]:
    return [
        opt
        for param in command.params
        if isinstance(param, click.Option)
        for opt in (*param.opts, *param.secondary_opts)
    ]


def undocumented_flags(group: click.Group, text: str) -> list[str]:
    """``command flag`` for each flag of each command that ``text`` never mentions."""
    missing = [f"(group) {flag}" for flag in flags(group) if not mentioned(flag, text)]
    for name, command in sorted(group.commands.items()):
        missing += [f"{name} {flag}" for flag in flags(command) if not mentioned(flag, text)]
    return missing


def mentioned(flag: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text) is not None


def test_every_command_has_a_section() -> None:
    assert cli.commands, "no command is registered"
    for name in cli.commands:
        assert f"### `portfolio-builder {name}" in README, name


def test_sections_for_commands_not_yet_registered_say_so() -> None:
    sections = README.split("\n### `portfolio-builder ")[1:]
    documented = {section.split()[0].rstrip("`"): section for section in sections}
    assert set(cli.commands) <= set(documented)
    for name, section in documented.items():
        if name not in cli.commands:
            assert section.split("\n\n")[1].startswith("*Contract"), name


def test_every_flag_is_documented() -> None:
    assert undocumented_flags(cli, README) == []


def test_an_undocumented_flag_is_caught() -> None:
    @click.command("extra")
    @click.option("--format-extra", is_flag=True)
    def extra(format_extra: bool) -> None:
        """A command whose flag no README mentions."""

    group = click.Group("g", commands={"extra": extra})
    assert undocumented_flags(group, README) == ["extra --format-extra"]


@pytest.mark.parametrize("key", sorted(CONFIG_KEYS))
def test_every_config_key_is_documented(key: str) -> None:
    assert f"`{key}`" in README


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_diagnostic_code_is_documented(code: str) -> None:
    assert f"`{code}`" in README


@pytest.mark.parametrize("name", sorted(TABLES))
def test_generated_tables_are_current(name: str) -> None:
    assert block(README, name) == TABLES[name](), "run: python scripts/update_readme.py"


def _schema_keys(schema: dict[str, Any], prefix: str = "") -> set[str]:
    """The dotted leaf keys the configuration schema accepts."""
    keys: set[str] = set()
    for name, sub in schema.get("properties", {}).items():
        if sub.get("type") == "object" and "properties" in sub:
            keys |= _schema_keys(sub, f"{prefix}{name}.")
        else:
            keys.add(prefix + name)
    return keys


def test_documented_config_keys_are_exactly_the_ones_the_loader_accepts() -> None:
    assert set(CONFIG_KEYS) == _schema_keys(SCHEMA)
