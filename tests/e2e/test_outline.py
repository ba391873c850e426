"""Document symbols (the outline) and folding ranges through the real server."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as t
from pytest_lsp import LanguageClient

from lsp_helpers import ROOT, open_doc


async def test_outline_of_a_pipeline(client: LanguageClient, workspace: Path) -> None:
    text = (ROOT / "examples" / "pipeline-job.yml").read_text()
    uri = open_doc(client, workspace / "p.yml", text)
    symbols = await client.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    top = {s.name: s for s in symbols}
    assert {"type", "inputs", "outputs", "jobs", "settings"} <= set(top)
    steps = {s.name: s for s in top["jobs"].children}
    assert set(steps) == {"prep", "train", "score"} and steps["train"].kind == t.SymbolKind.Function
    assert steps["train"].detail == "command"
    inputs = [s.name for s in top["inputs"].children]
    assert inputs == ["raw_data", "learning_rate"] and top["inputs"].children[0].kind == t.SymbolKind.Variable
    assert top["jobs"].range.start.line < steps["prep"].range.start.line <= steps["prep"].range.end.line < steps["train"].range.start.line


async def test_folding_ranges(client: LanguageClient, workspace: Path) -> None:
    text = "# one\n# two\ntype: command\ncommand: x\ninputs:\n  a:\n    type: uri_file\n    path: p\n"
    uri = open_doc(client, workspace / "f.yml", text)
    folds = await client.text_document_folding_range_async(t.FoldingRangeParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    got = {(f.start_line, f.end_line, f.kind) for f in folds}
    assert got == {(0, 1, t.FoldingRangeKind.Comment), (4, 7, t.FoldingRangeKind.Region), (5, 7, t.FoldingRangeKind.Region)}
