"""Reading the times users give on the command line (``--now``)."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_now(value: str) -> datetime:
    """ISO 8601 with an offset; without one, UTC. Raises ValueError when unreadable."""
    parsed = datetime.fromisoformat(value.strip().replace("z", "Z"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
