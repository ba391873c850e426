"""schema/: generated from the model, committed, usable by other tools as they are."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from job_lsp import schemagen
from job_lsp.detect import document_kind
from job_lsp.yamldoc import parse, to_data

from test_cases import CASES, case_files, expectations

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
# Codes for mistakes that a JSON Schema can express (the rest need our checker).
SCHEMA_CODES = {"unknown-key", "type-mismatch", "invalid-value", "missing-required", "empty-value"}


@pytest.fixture(scope="module")
def umbrella() -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMA_DIR / schemagen.UMBRELLA).read_text())
    return jsonschema.Draft7Validator(schema)


@pytest.fixture(scope="module")
def umbrellas() -> dict[str, jsonschema.Draft7Validator]:
    """The schema for any file of each kind: job, component, schedule."""
    return {kind: jsonschema.Draft7Validator(json.loads((SCHEMA_DIR / name).read_text())) for kind, name in schemagen.UMBRELLAS.items()}


def kind_of(data_doc) -> str:
    return document_kind(data_doc) or "job"


def test_committed_schemas_are_fresh() -> None:
    assert schemagen.stale(SCHEMA_DIR) == [], "run: job-lsp schema --write"


def test_generation_is_deterministic() -> None:
    assert schemagen.generate() == schemagen.generate()


def test_staleness_is_detected(tmp_path: Path) -> None:
    schemagen.write(tmp_path)
    assert schemagen.stale(tmp_path) == []
    target = tmp_path / schemagen.file_name("command")
    target.write_text(target.read_text().replace("The command to run", "The commande to run"))
    assert schemagen.stale(tmp_path) == [target.name]


@pytest.mark.parametrize("name", sorted(schemagen.generate()))
def test_every_schema_is_valid_draft_07(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / name).read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == schemagen.DRAFT


def test_no_empty_enums_or_patterns() -> None:
    """yaml-language-server (ajv) refuses a whole schema for one `enum: []`, which Python's
    jsonschema accepts: guard it here."""
    for name in schemagen.generate():
        text = (SCHEMA_DIR / name).read_text()
        assert '"enum": []' not in text and '"pattern": "^(?:)$"' not in text, name


def test_schema_carries_docs_enums_defaults_and_read_only() -> None:
    schema = json.loads((SCHEMA_DIR / schemagen.file_name("command")).read_text())
    job = schema["definitions"]["CommandJob"]
    assert job["additionalProperties"] is False and "command" in job["required"]
    assert job["properties"]["status"]["readOnly"] is True
    assert "fr" in job["properties"]["compute"]["x-description-fr"] or job["properties"]["compute"]["x-description-fr"]
    resources = schema["definitions"]["JobResources"]["properties"]
    assert resources["instance_count"]["default"] == 1
    validator = jsonschema.Draft7Validator(schema)
    job = {"command": "x", "environment": "azureml:e:1", "inputs": {"d": {"type": "uri_folder", "mode": "ro_mount", "path": "p"}}}
    assert validator.is_valid(job)
    job["inputs"]["d"]["mode"] = "ro_mout"
    assert not validator.is_valid(job)


@pytest.mark.slow  # every corpus job file through jsonschema
def test_corpus_files_the_sdk_accepts_validate(corpus: Path, oracle: list[dict], umbrella: jsonschema.Draft7Validator) -> None:
    failures = {}
    for row in oracle:
        if row["ok"]:
            data = to_data(parse((corpus / "azureml-examples" / row["path"]).read_bytes()).root)
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in umbrella.iter_errors(data)]
            if errors:
                failures[row["path"]] = errors[:3]
    assert failures == {}


def schema_accepts(path: Path) -> bool:
    """A case marked `# schema: accepts` breaks a rule that only our checker can see."""
    return b"# schema: accepts" in path.read_bytes()[:4096]


@pytest.mark.slow  # every component and schedule file of the family corpus through jsonschema
def test_family_files_the_sdk_accepts_validate(family: Path, family_oracle: list[dict], umbrellas: dict) -> None:
    failures = {}
    for row in family_oracle:
        if row["ok"]:
            data = to_data(parse((family / "azureml-examples" / row["path"]).read_bytes()).root)
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in umbrellas[row["kind"]].iter_errors(data)]
            if errors:
                failures[row["path"]] = errors[:3]
    assert failures == {}


@pytest.mark.parametrize("path", [p for p in case_files() if {c for _, c in expectations(p)} & SCHEMA_CODES], ids=lambda p: str(p.relative_to(CASES)))
def test_broken_cases_are_rejected_by_the_schema_too(path: Path, umbrellas: dict) -> None:
    doc = parse(path.read_bytes())
    assert umbrellas[kind_of(doc)].is_valid(to_data(doc.root)) == schema_accepts(path)


@pytest.mark.parametrize("path", [p for p in case_files() if not expectations(p)], ids=lambda p: str(p.relative_to(CASES)))
def test_valid_cases_are_accepted_by_the_schema_too(path: Path, umbrellas: dict) -> None:
    doc = parse(path.read_bytes())
    assert [e.message for e in umbrellas[kind_of(doc)].iter_errors(to_data(doc.root))] == []


@pytest.mark.slow  # runs an external tool (check-jsonschema) twice
def test_another_tool_uses_the_schemas_as_they_are(tmp_path: Path) -> None:
    """check-jsonschema (ECMA-262 regexes, its own $ref resolution) accepts our examples
    against the umbrella schema and rejects a broken file."""
    import shutil
    import subprocess
    import sys

    tool = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    examples = sorted(str(p) for p in (SCHEMA_DIR.parent / "examples").glob("*.yml"))
    good = subprocess.run([tool, "--schemafile", str(SCHEMA_DIR / schemagen.UMBRELLA), *examples], capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run([tool, "--schemafile", str(SCHEMA_DIR / schemagen.file_name("command")), str(CASES / "command" / "typo-key.yml")], capture_output=True, text=True)
    assert bad.returncode == 1 and "experiment_nme" in bad.stdout + bad.stderr
