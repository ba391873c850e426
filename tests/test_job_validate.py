"""`Job.validate()`: a job built in Python gets the problems `job-lsp check` would report in
the file `dump` writes, each at its key path."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from job_lsp import CommandJob, JobProblem, PipelineJob, SweepJob, load_job
from job_lsp.cli.check import check_file

ROOT = Path(__file__).resolve().parent.parent


def test_a_misspelt_keyword_is_no_longer_accepted_silently() -> None:
    job = CommandJob(command="x", environment="e", comptue="c")
    assert [(p.code, p.severity, p.path) for p in job.validate()] == [
        ("invalid-value", "error", ("environment",)),
        ("unknown-key", "error", ("comptue",)),
    ]
    assert job.validate()[1].message == "Unknown key `comptue` in a command job; did you mean `compute`?"


def test_paths_reach_nested_keys_and_the_job_itself() -> None:
    job = CommandJob(
        command="python x.py",
        environment="azureml:e:1",
        resources={"instance_count": 10**12},
        inputs={"data": {"type": "uri_file", "path": "azureml:d:1", "mode": "ro_mout"}},
    )
    assert [(p.code, p.severity, p.path) for p in job.validate()] == [
        ("out-of-range", "warning", ("resources", "instance_count")),
        ("invalid-value", "error", ("inputs", "data", "mode")),
    ]
    # A missing required key belongs to the job, not to the `type:` line it is reported on in a file.
    assert CommandJob(environment="azureml:e:1").validate() == [JobProblem("missing-required", "error", "Missing required key `command` in a command job", ())]


JOBS = [
    CommandJob(command="python x.py --lr ${{inputs.lr}}", environment="azureml:e:1", compute="azureml:cpu\u200b-cluster"),
    CommandJob(command="x", environment="azureml:e:1", limits={"timeout": 86400000000000}, status_typo=1),
    SweepJob(trial={"command": "x", "environment": "azureml:e:1"}, objective={"goal": "maximise", "primary_metric": "acc"}),
    PipelineJob(jobs={"a": {"type": "command", "command": "x", "environment": "azureml:e:1", "inputs": {"d": "${{jobs.b.outputs.o}}"}}}),
]


@pytest.mark.parametrize("job", JOBS, ids=lambda job: type(job).__name__)
def test_the_problems_are_those_job_lsp_check_reports_in_the_dumped_file(job, tmp_path: Path) -> None:
    path = tmp_path / "job.yml"
    job.dump(path)
    expected = [(d.code, d.severity, d.message) for d in check_file(path)]
    assert expected  # each job has something to say
    assert [(p.code, p.severity, p.message) for p in job.validate(tmp_path)] == expected


def test_a_loaded_job_is_clean_and_its_local_paths_are_relative_to_its_file() -> None:
    job = load_job(ROOT / "examples" / "command-job.yml")
    assert job.validate() == []
    moved = CommandJob(command="python train.py", environment="azureml:e:1", code="./src")
    assert moved.validate(ROOT / "examples") == []
    assert [p.path for p in moved.validate(ROOT / "tests")] == [("code",)]  # tests/ has no src/


def test_a_value_no_job_file_can_hold_is_a_problem_not_a_crash() -> None:
    (p,) = CommandJob(command=object(), environment="azureml:e:1").validate()
    assert (p.code, p.severity, p.path) == ("type-mismatch", "error", ("command",))
    (p,) = CommandJob(command="x", environment="azureml:e:1", inputs={"a": {1, 2}}).validate()
    assert p.path == ("inputs", "a") and "set" in p.message


def test_validate_writes_nothing() -> None:
    job = CommandJob(command="x", environment="azureml:e:1")
    out = io.StringIO()
    job.validate()
    job.dump(out)
    assert out.getvalue() == "type: command\ncommand: x\nenvironment: azureml:e:1\n"


def test_every_job_the_sdk_accepts_in_the_corpus_dumps_and_validates_without_error(corpus: Path, oracle: list[dict]) -> None:
    wrong = []
    for row in oracle:
        if row["ok"]:
            job = load_job(corpus / "azureml-examples" / row["path"])
            errors = [p for p in job.validate() if p.severity == "error"]
            if errors:
                wrong.append(f"{row['path']}: {errors[0]}")
    assert wrong == []


def test_a_job_the_serializer_cannot_lay_out_is_an_internal_error_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    import job_lsp.serialize

    def refuse(job, **kwargs):
        raise ValueError("cannot serialize this job: not formatted")

    monkeypatch.setattr(job_lsp.serialize, "entity_yaml", refuse)
    (p,) = CommandJob(command="x", environment="azureml:e:1").validate()
    assert (p.code, p.severity, p.path) == ("internal-error", "error", ()) and "not formatted" in p.message
