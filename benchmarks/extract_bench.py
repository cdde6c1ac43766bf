"""Extraction cost per badge against merely reading the same files.

Generates 1,000 baked badges (400x400 noisy PNGs holding OB 2.0 JSON or an
OB 3.0 VC-JWT, and some SVGs), then times, in the same run, reading every file's
bytes, extraction (unbaking and payload decoding) and ``read_badge`` (with normalisation)
on every file. Exits 1 when extraction costs more than
twice the read.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from PIL import Image

from portfolio_builder.bake import bake_png, bake_svg
from portfolio_builder.diagnostics import Diagnostic
from portfolio_builder.discover import discover
from portfolio_builder.extract import extract
from portfolio_builder.model import SourceFile
from portfolio_builder.reading import DEFAULT_MAX_BYTES, read_badge, read_bytes

WORK = Path(__file__).parent / ".work" / "extract"
LIMIT = 2.0
BASE_IMAGES = 16


def artwork(seed: int) -> bytes:
    """A 400x400 badge-like image with noise, so it compresses like a real photo-ish badge."""
    gradient = Image.radial_gradient("L").resize((400, 400))
    colour = Image.merge("RGB", (gradient, gradient.rotate(90 * (seed % 4)), gradient.rotate(45)))
    noise = Image.effect_noise((400, 400), 16 + seed).convert("RGB")
    out = io.BytesIO()
    Image.blend(colour, noise, 0.25).save(out, "PNG")
    return out.getvalue()


def svg_artwork(rnd: random.Random) -> str:
    shapes = "".join(
        f'<circle cx="{rnd.randint(0, 400)}" cy="{rnd.randint(0, 400)}" r="{rnd.randint(2, 40)}" '
        f'fill="#{rnd.randrange(16**6):06x}"/>'
        for _ in range(300)
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">{shapes}</svg>'


def ob2_assertion(n: int) -> str:
    return json.dumps(
        {
            "@context": "https://w3id.org/openbadges/v2",
            "type": "Assertion",
            "id": f"https://issuer.example/assertions/{n}",
            "recipient": {"type": "email", "hashed": True, "salt": "s", "identity": "sha256$00"},
            "badge": {
                "type": "BadgeClass",
                "id": f"https://issuer.example/badges/{n % 50}",
                "name": f"Badge {n}",
                "description": "Awarded for benchmark purposes.",
                "image": "https://issuer.example/badge.png",
                "criteria": {"narrative": "Do the thing."},
                "issuer": {"type": "Issuer", "id": "https://issuer.example/i", "name": "Issuer"},
            },
            "verification": {"type": "hosted"},
            "issuedOn": "2024-12-02T00:00:00+01:00",
        },
        indent=2,
    )


def ob3_jwt(n: int, key: rsa.RSAPrivateKey) -> str:
    credential = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"urn:uuid:bench-{n}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://issuer.example/i", "type": ["Profile"], "name": "Issuer"},
        "validFrom": "2024-01-01T00:00:00Z",
        "name": f"Credential {n}",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {"id": f"urn:uuid:a-{n}", "type": ["Achievement"], "name": f"A {n}"},
        },
    }
    return jwt.encode(credential, key, algorithm="RS256")


def generate(folder: Path, count: int) -> list[SourceFile]:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rnd = random.Random(7)
    images = [artwork(seed) for seed in range(BASE_IMAGES)]
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    svg = svg_artwork(rnd)
    for n in range(count):
        if n % 10 == 9:
            payload = ob2_assertion(n) if n % 20 == 9 else ob3_jwt(n, key)
            element = "assertion" if n % 20 == 9 else "credential"
            (folder / f"{n:04}.svg").write_text(bake_svg(svg, payload, element), "utf-8")
            continue
        payload = ob3_jwt(n, key) if n % 3 == 0 else ob2_assertion(n)
        keyword = "openbadgecredential" if n % 3 == 0 else "openbadges"
        baked = bake_png(images[n % BASE_IMAGES], payload, keyword, "after_ihdr")
        (folder / f"{n:04}.png").write_bytes(baked)
    return list(discover([str(folder)]).files)


def read_only(files: list[SourceFile]) -> None:
    for source in files:
        with source.path.open("rb") as handle:
            handle.read()


def extract_all(files: list[SourceFile]) -> None:
    for source in files:
        if read_badge(source).badge is None:
            raise SystemExit(f"{source.display}: no badge read")


def unbake_all(files: list[SourceFile]) -> None:
    for source in files:
        data = read_bytes(source, DEFAULT_MAX_BYTES)
        if isinstance(data, Diagnostic) or extract(source, data)[0] is None:
            raise SystemExit(f"{source.display}: no payload found")


def measure(rounds: int, files: list[SourceFile]) -> dict[str, tuple[float, float]]:
    """Best (wall, CPU) seconds of each job, the jobs interleaved round by round."""
    jobs: dict[str, Callable[[list[SourceFile]], None]] = {
        "read": read_only,
        "unbake": unbake_all,
        "extract": extract_all,
    }
    best = {name: (float("inf"), float("inf")) for name in jobs}
    for _ in range(rounds):
        for name, job in jobs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            job(files)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    files = generate(WORK, args.count)
    size = sum(f.path.stat().st_size for f in files)
    read_only(files)  # warm the page cache so both timings read from memory
    best = measure(args.rounds, files)
    (read_wall, read_cpu), (unbake_wall, unbake_cpu) = best["read"], best["unbake"]
    extract_wall, extract_cpu = best["extract"]
    ratio = unbake_wall / read_wall
    per = 1e6 / len(files)
    print(f"extract_bench: {len(files)} badges, {size / len(files) / 1024:.0f} KiB average")
    print("  per badge                        wall us   CPU us")
    print(f"  read only:                     {read_wall * per:8.1f} {read_cpu * per:8.1f}")
    print(f"  extraction (unbake + decode):  {unbake_wall * per:8.1f} {unbake_cpu * per:8.1f}")
    print(f"  read_badge (+ normalisation):  {extract_wall * per:8.1f} {extract_cpu * per:8.1f}")
    print(f"  extraction ratio: {ratio:.2f} wall (limit {LIMIT}), {unbake_cpu / read_cpu:.2f} CPU")
    print(f"  read_badge ratio: {extract_wall / read_wall:.2f} wall (reported, no limit)")
    shutil.rmtree(WORK, ignore_errors=True)
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
