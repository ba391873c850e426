"""The server applies an incremental edit by splicing the text at its range's offsets
(convert.LspTextDocument.apply_change); pygls' own way (a split into lines, rebuilt line by
line) is the oracle: for any text, range and inserted text, both give the same document."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types as t
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import PositionCodec

from job_lsp.lsp.convert import LspTextDocument

CHARS = st.sampled_from(list("ab :-\n\n\n") + ["é", "😋", "\u2028", "\t"])
TEXTS = st.lists(CHARS, max_size=40).map("".join)


def both(source: str, encoding: str) -> tuple[TextDocument, TextDocument]:
    ours = LspTextDocument("file:///x.yml", source, sync_kind=t.TextDocumentSyncKind.Incremental, position_codec=PositionCodec(encoding))
    theirs = LspTextDocument("file:///x.yml", source, sync_kind=t.TextDocumentSyncKind.Incremental, position_codec=PositionCodec(encoding))
    return ours, theirs


@settings(max_examples=600, deadline=None)
@given(TEXTS, st.integers(0, 8), st.integers(0, 12), st.integers(0, 3), st.integers(0, 12), TEXTS, st.sampled_from([t.PositionEncodingKind.Utf16, t.PositionEncodingKind.Utf32]))
def test_a_spliced_edit_gives_the_text_pygls_gives(source, line, character, more_lines, end_character, text, encoding) -> None:
    ours, theirs = both(source, encoding)
    end_line = line + more_lines
    if (end_line, end_character) < (line, character):
        end_character = character
    change = t.TextDocumentContentChangePartial(range=t.Range(start=t.Position(line=line, character=character), end=t.Position(line=end_line, character=end_character)), text=text)
    ours.apply_change(change)
    TextDocument.apply_change(theirs, change)  # pygls' way, on the same (LSP) lines
    assert ours.source == theirs.source


def test_typing_in_a_large_file_is_spliced_not_rebuilt() -> None:
    source = "type: command\n" + "# a line\n" * 50_000
    doc, _ = both(source, t.PositionEncodingKind.Utf16)
    change = t.TextDocumentContentChangePartial(range=t.Range(start=t.Position(line=40_000, character=3), end=t.Position(line=40_000, character=3)), text="x")
    assert doc._spliced(change) is not None  # the fast way was taken
    doc.apply_change(change)
    assert doc.lines[40_000] == "# ax line\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab:\n\n") + ["\r\n", "\r", "é", "\u2028"]), max_size=30).map("".join), st.integers(0, 8))
def test_a_line_as_the_client_counts_it(source: str, line: int) -> None:
    from job_lsp.lsp.convert import client_line

    doc, _ = both(source, t.PositionEncodingKind.Utf16)
    lines = doc.lines
    assert client_line(doc, line) == (lines[line].rstrip("\r\n") if line < len(lines) else "")
