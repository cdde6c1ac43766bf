"""A tiny fake site and its rebuild function, plus HTTP and event-stream clients."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from portfolio_builder.serve import RebuildOutcome, WatchPlan


def wait_until(predicate: Callable[[], object], timeout: float = 5.0) -> object:
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.01)
    raise AssertionError(f"condition not met within {timeout} s")


@dataclass
class FakeSite:
    """``content/*.txt`` become ``output/<stem>/index.html`` through ``theme/page.html``.

    A source containing ``BROKEN`` makes the build fail without writing anything,
    as the real pipeline does; one containing ``CRASH`` makes it raise.
    """

    root: Path
    calls: list[frozenset[Path]] = field(default_factory=list)
    cost: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def theme(self) -> Path:
        return self.root / "theme"

    @property
    def config(self) -> Path:
        return self.root / "portfolio.yaml"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def create(self, pages: dict[str, str]) -> FakeSite:
        self.content.mkdir(parents=True)
        self.theme.mkdir()
        (self.theme / "page.html").write_text(
            "<!doctype html><html><head><title>{title}</title>"
            '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
            "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'\">"
            "</head>"
            "<body><main>{body}</main></body></html>\n"
        )
        self.config.write_text("title: Portfolio\n")
        for name, text in pages.items():
            (self.content / f"{name}.txt").write_text(text)
        return self

    def rebuild(self, paths: frozenset[Path]) -> RebuildOutcome:
        with self.lock:
            self.calls.append(paths)
        if self.cost:
            time.sleep(self.cost)
        sources = {p.stem: p.read_text() for p in sorted(self.content.glob("*.txt"))}
        for name, text in sources.items():
            if "CRASH" in text:
                raise RuntimeError(f"content/{name}.txt made the renderer crash")
            if "BROKEN" in text:
                return RebuildOutcome(False, f"content/{name}.txt: unexpected <tag> & more")
        return RebuildOutcome(True, None, self._write(self._render(sources)))

    def _render(self, sources: dict[str, str]) -> dict[str, bytes]:
        template = (self.theme / "page.html").read_text()
        title = self.config.read_text().split(":", 1)[1].strip()
        files = {
            f"{name}/index.html": template.format(title=title, body=text).encode()
            for name, text in sources.items()
        }
        links = "".join(f'<a href="{name}/">{name}</a>' for name in sources)
        files["index.html"] = template.format(title=title, body=links).encode()
        files["404.html"] = template.format(title=title, body="Nothing here").encode()
        files["style.css"] = b"main { color: #333 }\n"
        return files

    def _write(self, files: dict[str, bytes]) -> tuple[str, ...]:
        changed = []
        for rel, data in files.items():
            target = self.output / rel
            if not target.is_file() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                changed.append(rel)
        for page in self.output.glob("*/index.html"):
            if f"{page.parent.name}/index.html" not in files:
                page.unlink()
                page.parent.rmdir()
                changed.append(f"{page.parent.name}/")
        return tuple(changed)

    def call_count(self) -> int:
        with self.lock:
            return len(self.calls)


def plan_for(site: FakeSite) -> WatchPlan:
    return WatchPlan.of(
        [site.content, site.theme, site.config],
        full_rebuild=[site.theme, site.config],
        ignore=[site.root / ".portfolio-cache"],
    )


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def get(port: int, target: str, method: str = "GET") -> Response:
    """One raw request: the target is sent exactly as given (no normalisation)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        conn.endheaders()
        answer = conn.getresponse()
        body = answer.read()
        headers = {k.lower(): v for k, v in answer.getheaders()}
        return Response(answer.status, headers, body)
    finally:
        conn.close()


class EventStream:
    """A Server-Sent Events client reading one event at a time."""

    def __init__(self, port: int, path: str) -> None:
        self._sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self._sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        self._file = self._sock.makefile("rb")
        self.status_line = self._file.readline().decode()
        self.headers: dict[str, str] = {}
        while (line := self._file.readline().decode().strip()) != "":
            key, _, value = line.partition(":")
            self.headers[key.lower()] = value.strip()

    def next(self, timeout: float = 5.0) -> tuple[str, dict[str, object]]:
        """The next event's name and JSON data; comments are skipped."""
        self._sock.settimeout(timeout)
        name, data = "message", ""
        while True:
            line = self._file.readline().decode("utf-8")
            if line == "":
                raise AssertionError("the event stream closed")
            line = line.rstrip("\n")
            if line == "" and data:
                return name, json.loads(data)
            if line.startswith("event:"):
                name = line.partition(":")[2].strip()
            elif line.startswith("data:"):
                data += line.partition(":")[2].strip()

    def line(self, timeout: float = 5.0) -> str:
        """The next raw line of the stream, comments included."""
        self._sock.settimeout(timeout)
        return self._file.readline().decode("utf-8")

    def close(self) -> None:
        self._file.close()
        self._sock.close()
