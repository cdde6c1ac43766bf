"""``serve`` end to end with the real site build: save a badge's note, see its page change."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from serve_support import EventStream, get, wait_until

from portfolio_builder.pipeline import BuildOptions
from portfolio_builder.serve import DevServer, RebuildOutcome, WatchPlan
from portfolio_builder.serve.preview import Preview
from portfolio_builder.serve_command import ServeOptions, session_build_options, site_rebuild

from sitebuild.kit import NOW, assertion, write_badge, write_config

PREFIX = "/portfolio/"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write_config(root)
    write_badge(root, "first", assertion(1))
    write_badge(root, "second", assertion(2))
    (root / "content" / "badges" / "first.yaml").write_text("note: Learned a lot.\n")
    return root


@pytest.fixture
def server(site: Path) -> Iterator[DevServer]:
    options = BuildOptions(site, offline=True, now=datetime.fromisoformat(NOW))
    plan = WatchPlan.of(
        [site / "content", site / "portfolio.yaml"],
        full_rebuild=[site / "portfolio.yaml"],
        ignore=[site / ".portfolio-cache", site / "output"],
    )
    lines: list[str] = []
    with DevServer(
        site / "output", site_rebuild(options), plan, prefix=PREFIX, echo=lines.append
    ) as running:
        yield running


def _slug(site: Path, number: int) -> str:
    [folder] = (site / "output" / "badges").glob(f"badge-number-{number}-*")
    return folder.name


def _badge_page(server: DevServer, site: Path, number: int) -> str:
    return get(server.port, f"{PREFIX}badges/{_slug(site, number)}/").text


def test_editing_a_note_changes_the_served_page_and_signals_reload(
    server: DevServer, site: Path
) -> None:
    assert "Learned a lot." in _badge_page(server, site, 1)
    stream = EventStream(server.port, f"{PREFIX}__livereload")
    try:
        assert stream.next()[0] == "hello"
        (site / "content" / "badges" / "first.yaml").write_text("note: Taught it to others.\n")
        name, data = stream.next(timeout=30)
        assert name == "reload" and data["ok"] is True
        assert f"badges/{_slug(site, 1)}/" in data["changed"]
        page = _badge_page(server, site, 1)
        assert "Taught it to others." in page
        assert "__livereload" in page
        on_disk = (site / "output" / "badges" / _slug(site, 1) / "index.html").read_text()
        assert "__livereload" not in on_disk
    finally:
        stream.close()


def test_deleting_a_badge_removes_its_page(server: DevServer, site: Path) -> None:
    second = f"{PREFIX}badges/{_slug(site, 2)}/"
    assert get(server.port, second).status == 200
    (site / "content" / "badges" / "second.png").unlink()
    wait_until(lambda: get(server.port, second).status == 404, 30)
    assert get(server.port, f"{PREFIX}badges/{_slug(site, 1)}/").status == 200


def test_a_broken_config_keeps_the_last_good_site(server: DevServer, site: Path) -> None:
    stream = EventStream(server.port, f"{PREFIX}__livereload")
    try:
        stream.next()
        (site / "portfolio.yaml").write_text("base_url: [not, a, url\n")
        _, data = stream.next(timeout=30)
        assert data["ok"] is False
        page = _badge_page(server, site, 1)
        assert "Learned a lot." in page
        assert "portfolio.yaml" in page
    finally:
        stream.close()


def test_a_session_rewrites_only_the_pages_a_saved_note_touches(site: Path) -> None:
    started = datetime.fromisoformat(NOW)
    rebuild = site_rebuild(session_build_options(ServeOptions(site, offline=True), started))
    assert rebuild(frozenset()).ok
    note = site / "content" / "badges" / "first.yaml"
    note.write_text("note: Taught it to others.\n")
    changed = rebuild(frozenset({note})).changed
    first, second = _slug(site, 1), _slug(site, 2)
    assert f"badges/{first}/index.html" in changed
    assert not [path for path in changed if path.startswith(f"badges/{second}/")]


def test_a_session_shows_a_saved_note_before_writing_it(site: Path) -> None:
    """The rebuild returns as soon as the change is shown (pending); the page is in the
    preview when it is announced, and on disk once the rebuild's release says it is
    written (which may be before the rebuild has returned: the write goes on at once)."""
    preview = Preview()
    released: list[RebuildOutcome] = []
    shown: list[object] = []
    page = ""
    preview.listen(lambda paths: shown.append(preview.find(page)), released.append)
    started = datetime.fromisoformat(NOW)
    rebuild = site_rebuild(
        session_build_options(ServeOptions(site, offline=True), started), preview
    )
    first = rebuild(frozenset())
    assert first.ok and not first.pending  # nothing to compare with yet: written, then told
    note = site / "content" / "badges" / "first.yaml"
    page = f"badges/{_slug(site, 1)}/index.html"
    for text in ("Taught it to others.", "Wrote a guide.", "Mentored two people."):
        note.write_text(f"note: {text}\n")
        outcome = rebuild(frozenset({note}))
        assert outcome.ok and outcome.pending and page in outcome.changed
        held = shown[-1]
        assert isinstance(held, bytes) and text.encode() in held
    wait_until(lambda: len(released) == 3, 60)
    assert all(r.ok for r in released)
    assert preview.find(page) is None  # nothing held: the disk is served again
    on_disk = (site / "output" / "badges" / _slug(site, 1) / "index.html").read_text()
    assert "Mentored two people." in on_disk


_STOP_WHILE_WRITING = """
import sys, threading
from datetime import datetime
from pathlib import Path
from portfolio_builder.serve.preview import Preview
from portfolio_builder.serve_command import ServeOptions, session_build_options, site_rebuild
site, now = Path(sys.argv[1]), datetime.fromisoformat(sys.argv[2])
rebuild = site_rebuild(session_build_options(ServeOptions(site, offline=True), now), Preview())
rebuild(frozenset())
note = site / "content" / "badges" / "first.yaml"
note.write_text("note: Written after the stop.\\n")
outcomes = []
worker = threading.Thread(target=lambda: outcomes.append(rebuild(frozenset({note}))), daemon=True)
worker.start()  # as the server's worker is: a daemon thread
worker.join()
assert outcomes[0].pending, outcomes
"""  # the script ends here, with the shown change still being written


def test_stopping_while_a_shown_change_is_written_finishes_the_write(site: Path) -> None:
    """A stop (the script's end, like Ctrl-C) does not cut a write short: the change is
    on disk afterwards and no staging folder is left behind."""
    script = [sys.executable, "-c", _STOP_WHILE_WRITING, str(site), NOW]
    done = subprocess.run(script, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    page = site / "output" / "badges" / _slug(site, 1) / "index.html"
    assert "Written after the stop." in page.read_text()
    assert [p.name for p in site.iterdir() if ".staging-" in p.name] == []
