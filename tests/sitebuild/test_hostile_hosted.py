"""Hostile text an issuer serves (the hosted assertion, its badge class and issuer profile,
which replace the baked copy) renders as inert as baked text does."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from inert import markup_problems
from issuer_server import IssuerServer
from xss_badges import PAYLOADS, poison

from portfolio_builder.cli import cli

from sitebuild.kit import NOW, assertion, write_badge, write_config

LINKS = ("id", "badge", "issuer")  # kept, so that each document leads to the next


def _serve(server: IssuerServer, number: int, payload: str) -> dict[str, object]:
    """A hosted assertion whose badge class and issuer are fetched, all three poisoned."""
    base = server.url(f"/{number}")
    issuer = {"type": "Issuer", "id": f"{base}/issuer", "name": "n", "url": "https://x.example/"}
    issuer |= {"email": "i@example.org", "description": "d", "image": "https://x.example/i.png"}
    badge = {"type": "BadgeClass", "id": f"{base}/badge", "name": "n", "description": "d",
             "criteria": {"narrative": "c", "id": "https://x.example/c"}, "tags": ["t"],
             "image": "https://x.example/b.png", "issuer": f"{base}/issuer"}  # fmt: skip
    hosted = assertion(number) | {"id": f"{base}/assertion", "badge": f"{base}/badge"}
    hosted |= {"narrative": "x", "evidence": [{"id": "https://x.example/e", "name": "e"}]}
    for path, document in (("assertion", hosted), ("badge", badge), ("issuer", issuer)):
        links = {k: document[k] for k in LINKS if isinstance(document.get(k), str)}
        server.add_json(f"/{number}/{path}", poison(document, payload) | links)
    return hosted


def test_text_from_the_issuers_server_renders_inert(
    tmp_path: Path, issuer_server: IssuerServer
) -> None:
    write_config(tmp_path)
    for number, payload in enumerate(PAYLOADS.values(), start=1):
        write_badge(tmp_path, f"hosted-{number}", _serve(issuer_server, number, payload))
    args = ["build", "-C", str(tmp_path), "--now", NOW, "--allow-private-network"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(issuer_server.hits) == 9  # each badge's assertion, badge class and issuer
    pages = sorted((tmp_path / "output").rglob("*.html"))
    problems = {p.name: markup_problems(p.read_text()) for p in pages}
    assert {name: found for name, found in problems.items() if found} == {}
    shown = [p for p in pages if "window.__pwned=&#39;script&#39;" in p.read_text()]
    assert shown, "the issuer's hostile text reached the pages, as text"
