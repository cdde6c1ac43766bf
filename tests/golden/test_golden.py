"""The built demo portfolio matches the stored tree (regenerate with ``make golden``)."""

from __future__ import annotations

import difflib
from pathlib import Path

from golden.tree import GOLDEN, build_demo, text_files


def _stored() -> dict[str, bytes]:
    return {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()
    }


def test_demo_build_matches_the_golden_tree(tmp_path: Path) -> None:
    built = text_files(build_demo(tmp_path / "out"))
    stored = _stored()
    assert sorted(built) == sorted(stored), "files differ: run `make golden` and review the diff"
    for rel, data in built.items():
        if data != stored[rel]:
            diff = difflib.unified_diff(
                stored[rel].decode(errors="replace").splitlines(),
                data.decode(errors="replace").splitlines(),
                f"golden/{rel}",
                f"built/{rel}",
                lineterm="",
            )
            raise AssertionError("\n".join(list(diff)[:60]))
