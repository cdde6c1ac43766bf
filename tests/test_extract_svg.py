"""SVG unbaking with defusedxml: badge elements, and hostile or broken XML."""

from __future__ import annotations

from pathlib import Path

from portfolio_builder.bake import bake_svg
from tests.helpers import SVG, codes, dumps, ob2, ob3, read, sign

NS2 = 'xmlns:openbadges="http://openbadges.org"'


def test_assertion_cdata_json(tmp_path: Path) -> None:
    result = read(tmp_path, "b.svg", bake_svg(SVG, dumps(ob2())))
    assert result.badge is not None and codes(result) == []
    assert result.badge.name == "Team Player"
    assert result.payload is not None and result.payload.container == "svg:assertion"


def test_body_json_wins_over_verify_url(tmp_path: Path) -> None:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" {NS2}>'
        f'<openbadges:assertion verify="https://issuer.example/a/1">'
        f"<![CDATA[{dumps(ob2())}]]></openbadges:assertion></svg>"
    )
    result = read(tmp_path, "b.svg", svg)
    assert result.payload is not None and result.payload.kind == "json"


def test_verify_attribute_url(tmp_path: Path) -> None:
    result = read(tmp_path, "b.svg", bake_svg(SVG, "https://issuer.example/a/1"))
    assert result.payload is not None and result.payload.kind == "url"
    assert result.payload.text == "https://issuer.example/a/1"


def test_verify_attribute_signed_ob2_jws(tmp_path: Path) -> None:
    token = sign(ob2(verification={"type": "SignedBadge", "creator": "https://i.example/k"}))
    result = read(tmp_path, "b.svg", bake_svg(SVG, token))
    assert result.payload is not None and result.payload.kind == "jws"
    assert result.payload.jws_header is not None and result.payload.jws_header["alg"] == "RS256"
    assert result.badge is not None and str(result.badge.version) == "2.0"
    assert result.badge.verification is not None
    assert result.badge.verification.method == "signed"


def test_credential_element_with_vc_jwt(tmp_path: Path) -> None:
    result = read(tmp_path, "b.svg", bake_svg(SVG, sign(ob3()), element="credential"))
    assert result.payload is not None and result.payload.container == "svg:credential"
    assert result.badge is not None and str(result.badge.version) == "3.0"


def test_badge_element_after_the_drawing(tmp_path: Path) -> None:
    shapes = "".join(f'<circle r="{n}"/>' for n in range(2000))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" {NS2}>{shapes}'
        f'<openbadges:assertion verify="https://issuer.example/a/9"/></svg>'
    )
    result = read(tmp_path, "late.svg", svg)
    assert result.payload is not None and result.payload.text == "https://issuer.example/a/9"


def test_public_doctype_is_allowed(tmp_path: Path) -> None:
    head = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    )
    result = read(tmp_path, "b.svg", head + bake_svg(SVG, dumps(ob2())))
    assert result.badge is not None and codes(result) == []


def test_billion_laughs_refused(tmp_path: Path) -> None:
    lol = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    svg = (
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol0 "lol">{lol}]>'
        f'<svg xmlns="http://www.w3.org/2000/svg" {NS2}>'
        f"<openbadges:assertion>&lol9;</openbadges:assertion></svg>"
    )
    result = read(tmp_path, "bomb.svg", svg)
    assert result.badge is None and codes(result) == ["E-SVG-FORBIDDEN"]
    assert result.diagnostics[0].path == "bomb.svg"


def test_external_entity_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    svg = (
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<svg xmlns="http://www.w3.org/2000/svg" {NS2}>'
        f'<openbadges:assertion verify="&x;"/></svg>'
    )
    result = read(tmp_path, "xxe.svg", svg)
    assert codes(result) == ["E-SVG-FORBIDDEN"]
    assert "TOP-SECRET" not in repr(result)


def test_internal_dtd_subset_with_entity_refused(tmp_path: Path) -> None:
    svg = (
        '<!DOCTYPE svg [<!ENTITY name "x">]>'
        f'<svg xmlns="http://www.w3.org/2000/svg" {NS2}><text>&name;</text></svg>'
    )
    result = read(tmp_path, "dtd.svg", svg)
    assert codes(result) == ["E-SVG-FORBIDDEN"]


def test_malformed_xml(tmp_path: Path) -> None:
    result = read(tmp_path, "broken.svg", "<svg><openbadges:assertion></svg")
    assert result.badge is None and codes(result) == ["E-SVG-PARSE"]
    assert result.diagnostics[0].path == "broken.svg"


def test_svg_without_badge(tmp_path: Path) -> None:
    result = read(tmp_path, "plain.svg", SVG)
    assert result.badge is None and codes(result) == ["E-NO-BADGE"]


def test_element_in_another_namespace_is_not_a_badge(tmp_path: Path) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://other.example/">'
        '<x:assertion verify="https://issuer.example/a/1"/></svg>'
    )
    result = read(tmp_path, "other.svg", svg)
    assert codes(result) == ["E-NO-BADGE"]
