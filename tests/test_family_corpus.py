"""Agreement with the official SDK over the real component and schedule files: every file
azure-ai-ml accepts gets no error (nor warning) from us, and each file it rejects gets an
error at the line of the cause."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from job_lsp.cli.check import check_file
from job_lsp.detect import document_kind
from job_lsp.yamldoc import parse

# The four files azure-ai-ml rejects (see ../shared/corpus-family/README.md): the line and
# code of the cause.
REJECTED = {
    # A component name with `-`: the SDK allows lower-case letters, digits and `_` only.
    "cli/endpoints/batch/deploy-pipelines/training-with-components/deployment-onehot/pipeline.yml": (4, "invalid-value"),
    "cli/endpoints/batch/deploy-pipelines/training-with-components/deployment-ordinal/pipeline.yml": (4, "invalid-value"),
    "cli/jobs/pipelines-with-components/basics/6c_r_iris/component.yml": (5, "invalid-value"),
    # `workspace_connection_id` where the SDK's signal has `connection_id`.
    "cli/monitoring/generation-safety-quality-monitoring.yaml": (48, "unknown-key"),
}


def test_accepted_files_get_nothing(family: Path, family_oracle: list[dict]) -> None:
    said = {}
    for row in family_oracle:
        if row["ok"]:
            found = [d.text() for d in check_file(family / "azureml-examples" / row["path"])]
            if found:
                said[row["path"]] = found
    assert sum(r["ok"] for r in family_oracle) == 134
    assert said == {}


def test_rejected_files_get_an_error_at_the_cause(family: Path, family_oracle: list[dict]) -> None:
    rejected = {row["path"] for row in family_oracle if not row["ok"]}
    assert rejected == set(REJECTED)
    for path, (line, code) in REJECTED.items():
        errors = [(d.line, d.code) for d in check_file(family / "azureml-examples" / path) if d.severity == "error"]
        assert (line, code) in errors, (path, errors)


def test_every_file_is_detected_as_its_kind(family: Path, family_oracle: list[dict]) -> None:
    kinds = Counter()
    for row in family_oracle:
        doc = parse((family / "azureml-examples" / row["path"]).read_bytes())
        assert document_kind(doc) == row["kind"], row["path"]
        kinds[row["kind"]] += 1
    assert kinds == {"component": 128, "schedule": 10}
