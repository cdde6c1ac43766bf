"""The static side of the dev server, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import http.client
import re
import socket
from pathlib import Path

import pytest
from serve_support import EventStream, FakeSite, get, plan_for, wait_until

from portfolio_builder.serve import DevServer, ServeError

MARKER = "data-portfolio-livereload"


def test_pages_get_the_reload_script_but_files_on_disk_do_not(
    server: DevServer, site: FakeSite
) -> None:
    page = get(server.port, "/alpha/")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.text.count(MARKER) == 1
    assert page.text.index(MARKER) < page.text.rindex("</body>")
    assert int(page.headers["content-length"]) == len(page.body)
    assert page.headers["cache-control"] == "no-store"
    for built in site.output.rglob("*"):
        if built.is_file():
            assert MARKER.encode() not in built.read_bytes(), built


def test_injected_markup_fits_a_strict_content_security_policy(
    server: DevServer, site: FakeSite
) -> None:
    (site.content / "beta.txt").write_text("BROKEN again")
    wait_until(lambda: "portfolio-build-error" in get(server.port, "/alpha/").text)
    page = get(server.port, "/alpha/").text
    added = page[page.index("</main>") : page.rindex("</body>")]
    assert "style=" not in added
    assert re.search(r"<script[^>]*>\s*</script>", added), "the script must be an empty tag"
    script = get(server.port, "/__livereload.js")
    assert script.headers["content-type"] == "text/javascript; charset=utf-8"
    assert b"EventSource" in script.body
    style = get(server.port, "/__livereload.css")
    assert style.headers["content-type"] == "text/css; charset=utf-8"
    assert b"#portfolio-build-error" in style.body


def test_content_types(server: DevServer) -> None:
    css = get(server.port, "/style.css")
    assert (css.status, css.headers["content-type"]) == (200, "text/css; charset=utf-8")
    assert MARKER not in css.text
    assert get(server.port, "/").headers["content-type"].startswith("text/html")


def test_a_folder_without_slash_redirects(server: DevServer) -> None:
    answer = get(server.port, "/alpha?x=1")
    assert answer.status == 302
    assert answer.headers["location"] == "/alpha/?x=1"


def test_missing_file_gets_the_sites_own_404_page(server: DevServer) -> None:
    answer = get(server.port, "/no/such/page/")
    assert answer.status == 404
    assert "Nothing here" in answer.text
    assert MARKER in answer.text


def test_missing_file_without_a_404_page(server: DevServer, site: FakeSite) -> None:
    (site.output / "404.html").unlink()
    answer = get(server.port, "/gone<b>.html")
    assert answer.status == 404
    assert "Nothing has been built at <code>/gone&lt;b&gt;.html</code>" in answer.text
    assert MARKER in answer.text


def test_head_sends_headers_only(server: DevServer) -> None:
    full, head = get(server.port, "/alpha/"), get(server.port, "/alpha/", "HEAD")
    assert head.status == 200 and head.body == b""
    assert head.headers["content-length"] == full.headers["content-length"]


@pytest.mark.parametrize(
    "target",
    [
        "/../portfolio.yaml",
        "/alpha/../../portfolio.yaml",
        "/%2e%2e/portfolio.yaml",
        "/..%2fportfolio.yaml",
        "/alpha%2f..%2f..%2fportfolio.yaml",
        "/..%5cportfolio.yaml",
        "/..\\portfolio.yaml",
        "/alpha/%00",
        "/%ff%fe",
    ],
)
def test_traversal_is_refused(server: DevServer, target: str) -> None:
    answer = get(server.port, target)
    assert answer.status in (403, 404)
    assert b"title: Portfolio" not in answer.body


def test_unreadable_names_are_not_found(server: DevServer, site: FakeSite) -> None:
    assert get(server.port, "/" + "a" * 5000 + "/").status == 404
    (site.output / "loop").symlink_to(site.output / "loop")
    assert get(server.port, "/loop").status in (403, 404)
    assert get(server.port, "/alpha/").status == 200


def test_a_symlink_out_of_the_folder_is_refused(server: DevServer, site: FakeSite) -> None:
    (site.output / "leak.txt").symlink_to(site.config)
    (site.output / "up").symlink_to(site.root)
    assert get(server.port, "/leak.txt").status == 403
    assert get(server.port, "/up/portfolio.yaml").status == 403


def test_a_symlink_inside_the_folder_is_served(server: DevServer, site: FakeSite) -> None:
    (site.output / "same.css").symlink_to(site.output / "style.css")
    assert get(server.port, "/same.css").body == (site.output / "style.css").read_bytes()


def test_absolute_form_targets_are_refused(server: DevServer) -> None:
    assert get(server.port, "http://example.org/alpha/").status == 403


def test_event_stream_greets_with_the_build_generation(server: DevServer) -> None:
    stream = EventStream(server.port, "/__livereload")
    try:
        assert stream.status_line.split()[1] == "200"
        assert stream.headers["content-type"] == "text/event-stream"
        name, data = stream.next()
        assert (name, data) == ("hello", {"generation": 1})
    finally:
        stream.close()


def test_sub_path_site_is_served_under_its_prefix(sub_server: DevServer) -> None:
    assert sub_server.url.endswith("/repo/")
    root = get(sub_server.port, "/")
    assert (root.status, root.headers["location"]) == (302, "/repo/")
    bare = get(sub_server.port, "/repo")
    assert (bare.status, bare.headers["location"]) == (302, "/repo/")
    assert "alpha" in get(sub_server.port, "/repo/").text
    assert "First page" in get(sub_server.port, "/repo/alpha/").text
    assert get(sub_server.port, "/alpha/").status == 404
    page = get(sub_server.port, "/repo/alpha/").text
    assert 'src="/repo/__livereload.js"' in page
    assert 'data-events="/repo/__livereload?session=' in page
    assert get(sub_server.port, "/repo/__livereload.js").status == 200


def test_sub_path_event_stream(sub_server: DevServer) -> None:
    stream = EventStream(sub_server.port, "/repo/__livereload")
    try:
        assert stream.next()[0] == "hello"
    finally:
        stream.close()


def test_page_without_body_tag_still_gets_the_script(server: DevServer, site: FakeSite) -> None:
    (site.output / "bare.html").write_text("<p>bare</p>")
    answer = get(server.port, "/bare.html")
    assert answer.text.startswith("<p>bare</p>")
    assert MARKER in answer.text


def test_unsupported_method_is_refused(server: DevServer) -> None:
    assert get(server.port, "/alpha/", "POST").status == 501


def test_port_in_use_is_a_readable_error(site: FakeSite, server: DevServer) -> None:
    again = DevServer(site.output, site.rebuild, plan_for(site), port=server.port, echo=[].append)
    with pytest.raises(ServeError, match=re.escape(f"cannot listen on 127.0.0.1:{server.port}")):
        again.start()
    again.stop()


def test_output_folder_missing_at_start_is_served_after_the_build(tmp_path: Path) -> None:
    site = FakeSite(tmp_path / "fresh").create({"one": "Only page"})
    with DevServer(site.output, site.rebuild, plan_for(site), echo=lambda _: None) as dev:
        assert "Only page" in get(dev.port, "/one/").text


def test_closed_tabs_are_forgotten(site: FakeSite) -> None:
    dev = DevServer(site.output, site.rebuild, plan_for(site), echo=[].append, keepalive=0.05)
    with dev:
        stream = EventStream(dev.port, "/__livereload")
        assert stream.next()[0] == "hello"
        assert stream.line() == ": keep-alive\n"
        assert dev.hub.listeners == 1
        stream.close()
        wait_until(lambda: dev.hub.listeners == 0)


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_ipv6_loopback(site: FakeSite) -> None:
    with DevServer(site.output, site.rebuild, plan_for(site), bind="::1", echo=[].append) as dev:
        assert dev.url == f"http://[::1]:{dev.port}/"
        conn = http.client.HTTPConnection("::1", dev.port, timeout=5)
        try:
            conn.request("GET", "/alpha/")
            answer = conn.getresponse()
            assert (answer.status, b"First page" in answer.read()) == (200, True)
        finally:
            conn.close()
