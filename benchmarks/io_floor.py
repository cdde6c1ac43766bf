"""The I/O floor: read every input file of a site, then write as many output files.

Run as its own process, like the build, so the ratio of a build to it shows what
the build adds over merely reading its inputs and writing its outputs.
Usage: python benchmarks/io_floor.py SITE OUT FILES BYTES (BYTES in total, spread evenly).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SKIP = {"output", ".portfolio-cache"}
PER_FOLDER = 500


def read_inputs(site: Path) -> bytes:
    """Every file under ``site`` except build products; returns the last file read."""
    data = b""
    for folder, names, files in os.walk(site):
        names[:] = sorted(n for n in names if n not in SKIP)
        for name in sorted(files):
            data = (Path(folder) / name).read_bytes() or data
    return data


def write_outputs(out: Path, files: int, total: int, filler: bytes) -> None:
    size = total // max(files, 1)
    body = (filler * (size // max(len(filler), 1) + 1))[:size]
    for number in range(files):
        folder = out / f"d{number // PER_FOLDER:04d}"
        if number % PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"f{number:06d}.html").write_bytes(body)


def main(site: str, out: str, files: str, total: str) -> None:
    target = Path(out)
    if target.exists():
        shutil.rmtree(target)
    write_outputs(target, int(files), int(total), read_inputs(Path(site)) or b"x")


if __name__ == "__main__":
    main(*sys.argv[1:5])
