"""A misbehaving HTTP issuer on 127.0.0.1: each path is one kind of fault.

``/slow`` answers only after ``pause`` seconds, ``/trickle`` sends its body a byte at a
time, ``/endless`` streams a body that never ends, ``/html`` and ``/png`` answer 200 with
something other than JSON, ``/error`` is a 500, ``/loop`` redirects to itself and
``/to?LOCATION`` redirects to LOCATION. Every handler stops when the client goes away or
the server closes, and none runs for longer than ``LONGEST`` seconds.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

LONGEST = 60.0
HTML = b"<!doctype html><title>Sign in</title><p>Please sign in to see this badge."
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class FaultServer:
    def __init__(self, pause: float = 30.0) -> None:
        self.pause = pause
        self.hits: list[str] = []
        self._stop = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def url(self, path: str) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def close(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits.append(self.path)
                route = self.path.split("?", 1)[0]
                action = ROUTES.get(route)
                if action is None:
                    self._head(404, "text/plain", 0)
                    return
                with contextlib.suppress(OSError):  # the client gave up, as it should
                    action(server, self)

            def _head(self, status: int, content_type: str, length: int | None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                if length is not None:
                    self.send_header("Content-Length", str(length))
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def _until(self, seconds: float) -> bool:
        """Wait; False once the server is closing."""
        return not self._stop.wait(min(seconds, LONGEST))


def _send(handler: Any, status: int, content_type: str, body: bytes) -> None:
    handler._head(status, content_type, len(body))
    handler.wfile.write(body)


def _slow(server: FaultServer, handler: Any) -> None:
    if server._until(server.pause):
        _send(handler, 200, "application/json", b"{}")


def _trickle(server: FaultServer, handler: Any) -> None:
    handler._head(200, "application/json", 100_000)
    started = time.monotonic()
    while time.monotonic() - started < LONGEST and server._until(0.2):
        handler.wfile.write(b" ")
        handler.wfile.flush()


def _endless(server: FaultServer, handler: Any) -> None:
    handler._head(200, "application/json", None)
    chunk = b"[" * 65536
    started = time.monotonic()
    while time.monotonic() - started < LONGEST and not server._stop.is_set():
        handler.wfile.write(chunk)


def _redirect(location: str) -> Callable[[FaultServer, Any], None]:
    def answer(server: FaultServer, handler: Any) -> None:
        handler.send_response(302)
        handler.send_header("Location", location or unquote(handler.path.partition("?")[2]))
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


ROUTES: dict[str, Callable[[FaultServer, Any], None]] = {
    "/slow": _slow,
    "/trickle": _trickle,
    "/endless": _endless,
    "/html": lambda server, h: _send(h, 200, "text/html", HTML),
    "/png": lambda server, h: _send(h, 200, "image/png", PNG),
    "/error": lambda server, h: _send(h, 500, "application/json", b'{"error": "boom"}'),
    "/loop": _redirect("/loop"),
    "/to": _redirect(""),
}
