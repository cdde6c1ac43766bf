"""A rebuild with nothing to do is skipped, and only then: not when time has made the site
wrong (an expiry passed, a new day), nor when the output or a template changed."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from portfolio_builder.buildreport import BuildOptions, BuildReport
from portfolio_builder.pipeline import build

from sitebuild.kit import assertion, output_files, write_badge, write_config

EXPIRES = "2025-06-01T12:00:00Z"


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    data = assertion(1, expires=EXPIRES)
    write_config(site, "issuer_snapshot: issuer-snapshot.json\n")
    write_badge(site, "one", data)
    write_badge(site, "two", assertion(2))
    answer = {"status": 200, "body": data}
    snapshot = {"recorded": "2025-05-20", "answers": {data["id"]: answer}}
    (site / "issuer-snapshot.json").write_text(json.dumps(snapshot), "utf-8")
    return site


def _at(site: Path, when: str) -> BuildReport:
    moment = datetime.fromisoformat(when).replace(tzinfo=UTC).timestamp()
    return build(BuildOptions(site, offline=True, clock=lambda: moment))


def _clean(site: Path, tmp_path: Path, when: str) -> dict[str, bytes]:
    fresh = tmp_path / "clean"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("output", ".portfolio-cache"))
    assert not _at(fresh, when).skipped
    return output_files(fresh / "output")


def test_nothing_changed_and_no_time_passed_that_matters_skips(tmp_path: Path) -> None:
    site = _site(tmp_path)
    first = _at(site, "2025-06-01T10:00:00")
    before = output_files(site / "output")
    again = _at(site, "2025-06-01T10:05:00")
    assert again.skipped and again.statuses == first.statuses
    assert output_files(site / "output") == before  # checked_at: when it was really checked


def _checked_at(files: dict[str, bytes]) -> dict[str, str]:
    """Each badge's ``checked_at``, by its page folder."""
    found = {}
    for name, data in files.items():
        if name.endswith("/verification.json"):
            found[name.rsplit("/", 2)[-2]] = json.loads(data)["checked_at"]
    return found


def test_a_badge_expiring_between_two_builds_is_shown_expired(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert _at(site, "2025-06-01T10:00:00").statuses["valid"] == 1
    later = _at(site, "2025-06-01T13:00:00")
    assert not later.skipped
    assert later.statuses["expired"] == 1
    files, clean = output_files(site / "output"), _clean(site, tmp_path, "2025-06-01T13:00:00")
    assert files.keys() == clean.keys()
    # The expiring badge was checked again; the other, whose check still holds, keeps the
    # moment it was really checked (the same day, nothing it depends on changed).
    times = _checked_at(files)
    assert sorted(times.values()) == ["2025-06-01T10:00:00+00:00", "2025-06-01T13:00:00+00:00"]
    expired = next(k for k, v in times.items() if v.startswith("2025-06-01T13"))
    page = f"badges/{expired}/index.html"
    assert files[page] == clean[page]


def test_a_new_day_rebuilds(tmp_path: Path) -> None:
    site = _site(tmp_path)
    _at(site, "2025-05-30T23:59:00")
    assert not _at(site, "2025-05-31T00:01:00").skipped
    assert output_files(site / "output") == _clean(site, tmp_path, "2025-05-31T00:01:00")


def test_a_clock_gone_back_rebuilds(tmp_path: Path) -> None:
    site = _site(tmp_path)
    _at(site, "2025-05-30T12:00:00")
    assert not _at(site, "2025-05-30T11:00:00").skipped


def test_a_damaged_output_is_rebuilt(tmp_path: Path) -> None:
    site = _site(tmp_path)
    _at(site, "2025-05-30T12:00:00")
    before = output_files(site / "output")
    page = next((site / "output" / "badges").glob("*/index.html"))
    page.write_text("broken")
    (site / "output" / "robots.txt").unlink()
    assert not _at(site, "2025-05-30T12:01:00").skipped
    after = output_files(site / "output")
    assert after.keys() == before.keys()
    assert after[page.relative_to(site / "output").as_posix()] != b"broken"


def test_a_new_template_override_rebuilds(tmp_path: Path) -> None:
    site = _site(tmp_path)
    _at(site, "2025-05-30T12:00:00")
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text("<p>Lost {{ site.config.site_title }}</p>")
    assert not _at(site, "2025-05-30T12:00:00").skipped
    assert (site / "output" / "404.html").read_text().startswith("<p>Lost")
    assert output_files(site / "output") == _clean(site, tmp_path, "2025-05-30T12:00:00")


def test_other_flags_rebuild(tmp_path: Path) -> None:
    site = _site(tmp_path)
    _at(site, "2025-05-30T12:00:00")
    moment = datetime(2025, 5, 30, 12, 1, tzinfo=UTC).timestamp()
    url = "https://other.example/"
    other = BuildOptions(site, base_url=url, offline=True, clock=lambda: moment)
    assert not build(other).skipped
    assert b"https://other.example/" in (site / "output" / "sitemap.xml").read_bytes()


def test_an_issuer_not_reached_online_is_tried_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_config(site)
    write_badge(site, "one", assertion(1, id="http://127.0.0.1:1/assertions/1"))
    moment = datetime(2025, 5, 30, 12, tzinfo=UTC).timestamp()
    online = BuildOptions(site, clock=lambda: moment)  # the private address is never fetched
    assert build(online).statuses["unverifiable"] == 1
    assert not build(online).skipped
