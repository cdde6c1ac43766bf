"""The README's table of diagnostic codes is the one generated from CODES."""

from __future__ import annotations

import re

from portfolio_builder.diagnostics import CODES, codes_table
from tests.conftest import REPO


def test_readme_codes_table_matches_codes() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- codes:start -->\n(.*?)\n<!-- codes:end -->", readme, re.S)
    assert match, "README lacks the codes:start/codes:end markers"
    assert match.group(1) == codes_table()


def test_every_code_is_named_by_severity() -> None:
    assert all(code[:2] in ("E-", "W-", "I-") for code in CODES)
