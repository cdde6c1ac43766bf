"""Random and mutated files fed to ``read_badge``: only diagnostics, never an exception."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from portfolio_builder.bake import bake_png, bake_png_chunk, bake_svg
from portfolio_builder.diagnostics import CODES
from portfolio_builder.discover import file_format
from portfolio_builder.model import SourceFile
from portfolio_builder.reading import ReadResult, read_badge
from tests.helpers import SVG, dumps, ob2, ob3, png, sign

BASE_PNG = png()
PNG_OB2 = bake_png(BASE_PNG, dumps(ob2()))
PNG_JWT = bake_png(png(), sign(ob3()), keyword="openbadgecredential", position="after_ihdr")
PNG_TEXT = bake_png_chunk(png(), b"tEXt", b"openbadges\x00https://issuer.example/a/1")
SVG_JSON = bake_svg(SVG, dumps(ob2())).encode()
SVG_JWT = bake_svg(SVG, sign(ob3()), element="credential").encode()
JSON_OB3 = dumps(ob3()).encode()
JWS_OB2 = sign(ob2()).encode()
SEEDS = {
    "png": [PNG_OB2, PNG_JWT, PNG_TEXT],
    "svg": [SVG_JSON, SVG_JWT],
    "json": [JSON_OB3, dumps(ob2()).encode()],
    "jwt": [JWS_OB2, sign(ob3()).encode()],
}


def _read(name: str, data: bytes) -> ReadResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        fmt = file_format(path)
        assert fmt is not None
        return read_badge(SourceFile(path, name, fmt))


def _only_diagnostics(result: ReadResult) -> None:
    for note in result.diagnostics:
        assert note.code in CODES
        assert note.code != "E-INTERNAL", note.message
        assert note.path == result.source.display
    if result.badge is None:
        assert any(d.severity == "error" for d in result.diagnostics)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[pos] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[pos:]
        elif action == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[pos : pos + draw(st.integers(1, 64))]
    return bytes(data)


def _mutations(kind: str) -> st.SearchStrategy[bytes]:
    return st.sampled_from(SEEDS[kind]).flatmap(mutated)


@given(st.sampled_from(["png", "svg", "json", "jwt"]), st.binary(max_size=2048))
def test_random_bytes(kind: str, data: bytes) -> None:
    _only_diagnostics(_read(f"random.{kind}", data))


@given(_mutations("png"))
def test_mutated_png(data: bytes) -> None:
    _only_diagnostics(_read("m.png", data))


@given(_mutations("svg"))
def test_mutated_svg(data: bytes) -> None:
    _only_diagnostics(_read("m.svg", data))


@given(_mutations("json"))
def test_mutated_json(data: bytes) -> None:
    _only_diagnostics(_read("m.json", data))


@given(_mutations("jwt"))
def test_mutated_jws(data: bytes) -> None:
    _only_diagnostics(_read("m.jws", data))


KEYS = [
    "@context",
    "type",
    "id",
    "recipient",
    "badge",
    "issuer",
    "verify",
    "verification",
    "issuedOn",
    "expires",
    "evidence",
    "uid",
    "salt",
    "credentialSubject",
    "validFrom",
    "validUntil",
    "issuanceDate",
    "vc",
    "name",
    "image",
    "alignment",
    "endorsement",
]


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", " ", "x", "2024-01-01T00:00:00+01:00", "1733097600", "sha256$ab"])
    | st.text(max_size=8)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=8,
)


@given(st.sampled_from([ob2(), ob3()]), st.dictionaries(st.sampled_from(KEYS), JSON_VALUES))
def test_badge_shaped_json_with_odd_values(base: dict[str, Any], changes: dict[str, Any]) -> None:
    document = {**base, **changes}
    _only_diagnostics(_read("odd.json", json.dumps(document).encode()))
