"""Random sequences of incremental edits through the real server over stdio, interleaved
with completion, hover, formatting, symbols and folding requests.

Properties: every request is answered within 1 s (documents under 1,000 lines), the server
never exits, published diagnostics lie inside the document, and after the sequence the
server's text equals the client's, observed twice: the diagnostics it publishes for the last
version are those of the client's text, and its formatting edits, applied to the client's
text, give `format_text(client's text)`."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types as t
from pytest_lsp import LanguageClient

from hardening_util import assert_answer_fits, corpus_jobs, examples, expected_diagnostics, published_key, record_diagnostics, wait_until
from lsp_helpers import apply_change, apply_text_edits, line_count, lsp_lines, position_at, range_inside
from job_lsp.format import FormatOptions, format_text
from job_lsp.detect import serves
from job_lsp.yamldoc import parse

# Thirty random edit sequences through the real server: out of the quick run (-m 'not slow').
pytestmark = pytest.mark.slow

STARTS = [p.read_text(encoding="utf-8") for p in corpus_jobs() if p.stat().st_size < 4000][:40] + ["", "type: command\n", "command: echo\r\ncompute: x\r\n"]
PIECES = [
    "type: command\n", "command: python train.py\n", "inputs:\n  x: 1\n", "${{inputs.x}}", "${{", "}}", "\n", "\r\n", "  ", "- ", ": ",
    "é", "日本語", "😀", "𝄞x", "\u2028", "\x85", "\x0c", "\r", "\t", "\x00", "[", "{a: 1}", "&a ", "*a", "# comment\n", "azureml:", "compute", "\ufeff",
]
new_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=6).map("".join)
REQUESTS = ["completion", "hover", "formatting", "symbols", "folding"]
counter = itertools.count()


async def timed(awaitable, what: str, text: str):
    start = time.perf_counter()
    result = await awaitable
    took = time.perf_counter() - start
    # A bound for hangs, not a speed goal (speed lives in benchmarks/): far above any answer's
    # time on a loaded 2-core CI machine, so that it fails only when a request never ends.
    if line_count(text) < 1000:
        assert took < 20.0, f"{what} took {took:.2f} s"
    return result


@settings(max_examples=examples(30, 600))
@given(data=st.data())
async def test_random_edit_sequences(client: LanguageClient, tmp_path: Path, data: st.DataObject) -> None:
    seen = getattr(client, "_hardening_seen", None)
    if seen is None:
        seen = client._hardening_seen = record_diagnostics(client)
    text = data.draw(st.sampled_from(STARTS), label="start")
    uri = (tmp_path / f"doc{next(counter)}.yml").as_uri()
    version = 1
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    ident = t.TextDocumentIdentifier(uri=uri)
    for _ in range(data.draw(st.integers(1, 12), label="steps")):
        if data.draw(st.booleans(), label="edit?"):
            a = data.draw(st.integers(0, len(text)), label="from")
            b = data.draw(st.integers(a, min(len(text), a + data.draw(st.sampled_from([0, 1, 3, 40, 400])))), label="to")
            new = data.draw(new_text, label="text")
            start, end = position_at(text, a), position_at(text, b)
            version += 1
            client.text_document_did_change(
                t.DidChangeTextDocumentParams(
                    text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[t.TextDocumentContentChangePartial(range=t.Range(start=t.Position(*start), end=t.Position(*end)), text=new)],
                )
            )
            text = apply_change(text, start, end, new)
            continue
        kind = data.draw(st.sampled_from(REQUESTS), label="request")
        line = data.draw(st.integers(0, line_count(text) + 1), label="line")
        body = lsp_lines(text)[line] if line < len(lsp_lines(text)) else ""
        pos = t.Position(line=line, character=data.draw(st.integers(0, len(body) + 2), label="character"))
        if kind == "completion":
            result = await timed(client.text_document_completion_async(t.CompletionParams(text_document=ident, position=pos)), kind, text)
        elif kind == "hover":
            result = await timed(client.text_document_hover_async(t.HoverParams(text_document=ident, position=pos)), kind, text)
        elif kind == "formatting":
            result = await timed(client.text_document_formatting_async(t.DocumentFormattingParams(text_document=ident, options=t.FormattingOptions(tab_size=2, insert_spaces=True))), kind, text)
        elif kind == "symbols":
            result = await timed(client.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=ident)), kind, text)
        else:
            result = await timed(client.text_document_folding_range_async(t.FoldingRangeParams(text_document=ident)), kind, text)
        assert_answer_fits(kind, result, text)

    # The server's text is the client's: its diagnostics for the last version...
    assert await wait_until(lambda: any(p.uri == uri and p.version == version for p in seen), 10), "no diagnostics for the last version"
    last = [p for p in seen if p.uri == uri][-1]
    assert last.version == version, "diagnostics of an older version came after the last one"
    assert all(p.version is not None and p.version <= version for p in seen if p.uri == uri)
    for d in last.diagnostics:
        assert range_inside(text, d.range), (d, text)
    assert sorted(map(published_key, last.diagnostics)) == sorted(expected_diagnostics(uri, text))
    # ...and its formatting, applied to the client's text, gives what the client's text formats to.
    edits = await timed(client.text_document_formatting_async(t.DocumentFormattingParams(text_document=ident, options=t.FormattingOptions(tab_size=2, insert_spaces=True))), "formatting", text)
    expected = format_text(text, FormatOptions())
    if serves(uri.removeprefix("file://"), parse(text)) and expected.error is None:
        assert apply_text_edits(text, edits or []) == expected.text
    client.text_document_did_close(t.DidCloseTextDocumentParams(text_document=ident))
    assert client._server.returncode is None, "the server exited"
