from __future__ import annotations

from pathlib import Path

import pytest

from portfolio_builder.config import ConfigError, load_config, parse_config

from sitebuild.kit import assertion, build, write_badge


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("colour: blue\n", "colour: unknown key"),
        ("owner:\n  name: 3\n", "owner.name:"),
        ("owner:\n  nick: Sam\n", "owner.nick: unknown key"),
        ("owner:\n  links:\n    - {label: Blog}\n", "owner.links.0:"),
        ("base_url: /relative/\n", "base_url: must be an absolute http(s) URL"),
        ("base_url: ftp://host/\n", "base_url: must be an absolute http(s) URL"),
        ("privacy:\n  noindex: perhaps\n", "privacy.noindex:"),
        (
            "linkedin:\n  organizations:\n    Example Academy: abc\n",
            "linkedin.organizations.Example Academy:",
        ),
        ("cname: 'not a host/'\n", "cname:"),
        ("language: english!\n", "language:"),
    ],
)
def test_errors_name_the_key(text: str, key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(Path(), text, "site/portfolio.yaml")
    assert str(caught.value).startswith("site/portfolio.yaml: ")
    assert key in str(caught.value)


def test_bad_yaml_names_the_line() -> None:
    with pytest.raises(ConfigError, match=r"portfolio.yaml \(line \d\): not valid YAML"):
        parse_config(Path(), "owner:\n  name: [unclosed\n")


def test_values_are_read(tmp_path: Path) -> None:
    (tmp_path / "portfolio.yaml").write_text(
        "owner:\n  name: Sam\n  links: [{label: Blog, url: 'https://blog.example/'}]\n"
        "base_url: https://sam.github.io/repo\nlinkedin:\n  organizations: {Example: 1234}\n"
        "privacy: {publish_originals: false}\ncname: badges.example.org\n"
    )
    config = load_config(tmp_path)
    assert config.owner_name == "Sam"
    assert config.base_url == "https://sam.github.io/repo/"
    assert config.linkedin_organizations == {"Example": "1234"}
    assert config.privacy.publish_originals is False
    assert config.links[0].url == "https://blog.example/"
    assert config.cname == "badges.example.org"


def test_build_with_a_bad_config_exits_2_naming_the_key(tmp_path: Path) -> None:
    write_badge(tmp_path, "one", assertion(1))
    (tmp_path / "portfolio.yaml").write_text("owner:\n  name: Sam\nbase_url: 12\n")
    result = build(tmp_path)
    assert result.exit_code == 2
    assert "base_url" in result.output
    assert not (tmp_path / "output").exists()


def test_unknown_theme_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "portfolio.yaml").write_text("theme: nosuchtheme\n")
    result = build(tmp_path)
    assert result.exit_code == 2
    assert "theme: no theme named 'nosuchtheme'" in result.output
