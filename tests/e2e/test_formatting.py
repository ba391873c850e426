"""Formatting through the real server: minimal edits, none for a broken file."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as t
from pytest_lsp import LanguageClient

from lsp_helpers import apply_text_edits, open_doc
from job_lsp.format import format_text

OPTIONS = t.FormattingOptions(tab_size=2, insert_spaces=True)


async def test_formatting_returns_minimal_edits(client: LanguageClient, workspace: Path) -> None:
    body = "".join(f"  k{i}: v{i}\n" for i in range(50))
    text = f"type: command\ncommand: x\nenvironment: azureml:e:1\ntags:\n{body}compute: azureml:c   \n"
    uri = open_doc(client, workspace / "a.yml", text)
    edits = await client.text_document_formatting_async(t.DocumentFormattingParams(text_document=t.TextDocumentIdentifier(uri=uri), options=OPTIONS))
    assert apply_text_edits(text, list(edits)) == format_text(text).text
    assert len(edits) <= 3 and all(e.range.start.line != 10 for e in edits)  # the tags are not rewritten


async def test_no_edits_for_a_formatted_or_broken_file(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "b.yml", "type: command\ncommand: x\nenvironment: azureml:e:1\n")
    assert not await client.text_document_formatting_async(t.DocumentFormattingParams(text_document=t.TextDocumentIdentifier(uri=uri), options=OPTIONS))
    uri = open_doc(client, workspace / "c.yml", "type: command\ncommand: [x\nenvironment: azureml:e:1\n")
    assert not await client.text_document_formatting_async(t.DocumentFormattingParams(text_document=t.TextDocumentIdentifier(uri=uri), options=OPTIONS))


async def test_range_formatting_touches_only_the_selection(client: LanguageClient, workspace: Path) -> None:
    text = "type: command\ncommand: x   \nenvironment: azureml:e:1\nresources:\n    instance_count: 2\ncompute: c   \n"
    uri = open_doc(client, workspace / "d.yml", text)
    selection = t.Range(start=t.Position(line=3, character=0), end=t.Position(line=4, character=21))
    edits = await client.text_document_range_formatting_async(
        t.DocumentRangeFormattingParams(text_document=t.TextDocumentIdentifier(uri=uri), range=selection, options=OPTIONS)
    )
    assert apply_text_edits(text, list(edits)) == text.replace("    instance_count", "  instance_count")
