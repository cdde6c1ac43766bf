"""Pure parts of the dev server: prefixes, request resolution, events, injection."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio_builder.serve import RebuildOutcome, normalize_prefix, prefix_from_base_url
from portfolio_builder.serve.app import is_loopback
from portfolio_builder.serve.inject import error_overlay, inject, reload_script
from portfolio_builder.serve.outcome import safe_rebuild
from portfolio_builder.serve.reload import ReloadHub
from portfolio_builder.serve.resolve import Kind, content_type, page_key, resolve


@pytest.mark.parametrize(
    ("given", "expected"),
    [("", "/"), ("/", "/"), ("repo", "/repo/"), ("/repo", "/repo/"), ("/a/b/", "/a/b/")],
)
def test_prefixes_are_normalised(given: str, expected: str) -> None:
    assert normalize_prefix(given) == expected


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://user.github.io/repo/", "/repo/"),
        ("https://user.github.io/repo", "/repo/"),
        ("https://user.github.io", "/"),
        ("https://example.org/a/b/", "/a/b/"),
    ],
)
def test_prefix_from_base_url(base: str, expected: str) -> None:
    assert prefix_from_base_url(base) == expected


def test_resolution_of_files_folders_and_redirects(tmp_path: Path) -> None:
    (tmp_path / "badges" / "x").mkdir(parents=True)
    (tmp_path / "badges" / "x" / "index.html").write_text("x")
    (tmp_path / "a b.json").write_text("{}")
    root = tmp_path.resolve()
    page = resolve(root, "/repo/", "/repo/badges/x/")
    assert (page.kind, page.file, page.site_path) == (
        Kind.FILE,
        root / "badges" / "x" / "index.html",
        "badges/x/",
    )
    assert resolve(root, "/repo/", "/repo/a%20b.json").file == root / "a b.json"
    assert resolve(root, "/repo/", "/repo/badges/x").location == "/repo/badges/x/"
    assert resolve(root, "/repo/", "/").location == "/repo/"
    assert resolve(root, "/repo/", "/other/").kind is Kind.NOT_FOUND
    assert resolve(root, "/repo/", "/repo/badges/").kind is Kind.NOT_FOUND
    assert resolve(root, "/", "/badges/../../etc/passwd").kind is Kind.FORBIDDEN


def test_page_keys_treat_index_html_as_its_folder() -> None:
    assert page_key("badges/x/index.html") == "badges/x/"
    assert page_key("index.html") == ""
    assert page_key("badges/x/") == "badges/x/"
    assert page_key("feed.xml") == "feed.xml"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.html", "text/html; charset=utf-8"),
        ("a.svg", "image/svg+xml"),
        ("a.png", "image/png"),
        ("a.json", "application/json"),
        ("a.webmanifest", "application/manifest+json"),
        ("a.woff2", "font/woff2"),
        ("CNAME", "application/octet-stream"),
    ],
)
def test_content_types(name: str, expected: str) -> None:
    assert content_type(Path(name)) == expected


def test_injection_goes_before_the_last_body_end() -> None:
    doc = b"<html><body><pre>&lt;/body&gt;</pre></BODY ></html>"
    assert inject(doc, "<s>") == b"<html><body><pre>&lt;/body&gt;</pre><s></BODY ></html>"


def test_script_tag_carries_page_and_stream_as_escaped_attributes() -> None:
    tag = reload_script("/repo/__livereload.js", "/repo/__livereload?a=1&b=2", 'x/"><i>/')
    assert tag.startswith('<script data-portfolio-livereload src="/repo/__livereload.js"')
    assert 'data-events="/repo/__livereload?a=1&amp;b=2"' in tag
    assert 'data-page="x/&quot;&gt;&lt;i&gt;/"' in tag
    assert tag.rstrip().endswith("></script>")


def test_overlay_escapes_the_error() -> None:
    overlay = error_overlay("/__livereload.css", '<img src=x onerror="alert(1)">')
    assert "<img" not in overlay
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in overlay
    assert 'href="/__livereload.css"' in overlay
    assert "style=" not in overlay


def test_events_name_pages_and_reload_everything_for_assets_or_errors() -> None:
    hub = ReloadHub()
    inbox = hub.subscribe()
    page = hub.publish(RebuildOutcome(True, None, ("badges/x/index.html", "index.html")))
    assert (page.changed, page.all) == (("badges/x/", ""), False)
    css = hub.publish(RebuildOutcome(True, None, ("style.css",)))
    assert css.all
    feed = hub.publish(RebuildOutcome(True, None, ("feed.xml", "badges/x/badge.PNG")))
    assert feed.all
    sitemap = hub.publish(RebuildOutcome(True, None, ("sitemap.xml",)))
    assert (sitemap.changed, sitemap.all) == (("sitemap.xml",), False)
    failed = hub.publish(RebuildOutcome(False, "bad", ()))
    assert (failed.ok, failed.all, hub.state.error) == (False, True, "bad")
    still = hub.publish(RebuildOutcome(False, "bad", ()))
    assert not still.all
    mended = hub.publish(RebuildOutcome(True, None, ("badges/x/",)))
    assert mended.all and hub.state.error is None
    received = [inbox.get_nowait() for _ in range(7)]
    assert [e.generation for e in received if e] == [1, 2, 3, 4, 5, 6, 7]
    hub.close()
    assert inbox.get_nowait() is None


def test_safe_rebuild_turns_exceptions_and_wrong_returns_into_failures() -> None:
    def boom(_: frozenset[Path]) -> RebuildOutcome:
        raise ValueError("theme.yaml: unknown key 'colour'")

    def wrong(_: frozenset[Path]) -> RebuildOutcome:
        return None  # type: ignore[return-value]

    assert safe_rebuild(boom, frozenset()) == RebuildOutcome(
        False, "ValueError: theme.yaml: unknown key 'colour'"
    )
    assert safe_rebuild(wrong, frozenset()).ok is False


def test_a_late_subscriber_gets_the_events_it_missed() -> None:
    hub = ReloadHub()
    hub.publish(RebuildOutcome(True, None, ("a/",)))
    hub.publish(RebuildOutcome(True, None, ("b/",)))
    hub.publish(RebuildOutcome(True, None, ("c/",)))
    inbox = hub.subscribe(since=1, session=hub.session)
    assert [inbox.get_nowait().changed for _ in range(2)] == [("b/",), ("c/",)]  # type: ignore[union-attr]
    assert inbox.empty()
    assert hub.subscribe(since=3, session=hub.session).empty()


def test_a_page_from_another_session_or_the_distant_past_reloads() -> None:
    hub = ReloadHub()
    for n in range(70):
        hub.publish(RebuildOutcome(True, None, (f"p{n}/",)))
    other = hub.subscribe(since=70, session="restarted")
    stale = hub.subscribe(since=2, session=hub.session)
    future = hub.subscribe(since=99, session=hub.session)
    for inbox in (other, stale, future):
        event = inbox.get_nowait()
        assert event is not None and event.all and event.generation == 70


@pytest.mark.parametrize(
    ("bind", "private"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("myhost.lan", False)],
)  # fmt: skip
def test_binding_beyond_this_machine_is_recognised(bind: str, private: bool) -> None:
    assert is_loopback(bind) is private
