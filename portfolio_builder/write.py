"""The only module that writes the site to disk.

The output folder holds a manifest of the files the build owns. A non-empty
folder without one is refused, so a mistaken ``-o ~`` deletes nothing. Writes
are atomic (temporary file, then rename) and skipped when the bytes are the
same; a file the build did not write is never overwritten; files the previous
build wrote and this one did not are pruned; two outputs for one path is an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from portfolio_builder.diagnostics import Diagnostic, warning
from portfolio_builder.render import Output, RenderedFile

MANIFEST = ".portfolio-builder-manifest.json"


class OutputError(Exception):
    """The output folder cannot be used; nothing was written or deleted."""


@dataclass(slots=True)
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(out: Path) -> dict[str, str]:
    """The files a previous build owns; ``OutputError`` for a foreign, non-empty folder."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder")
    if not out.exists() or not any(out.iterdir()):
        return {}
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
        if data.get("tool") != "portfolio-builder" or not isinstance(files, dict):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        raise OutputError(
            f"{out} is not empty and was not made by portfolio-builder; "
            "refusing to write there (choose an empty or new folder with -o)"
        ) from None
    return {str(k): str(v) for k, v in files.items()}


def _safe_target(out: Path, rel: str) -> Path:
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or rel == MANIFEST:
        raise OutputError(f"refusing to write outside the output folder: {rel!r}")
    return out.joinpath(*pure.parts)


def atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _write_one(out: Path, item: Output, old: dict[str, str], report: WriteReport) -> str | None:
    target = _safe_target(out, item.path)
    if target.exists() and item.path not in old:
        report.diagnostics.append(
            warning(
                "W-OUTPUT-FOREIGN",
                "a file the build did not make is in the way; kept it",
                str(target),
            )
        )
        return None
    if isinstance(item, RenderedFile):
        data = item.data
    elif target.is_file() and old.get(item.path) == f"asset:{item.key}":
        report.unchanged.append(item.path)
        return old[item.path]
    else:
        data = item.make()
    digest = _sha(data) if isinstance(item, RenderedFile) else f"asset:{item.key}"
    same = old.get(item.path) == digest and target.is_file()
    if same and target.stat().st_size == len(data) and target.read_bytes() == data:
        report.unchanged.append(item.path)
    else:
        atomic_write(target, data)
        report.written.append(item.path)
    return digest


def _prune(out: Path, stale: list[str], report: WriteReport) -> None:
    for rel in stale:
        target = _safe_target(out, rel)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
            report.pruned.append(rel)
        parent = target.parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def write_site(out: Path, outputs: list[Output]) -> WriteReport:
    """Write every output; prune what the previous build owned and this one did not."""
    old = read_manifest(out)
    seen = [o.path for o in outputs]
    if len(set(seen)) != len(seen):
        twice = sorted({p for p in seen if seen.count(p) > 1})
        raise OutputError(f"two outputs for the same path: {', '.join(twice[:5])}")
    out.mkdir(parents=True, exist_ok=True)
    report = WriteReport()
    owned: dict[str, str] = {}
    for item in outputs:
        digest = _write_one(out, item, old, report)
        if digest is not None:
            owned[item.path] = digest
    _prune(out, sorted(set(old) - set(owned)), report)
    manifest = {"tool": "portfolio-builder", "files": dict(sorted(owned.items()))}
    atomic_write(out / MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode())
    return report
