"""Serve a folder over HTTP on 127.0.0.1, optionally under a sub-path such as ``/repo/``.

It behaves like GitHub Pages for a project site: ``http://127.0.0.1:PORT/repo/x`` maps to
``<folder>/x``, a folder answers with its ``index.html``, a folder asked for without its
trailing slash is redirected to it, a missing path inside the prefix answers 404 with the
site's own ``404.html`` (when it has one) and anything outside the prefix is a bare 404.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class ServedSite:
    """A running server: ``base_url`` always ends with ``/``."""

    root: Path
    origin: str
    prefix: str

    @property
    def base_url(self) -> str:
        return self.origin + self.prefix


def _normalise_prefix(prefix: str) -> str:
    stripped = prefix.strip("/")
    return f"/{stripped}/" if stripped else "/"


class _PrefixHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def __init__(self, *args: Any, prefix: str, directory: str, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, directory=directory, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _inside_prefix(self) -> bool:
        path = unquote(urlsplit(self.path).path)
        return path.startswith(self.prefix) or path == self.prefix.rstrip("/")

    def translate_path(self, path: str) -> str:
        parts = urlsplit(path)
        local = "/" + parts.path[len(self.prefix) :]
        return super().translate_path(local)

    def send_head(self) -> Any:
        if not self._inside_prefix():
            self.send_error(HTTPStatus.NOT_FOUND, "outside the site's prefix")
            return None
        if urlsplit(self.path).path == self.prefix.rstrip("/"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not Path(self.translate_path(self.path)).exists():
            return self._site_404()
        return super().send_head()

    def list_directory(self, path: Any) -> Any:
        """A folder without ``index.html`` is missing, as on GitHub Pages."""
        return self._site_404()

    def _site_404(self) -> Any:
        page = Path(self.directory) / "404.html"
        if not page.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "no such file")
            return None
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _BytesFile(body)


class _BytesFile:
    """The minimal file object ``SimpleHTTPRequestHandler`` copies from."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def read(self, size: int = -1) -> bytes:
        body, self._body = self._body, b""
        return body

    def close(self) -> None:
        self._body = b""


@contextmanager
def serve_folder(root: Path, prefix: str = "/") -> Iterator[ServedSite]:
    """Serve ``root`` on an ephemeral loopback port until the block ends."""
    clean = _normalise_prefix(prefix)
    handler = partial(_PrefixHandler, prefix=clean, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="site-server", daemon=True
    )
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield ServedSite(root=root, origin=f"http://{host!s}:{port}", prefix=clean)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
