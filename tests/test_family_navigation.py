"""Navigation across files: rename of a component's input or output in the pipeline files
that run it, go to definition of a linked file, the add-$schema fix of each kind."""

from __future__ import annotations

from pathlib import Path

from job_lsp.bindings import analyze
from job_lsp.files import read_bounded
from job_lsp.navigate import component_port, rename_across_files
from job_lsp.validate import walk
from job_lsp.workspace import index_folders
from job_lsp.yamldoc import parse

COMPONENT = "name: c\nversion: 1\ntype: command\ninputs:\n  lr: {type: number}\noutputs:\n  model: {type: uri_folder}\ncommand: echo ${{inputs.lr}} ${{outputs.model}}\nenvironment: azureml:e:1\n"
USER = "type: pipeline\nsettings: {default_compute: azureml:c}\njobs:\n  a:\n    component: ./c.yml\n    inputs:\n      lr: 0.1\n  b:\n    component: ./other.yml\n    inputs:\n      lr: 0.2\n      x: ${{parent.jobs.a.outputs.model}}\n"


def read(path: str):
    source = read_bounded(path)
    return parse(source) if isinstance(source, bytes) else None


def test_the_steps_that_run_the_component_follow(tmp_path: Path) -> None:
    (tmp_path / "c.yml").write_text(COMPONENT)
    (tmp_path / "other.yml").write_text(COMPONENT)
    (tmp_path / "p.yml").write_text(USER)
    index = index_folders([tmp_path])
    users = index.component_users(tmp_path / "c.yml")
    assert users == [str(tmp_path / "p.yml")]
    doc = parse(COMPONENT)
    analysis = analyze(doc, walk(doc).entities, str(tmp_path))
    on_input = COMPONENT.index("lr:")
    assert component_port(doc, analysis, on_input).name == "lr"
    [(user, (_, changes))] = rename_across_files(doc, analysis, on_input, "rate", str(tmp_path / "c.yml"), users, read).items()
    assert [(USER[c.start : c.end], USER.count("\n", 0, c.start)) for c in changes] == [("lr", 6)]  # step `a` only
    on_output = COMPONENT.index("outputs.model") + 9
    [(_, (_, changes))] = rename_across_files(doc, analysis, on_output, "trained", str(tmp_path / "c.yml"), users, read).items()
    assert [(USER[c.start : c.end], USER.count("\n", 0, c.start)) for c in changes] == [("model", 11)]


def test_nothing_follows_for_what_is_not_a_component_port(tmp_path: Path) -> None:
    doc = parse(COMPONENT)
    analysis = analyze(doc, walk(doc).entities, str(tmp_path))
    assert component_port(doc, analysis, COMPONENT.index("command")) is None
    assert rename_across_files(doc, analysis, 0, "x", str(tmp_path / "c.yml"), [str(tmp_path / "p.yml")], read) == {}


def test_the_schema_quick_fix_names_the_file_kind() -> None:
    from job_lsp.navigate import schema_action

    component = schema_action(parse("type: pipeline\nversion: 1\njobs: {}\n"), "pipeline")
    assert component.title == "Add the $schema line (pipeline component)" and "pipelineComponent.schema.json" in component.changes[0].new_text
    schedule = schema_action(parse("name: s\ntrigger: {type: cron}\ncreate_job: ./p.yml\n"), None)
    assert schedule.title == "Add the $schema line (schedule)" and schedule.changes[0].new_text.endswith("/schedule.schema.json\n")


def test_definition_of_a_linked_file(tmp_path: Path) -> None:
    from job_lsp.navigate import definition

    (tmp_path / "p.yml").write_text(USER)
    text = "name: s\ntrigger: {type: cron, expression: '0 8 * * *'}\ncreate_job: ./p.yml\n"
    doc = parse(text)
    model = walk(doc, tmp_path)
    analysis = analyze(doc, model.entities, str(tmp_path))
    found = definition(doc, analysis, text.index("./p.yml") + 2, model)
    assert found is not None and found.path == str(tmp_path / "p.yml") and found.start == 0
    assert definition(doc, analysis, text.index("name"), model) is None
