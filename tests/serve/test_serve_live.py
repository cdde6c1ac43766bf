"""End to end over HTTP: save a source, see the page change and the reload event arrive."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from serve_support import EventStream, FakeSite, get, plan_for, wait_until

from portfolio_builder.serve import DevServer, WatchPlan

EVENTS = "/__livereload"


def test_first_build_is_served(server: DevServer, lines: list[str]) -> None:
    page = get(server.port, "/alpha/")
    assert page.status == 200
    assert "First page" in page.text
    assert any(line.startswith("built the whole site in") for line in lines)


def test_saving_a_source_changes_the_page_and_signals_reload(
    server: DevServer, site: FakeSite
) -> None:
    stream = EventStream(server.port, EVENTS)
    try:
        assert stream.next()[0] == "hello"
        (site.content / "alpha.txt").write_text("Rewritten page")
        name, data = stream.next()
        assert name == "reload"
        assert data["changed"] == ["alpha/"]
        assert data["ok"] is True and data["all"] is False
        assert "Rewritten page" in get(server.port, "/alpha/").text
        assert site.calls[-1] == frozenset({site.content / "alpha.txt"})
    finally:
        stream.close()


def test_failed_rebuild_keeps_last_good_page_and_shows_escaped_error(
    server: DevServer, site: FakeSite, lines: list[str]
) -> None:
    stream = EventStream(server.port, EVENTS)
    try:
        stream.next()
        (site.content / "beta.txt").write_text("BROKEN page")
        name, data = stream.next()
        assert (name, data["ok"], data["all"]) == ("reload", False, True)
        page = get(server.port, "/beta/").text
        assert "Second page" in page
        assert "content/beta.txt: unexpected &lt;tag&gt; &amp; more" in page
        assert "<tag>" not in page
        assert any("unexpected <tag> & more" in line for line in lines)

        (site.content / "beta.txt").write_text("Mended page")
        name, data = stream.next()
        assert (data["ok"], data["all"]) == (True, True)
        page = get(server.port, "/beta/").text
        assert "Mended page" in page
        assert "portfolio-build-error" not in page
    finally:
        stream.close()


def test_a_crashing_rebuild_becomes_a_message_not_a_traceback(
    server: DevServer, site: FakeSite, lines: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (site.content / "alpha.txt").write_text("CRASH")
    message = "RuntimeError: content/alpha.txt made the renderer crash"
    wait_until(lambda: any(message in line for line in lines))
    assert "Traceback" not in capsys.readouterr().err
    page = get(server.port, "/alpha/").text
    assert "First page" in page
    assert message in page


def test_config_change_asks_for_a_full_build(server: DevServer, site: FakeSite) -> None:
    stream = EventStream(server.port, EVENTS)
    try:
        stream.next()
        site.config.write_text("title: Renamed\n")
        _, data = stream.next()
        assert site.calls[-1] == frozenset()
        assert set(data["changed"]) >= {"", "alpha/", "beta/"}
        assert "<title>Renamed</title>" in get(server.port, "/beta/").text
    finally:
        stream.close()


def test_theme_change_asks_for_a_full_build(server: DevServer, site: FakeSite) -> None:
    template = site.theme / "page.html"
    template.write_text(template.read_text().replace("<main>", "<main class=new>"))
    wait_until(lambda: "<main class=new>" in get(server.port, "/alpha/").text)
    assert site.calls[-1] == frozenset()


def test_deleting_a_source_removes_its_page(server: DevServer, site: FakeSite) -> None:
    stream = EventStream(server.port, EVENTS)
    try:
        stream.next()
        (site.content / "alpha.txt").unlink()
        _, data = stream.next()
        assert "alpha/" in data["changed"]
        assert get(server.port, "/alpha/").status == 404
        assert site.content / "alpha.txt" in site.calls[-1]
    finally:
        stream.close()


def test_new_source_appears(server: DevServer, site: FakeSite) -> None:
    (site.content / "gamma.txt").write_text("Third page")
    wait_until(lambda: get(server.port, "/gamma/").status == 200)
    assert 'href="gamma/"' in get(server.port, "/").text


def test_output_folder_writes_do_not_trigger_rebuilds(tmp_path: Path, lines: list[str]) -> None:
    site = FakeSite(tmp_path / "site").create({"alpha": "First page"})
    plan = plan_for(site)
    whole = WatchPlan((*plan.paths, site.root), plan.full_rebuild, plan.ignore)
    with DevServer(site.output, site.rebuild, whole, echo=lines.append) as dev:
        (site.output / "stray.html").write_text("x")
        (site.content / "alpha.txt").write_text("Changed")
        wait_until(lambda: "Changed" in get(dev.port, "/alpha/").text)
        assert all(site.output not in p.parents for batch in site.calls for p in batch)


def test_a_tab_connecting_late_still_hears_about_its_page(
    server: DevServer, site: FakeSite
) -> None:
    page = get(server.port, "/alpha/").text
    events_url = re.search(r'data-events="([^"]+)"', page)
    assert events_url is not None
    (site.content / "alpha.txt").write_text("Changed before the tab listened")
    wait_until(lambda: "Changed before" in get(server.port, "/alpha/").text)
    stream = EventStream(server.port, html.unescape(events_url.group(1)))
    try:
        assert stream.next()[0] == "hello"
        name, data = stream.next()
        assert (name, data["changed"]) == ("reload", ["alpha/"])
    finally:
        stream.close()


def test_a_broken_first_build_shows_the_error_then_the_site_once_fixed(
    tmp_path: Path, lines: list[str]
) -> None:
    site = FakeSite(tmp_path / "site").create({"alpha": "BROKEN from the start"})
    with DevServer(site.output, site.rebuild, plan_for(site), echo=lines.append) as dev:
        first = get(dev.port, "/alpha/")
        assert first.status == 404
        assert "portfolio-build-error" in first.text
        assert "content/alpha.txt: unexpected &lt;tag&gt;" in first.text
        (site.content / "alpha.txt").write_text("Working now")
        wait_until(lambda: "portfolio-build-error" not in get(dev.port, "/alpha/").text)
        mended = get(dev.port, "/alpha/")
        assert (mended.status, "Working now" in mended.text) == (200, True)
