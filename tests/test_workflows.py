"""The GitHub Actions workflows and issue forms: valid against GitHub's schemas, clean under zizmor,
and doing what the publication process needs (checks on pull requests, Pages deployment)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
BIN = Path(sys.executable).parent


def _run(*command: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, cwd=REPO)


def _zizmor_findings(folder: Path) -> list[dict]:
    completed = _run(BIN / "zizmor", "--offline", "--no-progress", "--format", "json", folder)
    assert completed.stdout.strip(), completed.stderr
    return json.loads(completed.stdout)


def _serious(findings: list[dict]) -> list[str]:
    return [f"{f['ident']} ({f['determinations']['severity']})" for f in findings
            if f["determinations"]["severity"] not in ("Unknown", "Informational", "Low")]


def _load(path: Path) -> dict:
    # PyYAML reads the key "on" as the boolean True (YAML 1.1).
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"pull-request.yml", "deploy.yml"}


def test_workflows_match_github_schema():
    completed = _run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                     *WORKFLOWS)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_issue_forms_match_github_schema():
    assert len(ISSUE_FORMS) >= 2
    completed = _run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-issue-forms",
                     *ISSUE_FORMS)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_zizmor_finds_nothing_above_low():
    assert _serious(_zizmor_findings(GITHUB / "workflows")) == []


def test_zizmor_catches_an_unpinned_action(tmp_path):
    # The audit above must be able to fail: a tag instead of a commit SHA is a finding.
    folder = tmp_path / ".github" / "workflows"
    shutil.copytree(GITHUB / "workflows", folder)
    deploy = folder / "deploy.yml"
    text = deploy.read_text(encoding="utf-8")
    pinned = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2"
    assert pinned in text
    deploy.write_text(text.replace(pinned, "actions/checkout@v4"), encoding="utf-8")
    assert "unpinned-uses (High)" in _serious(_zizmor_findings(folder))


def test_every_action_is_pinned_by_full_sha():
    for path in WORKFLOWS:
        for step in _steps(_load(path)):
            if "uses" in step:
                reference = step["uses"].split("@", 1)[1]
                assert len(reference) == 40 and int(reference, 16) >= 0, (path.name, step["uses"])


def test_pull_request_workflow_checks_builds_tests_and_uploads():
    workflow = _load(GITHUB / "workflows" / "pull-request.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {}
    runs = [step.get("run", "") for step in _steps(workflow)]
    for command in ("python3 tasks.py check --format github",
                    "python3 tasks.py check examples/amiens --format github",
                    "python3 tasks.py build --site-dir site"):
        assert command in runs
    # The link check is its own step, running the quality gate's link test, which must exist.
    link_test = workflow["jobs"]["check"]["env"]["LINK_TEST"]
    module, function = link_test.split("::")
    assert f"def {function}(" in (REPO / module).read_text(encoding="utf-8")
    assert 'python3 tasks.py test -q --deselect "${LINK_TEST}"' in runs
    assert 'python3 tasks.py test -q "${LINK_TEST}"' in runs
    upload = next(step for step in _steps(workflow)
                  if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


def test_deploy_workflow_publishes_on_main_and_every_night():
    workflow = _load(GITHUB / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["on"]["schedule"][0]["cron"]
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    uses = [step["uses"].split("@")[0] for step in _steps(workflow) if "uses" in step]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    # The README's commands, as in pull requests: one spelling everywhere.
    runs = [step.get("run", "") for step in _steps(workflow)]
    assert runs.count("python3 tasks.py check --format github") == 1
    assert "python3 tasks.py build --site-dir site" in runs
