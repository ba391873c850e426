"""A project (job_lsp.project): configuration + policies + selection over a file's problems."""

from __future__ import annotations

import shutil
from pathlib import Path

from job_lsp.project import Projects, project_problems
from job_lsp.diagnose import diagnose
from job_lsp.yamldoc import ERROR, parse

DOCS_POLICIES = Path(__file__).resolve().parent.parent / "docs" / "policies"
JOB = "type: command\ncommand: echo\nenvironment: azureml:env@latest\ncompute: azureml:big\nexperiment_nme: x\n"


def setup(tmp_path: Path, config: str) -> Path:
    (tmp_path / "policies").mkdir()
    for name in ("owner-tag.schema.json", "approved-compute.schema.json"):
        shutil.copy(DOCS_POLICIES / name, tmp_path / "policies" / name)
    (tmp_path / "job-lsp.toml").write_text(config, encoding="utf-8")
    job = tmp_path / "jobs" / "train.yml"
    job.parent.mkdir()
    job.write_text(JOB, encoding="utf-8")
    return job


def check(job: Path, projects: Projects | None = None, **overrides):
    project = (projects or Projects()).for_file(job, overrides or None)
    doc = parse(job.read_text())
    return project, [(p.code, p.severity) for p in project_problems(doc, diagnose(doc, job.parent), project, job)]


def test_policies_join_and_selection_applies_to_them(tmp_path):
    job = setup(tmp_path, 'policies = ["policies/*.schema.json"]\nignore = ["team-compute"]\n[severity]\nunknown-key = "warning"\n')
    project, found = check(job)
    assert project.problems == ()
    assert found == [("team-owner", ERROR), ("unknown-key", "warning")]


def test_overrides_win_over_the_file(tmp_path):
    job = setup(tmp_path, 'policies = ["policies/*.schema.json"]\nignore = ["team-compute"]\n')
    _, found = check(job, select=("team-*",), ignore=())
    assert found == [("team-owner", ERROR), ("team-compute", "warning")]


def test_inline_ignore_comments_silence_policies(tmp_path):
    job = setup(tmp_path, 'policies = ["policies/approved-compute.schema.json"]\n')
    job.write_text(JOB.replace("compute: azureml:big", "compute: azureml:big  # job-lsp: ignore[team-compute]"))
    assert check(job)[1] == [("unknown-key", ERROR)]


def test_a_file_with_a_syntax_error_is_not_judged_by_policies(tmp_path):
    job = setup(tmp_path, 'policies = ["policies/owner-tag.schema.json"]\n')
    job.write_text("type: command\ncommand: [echo\n")
    assert "team-owner" not in [code for code, _ in check(job)[1]]


def test_unknown_codes_in_the_configuration_are_reported(tmp_path):
    job = setup(tmp_path, 'policies = ["policies/owner-tag.schema.json"]\nignore = ["unknwon-key", "team-owner", "undeclared-*"]\n')
    project, _ = check(job)
    assert [(p.code, p.line, p.message) for p in project.problems] == [
        ("unknown-code", 2, "`unknwon-key` in `ignore` is no code job-lsp or a policy reports; it has no effect")
    ]


def test_reloads_when_the_configuration_changes(tmp_path):
    job = setup(tmp_path, 'ignore = ["unknown-key"]\n')
    projects = Projects()
    assert check(job, projects)[1] == []
    (tmp_path / "job-lsp.toml").write_text('ignore = ["unknown-key", "missing-path"]\nselect = ["duplicate-key"]\n')
    assert check(job, projects)[0].config.select == ("duplicate-key",)
