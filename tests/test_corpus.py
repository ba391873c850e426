"""Agreement with the official SDK over the real corpus: every file azure-ai-ml accepts gets
no error from us, and each file it rejects gets an error at the line that is wrong."""

from __future__ import annotations

from pathlib import Path

from job_lsp.cli.check import check_file

# The four files azure-ai-ml rejects (see ../shared/corpus/README.md): the line and code we
# must report for each.
REJECTED = {
    "cli/jobs/automl-standalone-jobs/cli-automl-classification-task-bankmarketing/cli-automl-classification-task-bankmarketing-serverless.yml": (52, "type-mismatch"),
    "cli/jobs/nebulaml/cifar10_deepspeed/job.yml": (8, "invalid-value"),
    "cli/jobs/single-step/java/iris/job-template.yml": (2, "missing-path"),
    "cli/jobs/deepspeed/deepspeed-autotuning/job.yml": (1, "empty-document"),
}


def test_accepted_files_get_no_error(corpus: Path, oracle: list[dict]) -> None:
    wrong = {}
    for row in oracle:
        if row["ok"]:
            errors = [d.text() for d in check_file(corpus / "azureml-examples" / row["path"]) if d.severity == "error"]
            if errors:
                wrong[row["path"]] = errors
    assert sum(r["ok"] for r in oracle) == 207
    assert wrong == {}


def test_rejected_files_get_an_error_at_the_right_line(corpus: Path, oracle: list[dict]) -> None:
    rejected = {row["path"] for row in oracle if not row["ok"]}
    assert rejected == set(REJECTED)
    for path, (line, code) in REJECTED.items():
        errors = [(d.line, d.code) for d in check_file(corpus / "azureml-examples" / path) if d.severity == "error"]
        assert (line, code) in errors, (path, errors)


# Warnings on files the SDK accepts, each checked to be true. A missing input path is only
# seen when the job is submitted (the data is uploaded then), so the SDK's load accepts it.
TRUE_WARNINGS = {
    # A real typo in the examples: Azure ML keeps the key and ignores it.
    ("cli/jobs/pipelines-with-components/basics/3a_basic_pipeline/pipeline.yml", 8, "ignored-key"),
    # The step gives `test_split_ratio`, which its pipeline component does not declare.
    (
        "cli/jobs/pipelines-with-components/pipeline_with_pipeline_component/nyc_taxi_data_regression_with_pipeline_component/pipeline.yml",
        45,
        "unknown-component-input",
    ),
    # `center_crop: 224` to a component input declared `type: string, enum: ['True', 'False']`.
    ("cli/jobs/pipelines-with-components/image_classification_with_densenet/pipeline.yml", 36, "invalid-input-value"),
}


def test_warnings_on_accepted_files_are_true(corpus: Path, oracle: list[dict]) -> None:
    unexplained = []
    missing_paths = 0
    for row in oracle:
        if not row["ok"]:
            continue
        path = corpus / "azureml-examples" / row["path"]
        for d in check_file(path):
            if d.severity == "error":
                continue
            if d.code == "missing-path":
                named = d.message.split("`")[3]
                assert not (path.parent / named).exists(), d.text()
                missing_paths += 1
            elif (row["path"], d.line, d.code) not in TRUE_WARNINGS:
                unexplained.append(d.text())
    assert unexplained == []
    # Data files that the examples' notebooks download (absent upstream too).
    assert missing_paths == 35
