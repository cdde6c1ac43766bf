"""Run a command as a child process and measure its wall time and peak memory.

``os.wait4`` gives the resource usage of that one child, so each figure is its own
process's high-water mark (``ru_maxrss``), never the largest of earlier runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
TOOL = str(BIN / "portfolio-builder")


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    stdout: str


class RunFailed(Exception):
    """The child exited non-zero or ran past its time limit."""


def run_child(argv: list[str], timeout: float = 3600.0) -> Run:
    """Run ``argv`` to completion; fail if it exits non-zero or outlives ``timeout``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if child.returncode != 0:
        raise RunFailed(f"{argv[:2]} exited {child.returncode}: {stderr.strip()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, stdout)


def build(site: Path, out: Path, now: str) -> Run:
    """One whole ``portfolio-builder build`` process, offline, with a fixed clock."""
    argv = [TOOL, "build", "-C", str(site), "-o", str(out), "--offline", "--now", now]
    return run_child(argv)
