"""The committed demo badges are exactly what the demo script makes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from golden.tree import REPO


def test_demo_script_reproduces_the_committed_badges(tmp_path: Path) -> None:
    script = REPO / "scripts" / "make_demo_badges.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    committed = REPO / "content" / "badges"
    made = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert made == {p.name: p.read_bytes() for p in committed.iterdir() if p.name in made}
    assert sorted(made) == sorted(p.name for p in committed.iterdir())
