"""Markup that cannot run: what a built page may hold, checked by parsing its HTML.

``markup_problems`` lists, for one page, every script element that is not the theme's own,
every event-handler attribute, every URL attribute with a ``javascript:`` or non-image
``data:`` URL, and every attribute value written without quotes.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

URL_ATTRS = ("href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href")
THEME_SCRIPT = "/static/site."
_ATTRIBUTE = re.compile(r"""\s([^\s"'>/=]+)(\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")


def _bad_url(value: str) -> bool:
    lowered = "".join(value.split()).lower()
    return lowered.startswith(("javascript:", "vbscript:")) or (
        lowered.startswith("data:") and not lowered.startswith("data:image/")
    )


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        for name, assignment, value in _ATTRIBUTE.findall(raw[len(tag) + 1 :]):
            if assignment and value[0] not in "\"'":
                self.problems.append(f"unquoted attribute {name} in {raw[:80]}")
        values = {k.lower(): v or "" for k, v in attrs}
        for key, value in values.items():
            if key.startswith("on"):
                self.problems.append(f"event handler {key} on <{tag}>")
            if key in URL_ATTRS and _bad_url(value):
                self.problems.append(f"{key}={value[:40]!r} on <{tag}>")
        theirs = THEME_SCRIPT not in "/" + values.get("src", "").lstrip("./")
        if tag == "script" and values.get("type") != "application/ld+json" and theirs:
            self.problems.append(f"script element {raw[:80]}")


def markup_problems(html: str) -> list[str]:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    if html.count("<script") != html.count("</script>"):
        checker.problems.append("a <script that is not an element of its own")
    return checker.problems
