"""Bindings through the real server: definition, references, rename, hover, completion
inside ${{ }}, document links and quick fixes."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as t
from pytest_lsp import LanguageClient

from lsp_helpers import expect_diagnostics, open_doc

PIPELINE = """type: pipeline
settings:
  default_compute: serverless
inputs:
  raw:
    type: uri_file
    path: https://example.com/raw.csv
jobs:
  prep:
    command: python prep.py --raw ${{inputs.raw}} --out ${{outputs.clean}}
    environment: azureml:env:1
    inputs:
      raw: ${{parent.inputs.raw}}
    outputs:
      clean:
  train:
    component: ./components/train.yml
    inputs:
      data: ${{parent.jobs.prep.outputs.clean}}
"""

COMPONENT = """$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
name: train
version: 1
type: command
inputs:
  data:
    type: uri_folder
  lr:
    type: number
    default: 0.1
outputs:
  model:
    type: uri_folder
command: python train.py --data ${{inputs.data}} --lr ${{inputs.lr}} --out ${{outputs.model}}
environment: azureml:env:1
"""


def pos(text: str, needle: str, delta: int = 0) -> t.Position:
    i = text.index(needle) + delta
    return t.Position(line=text[:i].count("\n"), character=len(text[:i].split("\n")[-1]))


def setup(workspace: Path) -> Path:
    (workspace / "components").mkdir(exist_ok=True)
    (workspace / "components" / "train.yml").write_text(COMPONENT)
    return workspace / "pipeline.yml"


async def test_definition_references_and_rename(client: LanguageClient, workspace: Path) -> None:
    path = setup(workspace)
    uri = open_doc(client, path, PIPELINE)
    doc = t.TextDocumentIdentifier(uri=uri)
    at_binding = pos(PIPELINE, "outputs.clean}}\n", 9)
    found = await client.text_document_definition_async(t.DefinitionParams(text_document=doc, position=at_binding))
    assert found.uri == uri and found.range.start == pos(PIPELINE, "clean:\n")
    refs = await client.text_document_references_async(t.ReferenceParams(text_document=doc, position=at_binding, context=t.ReferenceContext(include_declaration=True)))
    assert sorted((r.range.start.line, r.range.start.character) for r in refs) == [(9, 67), (14, 6), (18, 40)]
    prepared = await client.text_document_prepare_rename_async(t.PrepareRenameParams(text_document=doc, position=at_binding))
    assert prepared.placeholder == "clean"
    edit = await client.text_document_rename_async(t.RenameParams(text_document=doc, position=at_binding, new_name="cleaned"))
    assert len(edit.changes[uri]) == 3 and all(e.new_text == "cleaned" for e in edit.changes[uri])


async def test_definition_in_the_component_file(client: LanguageClient, workspace: Path) -> None:
    path = setup(workspace)
    text = PIPELINE + "  score:\n    command: python s.py --m ${{inputs.m}}\n    environment: azureml:env:1\n    inputs:\n      m: ${{parent.jobs.train.outputs.model}}\n"
    uri = open_doc(client, path, text)
    found = await client.text_document_definition_async(t.DefinitionParams(text_document=t.TextDocumentIdentifier(uri=uri), position=pos(text, "outputs.model}}", 9)))
    assert found.uri == (workspace / "components" / "train.yml").as_uri() and found.range.start.line == 11
    hover = await client.text_document_hover_async(t.HoverParams(text_document=t.TextDocumentIdentifier(uri=uri), position=pos(text, "outputs.model}}", 9)))
    assert "**output** `model` (train.yml)" in hover.contents.value and "type: uri_folder" in hover.contents.value


async def test_completion_inside_a_binding(client: LanguageClient, workspace: Path) -> None:
    path = setup(workspace)
    text = PIPELINE.replace("data: ${{parent.jobs.prep.outputs.clean}}", "data: ${{parent.jobs.prep.outputs.")
    uri = open_doc(client, path, text)
    result = await client.text_document_completion_async(t.CompletionParams(text_document=t.TextDocumentIdentifier(uri=uri), position=pos(text, "outputs.\n", 8)))
    assert [i.label for i in result.items] == ["clean"]
    text = PIPELINE.replace("data: ${{parent.jobs.prep.outputs.clean}}", "data: ${{parent.jobs.")
    uri = open_doc(client, workspace / "p2.yml", text)
    result = await client.text_document_completion_async(t.CompletionParams(text_document=t.TextDocumentIdentifier(uri=uri), position=pos(text, "jobs.\n", 5)))
    assert [i.label for i in result.items] == ["prep", "train"]


async def test_component_inputs_are_checked(client: LanguageClient, workspace: Path) -> None:
    path = setup(workspace)
    text = PIPELINE.replace("      data: ${{parent.jobs.prep.outputs.clean}}\n", "      dta: ${{parent.jobs.prep.outputs.clean}}\n")
    diags = await expect_diagnostics(client, path.as_uri(), 1, lambda: open_doc(client, path, text))
    assert {d.code for d in diags} == {"missing-input", "unknown-component-input"}


async def test_document_links(client: LanguageClient, workspace: Path) -> None:
    path = setup(workspace)
    uri = open_doc(client, path, PIPELINE)
    found = await client.text_document_document_link_async(t.DocumentLinkParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    assert [link.target for link in found] == [(workspace / "components" / "train.yml").as_uri()]


async def test_quick_fixes(client: LanguageClient, workspace: Path) -> None:
    text = "type: command\ncommand: python x.py --lr ${{inputs.lr}}\nenvironment: azureml:e:1\ncomptue: azureml:c\nstatus: Running\n"
    path = workspace / "fix.yml"
    diags = await expect_diagnostics(client, path.as_uri(), 1, lambda: open_doc(client, path, text))
    doc = t.TextDocumentIdentifier(uri=path.as_uri())
    everything = t.Range(start=t.Position(line=0, character=0), end=t.Position(line=5, character=0))
    actions = await client.text_document_code_action_async(t.CodeActionParams(text_document=doc, range=everything, context=t.CodeActionContext(diagnostics=diags)))
    titles = [a.title for a in actions]
    assert "Change to `compute`" in titles
    assert "Remove `status` (the service sets it)" in titles
    assert "Declare input `lr`" in titles
    assert "Ignore `unknown-key` on this line" in titles
    assert "Add the $schema line (command job)" in titles
    remove = next(a for a in actions if a.title.startswith("Remove"))
    (edit,) = remove.edit.changes[doc.uri]
    assert (edit.range.start.line, edit.range.end.line, edit.new_text) == (4, 5, "")
    declare = next(a for a in actions if a.title == "Declare input `lr`")
    (edit,) = declare.edit.changes[doc.uri]
    assert edit.new_text == "\ninputs:\n  lr: "


async def test_component_input_names_are_offered_in_a_step(client: LanguageClient, workspace: Path) -> None:
    path = setup(workspace)
    text = PIPELINE.replace("      data: ${{parent.jobs.prep.outputs.clean}}\n", "      \n")
    uri = open_doc(client, path, text)
    result = await client.text_document_completion_async(t.CompletionParams(text_document=t.TextDocumentIdentifier(uri=uri), position=pos(text, "    inputs:\n      \n", 18)))
    items = {i.label: i for i in result.items}
    assert list(items) == ["data", "lr"]  # the required one first
    assert items["data"].detail == "uri_folder · required" and items["lr"].detail == "number · default 0.1"


async def test_the_old_binding_form_is_an_error_with_its_quick_fix(client: LanguageClient, workspace: Path) -> None:
    path = setup(workspace)
    text = PIPELINE.replace("data: ${{parent.jobs.prep.outputs.clean}}", "data: ${{jobs.prep.outputs.clean}}")
    diags = await expect_diagnostics(client, path.as_uri(), 1, lambda: open_doc(client, path, text))
    (old,) = diags
    assert (old.code, old.severity, old.range.start) == ("old-binding-form", t.DiagnosticSeverity.Error, pos(text, "${{jobs"))
    doc = t.TextDocumentIdentifier(uri=path.as_uri())
    actions = await client.text_document_code_action_async(t.CodeActionParams(text_document=doc, range=old.range, context=t.CodeActionContext(diagnostics=diags)))
    fix = next(a for a in actions if a.title == "Change to `${{parent.jobs.prep.outputs.clean}}`")
    (edit,) = fix.edit.changes[doc.uri]
    assert (edit.range, edit.new_text) == (old.range, "${{parent.jobs.prep.outputs.clean}}")
