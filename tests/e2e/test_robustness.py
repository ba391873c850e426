"""The server never dies: odd requests get empty answers, odd documents get diagnostics."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as t
from pytest_lsp import LanguageClient

from lsp_helpers import expect_diagnostics, open_doc


async def test_requests_for_unknown_documents_and_positions(client: LanguageClient, workspace: Path) -> None:
    unknown = t.TextDocumentIdentifier(uri=(workspace / "never-opened.yml").as_uri())
    far = t.Position(line=10_000, character=10_000)
    assert await client.text_document_hover_async(t.HoverParams(text_document=unknown, position=far)) is None
    result = await client.text_document_completion_async(t.CompletionParams(text_document=unknown, position=far))
    assert result is None or not result.items
    uri = open_doc(client, workspace / "a.yml", "type: command\ncommand: x\n")
    doc = t.TextDocumentIdentifier(uri=uri)
    assert await client.text_document_hover_async(t.HoverParams(text_document=doc, position=far)) is None
    # Far past the end is the end (LSP clamps positions): a new top-level key of a command job.
    result = await client.text_document_completion_async(t.CompletionParams(text_document=doc, position=far))
    labels = [i.label for i in result.items]
    assert "environment" in labels and "compute" in labels
    assert "type" not in labels and "command" not in labels  # there already


async def test_hostile_documents_get_diagnostics_and_the_server_stays_up(client: LanguageClient, workspace: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}' if i > 1 else '*a'] * 10)}]\n" for i in range(1, 9))
    # name -> (text, the diagnostic it must get: line, character, code)
    cases = {
        "nul.yml": ("type: command\ncommand: a\x00b\n", (1, 10, "invalid-character")),
        "deep.yml": ("type: command\ncommand: " + "[" * 5000 + "]" * 5000 + "\n", (1, 1008, "too-deep")),
        # a billion nodes if expanded: `tags` gets a list, which is refused unexpanded
        "bomb.yml": (bomb + "type: command\ncommand: x\nenvironment: azureml:e:1\ntags: *a8\n", (8, 4, "type-mismatch")),
        "tag.yml": ("type: command\ncommand: !!python/object/apply:os.system [echo]\n", (1, 9, "unsafe-tag")),
    }
    for name, (text, expected) in cases.items():
        path = workspace / name
        diags = await expect_diagnostics(client, path.as_uri(), 1, lambda: open_doc(client, path, text))
        assert expected in [(d.range.start.line, d.range.start.character, d.code) for d in diags], (name, diags)
    uri = open_doc(client, workspace / "after.yml", "type: command\ncompute: x\n")
    result = await client.text_document_hover_async(t.HoverParams(text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=1, character=1)))
    assert result.contents.value.startswith("**compute**") and (result.range.start.line, result.range.end.character) == (1, 7)
