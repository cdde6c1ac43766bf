"""A real HTTP issuer on 127.0.0.1 for verification tests (stdlib, port 0, own thread).

It serves a dict of path (with query string) -> ``Answer``; anything else is 404.
Tests point badges at ``server.url(path)`` directly, or keep real-looking host names
(``example.org``) and send them here with ``HttpFetcher(host_map=server.host_map(...))``.
``hits`` records every path asked for; ``delay`` slows every answer, and
``max_in_flight`` says how many requests were ever being answered at once.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Answer:
    status: int = 200
    content_type: str = "application/json"
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


def json_answer(document: Any, status: int = 200) -> Answer:
    return Answer(status, "application/json", json.dumps(document).encode("utf-8"))


def redirect(location: str, status: int = 302) -> Answer:
    return Answer(status, "text/plain", b"", (("Location", location),))


@dataclass
class IssuerServer:
    routes: dict[str, Answer] = field(default_factory=dict)
    delay: float = 0.0
    hits: list[str] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0

    def __post_init__(self) -> None:
        server = self
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with lock:
                    server.hits.append(self.path)
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    if server.delay:
                        time.sleep(server.delay)
                    self._answer()
                finally:
                    with lock:
                        server.in_flight -= 1

            def _answer(self) -> None:
                answer = server.routes.get(self.path, Answer(404, "text/plain", b"not found"))
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                for name, value in answer.headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(answer.body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, answer: Answer) -> str:
        self.routes[path] = answer
        return self.url(path)

    def add_json(self, path: str, document: Any, status: int = 200) -> str:
        return self.add(path, json_answer(document, status))

    def host_map(self, *hosts: str) -> dict[str, str]:
        return {host: self.base for host in hosts}

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
