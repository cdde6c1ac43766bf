"""Times: reading those users give on the command line (``--now``), and the next day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def parse_now(value: str) -> datetime:
    """ISO 8601 with an offset; without one, UTC. Raises ValueError when unreadable."""
    parsed = datetime.fromisoformat(value.strip().replace("z", "Z"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def next_midnight(now: datetime) -> float:
    """The next UTC midnight after ``now``, as a POSIX time."""
    day = now.astimezone(UTC).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
