"""A synthetic portfolio site of N baked badges, generated once and cached.

Even-numbered badges are OB 2.0 hosted assertions whose issuer answers are in the
site's issuer snapshot; odd-numbered ones are OB 3.0 VC-JWTs signed with a did:key.
Both verify offline and do real work (fetch-and-compare, an EdDSA signature). The
issuers, keys and signing come from the demo's generator in ``scripts/``. A site is
reused while its stamp matches; ``reset`` undoes what a benchmark run changed.
"""

from __future__ import annotations

import json
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from badge_images import badge_png

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import make_demo_badges as demo  # noqa: E402
from demo_ob3 import ob3_jwt  # noqa: E402

from portfolio_builder.bake import bake_png  # noqa: E402

GENERATOR_VERSION = 1
STAMP = ".bench-site.json"
BASE_URL = "https://bench.example/portfolio/"
CHANGED_BADGE = 1  # an OB 3.0 badge: rewriting it changes what its page shows
CONFIG = f"""title: Benchmark portfolio
owner:
  name: Bench Learner
base_url: {BASE_URL}
issuer_snapshot: issuer-snapshot.json
"""


def badge_name(number: int) -> str:
    return f"Bench skill {number:05d}"


def badge_file(site: Path, number: int) -> Path:
    return site / "content" / "badges" / f"b{number:05d}.png"


def _description(number: int, revision: int) -> str:
    text = f"Practised skill {number} in a **graded** project and wrote it up."
    return text if revision == 0 else f"{text} Revised ({revision})."


def hosted_assertion(number: int) -> dict[str, Any]:
    slug = f"skill-{number:05d}"
    badge = demo.ob2_badge_class(slug, badge_name(number), _description(number, 0), tags=["bench"])
    return {
        "@context": demo.OB2,
        "type": "Assertion",
        "id": f"{demo.ACADEMY}/assertions/bench-{number:05d}",
        "recipient": demo.RECIPIENT,
        "badge": badge,
        "verification": {"type": "HostedBadge"},
        "issuedOn": "2024-03-05T10:00:00Z",
    }


def payload(number: int, revision: int = 0) -> str:
    """The baked payload of badge ``number``; another ``revision`` changes its text."""
    if number % 2 == 0:
        return json.dumps(hosted_assertion(number))
    description = _description(number, revision)
    return ob3_jwt(f"skill-{number:05d}", badge_name(number), description, tags=["bench"])


def write_badge(site: Path, number: int, revision: int = 0) -> Path:
    path = badge_file(site, number)
    image = badge_png(number, f"{number:05d}")
    path.write_bytes(bake_png(image, payload(number, revision)))
    return path


def snapshot(count: int) -> dict[str, Any]:
    """The issuer answers every hosted badge of the site needs."""
    answers = {
        demo.ISSUER: demo.answer(demo.issuer_profile()),
        demo.KEY_URL: demo.answer(demo.signing_key_document()),
        demo.REVOCATIONS: demo.answer(demo.revocation_list()),
    }
    for number in range(0, count, 2):
        data = hosted_assertion(number)
        answers[data["id"]] = demo.answer(data)
    return {"recorded": demo.RECORDED, "answers": dict(sorted(answers.items()))}


def _write_badges(site: Path, count: int) -> None:
    numbers = range(count)
    if count < 50:
        for number in numbers:
            write_badge(site, number)
        return
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(write_badge, [site] * count, numbers, chunksize=64))


def generate(site: Path, count: int) -> None:
    if site.exists():
        shutil.rmtree(site)
    (site / "content" / "badges").mkdir(parents=True)
    (site / "portfolio.yaml").write_text(CONFIG, encoding="utf-8")
    text = json.dumps(snapshot(count), indent=1) + "\n"
    (site / "issuer-snapshot.json").write_text(text, encoding="utf-8")
    _write_badges(site, count)
    stamp = {"generator": GENERATOR_VERSION, "count": count}
    (site / STAMP).write_text(json.dumps(stamp), encoding="utf-8")


def reset(site: Path) -> None:
    """Undo a benchmark's edits: the changed badge rewritten, sidecars removed."""
    write_badge(site, CHANGED_BADGE)
    for sidecar in (site / "content" / "badges").glob("*.yaml"):
        sidecar.unlink()


def ensure_site(root: Path, count: int) -> Path:
    """The site of ``count`` badges under ``root``, generated unless cached."""
    site = root / f"site-{count}"
    stamp = site / STAMP
    wanted = {"generator": GENERATOR_VERSION, "count": count}
    if not stamp.is_file() or json.loads(stamp.read_text(encoding="utf-8")) != wanted:
        print(f"generating {count} badges in {site} ...", flush=True)
        generate(site, count)
    reset(site)
    return site
