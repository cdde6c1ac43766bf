"""Moodle-baked badges read as MOODLE.md describes them (fixtures from tests/moodle_fixtures)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner

from portfolio_builder.cli import cli
from portfolio_builder.extract.png import iter_chunks
from portfolio_builder.model import Achievement, FileFormat, Issuer, Ref, SourceFile
from portfolio_builder.reading import ReadResult, read_badge
from tests import moodle_fixtures as m

PLUS_ONE = timezone(timedelta(hours=1))


def _read(tmp_path: Path, data: bytes, name: str = "badge.png") -> ReadResult:
    path = tmp_path / name
    path.write_bytes(data)
    return read_badge(SourceFile(path, name, FileFormat.PNG))


def _codes(result: ReadResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_fixture_chunk_sits_just_before_iend_and_keeps_other_chunks() -> None:
    art = m.artwork()
    baked = m.bake_itxt(m.php_json(m.obv1()), art)
    types = [ctype for ctype, _ in iter_chunks(baked, "x")]
    assert types[-2:] == [b"iTXt", b"IEND"]
    assert baked.startswith(art[:-12]) and baked.endswith(art[-12:])


def test_fixture_json_is_php_escaped() -> None:
    text = m.php_json(m.obv2())
    assert "\\/badges\\/assertion.php" in text and "/badges/" not in text
    assert "Acad\\u00e9mie" in text and "\n" not in text.replace("\\n", "")


def test_moodle_35_text_url(tmp_path: Path) -> None:
    result = _read(tmp_path, m.bake_text_url())
    assert result.payload is not None and result.badge is not None
    assert result.payload.container == "tEXt:openbadges"
    assert result.payload.text == f"{m.WWWROOT}/badges/assertion.php?b={m.HASH}"
    assert result.badge.version is None  # known only once fetched
    assert result.badge.verification is not None
    assert result.badge.verification.url == result.payload.text
    assert _codes(result) == ["I-NEEDS-FETCH"]


def test_moodle_obv1_shape(tmp_path: Path) -> None:
    result = _read(tmp_path, m.bake_itxt(m.php_json(m.obv1())))
    badge = result.badge
    assert badge is not None and _codes(result) == []
    assert str(badge.version) == "1.0"
    assert badge.achievement == Ref(f"{m.WWWROOT}/badges/assertion.php?b={m.HASH}&action=1")
    assert badge.name is None and badge.issuer_name is None
    assert badge.issued_on == datetime(2024, 12, 2, tzinfo=UTC)
    assert badge.expires == datetime(2026, 1, 1, tzinfo=UTC)
    assert badge.id == f"{m.WWWROOT}/badges/assertion.php?b={m.HASH}&obversion=1"
    assert badge.verification is not None and badge.verification.method == "hosted"
    assert [e.id for e in badge.evidence] == [f"{m.WWWROOT}/badges/badge.php?hash={m.HASH}"]


def test_moodle_recipient_is_sha256_of_email_and_site_salt(tmp_path: Path) -> None:
    result = _read(tmp_path, m.bake_itxt(m.php_json(m.obv2())))
    assert result.badge is not None
    [recipient] = result.badge.recipients
    assert (recipient.type, recipient.hashed, recipient.salt) == ("email", True, m.SALT)
    digest = hashlib.sha256((m.EMAIL + m.SALT).encode()).hexdigest()
    assert recipient.identity == f"sha256${digest}"


def test_moodle_obv2_shape(tmp_path: Path) -> None:
    result = _read(tmp_path, m.bake_itxt(m.php_json(m.obv2())))
    badge = result.badge
    assert badge is not None and _codes(result) == []
    assert str(badge.version) == "2.0"
    assert badge.name == "Data Wrangling"
    assert badge.issuer_name == "Example Moodle Académie"
    assert badge.issued_on == datetime(2024, 12, 2, tzinfo=PLUS_ONE)
    assert badge.issued_on is not None and badge.issued_on.utcoffset() == timedelta(hours=1)
    assert badge.expires is not None
    assert badge.expires.isoformat() == "2026-01-01T00:00:00+01:00"
    achievement = badge.achievement
    assert isinstance(achievement, Achievement)
    assert achievement.image is not None and achievement.image.url.startswith("data:image/png")
    assert achievement.criteria_narrative == "* Complete all activities\n* Pass the final quiz"
    assert [(a.target_name, a.target_code) for a in achievement.alignments] == [
        ("Programming", "PRG-1")
    ]
    assert achievement.endorsements == (
        Ref(f"{m.WWWROOT}/badges/endorsement_json.php?id={m.BADGE_ID}"),
    )
    assert isinstance(achievement.issuer, Issuer)
    assert badge.verification is not None and badge.verification.url == badge.id


def test_moodle_obv2_inspect_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "Data_Wrangling_2_Dec_2024_1234.png"
    path.write_bytes(m.bake_itxt(m.php_json(m.obv2())))
    out = CliRunner().invoke(cli, ["inspect", "--format", "json", str(path)])
    assert out.exit_code == 0
    [item] = json.loads(out.stdout)
    assert item["issued_on"] == "2024-12-02T00:00:00+01:00"
    assert item["expires"] == "2026-01-01T00:00:00+01:00"
    assert item["version"] == "2.0"


def test_moodle_legacy_malformed_itxt(tmp_path: Path) -> None:
    result = _read(tmp_path, m.bake_itxt_legacy(m.php_json(m.obv2())))
    assert result.badge is not None
    assert _codes(result) == ["I-MOODLE-LEGACY-ITXT"]
    assert result.badge.name == "Data Wrangling"
    assert str(result.badge.version) == "2.0"


def test_moodle_legacy_malformed_itxt_with_obv1(tmp_path: Path) -> None:
    result = _read(tmp_path, m.bake_itxt_legacy(m.php_json(m.obv1(expires=False))))
    assert result.badge is not None and str(result.badge.version) == "1.0"
    assert result.badge.expires is None


def test_moodle_badge_connect_quirk_reads_as_obv1(tmp_path: Path) -> None:
    result = _read(tmp_path, m.bake_itxt(m.php_json(m.obv1(obversion="2.1"))))
    assert result.badge is not None and str(result.badge.version) == "1.0"
    assert result.badge.id is not None and result.badge.id.endswith("obversion=2.1")


def test_moodle_51_shape(tmp_path: Path) -> None:
    result = _read(tmp_path, m.bake_itxt(m.php_json(m.obv2_51())))
    badge = result.badge
    assert badge is not None and _codes(result) == []
    assert str(badge.version) == "2.0"
    assert badge.issued_on is not None
    assert badge.issued_on.isoformat() == "2025-10-06T09:30:00+02:00"
    achievement = badge.achievement
    assert isinstance(achievement, Achievement)
    assert achievement.image is not None and achievement.image.caption == "A funnel"
    assert [a.target_name for a in achievement.alignments] == ["Statistics"]
    assert achievement.tags == ("data", "python")
    assert achievement.criteria_url == f"{m.WWWROOT}/badges/badgeclass.php?id={m.BADGE_ID}"


def test_moodle_inspect_never_shows_recipient(tmp_path: Path) -> None:
    for n, payload in enumerate([m.obv1(), m.obv2(), m.obv2_51()]):
        (tmp_path / f"{n}.png").write_bytes(m.bake_itxt(m.php_json(payload)))
    for fmt in ("json", "text"):
        out = CliRunner().invoke(cli, ["inspect", "--format", fmt, str(tmp_path)])
        assert out.exit_code == 0, out.output
        assert m.EMAIL not in out.output
        assert m.identity(m.Site()).split("$")[1] not in out.output
        assert m.SALT not in out.output
