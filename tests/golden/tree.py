"""The golden demo build: the demo portfolio built offline under a fixed clock."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from portfolio_builder.cli import cli

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "demo"
NOW = "2026-01-01T00:00:00Z"
BINARY = (".png", ".jpg", ".jpeg", ".portfolio-builder-manifest.json")


def build_demo(out: Path) -> Path:
    args = ["build", "-C", str(REPO), "-o", str(out), "--offline", "--now", NOW, "-q"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    if result.exit_code != 0:
        raise RuntimeError(result.output)
    return out


def text_files(out: Path) -> dict[str, bytes]:
    """Every text file of the build, plus FILES.txt listing every path.

    Images and the manifest (which holds image hashes) are listed, not stored.
    """
    paths = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    files = {rel: (out / rel).read_bytes() for rel in paths if not rel.endswith(BINARY)}
    files["FILES.txt"] = ("\n".join(paths) + "\n").encode()
    return files
