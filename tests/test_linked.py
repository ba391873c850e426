"""Problems of the files a file runs: a step's component, a schedule's job."""

from __future__ import annotations

import os
from pathlib import Path

from job_lsp.linked import check_linked
from job_lsp.diagnose import diagnose
from job_lsp.yamldoc import parse

COMPONENT = "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\nname: {name}\ncommand: echo\nenvironment: azureml:e:1\ncode: {code}\n"
PIPELINE = "type: pipeline\nsettings: {default_compute: azureml:c}\njobs:\n  a:\n    component: ./c.yml\n"


def linked(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    doc = parse(text)
    return [(p.severity, p.code, p.message) for p in check_linked(doc, str(tmp_path), diagnose)]


def test_a_component_path_is_checked_at_the_step_and_follows_the_file(tmp_path: Path) -> None:
    component = tmp_path / "c.yml"
    component.write_text(COMPONENT.format(name="c", code="./src"))
    [(severity, code, message)] = linked(tmp_path, PIPELINE)
    assert (severity, code) == ("error", "component-error") and "`c.yml`, line 5" in message and "./src" in message
    (tmp_path / "src").mkdir()
    os.utime(component, ns=(1, 1))  # a new version of the file (same size)
    assert linked(tmp_path, PIPELINE) == []


def test_a_component_name_is_not_judged_at_the_step(tmp_path: Path) -> None:
    (tmp_path / "c.yml").write_text(COMPONENT.format(name="with-dash", code="."))
    assert linked(tmp_path, PIPELINE) == []


def test_a_pipeline_component_that_runs_itself_does_not_loop(tmp_path: Path) -> None:
    path = tmp_path / "c.yml"
    path.write_text("$schema: https://azuremlschemas.azureedge.net/latest/pipelineComponent.schema.json\nname: c\ntype: pipeline\njobs:\n  a:\n    type: pipeline\n    component: ./c.yml\n")
    doc = parse(path.read_bytes())
    assert [p.code for p in diagnose(doc, tmp_path)] == []


SCHEDULE = "name: s\ntrigger: {type: cron, expression: '0 8 * * *'}\ncreate_job: ./p.yml\n"


def test_a_schedule_job_file_with_errors_fails_the_schedule(tmp_path: Path) -> None:
    (tmp_path / "p.yml").write_text("type: pipeline\njobs:\n  a:\n    command: echo\n    environment: azureml:e:1\n    compute: azureml:c\n    colour: red\n    size: big\n")
    [(severity, code, message)] = linked(tmp_path, SCHEDULE)
    assert (severity, code) == ("error", "job-error") and message.startswith("`p.yml` has 2 errors; the first, line 7: Unknown key `colour`")


def test_a_schedule_job_file_with_warnings_only_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "p.yml").write_text("type: pipeline\njobs:\n  a:\n    command: echo\n    environment: azureml:e:1\n    compute: azureml:c\n    status: Running\n")
    assert [(s, c) for s, c, _ in linked(tmp_path, SCHEDULE)] == [("warning", "job-warning")]
    (tmp_path / "p.yml").write_text("type: pipeline\njobs:\n  a:\n    command: echo\n    environment: azureml:e:1\n    compute: azureml:c\n")
    assert linked(tmp_path, SCHEDULE) == []


def test_a_change_two_files_away_is_seen(tmp_path: Path) -> None:
    """schedule -> pipeline -> component: fixing the component clears the schedule's error,
    though the pipeline file did not change."""
    component = tmp_path / "c.yml"
    component.write_text(COMPONENT.format(name="c", code="./missing"))
    (tmp_path / "p.yml").write_text(PIPELINE)
    schedule = SCHEDULE
    assert [c for _, c, _ in linked(tmp_path, schedule)] == ["job-error"]
    component.write_text(COMPONENT.format(name="c", code="."))
    assert linked(tmp_path, schedule) == []
