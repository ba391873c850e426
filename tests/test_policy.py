"""Team policies (job_lsp.policy): JSON Schema files mapped onto the YAML tree, with the
worked examples of docs/policies/ as the schemas under test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from job_lsp.config import Config, load_config
from job_lsp.policy import PolicyCache, check_policies, load_policies
from job_lsp.yamldoc import ERROR, WARNING, parse

DOCS_POLICIES = Path(__file__).resolve().parent.parent / "docs" / "policies"

JOB = """\
$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
type: command
experiment_name: Demo_Run
compute: azureml:big-cluster
environment: azureml:AzureML-sklearn-1.5@latest
tags:
  team: vision
resources:
  instance_count: 16
command: python train.py
"""


def project(tmp_path: Path, *policies: str, extra: str = "") -> Config:
    (tmp_path / "policies").mkdir(exist_ok=True)
    for name in policies:
        shutil.copy(DOCS_POLICIES / name, tmp_path / "policies" / name)
    (tmp_path / "job-lsp.toml").write_text(f"policies = {[f'policies/{n}' for n in policies]!r}\n{extra}".replace("'", '"'), encoding="utf-8")
    config, problems = load_config(tmp_path / "job-lsp.toml")
    assert problems == []
    return config


def run(config: Config, text: str, file: Path | None = None):
    policies, problems = load_policies(config, PolicyCache())
    assert problems == []
    doc = parse(text)
    return doc, check_policies(doc, policies, file)


def at(doc, problem) -> str:
    return doc.text[problem.start : problem.end]


def test_required_tag_is_reported_on_the_parent_key(tmp_path):
    doc, problems = run(project(tmp_path, "owner-tag.schema.json"), JOB)
    assert [(p.code, p.severity, at(doc, p), p.message) for p in problems] == [
        ("team-owner", ERROR, "tags", "Every job carries tags.owner (who to ask about it)")
    ]


def test_missing_top_level_key_is_reported_on_type(tmp_path):
    doc, problems = run(project(tmp_path, "owner-tag.schema.json"), "type: command\ncommand: echo\n")
    assert [(at(doc, p), p.code) for p in problems] == [("type", "team-owner")]


def test_a_subschema_description_wins_over_the_root_one(tmp_path):
    doc, problems = run(project(tmp_path, "owner-tag.schema.json"), JOB.replace("team: vision", "owner: ''"))
    assert [(at(doc, p), p.message) for p in problems] == [("''", "tags.owner names a person or team, not an empty text")]


def test_compute_from_a_list_uses_the_message_keyword(tmp_path):
    doc, problems = run(project(tmp_path, "approved-compute.schema.json"), JOB)
    assert [(p.code, p.severity, at(doc, p)) for p in problems] == [("team-compute", WARNING, "azureml:big-cluster")]
    assert problems[0].message.startswith("Use an approved compute")
    assert run(project(tmp_path, "approved-compute.schema.json"), JOB.replace("big-cluster", "cpu-cluster"))[1] == []


def test_experiment_name_pattern(tmp_path):
    doc, problems = run(project(tmp_path, "experiment-name.schema.json"), JOB)
    assert [(p.code, at(doc, p)) for p in problems] == [("team-experiment-name", "Demo_Run")]
    assert "research-, prod- or dev-" in problems[0].message


def test_at_most_8_nodes_through_a_ref_also_in_pipeline_steps(tmp_path):
    config = project(tmp_path, "max-nodes.schema.json")
    doc, problems = run(config, JOB)
    assert [(p.code, p.severity, at(doc, p), p.message) for p in problems] == [
        ("team-max-nodes", ERROR, "16", "No job asks for more than 8 nodes (ask the platform team for more)")
    ]
    pipeline = "type: pipeline\njobs:\n  train:\n    type: command\n    resources:\n      instance_count: 9\n"
    doc, problems = run(config, pipeline)
    assert [at(doc, p) for p in problems] == ["9"]


def test_schema_line_required(tmp_path):
    config = project(tmp_path, "schema-line.schema.json")
    assert run(config, JOB)[1] == []
    doc, problems = run(config, JOB.split("\n", 1)[1])
    assert [(p.code, at(doc, p)) for p in problems] == [("team-schema", "type")]
    assert "$schema line" in problems[0].message


def test_latest_environment_only_in_production_folders(tmp_path):
    config = project(tmp_path, "production-environment.schema.json")
    doc, problems = run(config, JOB, tmp_path / "production" / "train.yml")
    assert [(p.code, p.severity, at(doc, p)) for p in problems] == [("team-pinned-environment", ERROR, "azureml:AzureML-sklearn-1.5@latest")]
    assert "not @latest" in problems[0].message
    assert "is not valid under" not in problems[0].message and "should not be valid" not in problems[0].message
    assert run(config, JOB, tmp_path / "research" / "train.yml")[1] == []
    assert run(config, JOB.replace("@latest", ":3"), tmp_path / "production" / "train.yml")[1] == []


def test_job_type_targeting(tmp_path):
    (tmp_path / "sweep-only.schema.json").write_text('{"x-job-lsp-types": ["sweep"], "required": ["description"], "description": "Sweeps say why"}')
    config = Config(root=str(tmp_path), policies=("sweep-only.schema.json",))
    assert run(config, JOB)[1] == []
    assert [p.message for p in run(config, "type: sweep\ntrial: {}\n")[1]] == ["Sweeps say why"]


def test_a_policy_applies_to_job_files_unless_it_names_other_kinds(tmp_path):
    from job_lsp.project import Project, project_problems

    component = "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\ntype: command\nname: echo\ncommand: echo\nenvironment: azureml:e:1\n"
    schedule = "trigger: {type: cron, expression: '0 8 * * *'}\ncreate_job: ./job.yml\n"
    shutil.copy(DOCS_POLICIES / "owner-tag.schema.json", tmp_path / "jobs.schema.json")
    (tmp_path / "all.schema.json").write_text('{"x-job-lsp-kinds": ["job", "component", "schedule"], "x-job-lsp-code": "has-name", "required": ["name"]}')
    policies, problems = load_policies(Config(root=str(tmp_path), policies=("jobs.schema.json", "all.schema.json")), PolicyCache())
    assert problems == []
    found = {what: sorted(p.code for p in project_problems(parse(text), [], Project(Config(select=("ALL",)), tuple(policies)))) for what, text in (("job", JOB), ("component", component), ("schedule", schedule))}
    assert found == {"job": ["has-name", "team-owner"], "component": [], "schedule": ["has-name"]}
    (tmp_path / "bad.schema.json").write_text('{"x-job-lsp-kinds": ["jobs"]}')
    _, problems = load_policies(Config(root=str(tmp_path), policies=("bad.schema.json",)), PolicyCache())
    assert "`x-job-lsp-kinds` names `jobs`; the kinds are `job`, `component`, `schedule`" in problems[0].message


def test_without_a_description_the_text_is_our_own(tmp_path):
    (tmp_path / "p.schema.json").write_text('{"properties": {"compute": {"anyOf": [{"const": "a"}, {"const": "b"}]}}, "required": ["display_name"]}')
    config = Config(root=str(tmp_path), policies=("p.schema.json",))
    doc, problems = run(config, JOB)
    messages = sorted(p.message for p in problems)
    assert messages == ["The policy (anyOf) is not met by compute", "The policy requires `display_name` in the job"]
    assert all(p.code == "policy" and p.severity == WARNING for p in problems)


def test_every_docs_policy_is_a_valid_schema():
    for path in DOCS_POLICIES.glob("*.schema.json"):
        result = PolicyCache().compile(path, None)
        assert not isinstance(result, str), result


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "names no file"),
        ('{"type": "object",\n "required": ["a"\n}', "is not JSON: "),
        ('{"type": "objekt"}', "is not a valid JSON Schema"),
        ('["a"]', "is not a JSON Schema"),
        ('{"x-job-lsp-severity": "fatal"}', "`x-job-lsp-severity` must be one of"),
    ],
)
def test_a_broken_policy_is_one_problem_on_the_configuration_and_the_others_work(tmp_path, content, expected):
    shutil.copy(DOCS_POLICIES / "owner-tag.schema.json", tmp_path / "owner.schema.json")
    if content is not None:
        (tmp_path / "broken.schema.json").write_text(content)
    config_file = tmp_path / "pyproject.toml"
    config_file.write_text('[project]\nname = "x"\n\n[tool.job-lsp]\npolicies = ["owner.schema.json", "broken.schema.json"]\n')
    config, _ = load_config(config_file)
    policies, problems = load_policies(config, PolicyCache())
    assert [(p.path, p.line) for p in problems] == [(str(config_file), 5)]
    assert expected in problems[0].message and "it is not applied" in problems[0].message
    assert [Path(p.path).name for p in policies] == ["owner.schema.json"]
    doc = parse(JOB)
    assert [p.code for p in check_policies(doc, policies)] == ["team-owner"]


def test_compiled_once_per_version(tmp_path):
    path = tmp_path / "p.schema.json"
    path.write_text('{"required": ["a"]}')
    cache = PolicyCache()
    first = cache.compile(path, None)
    assert cache.compile(path, None) is first
    path.write_text('{"required": ["a", "b"]}')
    os.utime(path, ns=(1, 1))  # a different version even on a coarse clock
    assert cache.compile(path, None).schema == {"required": ["a", "b"]}


def test_documents_that_are_not_mappings_get_nothing(tmp_path):
    config = project(tmp_path, "owner-tag.schema.json")
    assert run(config, "- a\n- b\n")[1] == []


def test_french_text_from_the_schema_or_our_own_words(tmp_path):
    (tmp_path / "p.schema.json").write_text(
        '{"required": ["display_name"], "properties": {"compute": {"const": "a", "x-job-lsp-message": "Use a", "x-job-lsp-message-fr": "Utilisez a"}}}'
    )
    config = Config(root=str(tmp_path), policies=("p.schema.json",))
    _, problems = run(config, JOB)
    by_text = {p.message: p.data["message_fr"] for p in problems}
    assert by_text == {"Use a": "Utilisez a", "The policy requires `display_name` in the job": "La politique exige `display_name` dans le job"}
