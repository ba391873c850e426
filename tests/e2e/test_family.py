"""Components and schedules through the real server: diagnostics, completion, hover and
formatting in a component file and a schedule file; hover, definition and completion from a
pipeline step into its component file."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types as t
from pytest_lsp import LanguageClient

from lsp_helpers import expect_diagnostics, open_doc

COMPONENT = """\
name: train
$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
version: 1
inputs:
  lr: {type: number, default: 0.1, description: Learning rate}
  data: {type: uri_folder}
outputs:
  model: {type: uri_folder}
command: python train.py --lr ${{inputs.lr}} --data ${{inputs.data}} --epochs ${{inputs.epochs}} --out ${{outputs.model}}
environment: azureml:AzureML-sklearn-1.5@latest
"""

SCHEDULE = """\
$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json
name: nightly
trigger:
  type: cron
  expression: "0 25 * * *"
  time_zone: Mars Standard Time
create_job: ./pipeline.yml
"""

PIPELINE = """\
type: pipeline
settings: {default_compute: azureml:cpu}
jobs:
  train:
    component: ./train.yml
    inputs:
      data: ${{parent.inputs.x}}
      lr: fast
"""

DOC_OPTIONS = t.FormattingOptions(tab_size=2, insert_spaces=True)

USER = """\
type: pipeline
settings: {default_compute: azureml:cpu}
jobs:
  first:
    component: ./components/train.yml
    inputs:
      data: ${{parent.inputs.x}}
  second:
    component: ./components/train.yml
    inputs:
      data: ${{parent.jobs.first.outputs.model}}
    outputs:
      model: {type: uri_folder}
"""


@pytest.fixture
def workspace(workspace: Path) -> Path:
    """The conftest workspace, plus a component and a pipeline that runs it twice (on disk
    before the server starts, so that its index has them)."""
    (workspace / "components").mkdir()
    (workspace / "components" / "train.yml").write_text(COMPONENT)
    (workspace / "user.yml").write_text(USER)
    return workspace


def at(uri: str, line: int, character: int) -> dict:
    return {"text_document": t.TextDocumentIdentifier(uri=uri), "position": t.Position(line=line, character=character)}


async def test_a_component_file_is_served(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "train.yml"
    path.write_text(COMPONENT)
    diagnostics = await expect_diagnostics(client, path.as_uri(), 1, lambda: open_doc(client, path, COMPONENT))
    assert [(d.range.start.line, d.code) for d in diagnostics] == [(8, "undeclared-input")]
    uri = path.as_uri()
    # completion: the keys of a parameter input, then the component's own keys
    completion = await client.text_document_completion_async(t.CompletionParams(**at(uri, 4, 0)))
    labels = [i.label for i in completion.items]
    assert "is_deterministic" in labels and "additional_includes" in labels and "experiment_name" not in labels
    hover = await client.text_document_hover_async(t.HoverParams(**at(uri, 2, 1)))
    assert hover.contents.value.startswith("**version**") and "The version of the component" in hover.contents.value
    edits = await client.text_document_formatting_async(t.DocumentFormattingParams(text_document=t.TextDocumentIdentifier(uri=uri), options=DOC_OPTIONS))
    # $schema first, and `command` last, as a command component's canonical order has them
    moved = [(e.range.start.line, e.new_text.split(":")[0]) for e in edits if e.new_text]
    assert moved == [(0, "$schema"), (8, "environment")]


async def test_a_schedule_file_is_served(client: LanguageClient, workspace: Path) -> None:
    (workspace / "pipeline.yml").write_text("type: pipeline\njobs:\n  a:\n    command: echo\n    environment: azureml:e:1\n    compute: azureml:c\n")
    path = workspace / "schedule.yml"
    diagnostics = await expect_diagnostics(client, path.as_uri(), 1, lambda: open_doc(client, path, SCHEDULE))
    assert [(d.range.start.line, d.code, d.severity) for d in diagnostics] == [
        (4, "invalid-cron", t.DiagnosticSeverity.Warning),
        (5, "unknown-time-zone", t.DiagnosticSeverity.Warning),
    ]
    uri = path.as_uri()
    completion = await client.text_document_completion_async(t.CompletionParams(**at(uri, 3, 8)))
    assert {"cron", "recurrence"} <= {i.label for i in completion.items}
    hover = await client.text_document_hover_async(t.HoverParams(**at(uri, 6, 2)))
    assert "create_job" in hover.contents.value and "each time it fires" in hover.contents.value
    links = await client.text_document_document_link_async(t.DocumentLinkParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    assert [link.target for link in links] == [(workspace / "pipeline.yml").as_uri()]
    found = await client.text_document_definition_async(t.DefinitionParams(**at(uri, 6, 16)))
    found = found[0] if isinstance(found, list) else found
    assert found.uri == (workspace / "pipeline.yml").as_uri() and found.range.start.line == 0
    edits = await client.text_document_formatting_async(t.DocumentFormattingParams(text_document=t.TextDocumentIdentifier(uri=uri), options=DOC_OPTIONS))
    assert not edits  # already in the canonical order


async def test_from_a_step_into_its_component(client: LanguageClient, workspace: Path) -> None:
    (workspace / "train.yml").write_text(COMPONENT)
    path = workspace / "pipeline.yml"
    diagnostics = await expect_diagnostics(client, path.as_uri(), 1, lambda: open_doc(client, path, PIPELINE))
    assert ("input-type-mismatch", 7) in {(d.code, d.range.start.line) for d in diagnostics}
    uri = path.as_uri()
    hover = await client.text_document_hover_async(t.HoverParams(**at(uri, 7, 7)))
    assert hover.contents.value.startswith("**input** `lr` (train.yml)") and "description: Learning rate" in hover.contents.value
    found = await client.text_document_definition_async(t.DefinitionParams(**at(uri, 7, 7)))
    found = found[0] if isinstance(found, list) else found
    assert found.uri == (workspace / "train.yml").as_uri() and found.range.start.line == 4
    # completion of the input names the step does not give yet (required first)
    other = open_doc(client, workspace / "pipeline2.yml", PIPELINE.replace("      data: ${{parent.inputs.x}}\n", "      \n"))
    completion = await client.text_document_completion_async(t.CompletionParams(**at(other, 6, 6)))
    assert [(i.label, i.detail) for i in completion.items] == [("data", "uri_folder · required")]


async def test_renaming_a_component_output_renames_it_in_the_pipelines_that_run_it(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "components" / "train.yml"
    uri = open_doc(client, path, COMPONENT)
    user_uri = (workspace / "user.yml").as_uri()
    params = t.RenameParams(new_name="trained", **at(uri, 7, 3))  # on `model:` under outputs
    for _ in range(100):  # the workspace index is built in the background
        edit = await client.text_document_rename_async(params)
        if edit is not None and user_uri in edit.changes:
            break
        await asyncio.sleep(0.1)
    own = sorted((e.range.start.line, e.range.start.character) for e in edit.changes[uri])
    assert own == [(7, 2), (8, 114)]  # the declaration and `${{outputs.model}}` in the command
    users = sorted((e.range.start.line, e.range.start.character, e.new_text) for e in edit.changes[user_uri])
    assert users == [(10, 41, "trained"), (12, 6, "trained")]  # the binding that reads it, the step's own key
