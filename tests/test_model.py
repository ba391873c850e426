"""The Job entity model as Python classes."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from job_lsp import CommandJob, Job, JobValidationError, SweepJob, load_job
from job_lsp.model import ENTITIES, JOB_STATUS, JOB_TYPES, STATUS_DOCS
from job_lsp.model.common import JobService, SshService
from job_lsp.model.fields import Enum


def test_job_cannot_be_instantiated() -> None:
    with pytest.raises(TypeError, match="cannot be instantiated directly"):
        Job(name="x")


def test_a_subclass_can_and_takes_the_documented_arguments() -> None:
    job = CommandJob(
        name="n",
        display_name="d",
        description="desc",
        tags={"a": "b"},
        properties={"p": "q"},
        experiment_name="exp",
        compute="azureml:cpu",
        services={"ssh": SshService(type="ssh", ssh_public_keys="ssh-rsa AAA")},
        command="echo hi",
        environment="azureml:env:1",
        anything_else=1,  # extra keyword arguments are kept, as Azure ML's classes take **kwargs
    )
    assert (job.name, job.display_name, job.description, job.compute) == ("n", "d", "desc", "azureml:cpu")
    assert job.tags == {"a": "b"} and job.properties == {"p": "q"} and job.experiment_name == "exp"
    assert isinstance(job.services["ssh"], JobService)
    assert job.type == "command" and job.extra == {"anything_else": 1}


def test_experiment_name_defaults_to_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "my-experiment"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert CommandJob(command="x", environment="azureml:e:1").experiment_name == "my-experiment"


@pytest.mark.parametrize("attribute", ["id", "status", "creation_context", "log_files", "studio_url", "base_path"])
def test_read_only_attributes(attribute: str) -> None:
    job = CommandJob(command="x", environment="azureml:e:1")
    assert getattr(job, attribute) is None
    with pytest.raises(AttributeError, match="read-only"):
        setattr(job, attribute, "x")
    with pytest.raises(AttributeError, match="read-only"):
        CommandJob(**{attribute: "x"})


def test_type_is_fixed_by_the_class() -> None:
    job = SweepJob()
    assert job.type == "sweep"
    with pytest.raises(AttributeError):
        job.type = "command"


def test_status_values_and_their_meanings() -> None:
    expected = [
        "NotStarted", "Starting", "Provisioning", "Preparing", "Queued", "Running", "Finalizing",
        "CancelRequested", "Completed", "Failed", "Canceled", "NotResponding",
    ]
    assert all(s in JOB_STATUS.values for s in expected)
    for value in JOB_STATUS.values:
        assert STATUS_DOCS[value].en and STATUS_DOCS[value].fr


def test_every_job_type_of_the_corpus_has_a_class() -> None:
    assert set(JOB_TYPES) >= {"command", "sweep", "pipeline", "spark", "automl", "finetuning", "distillation"}
    for job_type, cls in JOB_TYPES.items():
        assert issubclass(cls, Job) and cls.TYPE == job_type


def test_every_field_is_documented_in_english_and_french() -> None:
    missing = []
    for name, entity in sorted(ENTITIES.items()):
        for key, field in entity.fields(yaml_only=False).items():
            if not field.doc.en.strip() or not field.doc.fr.strip():
                missing.append(f"{name}.{key}")
            if field.doc.en == field.doc.fr:
                missing.append(f"{name}.{key} (same text in both languages)")
    assert missing == []


def test_enum_documentation_covers_known_values_only() -> None:
    for entity in ENTITIES.values():
        for field in entity.fields().values():
            if isinstance(field.kind, Enum):
                assert set(field.kind.docs) <= set(field.kind.values), field.name


def test_load_job_from_a_path(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    path = tmp_path / "job.yml"
    path.write_text(
        "command: python train.py --lr ${{inputs.lr}}\n"
        "code: ./src\n"
        "environment: azureml:AzureML-sklearn-1.5@latest\n"
        "inputs:\n  lr: 0.1\n  data:\n    type: uri_file\n    path: https://example.com/x.csv\n"
        "resources:\n  instance_count: 2\n"
        "distribution:\n  type: pytorch\n  process_count_per_instance: 4\n"
        "outputs:\n  model:\n"
    )
    job = load_job(path)
    assert isinstance(job, CommandJob)
    assert job.base_path == str(tmp_path.resolve())
    assert job.inputs["lr"] == 0.1 and job.inputs["data"].type == "uri_file"
    assert job.resources.instance_count == 2 and job.distribution.process_count_per_instance == 4
    assert job.outputs == {"model": None}


def test_load_job_from_a_stream_and_by_type() -> None:
    job = load_job(io.StringIO("type: sweep\ntrial:\n  command: x\n  environment: azureml:e:1\nsearch_space:\n  lr: {type: uniform, min_value: 0, max_value: 1}\nobjective: {goal: maximize, primary_metric: acc}\nlimits: {max_total_trials: 4}\n"))
    assert isinstance(job, SweepJob)
    assert job.search_space["lr"].max_value == 1 and job.objective.goal == "maximize"


def test_load_job_refuses_an_invalid_file() -> None:
    with pytest.raises(JobValidationError) as info:
        load_job(io.StringIO("command: x\nenvironment: azureml:e:1\nexperiment_nam: oops\n"))
    assert "3:1" in str(info.value) and "experiment_name" in str(info.value)
    assert [p.code for p in info.value.problems] == ["unknown-key"]
