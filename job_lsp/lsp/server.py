"""`job-lsp serve`: pygls handlers over the core. Each handler reads the document state,
calls one core function, and converts plain data (offsets, labels) to LSP types."""

from __future__ import annotations

import asyncio
import fnmatch
import logging
import os
import re
import threading
import traceback
from bisect import bisect_right
from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable
from urllib.parse import unquote, urlparse

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from .. import __version__
from ..complete import Item, Sources, complete, folder_name
from ..detect import is_job_document, schema_url
from ..format import FormatOptions, format_text, minimal_edits
from ..hover import hover
from ..navigate import binding_completions, binding_hover, definition, links, prepare_rename, quick_fixes, references, rename, schema_action
from ..outline import Fold, Symbol, folding_ranges, symbols
from ..validate import Checker, model_map, validate
from ..yamldoc import Document, parse
from .settings import SECTION, Settings, parse_settings

log = logging.getLogger("job-lsp")

SEVERITY = {"error": t.DiagnosticSeverity.Error, "warning": t.DiagnosticSeverity.Warning, "information": t.DiagnosticSeverity.Information}
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


# --- positions -----------------------------------------------------------------------------------


class Lines:
    """Code-point offsets of a text <-> LSP positions in UTF-16 code units (the default
    encoding; ASCII lines, the common case, need no conversion).

    Lines are the client's: LSP ends a line at LF, CRLF or a lone CR (the core splits on LF
    only), so a text with a lone CR gets its own table of line starts."""

    def __init__(self, doc: Document, utf16: bool = True):
        self.doc = doc
        self.utf16 = utf16
        text = doc.text
        self.starts = [0, *(m.end() for m in _LSP_BREAK.finditer(text))] if "\r" in text and _LONE_CR.search(text) else doc.line_starts

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
            prefix = self._line_text(line)[:col]
            col = len(prefix)  # an offset inside a line break is the end of its line
            if self.utf16 and not prefix.isascii():
                col = len(prefix.encode("utf-16-le")) // 2
        return t.Position(line=line, character=col)

    def column(self, line: int, character: int) -> int:
        """A client column on a line -> a code-point column."""
        if line >= len(self.starts):
            return 0
        text = self._line_text(line)
        if self.utf16 and not text.isascii():
            units = 0
            for i, ch in enumerate(text):
                if units >= character:
                    return i
                units += 2 if ord(ch) > 0xFFFF else 1
            return len(text)
        return min(character, len(text))

    def offset(self, pos: t.Position) -> int:
        if pos.line >= len(self.starts):
            return len(self.doc.text)
        return self.starts[pos.line] + self.column(pos.line, pos.character)

    def range(self, start: int, end: int) -> t.Range:
        return t.Range(start=self.position(start), end=self.position(end))


_LSP_BREAK = re.compile(r"\r\n?|\n")
_LONE_CR = re.compile(r"\r(?!\n)")
_LSP_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


class LspTextDocument(TextDocument):
    """pygls splits a document into lines with str.splitlines, which also breaks at U+2028,
    U+0085, form feeds...; LSP clients break at LF, CRLF and CR only, so an incremental edit
    after such a character landed on the wrong line. Lines as the protocol counts them."""

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(_LSP_LINE.findall(self.source))


def use_lsp_lines(workspace: Any) -> None:
    """Make the workspace create LspTextDocuments (pygls has no public hook for it)."""
    create = workspace._create_text_document

    def create_document(*args: Any, **kwargs: Any) -> TextDocument:
        document = create(*args, **kwargs)
        if type(document) is TextDocument:
            document.__class__ = LspTextDocument
        return document

    workspace._create_text_document = create_document


# --- document state ------------------------------------------------------------------------------


@dataclass
class State:
    """What the server knows of one open document, for one version of its text."""

    uri: str
    version: int | None
    text: str
    doc: Document
    is_job: bool
    _model: Checker | None = None
    _problems: list | None = None
    _analysis: Any = None

    def model(self) -> Checker:
        if self._model is None:
            self._model = model_map(self.doc)
        return self._model

    def analysis(self) -> Any:
        """The `${{...}}` bindings of this version (job_lsp.bindings.Analysis)."""
        if self._analysis is None:
            from ..bindings import analyze

            self._analysis = analyze(self.doc, self.model().entities, path_folder(self.uri))
        return self._analysis

    def problems(self) -> list:
        if self._problems is None:
            self._problems = validate(self.doc, path_folder(self.uri))
        return self._problems


def uri_path(uri: str) -> str | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return unquote(parsed.path)


def path_folder(uri: str) -> str | None:
    path = uri_path(uri)
    return os.path.dirname(path) if path else None


# --- the server ----------------------------------------------------------------------------------


class JobLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("job-lsp", __version__)
        self.settings = Settings()
        self.locale = "en"
        self.snippets = False
        self.pull_diagnostics = False
        self.hierarchical_symbols = False
        self.utf16 = True
        self.states: dict[str, State] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.last_edit = 0.0  # event-loop time of the last didChange, any document
        self.index: Any = None  # job_lsp.workspace.WorkspaceIndex, once scanned
        self.roots: list[str] = []
        self._index_lock = threading.Lock()

    # Every handler goes through this: a failure is logged and the request answers empty.
    def report(self, where: str, exc: BaseException) -> None:
        message = f"job-lsp: {where} failed: {type(exc).__name__}: {exc}\n{traceback.format_exc()}"
        log.error(message)
        try:
            self.window_log_message(t.LogMessageParams(type=t.MessageType.Error, message=message))
        except Exception:  # pragma: no cover - the client is gone
            pass

    def info(self, message: str, kind: t.MessageType = t.MessageType.Info) -> None:
        try:
            self.window_log_message(t.LogMessageParams(type=kind, message=f"job-lsp: {message}"))
        except Exception:  # pragma: no cover
            pass

    # --- documents ---------------------------------------------------------------------------
    def state(self, uri: str) -> State | None:
        """The state of a document at its current version (parsed once per version)."""
        try:
            document = self.workspace.get_text_document(uri)
            text = document.source
            version = document.version
        except Exception:
            return None
        current = self.states.get(uri)
        if current is not None and current.version == version and current.text is text:
            return current
        if current is not None and current.version == version and current.text == text:
            return current
        doc = parse(text)
        state = State(uri, version, text, doc, self.serves(uri, doc))
        self.states[uri] = state
        return state

    def serves(self, uri: str, doc: Document) -> bool:
        path = uri_path(uri) or uri
        if not path.lower().endswith((".yml", ".yaml")) and not any(fnmatch.fnmatch(path, g) for g in self.settings.job_files):
            return False
        if any(fnmatch.fnmatch(path, g) or fnmatch.fnmatch(os.path.basename(path), g) for g in self.settings.job_files):
            return True
        if is_job_document(doc):
            return True
        # The server's rule is looser than a folder scan's: a top-level job `type:` is
        # enough, unless the file declares another schema or is versioned (a component).
        from ..detect import JOB_TYPES
        from ..yamldoc import Mapping, Scalar, key_text, resolve

        root = resolve(doc.root)
        if not isinstance(root, Mapping) or schema_url(doc) is not None:
            return False
        keys = {key_text(k): resolve(v) for k, v in root.pairs}
        job_type = keys.get("type")
        if not isinstance(job_type, Scalar) or "version" in keys:
            return False
        # `type:` being typed (empty, or the start of a job type) counts, so completion helps.
        value = job_type.value
        return value is None or (isinstance(value, str) and any(j.startswith(value) for j in JOB_TYPES))

    def lines(self, state: State) -> Lines:
        return Lines(state.doc, self.utf16)

    def diagnostics(self, state: State) -> list[t.Diagnostic]:
        if not state.is_job or not self.settings.validate:
            return []
        lines = self.lines(state)
        return [
            t.Diagnostic(
                range=lines.range(p.start, p.end),
                message=p.message,
                severity=SEVERITY.get(p.severity, t.DiagnosticSeverity.Error),
                code=p.code,
                source="job-lsp",
                data=p.data,
            )
            for p in state.problems()
        ]

    def publish(self, uri: str) -> None:
        state = self.state(uri)
        if state is None:
            return
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, version=state.version, diagnostics=self.diagnostics(state)))

    def schedule(self, uri: str, delay_ms: int | None = None) -> None:
        """Debounced per document: a new change cancels the pending check, so only the
        last version of a burst of edits is checked, and stale results are never sent."""
        if self.pull_diagnostics:
            return
        pending = self.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        delay = (self.settings.diagnostics_delay if delay_ms is None else delay_ms) / 1000
        document = self.workspace.get_text_document(uri)
        version = document.version
        loop = asyncio.get_event_loop()
        if delay_ms is None:  # an edit
            self.last_edit = loop.time()

        async def later() -> None:
            try:
                await asyncio.sleep(delay)
                # Quiet across all documents, not just this one: in a burst of edits to many
                # documents (a rename, a search and replace), each one's last version is
                # checked once the burst is over, instead of every version as it comes.
                while delay and (quiet := loop.time() - self.last_edit) < delay:
                    await asyncio.sleep(delay - quiet)
                current = self.workspace.get_text_document(uri)
                if current.version != version:
                    return
                state = self.state(uri)
                if state is None:
                    return
                # Checked off the event loop: a big file's validation does not hold up the
                # requests (completion, a cancellation) that arrive meanwhile.
                diagnostics = await in_thread(lambda: self.diagnostics(state))
                if self.workspace.get_text_document(uri).version != version:
                    return  # changed while it was checked: that newer version gets its turn
                self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))
            except asyncio.CancelledError:
                pass
            except Exception as exc:
                self.report("diagnostics", exc)
            finally:
                if self.pending.get(uri) is task:
                    self.pending.pop(uri, None)

        task = loop.create_task(later())
        self.pending[uri] = task

    # --- settings and workspace ------------------------------------------------------------------
    def apply_settings(self, raw: Any) -> None:
        settings, problems = parse_settings(raw, Settings())
        self.settings = settings
        for problem in problems:
            self.info(problem, t.MessageType.Warning)
        # What is served may have changed (job file globs, validation on/off).
        for uri in list(self.states):
            state = self.states.pop(uri)
            if state is not None:
                try:
                    self.schedule(uri, 0)
                except Exception:
                    pass

    def scan_workspace(self) -> None:
        """Index the workspace's job files (compute, environment, experiment names) in a
        thread: a large repository must not hold up the first requests."""
        roots = list(self.roots)

        def work() -> None:
            try:
                from ..workspace import WorkspaceIndex

                index = WorkspaceIndex(roots)
                index.scan()
                with self._index_lock:
                    self.index = index
            except Exception as exc:
                self.report("workspace scan", exc)

        threading.Thread(target=work, name="job-lsp-index", daemon=True).start()

    def sources(self, uri: str) -> Sources:
        from ..curated import CURATED_ENVIRONMENTS

        index = self.index
        computes = [c.removeprefix("azureml:") for c in self.settings.compute_targets]
        environments = list(self.settings.environments)
        experiments: list[str] = []
        if index is not None:
            computes += [u.name for u in index.computes() if u.name not in computes]
            environments += [u.name for u in index.environments() if u.name not in environments]
            experiments = [u.name for u in index.experiments()]
        curated = [(c[0], c[1]) if isinstance(c, tuple) else (c, None) for c in CURATED_ENVIRONMENTS]
        return Sources(computes, environments, experiments, curated, folder_name(uri_path(uri)), path_folder(uri))


server = JobLanguageServer()


def guarded(default: Callable[[], Any]) -> Callable:
    """Handlers never raise into pygls: a failure is logged and the request answers empty."""

    def wrap(fn: Callable) -> Callable:
        if asyncio.iscoroutinefunction(fn):

            @wraps(fn)
            async def run_async(ls: JobLanguageServer, params: Any) -> Any:
                try:
                    return await fn(ls, params)
                except Exception as exc:
                    ls.report(fn.__name__, exc)
                    return default()

            return run_async

        @wraps(fn)
        def run(ls: JobLanguageServer, params: Any) -> Any:
            try:
                return fn(ls, params)
            except Exception as exc:
                ls.report(fn.__name__, exc)
                return default()

        return run

    return wrap


# --- lifecycle -----------------------------------------------------------------------------------


@server.feature(t.INITIALIZE)
@guarded(lambda: None)
def initialize(ls: JobLanguageServer, params: t.InitializeParams) -> None:
    use_lsp_lines(ls.workspace)
    ls.locale = params.locale or "en"
    caps = params.capabilities
    text_caps = caps.text_document
    completion = text_caps.completion if text_caps else None
    ls.snippets = bool(completion and completion.completion_item and completion.completion_item.snippet_support)
    ls.pull_diagnostics = bool(text_caps and text_caps.diagnostic)
    symbols_caps = text_caps.document_symbol if text_caps else None
    ls.hierarchical_symbols = bool(symbols_caps and symbols_caps.hierarchical_document_symbol_support)
    # pygls has chosen the position encoding with the client; UTF-16 unless both said otherwise.
    ls.utf16 = ls.workspace.position_encoding in (None, t.PositionEncodingKind.Utf16)
    ls.roots = [p for p in (uri_path(f.uri) for f in (params.workspace_folders or [])) if p]
    if not ls.roots and params.root_uri:
        root = uri_path(params.root_uri)
        ls.roots = [root] if root else []
    ls.apply_settings(params.initialization_options)


@server.feature(t.INITIALIZED)
@guarded(lambda: None)
async def initialized(ls: JobLanguageServer, params: t.InitializedParams) -> None:
    workspace_caps = ls.client_capabilities.workspace
    if workspace_caps and workspace_caps.configuration:
        try:
            result = await asyncio.wait_for(ls.workspace_configuration_async(t.ConfigurationParams(items=[t.ConfigurationItem(section=SECTION)])), 5)
            if result and result[0] is not None:
                ls.apply_settings(result[0])
        except Exception as exc:
            ls.info(f"could not read the settings ({type(exc).__name__}); defaults are used", t.MessageType.Warning)
    if ls.roots:
        ls.scan_workspace()


@server.feature(t.WORKSPACE_DID_CHANGE_CONFIGURATION)
@guarded(lambda: None)
async def did_change_configuration(ls: JobLanguageServer, params: t.DidChangeConfigurationParams) -> None:
    settings = params.settings
    workspace_caps = ls.client_capabilities.workspace
    if workspace_caps and workspace_caps.configuration:
        try:
            result = await asyncio.wait_for(ls.workspace_configuration_async(t.ConfigurationParams(items=[t.ConfigurationItem(section=SECTION)])), 5)
            settings = result[0] if result else settings
        except Exception:
            pass
    ls.apply_settings(settings)


# --- text synchronization and diagnostics ------------------------------------------------------


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
@guarded(lambda: None)
def did_open(ls: JobLanguageServer, params: t.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
@guarded(lambda: None)
def did_change(ls: JobLanguageServer, params: t.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
@guarded(lambda: None)
def did_save(ls: JobLanguageServer, params: t.DidSaveTextDocumentParams) -> None:
    state = ls.state(params.text_document.uri)
    index = ls.index
    path = uri_path(params.text_document.uri)
    if index is not None and path and state is not None and path.lower().endswith((".yml", ".yaml")):
        index.update(path, state.text)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
@guarded(lambda: None)
def did_close(ls: JobLanguageServer, params: t.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    pending = ls.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.states.pop(uri, None)
    if not ls.pull_diagnostics:
        ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(t.TEXT_DOCUMENT_DIAGNOSTIC, t.DiagnosticOptions(identifier="job-lsp", inter_file_dependencies=False, workspace_diagnostics=False))
@guarded(lambda: t.RelatedFullDocumentDiagnosticReport(items=[]))
def pull_diagnostics(ls: JobLanguageServer, params: t.DocumentDiagnosticParams) -> t.RelatedFullDocumentDiagnosticReport:
    state = ls.state(params.text_document.uri)
    return t.RelatedFullDocumentDiagnosticReport(items=ls.diagnostics(state) if state is not None else [])


# --- completion and hover --------------------------------------------------------------------------

COMPLETION_KINDS = {"key": t.CompletionItemKind.Property, "value": t.CompletionItemKind.Value, "snippet": t.CompletionItemKind.Snippet}


@server.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=[":", " ", "-", ".", "{"], resolve_provider=False))
@guarded(lambda: t.CompletionList(is_incomplete=False, items=[]))
def completion(ls: JobLanguageServer, params: t.CompletionParams) -> t.CompletionList:
    state = ls.state(params.text_document.uri)
    empty = t.CompletionList(is_incomplete=False, items=[])
    if state is None or ls.settings.defer_to_yaml_extension:
        return empty
    blank = not state.text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in state.text.split("\n"))
    if not state.is_job and not blank:
        return empty
    # The client's position -> an offset -> the core's line and column (lines may differ:
    # see Lines).
    line, column = state.doc.position(ls.lines(state).offset(params.position))
    if state.is_job:
        inside = binding_completions(state.doc, state.analysis(), line, column)
        if inside is not None:
            items = [Item(b.label, "value", b.detail, "", b.label, False, b.start, b.end, b.sort) for b in inside]
            return t.CompletionList(is_incomplete=False, items=[to_completion(item, line, state, ls) for item in items])
    items = complete(state.text, line, column, ls.sources(state.uri), ls.locale, ls.snippets, ls.settings.format_indent)
    return t.CompletionList(is_incomplete=False, items=[to_completion(item, line, state, ls) for item in items])


def to_completion(item: Item, line: int, state: State, ls: JobLanguageServer) -> t.CompletionItem:
    lines = ls.lines(state)
    start_offset = state.doc.line_starts[line] + item.start if line < len(state.doc.line_starts) else len(state.text)
    end_offset = state.doc.line_starts[line] + item.end if line < len(state.doc.line_starts) else len(state.text)
    edit_range = lines.range(start_offset, end_offset)
    return t.CompletionItem(
        label=item.label,
        kind=COMPLETION_KINDS.get(item.kind, t.CompletionItemKind.Text),
        detail=item.detail or None,
        documentation=t.MarkupContent(kind=t.MarkupKind.Markdown, value=item.documentation) if item.documentation else None,
        insert_text_format=t.InsertTextFormat.Snippet if item.snippet else t.InsertTextFormat.PlainText,
        text_edit=t.TextEdit(range=edit_range, new_text=item.insert_text),
        sort_text=item.sort or None,
        filter_text=item.filter_text,
    )


@server.feature(t.TEXT_DOCUMENT_HOVER)
@guarded(lambda: None)
def on_hover(ls: JobLanguageServer, params: t.HoverParams) -> t.Hover | None:
    state = ls.state(params.text_document.uri)
    if state is None or not state.is_job or ls.settings.defer_to_yaml_extension:
        return None
    lines = ls.lines(state)
    offset = lines.offset(params.position)
    on_binding = binding_hover(state.doc, state.analysis(), offset, ls.locale)
    if on_binding is not None:
        markdown, start, end = on_binding
        return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=markdown), range=lines.range(start, end))
    result = hover(state.doc, offset, ls.locale, state.model())
    if result is None:
        return None
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=result.markdown), range=lines.range(result.start, result.end))


# --- formatting ---------------------------------------------------------------------------------


def format_options(ls: JobLanguageServer, reorder: bool | None = None) -> FormatOptions:
    return FormatOptions(indent=ls.settings.format_indent, reorder=ls.settings.format_reorder_keys if reorder is None else reorder)


def text_edits(ls: JobLanguageServer, state: State, new: str, within: tuple[int, int] | None = None) -> list[t.TextEdit]:
    lines = ls.lines(state)
    out = []
    for e in minimal_edits(state.text, new):
        if within is not None and not (within[0] <= e.start and e.end <= within[1]):
            continue
        out.append(t.TextEdit(range=lines.range(e.start, e.end), new_text=e.new_text))
    return out


async def in_thread(fn: Callable[[], Any]) -> Any:
    """Run the long requests (formatting, the outline of a big file) off the event loop: the
    server keeps answering meanwhile, and a `$/cancelRequest` cancels the request at once
    (the work itself finishes in its thread and is dropped). The state is read on the loop
    before, so the thread only computes on one version of the text."""
    return await asyncio.get_running_loop().run_in_executor(None, fn)


def formatted_edits(ls: JobLanguageServer, state: State, options: FormatOptions, within: Callable[[Lines], tuple[int, int]] | None = None) -> tuple[str | None, list[t.TextEdit]]:
    result = format_text(state.text, options)
    if result.error:
        return result.error, []
    return None, text_edits(ls, state, result.text, within(ls.lines(state)) if within else None)


@server.feature(t.TEXT_DOCUMENT_FORMATTING)
@guarded(lambda: [])
async def formatting(ls: JobLanguageServer, params: t.DocumentFormattingParams) -> list[t.TextEdit]:
    state = ls.state(params.text_document.uri)
    if state is None or not state.is_job or not ls.settings.format_enable:
        return []
    options = format_options(ls)
    error, edits = await in_thread(lambda: formatted_edits(ls, state, options))
    if error:
        ls.info(f"{params.text_document.uri}: {error}")
    return edits


@server.feature(t.TEXT_DOCUMENT_RANGE_FORMATTING)
@guarded(lambda: [])
async def range_formatting(ls: JobLanguageServer, params: t.DocumentRangeFormattingParams) -> list[t.TextEdit]:
    """A selection is laid out without moving keys (a move could cross the selection's
    edges); only the edits inside it are returned."""
    state = ls.state(params.text_document.uri)
    if state is None or not state.is_job or not ls.settings.format_enable:
        return []
    options = format_options(ls, reorder=False)
    selection = params.range

    def within(lines: Lines) -> tuple[int, int]:
        start = lines.offset(t.Position(line=selection.start.line, character=0))
        end_line = selection.end.line + (1 if selection.end.character > 0 else 0)
        end = lines.offset(t.Position(line=end_line, character=0)) if end_line < len(lines.starts) else len(state.text)
        return start, end

    error, edits = await in_thread(lambda: formatted_edits(ls, state, options, within))
    if error:
        ls.info(f"{params.text_document.uri}: {error}")
    return edits


# --- outline ------------------------------------------------------------------------------------


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@guarded(lambda: [])
async def document_symbols(ls: JobLanguageServer, params: t.DocumentSymbolParams) -> list:
    state = ls.state(params.text_document.uri)
    if state is None or not state.is_job:
        return []
    return await in_thread(lambda: outline(ls, state))


def outline(ls: JobLanguageServer, state: State) -> list:
    lines = ls.lines(state)
    found = symbols(state.doc)
    if ls.hierarchical_symbols:
        return [to_symbol(s, lines) for s in found]
    flat: list[t.SymbolInformation] = []

    def add(items: list[Symbol], container: str | None) -> None:
        for s in items:
            flat.append(
                t.SymbolInformation(
                    name=s.name,
                    kind=SYMBOL_KINDS.get(s.kind, t.SymbolKind.Property),
                    location=t.Location(uri=state.uri, range=lines.range(s.start, s.end)),
                    container_name=container,
                )
            )
            add(s.children, s.name)

    add(found, None)
    return flat


def to_symbol(s: Symbol, lines: Lines) -> t.DocumentSymbol:
    return t.DocumentSymbol(
        name=s.name,
        detail=s.detail or None,
        kind=SYMBOL_KINDS.get(s.kind, t.SymbolKind.Property),
        range=lines.range(s.start, s.end),
        selection_range=lines.range(s.name_start, s.name_end),
        children=[to_symbol(c, lines) for c in s.children] or None,
    )


@server.feature(t.TEXT_DOCUMENT_FOLDING_RANGE)
@guarded(lambda: [])
async def folding(ls: JobLanguageServer, params: t.FoldingRangeParams) -> list[t.FoldingRange]:
    state = ls.state(params.text_document.uri)
    if state is None or not state.is_job:
        return []
    return await in_thread(lambda: folds_of(ls, state))


def folds_of(ls: JobLanguageServer, state: State) -> list[t.FoldingRange]:
    lines = ls.lines(state)
    folds = folding_ranges(state.doc)
    if lines.starts is not state.doc.line_starts:  # the core's lines (LF) -> the client's
        starts = state.doc.line_starts
        folds = [Fold(lines.position(starts[f.start_line]).line, lines.position(starts[f.end_line]).line, f.kind) for f in folds]
    return [to_fold(f) for f in folds]


def to_fold(f: Fold) -> t.FoldingRange:
    kind = t.FoldingRangeKind.Comment if f.kind == "comment" else t.FoldingRangeKind.Region
    return t.FoldingRange(start_line=f.start_line, end_line=f.end_line, kind=kind)


# --- bindings: definition, references, rename; links; quick fixes -----------------------------


def location(ls: JobLanguageServer, state: State, loc: Any) -> t.Location:
    from pathlib import Path

    if loc.path is None:
        return t.Location(uri=state.uri, range=ls.lines(state).range(loc.start, loc.end))
    position = t.Position(line=loc.line, character=loc.column)
    return t.Location(uri=Path(loc.path).as_uri(), range=t.Range(start=position, end=position))


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
@guarded(lambda: None)
def on_definition(ls: JobLanguageServer, params: t.DefinitionParams) -> t.Location | None:
    state = ls.state(params.text_document.uri)
    if state is None or not state.is_job:
        return None
    found = definition(state.doc, state.analysis(), ls.lines(state).offset(params.position))
    return location(ls, state, found) if found is not None else None


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
@guarded(lambda: [])
def on_references(ls: JobLanguageServer, params: t.ReferenceParams) -> list[t.Location]:
    state = ls.state(params.text_document.uri)
    if state is None or not state.is_job:
        return []
    offset = ls.lines(state).offset(params.position)
    return [location(ls, state, loc) for loc in references(state.doc, state.analysis(), offset, params.context.include_declaration)]


@server.feature(t.TEXT_DOCUMENT_PREPARE_RENAME)
@guarded(lambda: None)
def on_prepare_rename(ls: JobLanguageServer, params: t.PrepareRenameParams) -> t.PrepareRenamePlaceholder | None:
    state = ls.state(params.text_document.uri)
    if state is None or not state.is_job:
        return None
    found = prepare_rename(state.doc, state.analysis(), ls.lines(state).offset(params.position))
    if found is None:
        return None
    start, end, placeholder = found
    return t.PrepareRenamePlaceholder(range=ls.lines(state).range(start, end), placeholder=placeholder)


@server.feature(t.TEXT_DOCUMENT_RENAME, t.RenameOptions(prepare_provider=True))
@guarded(lambda: None)
def on_rename(ls: JobLanguageServer, params: t.RenameParams) -> t.WorkspaceEdit | None:
    state = ls.state(params.text_document.uri)
    if state is None or not state.is_job:
        return None
    changes = rename(state.doc, state.analysis(), ls.lines(state).offset(params.position), params.new_name)
    if not changes:
        return None
    lines = ls.lines(state)
    return t.WorkspaceEdit(changes={state.uri: [t.TextEdit(range=lines.range(c.start, c.end), new_text=c.new_text) for c in changes]})


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_LINK)
@guarded(lambda: [])
def on_links(ls: JobLanguageServer, params: t.DocumentLinkParams) -> list[t.DocumentLink]:
    from pathlib import Path

    state = ls.state(params.text_document.uri)
    if state is None or not state.is_job:
        return []
    lines = ls.lines(state)
    return [t.DocumentLink(range=lines.range(start, end), target=Path(path).as_uri()) for start, end, path in links(state.doc, state.model(), path_folder(state.uri))]


@server.feature(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix, t.CodeActionKind.Source]))
@guarded(lambda: [])
def on_code_action(ls: JobLanguageServer, params: t.CodeActionParams) -> list[t.CodeAction]:
    state = ls.state(params.text_document.uri)
    if state is None or not state.is_job:
        return []
    lines = ls.lines(state)
    start, end = lines.offset(params.range.start), lines.offset(params.range.end)
    # Fixes for our problems in the requested range (what the client lists in its context
    # are ours too, as published; recomputing them keeps the fixes' data exact).
    problems = [p for p in state.problems() if p.start <= end and p.end >= start]
    actions = quick_fixes(state.doc, problems, state.analysis(), ls.locale)
    from ..yamldoc import Scalar, key_text, resolve

    root = resolve(state.doc.root)
    job_type = None
    if root is not None and hasattr(root, "pairs"):
        node = next((resolve(v) for k, v in root.pairs if key_text(k) == "type"), None)
        job_type = node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None
    extra = schema_action(state.doc, job_type)
    if extra is not None:
        actions.append(extra)
    out = []
    for a in actions:
        diagnostics = None
        if a.problem is not None:
            p = a.problem
            diagnostics = [t.Diagnostic(range=lines.range(p.start, p.end), message=p.message, code=p.code, source="job-lsp", severity=SEVERITY.get(p.severity))]
        out.append(
            t.CodeAction(
                title=a.title,
                kind=t.CodeActionKind.QuickFix if a.kind == "quickfix" else t.CodeActionKind.Source,
                diagnostics=diagnostics,
                is_preferred=a.preferred or None,
                edit=t.WorkspaceEdit(changes={state.uri: [t.TextEdit(range=lines.range(c.start, c.end), new_text=c.new_text) for c in a.changes]}),
            )
        )
    return out


def main(tcp: str | None = None) -> None:
    logging.basicConfig(level=logging.WARNING)
    if tcp:
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
