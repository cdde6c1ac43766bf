"""The HTTP side of the dev server: static files, injected reload script, event stream."""

from __future__ import annotations

import html
import json
import queue
import socket
import socketserver
import sys
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from portfolio_builder.serve.inject import (
    CLIENT_SCRIPT,
    EVENTS_NAME,
    OVERLAY_STYLE,
    SCRIPT_NAME,
    STYLE_NAME,
    error_overlay,
    inject,
    reload_script,
)
from portfolio_builder.serve.preview import Gone, Preview, Shown
from portfolio_builder.serve.reload import ReloadEvent, ReloadHub
from portfolio_builder.serve.resolve import (
    Kind,
    Resolution,
    content_type,
    is_html,
    page_key,
    resolve,
    site_file,
)

KEEPALIVE_SECONDS = 15.0
NOT_FOUND_PAGE = (
    b"<!doctype html><html><head><meta charset=utf-8><title>Not found</title></head>"
    b"<body><h1>Not found</h1><p>Nothing has been built at <code>{path}</code>.</p></body></html>"
)


@dataclass(frozen=True, slots=True)
class Site:
    """What is served: ``root`` (absolute, symlinks resolved) mounted at ``prefix``."""

    root: Path
    prefix: str

    @property
    def events_path(self) -> str:
        return self.prefix + EVENTS_NAME

    @property
    def own_files(self) -> dict[str, tuple[bytes, str]]:
        """The server's own files, by request path: the reload client and overlay styles."""
        return {
            self.prefix + SCRIPT_NAME: (CLIENT_SCRIPT, "text/javascript; charset=utf-8"),
            self.prefix + STYLE_NAME: (OVERLAY_STYLE, "text/css; charset=utf-8"),
        }


class DevHTTPServer(ThreadingHTTPServer):
    """A threaded server holding the site, the reload hub and a line printer."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        site: Site,
        hub: ReloadHub,
        echo: Callable[[str], None],
        log_requests: bool = False,
        keepalive: float = KEEPALIVE_SECONDS,
        preview: Preview | None = None,
    ) -> None:
        self.site = site
        self.preview = preview
        self.log_requests = log_requests
        self.hub = hub
        self.echo = echo
        self.keepalive = keepalive
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, DevRequestHandler)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A tab closing mid-response is normal; anything else is one line, no traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            return
        self.echo(f"serve: error answering {client_address[0]}: {exc!r}")


class DevRequestHandler(BaseHTTPRequestHandler):
    server: DevHTTPServer
    server_version = "portfolio-builder-serve"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Silenced: the terminal is kept for build messages (see ``log_request``)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.server.log_requests:
            self.server.echo(f"{self.command} {self.path} {int(code)}")

    def _answer(self, send_body: bool) -> None:
        site = self.server.site
        path = self.path.partition("?")[0]
        if path == site.events_path and send_body:
            self._stream_events()
            return
        if path in site.own_files:
            self._send(HTTPStatus.OK, *site.own_files[path], send_body)
            return
        if self._send_previewed(send_body):
            return
        found = resolve(site.root, site.prefix, self.path)
        if found.kind is Kind.REDIRECT and found.location is not None:
            self._send(HTTPStatus.FOUND, b"", "text/plain", send_body, found.location)
        elif found.kind is Kind.FORBIDDEN:
            self._send(HTTPStatus.FORBIDDEN, b"403 Forbidden\n", "text/plain", send_body)
        elif found.kind is Kind.FILE and found.file is not None:
            self._send_file(found, send_body)
        else:
            self._send_not_found(found.site_path, send_body)

    def _send_file(self, found: Resolution, send_body: bool) -> None:
        assert found.file is not None
        try:
            body = found.file.read_bytes()
        except OSError:
            self._send_not_found(found.site_path, send_body)
            return
        if is_html(found.file):
            body = self._decorate(body, found.site_path)
        self._send(HTTPStatus.OK, body, content_type(found.file), send_body)

    def _send_previewed(self, send_body: bool) -> bool:
        """Answer from the preview of a rebuild not yet written, when it holds the path."""
        preview, site = self.server.preview, self.server.site
        rel = site_file(site.prefix, self.path) if preview is not None else None
        held: Shown | Gone | None = preview.find(rel) if preview and rel else None
        if rel is None or held is None:
            return False
        if isinstance(held, Gone):
            self._send_not_found(rel, send_body)
            return True
        try:
            body = held if isinstance(held, bytes) else held.read_bytes()
        except OSError:
            return False
        if is_html(Path(rel)):
            body = self._decorate(body, rel)
        self._send(HTTPStatus.OK, body, content_type(Path(rel)), send_body)
        return True

    def _send_not_found(self, site_path: str, send_body: bool) -> None:
        site = self.server.site
        page = resolve(site.root, "/", "/404.html")
        try:
            body = page.file.read_bytes() if page.file is not None else None
        except OSError:
            body = None
        if body is None:
            body = NOT_FOUND_PAGE.replace(b"{path}", html.escape("/" + site_path).encode())
        body = self._decorate(body, site_path)
        self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8", send_body)

    def _decorate(self, body: bytes, site_path: str) -> bytes:
        hub, site = self.server.hub, self.server.site
        state = hub.state
        resume = f"{site.events_path}?session={hub.session}&since={state.generation}"
        snippet = reload_script(site.prefix + SCRIPT_NAME, resume, page_key(site_path))
        if state.error is not None:
            snippet = error_overlay(site.prefix + STYLE_NAME, state.error) + snippet
        return inject(body, snippet)

    def _send(
        self, status: HTTPStatus, body: bytes, kind: str, send_body: bool, location: str = ""
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if location:
            self.send_header("Location", location)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _stream_events(self) -> None:
        hub = self.server.hub
        inbox = hub.subscribe(*_resume_point(self.path))
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            hello = json.dumps({"generation": hub.state.generation})
            self._push(f"retry: 1000\nevent: hello\ndata: {hello}\n\n".encode())
            self._relay(inbox)
        except OSError:
            pass  # the tab went away
        finally:
            hub.unsubscribe(inbox)

    def _relay(self, inbox: queue.SimpleQueue[ReloadEvent | None]) -> None:
        while True:
            try:
                event = inbox.get(timeout=self.server.keepalive)
            except queue.Empty:
                self._push(b": keep-alive\n\n")
                continue
            if event is None:
                return
            self._push(event.as_sse())

    def _push(self, chunk: bytes) -> None:
        self.wfile.write(chunk)
        self.wfile.flush()


def _resume_point(target: str) -> tuple[int | None, str | None]:
    """The ``since`` and ``session`` query parameters of an event-stream request."""
    query = parse_qs(urlsplit(target).query)
    since, session = query.get("since", [""])[0], query.get("session", [None])[0]
    return (int(since) if since.isdigit() else None), session
