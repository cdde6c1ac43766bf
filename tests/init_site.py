"""A portfolio made the way a new user makes one: ``init``, then badges dropped in.

The badges are some of the repository's own generated demo badges, with the issuer
snapshot they verify from offline, so the site shows real statuses without a network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO_BADGES = REPO / "content" / "badges"
BADGES = (
    "ob20-data-analysis.png",
    "ob20-data-analysis.yaml",
    "ob20-accessibility.png",
    "ob30-open-source.png",
    "ob30-mentoring.svg",
    "ob30-tampered.png",
)
NOW = "2026-01-01T00:00:00Z"


def portfolio_builder(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a child process, as a user would."""
    command = [sys.executable, "-m", "portfolio_builder", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def make_init_site(site: Path, base_url: str | None = None) -> Path:
    """``init`` a site at ``site``, add badges and the issuer snapshot they need."""
    made = portfolio_builder("init", str(site))
    assert made.returncode == 0, made.stderr
    for name in BADGES:
        shutil.copy2(DEMO_BADGES / name, site / "content" / "badges" / name)
    shutil.copy2(REPO / "issuer-snapshot.json", site / "issuer-snapshot.json")
    settings = "\nissuer_snapshot: issuer-snapshot.json\n"
    if base_url:
        settings += f"base_url: {base_url}\n"
    with (site / "portfolio.yaml").open("a", encoding="utf-8") as config:
        config.write(settings)
    return site


def build_init_site(site: Path, out: Path, base_url: str) -> subprocess.CompletedProcess[str]:
    """Build it offline at a fixed time for ``base_url``."""
    args = ["build", "-C", str(site), "-o", str(out), "--offline", "--now", NOW]
    return portfolio_builder(*args, "--base-url", base_url)
