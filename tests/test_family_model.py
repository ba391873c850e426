"""The component and schedule model, detection and the Python API (load, dump)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from job_lsp import CommandComponent, JobSchedule, JobValidationError, load_component, load_job, load_schedule
from job_lsp.detect import COMPONENT, JOB, SCHEDULE, document_kind
from job_lsp.model import COMPONENT_TYPES, JOB_TYPES, SCHEDULE_TYPES, Component, Schedule
from job_lsp.model.schedule import cron_problem
from job_lsp.yamldoc import parse

from test_cases import CASES


def every_entity(roots: list[type]) -> set[type]:
    from job_lsp.model.fields import ListOf, MapOf, Obj, Union

    seen: set[type] = set()

    def kinds(kind):
        if isinstance(kind, Obj):
            yield kind.entity
        elif isinstance(kind, (MapOf,)):
            yield from kinds(kind.value)
        elif isinstance(kind, ListOf):
            yield from kinds(kind.item)
        elif isinstance(kind, Union):
            for b in kind.branches:
                yield from kinds(b)

    stack = list(roots)
    while stack:
        entity = stack.pop()
        if entity in seen:
            continue
        seen.add(entity)
        for f in entity.fields(yaml_only=False).values():
            stack.extend(kinds(f.kind))
    return seen


def test_every_field_is_documented_in_english_and_french() -> None:
    undocumented = []
    for entity in every_entity([*COMPONENT_TYPES.values(), *SCHEDULE_TYPES.values()]):
        for key, f in entity.fields(yaml_only=False).items():
            if not f.doc.en or not f.doc.fr or f.doc.en == f.doc.fr:
                undocumented.append(f"{entity.__name__}.{key}")
    assert undocumented == []


def test_abstract_bases_cannot_be_instantiated() -> None:
    with pytest.raises(TypeError):
        Component(name="x")
    with pytest.raises(TypeError):
        Schedule(name="x")
    assert CommandComponent(name="x", command="echo", environment="azureml:e:1").type == "command"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\ncompute: x\n", COMPONENT),
        ("$schema: http://azureml/sdk-2-0/SparkComponent.json\n", COMPONENT),
        ("$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json\n", SCHEDULE),
        ("$schema: http://azureml/sdk-2-0/Schedule.json\n", SCHEDULE),
        ("$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\nversion: 1\n", JOB),
        ("$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\ntype: command\ncompute: x\n", None),
        ("# yaml-language-server: $schema=../schema/component.schema.json\ntype: command\n", COMPONENT),
        # Without $schema, the shape:
        ("name: s\ntrigger: {type: cron, expression: '0 8 * * *'}\ncreate_job: ./p.yml\n", SCHEDULE),
        ("name: s\ntrigger: {type: cron}\nimport_data: ./d.yml\n", SCHEDULE),
        ("trigger: daily\ncreate_job: ./p.yml\n", None),
        ("type: command\nname: c\nversion: 1\ncommand: x\n", COMPONENT),
        ("type: pipeline\njobs: {}\nis_deterministic: false\n", COMPONENT),
        ("type: command\ninputs: {lr: {type: number, default: 0.1}}\ncommand: x\n", COMPONENT),
        ("type: command\nversion: 1\ncompute: azureml:c\ncommand: x\n", JOB),
        ("type: pipeline\njobs: {}\n", JOB),
        ("command: x\ncompute: c\n", JOB),
        ("name: conda\ndependencies: [python]\n", None),
        ("- a\n- b\n", None),
    ],
)
def test_one_rule_tells_what_a_file_is(text: str, kind: str | None) -> None:
    assert document_kind(parse(text)) == kind


def test_detection_takes_its_types_from_the_model() -> None:
    for job_type in JOB_TYPES:
        assert document_kind(parse(f"type: {job_type}\ncompute: c\n")) == JOB
    for component_type in COMPONENT_TYPES:
        assert document_kind(parse(f"type: {component_type}\nversion: 1\n")) == COMPONENT


def test_load_component_and_dump_round_trip(tmp_path: Path) -> None:
    component = load_component(CASES / "component" / "valid-command.yml")
    assert isinstance(component, CommandComponent) and component.name == "train_model"
    assert component.inputs["lr"].default == 0.01 and component.inputs["extra"].optional is True
    assert component.base_path == str((CASES / "component").resolve())
    copy = tmp_path / "copy.yml"
    (tmp_path / "src").mkdir()
    component.dump(copy)
    assert load_component(copy) == component
    with pytest.raises(FileExistsError):
        component.dump(copy)


def test_load_schedule_and_dump() -> None:
    schedule = load_schedule(CASES / "schedule" / "valid-overrides.yml")
    assert isinstance(schedule, JobSchedule) and schedule.trigger.frequency == "week"
    assert schedule.create_job.job == "./components/pipeline.yml"
    out = io.StringIO()
    schedule.dump(out)
    assert out.getvalue().startswith("$schema:") and "type:" not in out.getvalue().split("trigger:")[0]


def test_loaders_refuse_errors_and_other_kinds() -> None:
    with pytest.raises(JobValidationError) as broken:
        load_component(CASES / "component" / "name-with-dash.yml")
    assert "Invalid component file" in str(broken.value) and "invalid-value" in str(broken.value)
    with pytest.raises(JobValidationError, match="Expected a job file; this is a component file"):
        load_job(CASES / "component" / "valid-command.yml")
    with pytest.raises(JobValidationError, match="Expected a schedule file"):
        load_schedule(CASES / "component" / "valid-command.yml")


def test_a_component_without_schema_or_marks_still_loads_as_one(tmp_path: Path) -> None:
    path = tmp_path / "c.yml"
    path.write_text("name: c\ncommand: echo\nenvironment: azureml:e:1\n")
    assert document_kind(parse(path.read_bytes())) is None
    assert load_component(path).command == "echo"


@pytest.mark.parametrize(
    "expression, problem",
    [
        ("0 8 * * 1-5", None),
        ("*/15 * * * *", None),
        ("0 0 1 jan,jul sun", None),
        ("0 25 * * *", "hour `25` is out of range (0-23)"),
        ("0 8 * *", "a cron expression has 5 fields (minute hour day-of-month month day-of-week), not 4"),
        ("0 8 * * mon/0", "the step `/0` of the day of week field is not a positive number"),
        ("x 8 * * *", "`x` is not a valid minute"),
    ],
)
def test_cron_expressions(expression: str, problem: str | None) -> None:
    assert cron_problem(expression) == problem
