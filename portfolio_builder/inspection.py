"""What ``inspect`` shows for one file: a JSON object (a contract) or text for people.

Recipient identities are never printed: only their kind and whether they are hashed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from portfolio_builder.model import Achievement, Badge, Issuer, Ref
from portfolio_builder.reading import ReadResult


def _date(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _ref_or_name(value: Achievement | Issuer | Ref | None) -> str | None:
    if isinstance(value, Ref):
        return None
    return value.name if value else None


def as_json(result: ReadResult) -> dict[str, Any]:
    badge, payload = result.badge, result.payload
    issuer: Any = badge.issuer if badge else None
    return {
        "file": result.source.display,
        "format": str(result.source.format),
        "payload_kind": str(payload.kind) if payload else None,
        "version": str(badge.version) if badge and badge.version else None,
        "name": badge.name if badge else None,
        "issuer": badge.issuer_name if badge else None,
        "issued_on": _date(badge.issued_on) if badge else None,
        "expires": _date(badge.expires) if badge else None,
        "container": payload.container if payload else None,
        "id": badge.id if badge else None,
        "needs_fetch": _needs_fetch(badge),
        "issuer_ref": issuer.url if isinstance(issuer, Ref) else None,
        "recipients": [_recipient(r.type, r.hashed, r.identity) for r in badge.recipients]
        if badge
        else [],
        "diagnostics": [d.as_json() for d in result.diagnostics],
    }


def _recipient(kind: str, hashed: bool, identity: str) -> dict[str, Any]:
    algorithm = identity.split("$", 1)[0].lower() if hashed and "$" in identity else None
    return {"type": kind, "hashed": hashed, "algorithm": algorithm}


def _needs_fetch(badge: Badge | None) -> list[str]:
    if badge is None:
        return []
    refs: list[str] = []
    if badge.achievement is None or isinstance(badge.achievement, Ref):
        refs.append("badge")
    issuer = badge.issuer
    if issuer is None and isinstance(badge.achievement, Achievement):
        issuer = badge.achievement.issuer
    if issuer is None or isinstance(issuer, Ref):
        refs.append("issuer")
    return refs


def as_text(result: ReadResult) -> str:
    """A block per badge; a file without one gets one line per problem, naming the file."""
    if result.badge is None:
        return "\n".join(d.as_text() for d in result.diagnostics)
    data = as_json(result)
    lines = [f"{data['file']} ({data['format']})"]
    if result.payload is not None:
        lines.append(f"  found:     {data['payload_kind']} in {data['container']}")
    if result.badge is not None:
        version = data["version"] or "unknown until fetched"
        lines += [
            f"  version:   Open Badges {version}",
            f"  name:      {data['name'] or '(needs fetching)'}",
            f"  issuer:    {data['issuer'] or '(needs fetching)'}",
            f"  issued on: {data['issued_on'] or '-'}",
            f"  expires:   {data['expires'] or '-'}",
        ]
        if data["id"]:
            lines.append(f"  id:        {data['id']}")
        for item in data["recipients"]:
            how = f"hashed ({item['algorithm']})" if item["hashed"] else "in plain text"
            lines.append(f"  recipient: {item['type']}, {how}")
    lines += [f"  {d.severity}: {d.message} [{d.code}]" for d in result.diagnostics]
    return "\n".join(lines)
