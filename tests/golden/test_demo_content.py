"""The committed demo badges and issuer snapshot are exactly what the demo script makes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from golden.tree import REPO


def test_demo_script_reproduces_the_committed_badges(tmp_path: Path) -> None:
    script = REPO / "scripts" / "make_demo_badges.py"
    badges, snapshot = tmp_path / "badges", tmp_path / "issuer-snapshot.json"
    command = [sys.executable, str(script), str(badges), str(snapshot)]
    subprocess.run(command, check=True, capture_output=True)
    assert snapshot.read_bytes() == (REPO / "issuer-snapshot.json").read_bytes()
    committed = REPO / "content" / "badges"
    made = {p.name: p.read_bytes() for p in badges.iterdir()}
    assert made == {p.name: p.read_bytes() for p in committed.iterdir() if p.name in made}
    assert sorted(made) == sorted(p.name for p in committed.iterdir())
