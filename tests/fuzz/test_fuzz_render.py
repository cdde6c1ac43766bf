"""Generated text in every string field of an OB 2.0 and an OB 3.0 badge, rendered through
every template: rendering never raises, and every page it makes is inert markup."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from inert import markup_problems
from xss_badges import ob2, ob3, replace_strings

from portfolio_builder.assemble import Item, assemble
from portfolio_builder.config import load_config
from portfolio_builder.content import Sidecar
from portfolio_builder.http import HttpFetcher
from portfolio_builder.model import FileFormat, SourceFile
from portfolio_builder.reading import read_badge
from portfolio_builder.render import RenderedFile, render
from portfolio_builder.themes import load_theme
from portfolio_builder.verify import verify
from portfolio_builder.verify.registry import VerifyContext

NOW = datetime(2025, 6, 1, tzinfo=UTC)
PIECES = ["<", ">", '"', "'", "&", "`", "[", "](", ")", "*", "_", "#", "\n", "\n\n", " ", "\\"]
PIECES += ["<script>", "</script>", "onerror=", "javascript:", "data:text/html,", "&#x3c;"]
PIECES += ["{{", "}}", "{%", "-->", "<!--", "]]>", "\u2028", "\x00", "\x0b", "é", "🎓", "%3C"]
PIECES += ["https://x.example/", "//evil.example", "mailto:", "<a href=", "<img src=x ", "\ud800"]
TEXT = st.one_of(st.lists(st.sampled_from(PIECES), max_size=10).map("".join), st.text(max_size=30))
BASES = {"ob2": ob2({"type": "hosted"}), "ob3": ob3()}


@st.composite
def badge_documents(draw: st.DrawFn) -> dict[str, Any]:
    base = BASES[draw(st.sampled_from(sorted(BASES)))]
    return replace_strings(base, lambda: draw(TEXT))  # type: ignore[no-any-return]


def _pages(document: dict[str, Any]) -> list[RenderedFile]:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        (site / "portfolio.yaml").write_text("base_url: https://learner.github.io/p/\n")
        path = site / "badge.json"
        text = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
        path.write_bytes(text)
        read = read_badge(SourceFile(path, "badge.json", FileFormat.JSON))
        with HttpFetcher(None, offline=True) as offline:
            report = verify(read, VerifyContext(NOW, offline, ()))
        config = load_config(site)
        model = assemble(config, [Item(read, report, Sidecar())], [], (NOW, config.base_url))
        outputs = render(model, load_theme(config))
    pages = [o for o in outputs if isinstance(o, RenderedFile) and o.path.endswith(".html")]
    assert read.badge is None or any(p.path.startswith("badges/") for p in pages)
    return pages


@given(badge_documents())
def test_any_badge_text_renders_as_inert_pages(document: dict[str, Any]) -> None:
    for page in _pages(document):
        assert markup_problems(page.data.decode("utf-8")) == [], page.path
