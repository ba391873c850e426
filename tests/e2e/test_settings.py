"""Settings from initializationOptions and workspace/configuration; bad ones are reported and
replaced by their defaults."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import SERVER, expect_diagnostics, open_doc, start


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def configured(lsp_client: LanguageClient, tmp_path: Path):
    lsp_client.set_configuration({"computeTargets": ["from-config"], "format": {"indent": 4}}, section="jobLsp")
    await start(lsp_client, tmp_path, "visual-studio-code", {"jobLsp": {"computeTargets": ["from-init"], "diagnosticsDelay": "soon", "nonsense": 1}})
    yield
    await lsp_client.shutdown_session()


async def test_configuration_wins_and_bad_values_are_reported(configured: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(configured, tmp_path / "a.yml", "type: command\ncompute: \nresources:\n  instance_count: 1\n")
    labels: list[str] = []
    for _ in range(100):  # the configuration is read just after `initialized`
        result = await configured.text_document_completion_async(t.CompletionParams(text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=1, character=9)))
        labels = [i.label for i in result.items]
        if "azureml:from-config" in labels:
            break
        await asyncio.sleep(0.05)
    assert labels[0] == "azureml:from-config"
    messages = [m.message for m in configured.log_messages]
    assert any("jobLsp.diagnosticsDelay: 'soon' is not valid; the default 200 is used" in m for m in messages)
    assert any("unknown setting jobLsp.nonsense" in m for m in messages)
    edits = await configured.text_document_formatting_async(t.DocumentFormattingParams(text_document=t.TextDocumentIdentifier(uri=uri), options=t.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert any(e.new_text == "    instance_count: 1\n" for e in edits)  # format.indent: 4


async def test_turning_validation_off_clears_diagnostics(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "b.yml"
    uri = path.as_uri()
    diags = await expect_diagnostics(client, uri, 1, lambda: open_doc(client, path, "type: command\nbogus: 1\n"))
    assert sorted((d.range.start.line, d.code) for d in diags) == [(0, "missing-required"), (1, "unknown-key")]
    client.set_configuration({"validate": False}, section="jobLsp")
    cleared = await expect_diagnostics(client, uri, 1, lambda: client.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings={"jobLsp": {"validate": False}})))
    assert cleared == []
