from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from portfolio_builder.cli import cli
from portfolio_builder.config import load_config, load_identities
from portfolio_builder.scaffold import CONFIG_KEYS, FILES

WORKFLOW = ".github/workflows/pages.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def run_init(*args: str) -> Any:
    return CliRunner().invoke(cli, ["init", *args])


def workflow(site: Path) -> dict[Any, Any]:
    data = yaml.safe_load((site / WORKFLOW).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(site: Path, job: str) -> list[dict[str, Any]]:
    return list(workflow(site)["jobs"][job]["steps"])


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_init_creates_the_site_skeleton(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_init(str(site))
    assert result.exit_code == 0, result.output
    for dest, _ in FILES:
        assert (site / dest).is_file(), dest
        assert dest in result.output
    assert (site / "content" / "badges").is_dir()
    assert list((site / "content" / "badges").iterdir()) == []
    ignored = (site / ".gitignore").read_text(encoding="utf-8").split()
    assert {"output/", ".portfolio-cache/", ".portfolio-identities"} <= set(ignored)
    guide = (site / "README.md").read_text(encoding="utf-8")
    for platform in ("Moodle", "Canvas Credentials", "Credly", "Open Badge Factory"):
        assert platform in guide
    assert "not from a `CNAME` file" in guide


def test_scaffolded_config_parses_and_mentions_every_key(tmp_path: Path) -> None:
    assert run_init(str(tmp_path)).exit_code == 0
    text = (tmp_path / "portfolio.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    assert config["privacy"]["publish_plaintext_email"] is False
    assert config["title"] and config["owner"]["name"]
    for key in CONFIG_KEYS:
        assert f"{key.rsplit('.', 1)[-1]}:" in text, key
    assert "# identities_file: .portfolio-identities" in text


def set_keys(data: dict[str, Any], prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for key, value in data.items():
        dotted = prefix + key
        if isinstance(value, dict) and dotted not in CONFIG_KEYS:
            keys |= set_keys(value, dotted + ".")
        else:
            keys.add(dotted)
    return keys


def test_scaffolded_config_sets_only_known_keys(tmp_path: Path) -> None:
    assert run_init(str(tmp_path)).exit_code == 0
    config = yaml.safe_load((tmp_path / "portfolio.yaml").read_text(encoding="utf-8"))
    assert set_keys(config) <= set(CONFIG_KEYS)
    # Left for the owner to fill in: an empty address or identity file would not build.
    assert "base_url" not in config and "identities_file" not in config


def test_init_never_overwrites_and_names_what_it_kept(tmp_path: Path) -> None:
    mine = b"title: Already mine\n\x00binary tail"
    (tmp_path / "portfolio.yaml").write_bytes(mine)
    (tmp_path / "content" / "badges").mkdir(parents=True)
    (tmp_path / "content" / "badges" / "one.png").write_bytes(b"png")
    result = run_init(str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "portfolio.yaml").read_bytes() == mine
    kept = result.output.split("Left alone", 1)[1]
    assert "portfolio.yaml" in kept
    assert "content/badges/" in kept
    assert "portfolio.yaml" not in result.output.split("Left alone", 1)[0]
    assert (tmp_path / WORKFLOW).is_file()
    second = run_init(str(tmp_path))
    assert "Created in" not in second.output
    assert all(dest in second.output for dest, _ in FILES)


def test_init_reports_a_path_it_cannot_create_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "content").write_text("a file where a folder should be")
    result = run_init(str(tmp_path))
    assert result.exit_code == 1
    assert "Could not create" in result.output
    assert "content/about.md: a file is in the way" in result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "portfolio.yaml").is_file()
    assert (tmp_path / WORKFLOW).is_file()


def test_workflow_validates_against_the_github_schema(tmp_path: Path) -> None:
    assert run_init(str(tmp_path)).exit_code == 0
    checked = validate(tmp_path / WORKFLOW)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    assert run_init(str(tmp_path)).exit_code == 0
    path = tmp_path / WORKFLOW
    path.write_text(path.read_text().replace("runs-on: ubuntu-latest", "runs_on: ubuntu"))
    assert validate(path).returncode != 0


def test_workflow_permissions_and_deploy_job(tmp_path: Path) -> None:
    assert run_init(str(tmp_path)).exit_code == 0
    flow = workflow(tmp_path)
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"]["group"] == "pages"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    [step] = deploy["steps"]
    assert step["uses"].startswith("actions/deploy-pages@")


def test_workflow_build_job_steps(tmp_path: Path) -> None:
    assert run_init(str(tmp_path)).exit_code == 0
    build = steps(tmp_path, "build")
    uses = [s.get("uses", "").split("@")[0] for s in build]
    assert uses.index("actions/checkout") < uses.index("actions/setup-python")
    assert "actions/configure-pages" in uses
    assert uses[-1] == "actions/upload-pages-artifact"
    assert build[-1]["with"]["path"] == "output"
    pages_step = build[uses.index("actions/configure-pages")]
    [builder] = [s for s in build if "portfolio-builder build" in s.get("run", "")]
    assert builder["env"]["PORTFOLIO_EMAILS"] == "${{ secrets.PORTFOLIO_EMAILS }}"
    assert f'--base-url "${{{{ steps.{pages_step["id"]}.outputs.base_url }}}}/"' in builder["run"]
    [install] = [s for s in build if "pip install" in s.get("run", "")]
    assert build.index(install) < build.index(builder)
    [checker] = [s for s in build if "portfolio-builder check" in s.get("run", "")]
    assert build.index(builder) < build.index(checker) < len(build) - 1
    assert checker["run"].split()[-1] == "output"


def install_spec(site: Path) -> str:
    [install] = [s for s in steps(site, "build") if "pip install" in s.get("run", "")]
    assert '"$PORTFOLIO_BUILDER"' in install["run"]
    return str(install["env"]["PORTFOLIO_BUILDER"])


def test_workflow_pins_the_running_version(tmp_path: Path) -> None:
    assert run_init(str(tmp_path)).exit_code == 0
    version = importlib.metadata.version("badge-portfolio-builder")
    assert install_spec(tmp_path) == f"badge-portfolio-builder=={version}"


@pytest.mark.parametrize(
    "spec",
    [
        "git+https://github.com/someone/portfolio-builder@v1.2",
        "badge-portfolio-builder @ https://example.org/dist/x-1.0-py3-none-any.whl",
        "./wheels/badge_portfolio_builder-0.1.0-py3-none-any.whl",
        'odd "quoted" # not a comment: really',
    ],
)
def test_install_from_lands_in_the_workflow(tmp_path: Path, spec: str) -> None:
    result = run_init(str(tmp_path), "--install-from", spec)
    assert result.exit_code == 0, result.output
    assert install_spec(tmp_path) == spec
    assert f"The Pages workflow installs: {spec}" in result.output
    assert validate(tmp_path / WORKFLOW).returncode == 0


@pytest.mark.parametrize("spec", ["two\nlines", "${{ secrets.X }}", "  "])
def test_install_from_refuses_what_cannot_go_in_a_workflow(tmp_path: Path, spec: str) -> None:
    result = run_init(str(tmp_path / "site"), "--install-from", spec)
    assert result.exit_code == 2
    assert "install spec" in result.output
    assert not (tmp_path / "site").exists()


def test_a_dangling_link_in_the_way_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "README.md").symlink_to(tmp_path / "nowhere.md")
    result = run_init(str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "README.md" in result.output.split("Left alone", 1)[1]
    assert not (tmp_path / "nowhere.md").exists()


def test_build_step_passes_the_secret_to_the_build(tmp_path: Path) -> None:
    assert run_init(str(tmp_path)).exit_code == 0
    [builder] = [
        s for s in steps(tmp_path, "build") if "portfolio-builder build" in s.get("run", "")
    ]
    assert builder["env"] == {"PORTFOLIO_EMAILS": "${{ secrets.PORTFOLIO_EMAILS }}"}
    assert (
        builder["run"]
        == 'portfolio-builder build --base-url "${{ steps.pages.outputs.base_url }}/"'
    )


def test_the_build_reads_the_addresses_the_workflow_passes(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    environ = {"PORTFOLIO_EMAILS": "jane@example.org, j.doe@uni.example"}
    found = load_identities(config, ("cli@example.org",), environ)
    assert found == ("cli@example.org", "jane@example.org", "j.doe@uni.example")
