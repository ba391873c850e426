"""Regressions found by the edit fuzzer (test_fuzz_server.py): the server's lines are the
client's (LSP: LF, CRLF and CR end a line; nothing else does)."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as t
from pytest_lsp import LanguageClient

from hardening_util import expected_diagnostics, published_key, record_diagnostics, wait_until
from lsp_helpers import apply_change, apply_text_edits, range_inside
from job_lsp.format import format_text
from job_lsp.lsp.convert import Lines, LspTextDocument
from job_lsp.yamldoc import parse


def test_lines_count_a_lone_cr_as_a_line_break() -> None:
    doc = parse("\rtype: command\ncommand: x\n")
    lines = Lines(doc)
    assert lines.position(1) == t.Position(line=1, character=0)  # was (0, 1)
    assert lines.position(7) == t.Position(line=1, character=6)
    assert lines.offset(t.Position(line=2, character=3)) == doc.text.index("command:") + 3
    assert range_inside(doc.text, lines.range(1, 14))


def test_an_offset_inside_crlf_is_the_end_of_its_line() -> None:
    doc = parse("a: 1\r\nb: 2\r\n")
    assert Lines(doc).position(5) == t.Position(line=0, character=4)  # was character 5


def test_documents_split_lines_as_lsp_does() -> None:
    text = "a: x\u2028y\x85z\x0c\x1e\rb: 1\r\nc: 2\n"
    document = LspTextDocument("file:///x.yml", text)
    assert document.lines == ("a: x\u2028y\x85z\x0c\x1e\r", "b: 1\r\n", "c: 2\n")


async def test_edits_after_unusual_line_separators_land_where_the_client_put_them(client: LanguageClient, tmp_path: Path) -> None:
    """pygls split lines with str.splitlines (at U+2028, U+0085, form feed, U+001E...): an
    edit on a later line was applied on the wrong one and the server's text diverged."""
    seen = record_diagnostics(client)
    uri = (tmp_path / "job.yml").as_uri()
    text = 'type: command\ndescription: "a\u2028b\x85c"\ncommand: x\ncompute: c\n'
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    start, end, new = (2, 0), (2, 7), "comand"
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[t.TextDocumentContentChangePartial(range=t.Range(start=t.Position(*start), end=t.Position(*end)), text=new)],
        )
    )
    text = apply_change(text, start, end, new)
    assert await wait_until(lambda: any(p.uri == uri and p.version == 2 for p in seen), 10)
    last = [p for p in seen if p.uri == uri][-1]
    assert sorted(map(published_key, last.diagnostics)) == expected_diagnostics(uri, text)
    assert any(d.code == "unknown-key" and d.range.start.line == 2 for d in last.diagnostics)


async def test_a_lone_cr_gets_diagnostics_and_formatting_at_the_right_place(client: LanguageClient, tmp_path: Path) -> None:
    seen = record_diagnostics(client)
    uri = (tmp_path / "job.yml").as_uri()
    text = "\r$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ntype: automl\ncommand:   x\n"
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    assert await wait_until(lambda: any(p.uri == uri for p in seen), 10)
    diagnostics = [p for p in seen if p.uri == uri][-1].diagnostics
    assert diagnostics and all(range_inside(text, d.range) for d in diagnostics)
    assert sorted(map(published_key, diagnostics)) == expected_diagnostics(uri, text)
    edits = await client.text_document_formatting_async(t.DocumentFormattingParams(text_document=t.TextDocumentIdentifier(uri=uri), options=t.FormattingOptions(tab_size=2, insert_spaces=True)))
    expected = format_text(text)
    assert expected.error is None and apply_text_edits(text, edits) == expected.text
