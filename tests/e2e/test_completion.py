"""Completion through the real server."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types as t
from pytest_lsp import LanguageClient

from lsp_helpers import change_doc, open_doc


async def complete_at(client: LanguageClient, uri: str, line: int, character: int) -> list[t.CompletionItem]:
    result = await client.text_document_completion_async(
        t.CompletionParams(text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=line, character=character))
    )
    return list(result.items) if result is not None else []


async def indexed(client: LanguageClient, uri: str, line: int, character: int, label: str) -> list[t.CompletionItem]:
    """The workspace is indexed in the background: ask until its names appear."""
    for _ in range(100):
        items = await complete_at(client, uri, line, character)
        if any(i.label == label for i in items):
            return items
        await asyncio.sleep(0.05)
    return items


async def test_keys_of_the_job_type_with_snippets(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "a.yml", "type: command\ncommand: python x.py\n\n")
    items = await complete_at(client, uri, 2, 0)
    labels = [i.label for i in items]
    assert "environment" in labels and "distribution" in labels and "command" not in labels  # present already
    assert "status" not in labels  # read-only
    distribution = next(i for i in items if i.label == "distribution")
    assert distribution.insert_text_format == t.InsertTextFormat.Snippet
    assert distribution.text_edit.new_text == "distribution:\n  type: ${1|pytorch,mpi,tensorflow,ray|}"
    environment = next(i for i in items if i.label == "environment")
    assert environment.documentation.kind == t.MarkupKind.Markdown and "environment" in environment.documentation.value
    assert environment.sort_text < next(i for i in items if i.label == "tags").sort_text  # required first


async def test_compute_values_from_settings_and_workspace(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "b.yml", "type: command\ncompute: \n")
    items = await indexed(client, uri, 1, 9, "azureml:gpu-cluster")
    labels = [i.label for i in items]
    assert labels[:2] == ["azureml:configured-cluster", "azureml:gpu-cluster"]  # settings first, then the workspace
    assert "local" in labels


async def test_completion_right_after_azureml_prefix(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "c.yml", "type: command\ncompute: azureml:\n")
    items = await indexed(client, uri, 1, 17, "azureml:gpu-cluster")
    gpu = next(i for i in items if i.label == "azureml:gpu-cluster")
    edit = gpu.text_edit
    assert (edit.range.start.character, edit.range.end.character) == (9, 17)  # replaces the typed `azureml:`
    assert edit.new_text == "azureml:gpu-cluster"


async def test_experiment_name_folder_first(client: LanguageClient, workspace: Path) -> None:
    folder = workspace / "my-project"
    folder.mkdir()
    uri = open_doc(client, folder / "d.yml", "type: command\nexperiment_name: \n")
    items = await indexed(client, uri, 1, 17, "team-experiment")
    assert [i.label for i in items][:2] == ["my-project", "team-experiment"]


async def test_environment_values(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "e.yml", "type: command\nenvironment: \n")
    items = await indexed(client, uri, 1, 13, "azureml:team-env:3")
    labels = [i.label for i in items]
    assert labels[0] == "azureml:team-env:3"
    assert "azureml:AzureML-sklearn-1.5@latest" in labels  # a curated environment


async def test_services_names_and_fields_by_type(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "f.yml", "type: command\nservices:\n  \n")
    names = [i.label for i in await complete_at(client, uri, 2, 2)]
    assert "my_jupyter_lab" in names and "my_ssh" in names
    uri = open_doc(client, workspace / "g.yml", "type: command\nservices:\n  box:\n    type: ssh\n    \n")
    fields = [i.label for i in await complete_at(client, uri, 4, 4)]
    assert "ssh_public_keys" in fields and "log_dir" not in fields and "type" not in fields
    uri = open_doc(client, workspace / "h.yml", "type: command\nservices:\n  box:\n    type: \n")
    assert [i.label for i in await complete_at(client, uri, 3, 10)] == ["jupyter_lab", "ssh", "tensor_board", "vs_code", "custom"]


async def test_enum_values_input_types_and_modes(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "i.yml", "type: command\ninputs:\n  data:\n    type: \n    mode: \n")
    types = [i.label for i in await complete_at(client, uri, 3, 10)]
    assert types == ["uri_folder", "uri_file", "mlflow_model", "custom_model", "triton_model", "mltable"]
    modes = [i.label for i in await complete_at(client, uri, 4, 10)]
    assert modes == ["ro_mount", "download", "direct"]


async def test_job_type_and_nested_job_types(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "j.yml", "type: \n")
    assert "pipeline" in [i.label for i in await complete_at(client, uri, 0, 6)]
    uri = open_doc(client, workspace / "k.yml", "type: pipeline\njobs:\n  step:\n    type: \n")
    steps = [i.label for i in await complete_at(client, uri, 3, 10)]
    assert {"command", "sweep", "parallel", "spark", "pipeline"} <= set(steps)


async def test_broken_yaml_still_completes(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "l.yml", "type: command\ninputs: [a, \nresources:\n  \n")
    labels = [i.label for i in await complete_at(client, uri, 3, 2)]
    assert "instance_count" in labels


async def test_empty_file_offers_job_skeletons(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "new.yml", "")
    labels = [i.label for i in await complete_at(client, uri, 0, 0)]
    assert "command job" in labels and "pipeline job" in labels


async def test_completion_right_after_an_edit_reads_the_edited_text(client: LanguageClient, workspace: Path) -> None:
    """Completion answers from the text as edited, without waiting for the edit's check."""
    uri = open_doc(client, workspace / "typing.yml", "type: command\ncommand: python x.py\n")
    change_doc(client, uri, 2, (2, 0), (2, 0), "resources:\n  ")
    labels = [i.label for i in await complete_at(client, uri, 3, 2)]  # sent right after the edit
    assert "instance_count" in labels and "command" not in labels
    change_doc(client, uri, 3, (3, 2), (3, 2), "instance_type: x\n  ")
    labels = [i.label for i in await complete_at(client, uri, 4, 2)]
    assert "instance_count" in labels and "instance_type" not in labels  # the new sibling is seen


async def test_completion_inside_a_binding_right_after_an_edit(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "binding.yml", "type: command\ncommand: python x.py\ninputs:\n  lr: 0.1\n")
    change_doc(client, uri, 2, (1, 19), (1, 19), " ${{inputs.")
    items = await complete_at(client, uri, 1, 30)
    assert [i.label for i in items] == ["lr"]
    assert (items[0].text_edit.range.start.character, items[0].text_edit.range.end.character) == (30, 30)


async def test_completion_with_lone_cr_line_breaks(client: LanguageClient, workspace: Path) -> None:
    """A lone CR ends a line for the client, not for the core (which reads such a file as one
    line): whatever is offered lands on the client's line, at the cursor."""
    uri = open_doc(client, workspace / "cr.yml", "type: command\rcommand: python x.py\rcompute: \r")
    items = await complete_at(client, uri, 2, 9)
    assert items
    for item in items:
        assert item.text_edit.range.start.line == item.text_edit.range.end.line == 2
        assert item.text_edit.range.end.character == 9
