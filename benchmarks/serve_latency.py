"""Serve-mode latency of the real command: from a saved sidecar to the changed page.

Starts ``portfolio-builder serve`` on a free 127.0.0.1 port, waits until it says it
is serving, connects a live-reload client, then, run after run, saves one badge's
sidecar note and times (a) the reload event naming that badge's page and (b) the
first GET of the page that shows the new note. The debounce is included. It also
counts the paths each reload names as changed: what a one-badge edit re-renders.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from devclient import fetch, open_stream, wait_for_reload
from processes import TOOL

SERVING = re.compile(r"Serving .* at http://127\.0\.0\.1:(\d+)(/\S*) \(Ctrl-C")
PAUSE = 0.3  # between runs, so that no two saves share a debounce window
SAVE_TIMEOUT = 900.0  # for one save's rebuild, however large the site


@dataclass(frozen=True, slots=True)
class ServeResult:
    startup_s: float
    event_ms: tuple[float, ...]
    page_ms: tuple[float, ...]
    changed: tuple[int, ...]  # how many paths each save's reload named as changed
    peak_mb: float

    @property
    def median_ms(self) -> float:
        return statistics.median(self.page_ms)


def _drain(stream: IO[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def _wait_serving(lines: queue.Queue[str], timeout: float) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if found := SERVING.search(line):
            return int(found.group(1)), found.group(2)
    raise TimeoutError(f"serve did not start within {timeout:.0f} s")


def badge_page(site: Path, number: int) -> str:
    """The site-relative URL path of badge ``number``'s page, found in the output."""
    [folder] = (site / "output" / "badges").glob(f"bench-skill-{number:05d}-*")
    return f"badges/{folder.name}/"


@dataclass(frozen=True, slots=True)
class Session:
    """A running server over ``site`` and a live-reload client connected to it."""

    site: Path
    count: int
    port: int
    prefix: str
    reader: IO[bytes]

    def save(self, run: int) -> tuple[float, float, int]:
        """Save one sidecar: ms to the reload event, ms to the page served, paths changed."""
        number = (run * 37 + 3) % self.count
        page = badge_page(self.site, number)
        marker = f"Serve benchmark note {run} {time.time_ns()}"
        began = time.perf_counter()
        sidecar = self.site / "content" / "badges" / f"b{number:05d}.yaml"
        sidecar.write_text(f"note: {marker}\n", encoding="utf-8")
        changed = wait_for_reload(self.reader, page, SAVE_TIMEOUT)
        event = time.perf_counter()
        deadline = time.monotonic() + 30
        while marker not in fetch(self.port, self.prefix + page):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{page} never showed the new note")
            time.sleep(0.002)
        return (event - began) * 1000, (time.perf_counter() - began) * 1000, len(changed)


def _stop(child: subprocess.Popen[str]) -> float:
    """Ctrl-C the server and return its peak memory in MB."""
    child.send_signal(signal.SIGINT)
    timer = threading.Timer(60, child.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024


def measure_serve(site: Path, count: int, runs: int, start_timeout: float = 1800.0) -> ServeResult:
    """Start the server over ``site`` (``count`` badges) and time ``runs`` saves."""
    argv = [TOOL, "serve", "-C", str(site), "--port", "0", "--offline"]
    began = time.perf_counter()
    child = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    assert child.stderr is not None
    drain = threading.Thread(target=_drain, args=(child.stderr, lines), daemon=True)
    drain.start()
    timings: list[tuple[float, float, int]] = []
    try:
        port, prefix = _wait_serving(lines, start_timeout)
        startup = time.perf_counter() - began
        sock, reader = open_stream(port, prefix + "__livereload", SAVE_TIMEOUT)
        session = Session(site, count, port, prefix, reader)
        with sock, reader:
            for run in range(max(runs, 1)):
                timings.append(session.save(run))
                time.sleep(PAUSE)
    finally:
        peak = _stop(child)
        drain.join(timeout=10)
        child.stderr.close()
    events, pages = (tuple(t[i] for t in timings) for i in (0, 1))
    return ServeResult(startup, events, pages, tuple(t[2] for t in timings), peak)
