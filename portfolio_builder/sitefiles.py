"""Site-wide machine-readable files: ``portfolio.json``, the Atom feed, ``sitemap.xml``,
``robots.txt``, ``.nojekyll``, ``CNAME``; and each badge's ``verification.json``.

None of them carries a recipient identity: emails and identity hashes that a
check message might quote are scrubbed.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from portfolio_builder import __version__
from portfolio_builder.sitemodel import Entry, SiteModel

_SECRETS = re.compile(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:sha256|sha512|sha384|md5)\$[0-9a-fA-F]+",
    re.IGNORECASE,
)
TOOL = "portfolio-builder"


def scrub(text: str) -> str:
    """The text with email addresses and identity hashes replaced."""
    return _SECRETS.sub("[redacted]", text)


def _dump(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def verification_json(entry: Entry) -> bytes:
    report = entry.report
    return _dump(
        {
            "tool": {"name": TOOL, "version": __version__},
            "checked_at": report.checked_at.isoformat(),
            "status": str(report.status),
            "version": report.version,
            "checks": [
                {"id": c.id, "result": str(c.result), "message": scrub(c.message)}
                for c in report.checks
            ],
            "files": [h.name for h in entry.hosted],
        }
    )


def _badge_data(e: Entry, base: str) -> dict[str, Any]:
    return {
        "name": e.name,
        "issuer": e.badge.issuer_name,
        "issued_on": _iso(e.issued_on),
        "expires": _iso(e.expires),
        "status": e.status,
        "version": e.report.version,
        "tags": list(e.tags),
        "url": base + e.path,
        "verification": base + e.path + "verification.json",
        "hosted": [base + e.path + h.name for h in e.hosted],
    }


class _BadgeTexts:
    """Each badge's part of ``portfolio.json``, as ``json.dumps(indent=2)`` writes it at
    its depth there, kept by the entry's digest and the base URL: a ``serve`` session
    lays out only the badges that changed (the indenting encoder is pure Python)."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], str] = {}

    def texts(self, entries: tuple[Entry, ...], base: str) -> list[str]:
        kept, now = self._kept, {}
        for e in entries:
            key = (e.digest, base)
            text = kept.get(key)
            if text is None:
                text = json.dumps(_badge_data(e, base), indent=2, ensure_ascii=False)
                text = "    " + text.replace("\n", "\n    ")
            now[key] = text
        self._kept = now
        return [now[(e.digest, base)] for e in entries]


_BADGES = _BadgeTexts()


def portfolio_json(model: SiteModel) -> bytes:
    """``_dump`` of the whole document, with each badge's part laid out once."""
    base = model.base_url
    owner = {"name": model.config.owner_name, "url": base}
    head = {"generator": f"{TOOL} {model.version}", "owner": owner, "badges": []}
    text = json.dumps(head, indent=2, ensure_ascii=False)
    if not model.entries:
        return (text + "\n").encode()
    badges = ",\n".join(_BADGES.texts(model.entries, base))
    return (text[: -len("[]\n}")] + "[\n" + badges + "\n  ]\n}\n").encode()


def atom_feed(model: SiteModel) -> bytes:
    base = model.base_url
    dates = [e.issued_on for e in model.entries if e.issued_on]
    updated = max(dates, default=model.built_at).isoformat()
    entries = []
    for e in sorted(model.entries, key=lambda e: e.issued_on or model.built_at, reverse=True):
        when = (e.issued_on or model.built_at).isoformat()
        summary = f"{e.name}" + (
            f", issued by {e.badge.issuer_name}" if e.badge.issuer_name else ""
        )
        entries.append(
            f"  <entry>\n    <title>{escape(e.name)}</title>\n"
            f'    <link href="{escape(base + e.path)}"/>\n    <id>{escape(base + e.path)}</id>\n'
            f"    <updated>{when}</updated>\n    <summary>{escape(summary)}</summary>\n  </entry>\n"
        )
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{escape(model.config.site_title)}</title>\n"
        f'  <link href="{escape(base)}"/>\n  <link rel="self" href="{escape(base)}feed.xml"/>\n'
        f"  <id>{escape(base)}</id>\n  <updated>{updated}</updated>\n"
        f"  <author><name>{escape(model.config.owner_name)}</name></author>\n"
    )
    return (head + "".join(entries) + "</feed>\n").encode()


def sitemap(model: SiteModel, paths: list[str]) -> bytes:
    urls = "".join(f"  <url><loc>{escape(model.base_url + p)}</loc></url>\n" for p in paths)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n"
    ).encode()


def robots(model: SiteModel) -> bytes:
    if model.config.privacy.noindex:
        return b"User-agent: *\nDisallow: /\n"
    return f"User-agent: *\nAllow: /\n\nSitemap: {model.base_url}sitemap.xml\n".encode()


def page_paths(model: SiteModel) -> list[str]:
    paths = [""] + [e.path for e in model.entries]
    paths += [g.path for kind in ("issuers", "tags") for g in model.groups.get(kind, ())]
    return paths + [f"{p.slug}/" for p in model.pages]


def site_files(model: SiteModel) -> list[tuple[str, bytes]]:
    files = [
        ("portfolio.json", portfolio_json(model)),
        ("feed.xml", atom_feed(model)),
        ("sitemap.xml", sitemap(model, page_paths(model))),
        ("robots.txt", robots(model)),
        (".nojekyll", b""),
    ]
    if model.config.cname:
        files.append(("CNAME", model.config.cname.encode() + b"\n"))
    return files
