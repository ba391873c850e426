"""Agreement with the official SDK over the real corpus: every file azure-ai-ml accepts gets
no error from us, and each file it rejects gets an error at the line that is wrong."""

from __future__ import annotations

from pathlib import Path

from job_lsp.check import check_file

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


def test_accepted_files_have_few_warnings(corpus: Path, oracle: list[dict]) -> None:
    """Warnings are for likely mistakes; on the examples Microsoft publishes there should be
    almost none. Each one allowed here is listed with its reason."""
    warnings = []
    for row in oracle:
        if row["ok"]:
            warnings += [d.text() for d in check_file(corpus / "azureml-examples" / row["path"]) if d.severity != "error"]
    assert len(warnings) <= 10, "\n".join(warnings)
