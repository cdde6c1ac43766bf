"""Rewrite the README's generated tables (diagnostic codes, config keys) from the code."""

from __future__ import annotations

from pathlib import Path

from portfolio_builder.readme_tables import updated

README = Path(__file__).resolve().parents[1] / "README.md"

if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
    print("README.md tables are up to date." if new == text else "README.md tables rewritten.")
