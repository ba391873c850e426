"""Conversions between the core's plain data and LSP: offsets <-> positions (UTF-16 by
default), URIs <-> paths (through pygls.uris: Windows drive letters, `%3A`, UNC shares),
Problems -> Diagnostics, and the shapes of symbols, folds, completion items and edits. The
only module that builds lsprotocol types from core results; handlers call it."""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from typing import Any, Iterable

from lsprotocol import types as t
from pygls import uris
from pygls.workspace import TextDocument

from ..complete import Item
from ..context import Lines as TextLines
from ..outline import Fold, Symbol
from ..rules import rule_url
from ..yamldoc import Document, Problem

SEVERITY = {"error": t.DiagnosticSeverity.Error, "warning": t.DiagnosticSeverity.Warning, "information": t.DiagnosticSeverity.Information, "hint": t.DiagnosticSeverity.Hint}
SYMBOL_KINDS = {
    "key": t.SymbolKind.Property,
    "block": t.SymbolKind.Object,
    "input": t.SymbolKind.Variable,
    "output": t.SymbolKind.Variable,
    "step": t.SymbolKind.Function,
    "service": t.SymbolKind.Interface,
    "parameter": t.SymbolKind.TypeParameter,
    "item": t.SymbolKind.Array,
}
COMPLETION_KINDS = {"key": t.CompletionItemKind.Property, "value": t.CompletionItemKind.Value, "snippet": t.CompletionItemKind.Snippet}

class Lines:
    """Code-point offsets of a text <-> LSP positions in UTF-16 code units (the default
    encoding; ASCII lines, the common case, need no conversion).

    Lines are the client's: LSP ends a line at LF, CRLF or a lone CR (the core splits on LF
    only), so a text with a lone CR gets its own table of line starts."""

    def __init__(self, doc: Document, utf16: bool = True):
        self.doc = doc
        self.utf16 = utf16
        text = doc.text
        self.starts = [0, *(m.end() for m in _LSP_BREAK.finditer(text))] if has_lone_cr(text) else doc.line_starts

    def _line_text(self, line: int) -> str:
        """The text of a line, without its line break."""
        starts = self.starts
        end = starts[line + 1] if line + 1 < len(starts) else len(self.doc.text)
        text = self.doc.text[starts[line] : end]
        if text.endswith("\n"):
            text = text[:-1]
        return text[:-1] if text.endswith("\r") else text

    def position(self, offset: int) -> t.Position:
        offset = max(0, min(offset, len(self.doc.text)))
        line = bisect_right(self.starts, offset) - 1
        col = offset - self.starts[line]
        if col:
            col = client_column(self._line_text(line), col, self.utf16)
        return t.Position(line=line, character=col)

    def column(self, line: int, character: int) -> int:
        """A client column on a line -> a code-point column."""
        if line >= len(self.starts):
            return 0
        return code_point_column(self._line_text(line), character, self.utf16)

    def offset(self, pos: t.Position) -> int:
        if pos.line >= len(self.starts):
            return len(self.doc.text)
        return self.starts[pos.line] + self.column(pos.line, pos.character)

    def range(self, start: int, end: int) -> t.Range:
        return t.Range(start=self.position(start), end=self.position(end))


def code_point_column(line_text: str, character: int, utf16: bool) -> int:
    """A client column (UTF-16 code units, or code points) on a line of text -> code points."""
    if utf16 and not line_text.isascii():
        units = 0
        for i, ch in enumerate(line_text):
            if units >= character:
                return i
            units += 2 if ord(ch) > 0xFFFF else 1
        return len(line_text)
    return min(character, len(line_text))


def client_column(line_text: str, col: int, utf16: bool) -> int:
    """A code-point column on a line of text -> the client's (the line's end at most)."""
    prefix = line_text[:col]
    if utf16 and not prefix.isascii():
        return len(prefix.encode("utf-16-le")) // 2
    return len(prefix)


def has_lone_cr(text: str) -> bool:
    """A CR not followed by LF: the client's lines are then not the core's (LF) lines."""
    return "\r" in text and _LONE_CR.search(text) is not None


_LSP_BREAK = re.compile(r"\r\n?|\n")
_LONE_CR = re.compile(r"\r(?!\n)")
_LSP_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


class LspTextDocument(TextDocument):
    """pygls splits a document into lines with str.splitlines, which also breaks at U+2028,
    U+0085, form feeds...; LSP clients break at LF, CRLF and CR only, so an incremental edit
    after such a character landed on the wrong line. Lines as the protocol counts them."""

    @property
    def lines(self) -> tuple[str, ...]:
        # Kept for the version it was made from: pygls reads them for every incremental
        # change, and splitting a 50,000-line text takes ~20 ms.
        source = self.source
        if getattr(self, "_lines_of", None) is not source:
            self._lines = tuple(_LSP_LINE.findall(source))
            self._lines_of = source
        return self._lines

    def apply_change(self, change: t.TextDocumentContentChangeEvent) -> None:
        """An edit spliced into the text at the offsets of its range (found by counting
        newlines, at C speed), where pygls rebuilds the text line by line from a split of it
        (~40 ms per keystroke on a 50,000-line file, on the event loop). The cases this does
        not cover exactly as pygls does (a CR in the text, UTF-8 positions, a position past
        its line's end or past the last line) are left to pygls."""
        spliced = self._spliced(change)
        if spliced is None:
            super().apply_change(change)
        else:
            self._source = spliced

    def _spliced(self, change: t.TextDocumentContentChangeEvent) -> str | None:
        if not isinstance(change, t.TextDocumentContentChangePartial) or not self._is_sync_kind_incremental:
            return None
        encoding = self.position_codec.encoding
        if encoding not in (t.PositionEncodingKind.Utf16, t.PositionEncodingKind.Utf32):
            return None
        source = self.source
        if "\r" in source:
            return None
        utf16 = encoding == t.PositionEncodingKind.Utf16
        lines = source.count("\n") + (0 if source.endswith("\n") or not source else 1)
        start, end = change.range.start, change.range.end
        if not (start.line < lines and end.line < lines):
            return None
        at_start = _offset_in(source, start.line, start.character, utf16)
        at_end = _offset_in(source, end.line, end.character, utf16)
        if at_start is None or at_end is None or at_end < at_start:
            return None
        return source[:at_start] + change.text + source[at_end:]


def client_line(document: TextDocument, line: int) -> str:
    """A line of an open document as the client counts lines, without its line break ("" past
    the end); without splitting the whole text when it has no CR (completion asks after every
    keystroke)."""
    source = document.source
    if "\r" in source:
        lines = document.lines
        return lines[line].rstrip("\r\n") if line < len(lines) else ""
    return TextLines(source).line(line)[1]


def _offset_in(source: str, line: int, character: int, utf16: bool) -> int | None:
    """The offset of a client position in an LF-only text (None: past its line's end)."""
    start, text = TextLines(source).line(line)
    if character > client_column(text, len(text), utf16):
        return None
    return start + code_point_column(text, character, utf16)


def use_lsp_lines(workspace: Any) -> None:
    """Make the workspace create LspTextDocuments (pygls has no public hook for it)."""
    create = workspace._create_text_document

    def create_document(*args: Any, **kwargs: Any) -> TextDocument:
        document = create(*args, **kwargs)
        if type(document) is TextDocument:
            document.__class__ = LspTextDocument
        return document

    workspace._create_text_document = create_document


# --- URIs and paths ------------------------------------------------------------------------------

# The platform's path functions; the tests swap in ntpath to run the conversions as on Windows.
os_path = os.path


def uri_to_path(uri: str) -> str | None:
    """The file a `file:` URI names, in the platform's form (`c:\\work\\job.yml` on Windows
    for `file:///c%3A/work/job.yml`); None for other schemes (`untitled:`...)."""
    return uris.to_fs_path(uri)


def path_to_uri(path: str) -> str:
    return uris.from_fs_path(path) or ""


def uri_folder(uri: str) -> str | None:
    """The folder of the file a URI names: what relative paths in it (`code: ./src`) are
    relative to."""
    path = uri_to_path(uri)
    return os_path.dirname(path) if path else None


# --- core results -> LSP -------------------------------------------------------------------------


def line_diagnostic(line: int, line_text: str, code: str, severity: str, message: str, utf16: bool) -> t.Diagnostic:
    """A problem of a whole line (from 0) of a file that is not parsed here (a project
    configuration, a policy)."""
    end = t.Position(line=line, character=client_column(line_text, len(line_text), utf16))
    return _diagnostic(t.Range(start=t.Position(line=line, character=0), end=end), message, severity, code)


def diagnostic(p: Problem, lines: Lines, message: str | None = None) -> t.Diagnostic:
    """A problem as LSP shows it (`message`: its text in the user's language), linked to
    the explanation of its code when there is one."""
    return _diagnostic(lines.range(p.start, p.end), p.message if message is None else message, p.severity, p.code, p.data)


def _diagnostic(at: t.Range, message: str, severity: str, code: str, data: dict | None = None) -> t.Diagnostic:
    url = rule_url(code)
    return t.Diagnostic(
        range=at,
        message=message,
        severity=SEVERITY.get(severity, t.DiagnosticSeverity.Error),
        code=code,
        code_description=t.CodeDescription(href=url) if url else None,
        source="job-lsp",
        data=data,
    )


def edits(changes: Iterable[Any], lines: Lines) -> list[t.TextEdit]:
    """Core changes (`start`, `end` offsets and `new_text`) as text edits."""
    return [t.TextEdit(range=lines.range(c.start, c.end), new_text=c.new_text) for c in changes]


def location(loc: Any, uri: str, lines: Lines) -> t.Location:
    """A core location: an offset range in this document, or a line and column in another
    file (`loc.path`)."""
    if loc.path is None:
        return t.Location(uri=uri, range=lines.range(loc.start, loc.end))
    position = t.Position(line=loc.line, character=loc.column)
    return t.Location(uri=path_to_uri(loc.path), range=t.Range(start=position, end=position))


def document_symbol(s: Symbol, lines: Lines) -> t.DocumentSymbol:
    return t.DocumentSymbol(
        name=s.name,
        detail=s.detail or None,
        kind=SYMBOL_KINDS.get(s.kind, t.SymbolKind.Property),
        range=lines.range(s.start, s.end),
        selection_range=lines.range(s.name_start, s.name_end),
        children=[document_symbol(c, lines) for c in s.children] or None,
    )


def symbol_informations(found: list[Symbol], uri: str, lines: Lines) -> list[t.SymbolInformation]:
    """The outline flattened, for clients without hierarchical symbols."""
    flat: list[t.SymbolInformation] = []

    def add(items: list[Symbol], container: str | None) -> None:
        for s in items:
            flat.append(
                t.SymbolInformation(
                    name=s.name,
                    kind=SYMBOL_KINDS.get(s.kind, t.SymbolKind.Property),
                    location=t.Location(uri=uri, range=lines.range(s.start, s.end)),
                    container_name=container,
                )
            )
            add(s.children, s.name)

    add(found, None)
    return flat


def folding_range(f: Fold, doc: Document, lines: Lines) -> t.FoldingRange:
    start, end = f.start_line, f.end_line
    if lines.starts is not doc.line_starts:  # the core's lines (LF) -> the client's
        start, end = lines.position(doc.line_starts[start]).line, lines.position(doc.line_starts[end]).line
    kind = t.FoldingRangeKind.Comment if f.kind == "comment" else t.FoldingRangeKind.Region
    return t.FoldingRange(start_line=start, end_line=end, kind=kind)


def completion_item(item: Item, line: int, line_text: str, utf16: bool, shift: int = 0) -> t.CompletionItem:
    """A core completion item (columns on the cursor's line, `shift` more than on the client's
    `line`, whose text is `line_text`) as an LSP item with its edit."""
    start = t.Position(line=line, character=client_column(line_text, max(0, item.start - shift), utf16))
    end = t.Position(line=line, character=client_column(line_text, max(0, item.end - shift), utf16))
    return t.CompletionItem(
        label=item.label,
        kind=COMPLETION_KINDS.get(item.kind, t.CompletionItemKind.Text),
        detail=item.detail or None,
        documentation=t.MarkupContent(kind=t.MarkupKind.Markdown, value=item.documentation) if item.documentation else None,
        insert_text_format=t.InsertTextFormat.Snippet if item.snippet else t.InsertTextFormat.PlainText,
        text_edit=t.TextEdit(range=t.Range(start=start, end=end), new_text=item.insert_text),
        sort_text=item.sort or None,
        filter_text=item.filter_text,
    )


def markdown(value: str) -> t.MarkupContent:
    return t.MarkupContent(kind=t.MarkupKind.Markdown, value=value)
