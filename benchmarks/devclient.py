"""A small client for the dev server: its live-reload event stream and page fetches."""

from __future__ import annotations

import http.client
import json
import socket
import time
from typing import Any, BinaryIO


def open_stream(
    port: int, path: str = "/__livereload", timeout: float = 10.0
) -> tuple[socket.socket, BinaryIO]:
    """Connect to the Server-Sent Events endpoint and read past its headers.

    ``timeout`` bounds each read, so it must outlast the longest rebuild.
    """
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    reader = sock.makefile("rb")
    while reader.readline().strip():
        pass
    return sock, reader


def next_event(reader: BinaryIO) -> dict[str, Any]:
    """The JSON data of the next event; comments and keep-alives are skipped."""
    data = ""
    while True:
        raw = reader.readline()
        if not raw:
            raise ConnectionError("the event stream closed")
        line = raw.decode().rstrip("\r\n")
        if line.startswith("data:"):
            data += line[5:].strip()
        elif not line and data:
            parsed: dict[str, Any] = json.loads(data)
            return parsed


def wait_for_reload(reader: BinaryIO, page: str, timeout: float = 60.0) -> list[str]:
    """The changed paths of the first event naming ``page``; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        changed: list[str] = next_event(reader).get("changed", [])
        if page in changed:
            return changed
    raise TimeoutError(f"no reload naming {page} within {timeout:.0f} s")


def fetch(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        return conn.getresponse().read().decode()
    finally:
        conn.close()
