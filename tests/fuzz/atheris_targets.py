"""Coverage-guided fuzzing with atheris: extraction, normalisation and Markdown rendering.

Run as a script (``make fuzz`` does, for ``FUZZ_SECONDS``); the arguments are libFuzzer's
(``-runs=N``, ``-max_total_time=S``). The first input byte picks the file format, the rest
is the file. A finding is an exception other than the diagnostics ``read_badge`` returns,
an ``E-INTERNAL`` diagnostic, or rendered Markdown that could run script.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from portfolio_builder.markup import render_markdown
    from portfolio_builder.model import FileFormat, SourceFile
    from portfolio_builder.reading import read_badge

sys.path[:0] = [str(Path(__file__).resolve().parents[n]) for n in (1, 2)]
from inert import markup_problems  # noqa: E402

FORMATS = [FileFormat.PNG, FileFormat.SVG, FileFormat.JSON, FileFormat.JWT]
FOLDER = Path(tempfile.mkdtemp(prefix="atheris-"))


def one_input(data: bytes) -> None:
    if not data:
        return
    if data[0] >= 0xF0:  # one input in sixteen goes to Markdown rendering
        html = render_markdown(data[1:].decode("utf-8", "replace"))
        assert markup_problems(html) == [], html
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    path = FOLDER / f"input.{fmt.value}"
    path.write_bytes(data[1:])
    result = read_badge(SourceFile(path, path.name, fmt))
    internal = [d for d in result.diagnostics if d.code == "E-INTERNAL"]
    assert not internal, internal


def _seed_corpus() -> str:
    """A folder of well-formed badges of each format, for the fuzzer to start from."""
    from tests.fuzz.test_fuzz_read import SEEDS

    corpus = Path(tempfile.mkdtemp(prefix="atheris-corpus-"))
    for kind, seeds in SEEDS.items():
        prefix = bytes([FORMATS.index(FileFormat(kind.replace("jws", "jwt")))])
        for number, seed in enumerate(seeds):
            (corpus / f"{kind}-{number}").write_bytes(prefix + seed)
    (corpus / "markdown").write_bytes(b"\xf0**a** [b](https://x.example) <i>c</i>\n\n- d")
    return str(corpus)


def main() -> None:
    options = [a for a in sys.argv[1:] if a.startswith("-")]
    corpora = [a for a in sys.argv[1:] if not a.startswith("-")] or [_seed_corpus()]
    atheris.Setup([sys.argv[0], *options, *corpora], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
