"""Regenerate tests/golden/demo from the demo portfolio (``make golden``).

Text files are stored whole; images are listed by name only in FILES.txt, since
their bytes depend on the Pillow and resvg versions while their names do not.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from golden.tree import GOLDEN, build_demo, text_files  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = build_demo(Path(tmp) / "out")
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        for rel, data in text_files(out).items():
            target = GOLDEN / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    print(f"golden tree written to {GOLDEN.relative_to(REPO)}")


if __name__ == "__main__":
    main()
