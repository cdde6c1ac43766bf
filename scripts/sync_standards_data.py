"""Copy the published JSON-LD contexts and JSON schemas from the sample corpus into
``portfolio_builder/data/`` unchanged, and write the package's URL → file indexes.

Usage: python scripts/sync_standards_data.py [CORPUS_DIR]   (default ../shared/corpus)

The READMEs in ``portfolio_builder/data/{contexts,schemas}/`` carry provenance,
sha256 and licenses; update them when a file changes.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "portfolio_builder" / "data"


def packaged_path(kind: str, corpus_relative: str) -> Path:
    """Where a corpus file goes: ``contexts/x`` → ``x``; other files keep their folder."""
    parts = Path(corpus_relative).parts
    return Path(*parts[1:]) if parts[0] == kind else Path(*parts)


def sync(corpus: Path, kind: str) -> int:
    mapping: dict[str, str] = json.loads((corpus / kind / "index.json").read_text())[kind]
    index: dict[str, str] = {}
    for url, relative in sorted(mapping.items()):
        target = packaged_path(kind, relative)
        destination = DATA / kind / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus / relative, destination)
        index[url] = target.as_posix()
    text = json.dumps({kind: index}, indent=2, sort_keys=True) + "\n"
    (DATA / kind / "index.json").write_text(text)
    return len(index)


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpus"
    for kind in ("contexts", "schemas"):
        print(f"{kind}: {sync(corpus, kind)} URLs")


if __name__ == "__main__":
    main()
