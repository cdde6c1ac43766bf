"""What a page shows of a badge, with every string that names the owner replaced.

An issuer may put the recipient's email in free text (a narrative saying "awarded to
sam@example.org"). Pages, feeds and ``portfolio.json`` are made from the scrubbed badge,
so the owner's identities and any plaintext recipient email never reach them. The baked
payload is kept as it is: re-hosting judges the originals itself (``rehost``).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from portfolio_builder.model import Badge
from portfolio_builder.rehost import REDACTED, redact

T = TypeVar("T")
_KEPT = frozenset({"payload"})


def _names_secret(text: str, secrets: set[str]) -> bool:
    lowered = text.lower()
    return any(secret.lower() in lowered for secret in secrets)


def _scrub(value: T, secrets: set[str]) -> T:
    if isinstance(value, str):
        return REDACTED if _names_secret(value, secrets) else value  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_scrub(item, secrets) for item in value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return redact(value, secrets)  # type: ignore[no-any-return]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for item in dataclasses.fields(value):
            if item.name not in _KEPT:
                before = getattr(value, item.name)
                after = _scrub(before, secrets)
                if after is not before:
                    changes[item.name] = after
        return dataclasses.replace(value, **changes) if changes else value
    return value


def scrub(badge: Badge, secrets: set[str]) -> Badge:
    """The badge with each string holding a secret (any case) replaced by ``[redacted]``."""
    return _scrub(badge, {s for s in secrets if s}) if secrets else badge
