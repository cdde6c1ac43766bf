from __future__ import annotations

from pathlib import Path

from sitebuild.kit import Page, assertion, build, page, write_badge, write_config


def _site(tmp_path: Path, config: str = "") -> Path:
    write_config(tmp_path, config)
    write_badge(tmp_path, "one", assertion(1))
    return tmp_path


def test_the_minimal_theme_replaces_templates_and_styles(tmp_path: Path) -> None:
    site = _site(tmp_path, "theme: minimal\n")
    assert build(site).exit_code == 0
    index = (site / "output" / "index.html").read_text()
    assert 'class="rows"' in index and 'class="grid"' not in index
    css = next((site / "output" / "static").glob("style.*.css")).read_text()
    assert "minimal: one column" in css
    badge = next((site / "output").glob("badges/*/index.html")).read_text()
    assert "Add to LinkedIn profile" in badge  # inherited from the default theme


def test_a_site_template_overrides_one_template_and_can_extend_the_theme(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text(
        '{% extends "!theme/404.html" %}{% block footer %}<p id="custom">Custom footer</p>'
        "{% endblock %}"
    )
    assert build(site).exit_code == 0
    not_found = Page((site / "output" / "404.html").read_text())
    assert ("p", {"id": "custom"}) in not_found.elements
    assert "Page not found" in (site / "output" / "404.html").read_text()
    index = page(site / "output", "index.html")
    assert ("p", {"id": "custom"}) not in index.elements


def test_a_site_theme_folder_is_found_before_the_built_in_ones(tmp_path: Path) -> None:
    site = _site(tmp_path, "theme: mine\n")
    theme = site / "themes" / "mine"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.yaml").write_text("name: mine\nextends: minimal\n")
    (theme / "templates" / "page.html").write_text("{% extends 'base.html' %}")
    assert build(site).exit_code == 0
    assert 'class="rows"' in (site / "output" / "index.html").read_text()


def test_a_broken_site_template_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates" / "page.html").write_text("{% extends 'base.html' %}")
    (site / "templates" / "404.html").write_text("{% block main %}{{ oops }\n{% endblock %}")
    result = build(site)
    assert result.exit_code == 2
    assert "404.html, line 1" in result.output
    assert "Traceback" not in result.output
    (site / "templates" / "404.html").write_text("{{ no_such_variable }}")
    result = build(site)
    assert result.exit_code == 2
    assert "'no_such_variable' is undefined" in result.output
