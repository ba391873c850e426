"""`job-lsp serve`: pygls handlers over the core. Each handler takes the document's state
(`ls.job_state`), calls one core function, and converts its plain result (convert.py)."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
import threading
import time
import traceback
from functools import wraps
from typing import Any, Callable

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..curated import CURATED_ENVIRONMENTS
from ..complete import Item, Sources, complete, folder_name
from ..context import only_comments
from ..detect import document_kind, serves
from ..files import is_yaml_name, read_bounded
from ..format import FormatOptions, format_text, minimal_edits
from ..hover import hover
from ..messages import format_reason, localize
from ..navigate import binding_completions_at, binding_hover, definition, in_binding, links, prepare_rename, quick_fixes, references, rename, rename_across_files, schema_action
from ..outline import folding_ranges, symbols
from ..project import Project, Projects, project_problems
from ..rules import RULES
from ..selection import is_excluded, is_included
from ..workspace import WorkspaceIndex
from ..yamldoc import Document, Problem, Scalar, lookup, parse, resolve
from . import convert
from .azure import AzureFeatures, register as register_azure
from .convert import Lines, uri_folder, uri_to_path
from .settings import SECTION, Settings, parse_settings
from .state import Changed, State, no_collection, note_change

log = logging.getLogger("job-lsp")

CHEAP_CHECK = 0.02  # seconds: a document checked this fast is checked after every edit
# A document this small (~1,000 lines) is parsed and analysed on the event loop, in a few ms;
# a larger one in a thread, so that no request waits behind it (the loop stays free).
INLINE_CHARS = 32_000
SWITCH_INTERVAL = 0.0005  # seconds (main)
UNFREEZE_EVERY = 256  # versions kept between two full collections of everything (keep)
IDLE = 10.0  # seconds without an edit before such a collection
SHORT_DELAY = 0.02  # seconds: enough to gather the parts of one edit (an undo, a paste)


def debounce_delay(configured: float, since_last_edit: float, last_check: float | None, same_document: bool) -> float:
    """How long to wait before checking a document after an edit (seconds), given the time
    since the edit before it (to any document): only a moment after a pause in typing, or
    while typing in one document whose last check was cheap; else (typing fast in a document
    costly to check, a burst of edits across documents) the configured delay, since each
    check would be dropped by the next edit. Never longer than configured."""
    cheap = last_check is not None and last_check < CHEAP_CHECK
    if since_last_edit > configured or (cheap and same_document):
        return min(configured, SHORT_DELAY)
    return configured

# With JOB_LSP_STRICT=1 (the tests set it) a handler's failure is also raised to the client as
# an error answer, so that no test passes on the empty answer users get instead.
STRICT = os.environ.get("JOB_LSP_STRICT") == "1"


class JobLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("job-lsp", __version__)
        self.settings = Settings()
        self.locale = "en"
        self.snippets = False
        self.pull_diagnostics = False
        self.hierarchical_symbols = False
        self.utf16 = True
        self.states: dict[str, State] = {}  # each document's last analysed version
        # The version of a large document being analysed in a thread, and its future: the
        # requests that need it and the check after an edit share one computation.
        self.analysing: dict[str, tuple[int | None, asyncio.Future]] = {}
        self.freezes = 0  # versions kept (keep)
        self.changed: dict[str, Changed] = {}  # the lines edited since the version in `states`
        self.pending: dict[str, asyncio.Task] = {}
        self.last_edit = 0.0  # event-loop time of the last didChange, any document
        self.last_edited = ""  # the document of the last didChange
        self.check_cost: dict[str, float] = {}  # seconds each document's last check took
        self.index: Any = None  # job_lsp.workspace.WorkspaceIndex, once scanned
        self.roots: list[str] = []
        self._index_lock = threading.Lock()
        # The project configuration of each file (the nearest one), read again when it changes.
        self.projects = Projects()
        self.announced: set[tuple] = set()
        # configuration or policy file -> (the configuration it was read for, its problems shown)
        self.config_shown: dict[str, tuple[str, tuple]] = {}
        self.azure = AzureFeatures(self)  # the Azure ML workspace, when one is known

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
    async def ready(self, uri: str) -> State | None:
        """The state of a document's current version, its model and bindings computed (once
        per version). A large document's are computed in a thread, shared by every request
        that needs them and by the check after the edit: the event loop never waits on a
        parse. None when the document is not open."""
        try:
            document = self.workspace.get_text_document(uri)
            text = document.source
            version = document.version
        except Exception:
            return None
        known = self.states.get(uri)
        if known is not None and known.version == version and (known.text is text or known.text == text):
            if known.analysed:
                return known
        else:
            known = None
        if len(text) < INLINE_CHARS:
            state = known or self.new_state(uri, version, text, self.project(uri))
            state.analysis()
            self.keep(uri, state)
            return state
        job = self.analysing.get(uri)
        if job is None or job[0] != version:
            project = self.project(uri)

            def analyse() -> State:
                with no_collection():
                    state = known or self.new_state(uri, version, text, project)
                    state.analysis()
                    return state

            job = self.analysing[uri] = (version, asyncio.ensure_future(in_thread(analyse)))
        try:
            # Shielded: a request cancelled while it waits does not cancel the others' work.
            state = await asyncio.shield(job[1])
        finally:
            if self.analysing.get(uri) is job and job[1].done():
                self.analysing.pop(uri, None)
        if self.workspace.get_text_document(uri).version == version:
            self.keep(uri, state)
        return state

    @staticmethod
    async def off_loop(state: State, work: Callable[[], Any]) -> Any:
        """`work` on a version: at once for a small document, in a thread for a large one."""
        if len(state.text) < INLINE_CHARS:
            return work()
        return await in_thread(work)

    @staticmethod
    def quietly(work: Callable[[], Any]) -> Any:
        with no_collection():
            return work()

    def keep(self, uri: str, state: State) -> None:
        """Keep a document's analysed version for the requests on it, out of the collector's
        way: a version's tree (~100k objects on a 5,000-line pipeline) lives until the next
        edit and holds no reference cycle (refcounting frees it; tests/test_gc.py), so it is
        frozen. Unfrozen, every full collection scanned each open document's tree with the
        GIL held, in whichever thread allocated: ~20-35 ms per 5,000 lines during which no
        request was answered. Now and then, when the user pauses, everything is collected,
        so that a cycle frozen while alive (the server's own) is still freed once it dies."""
        self.states[uri] = state
        self.changed.pop(uri, None)  # kept only when it is the current version
        gc.freeze()
        self.freezes += 1
        if self.freezes % UNFREEZE_EVERY == 0:
            self.collect_when_idle()

    def collect_when_idle(self) -> None:
        """Unfreeze and collect everything once no document has been edited for a while."""
        loop = asyncio.get_running_loop()

        def collect() -> None:
            if loop.time() - self.last_edit < IDLE or self.analysing:
                loop.call_later(IDLE, collect)
                return
            gc.unfreeze()
            gc.collect()
            gc.freeze()

        loop.call_later(IDLE, collect)

    def new_state(self, uri: str, version: int | None, text: str, project: Project) -> State:
        """A version's state, parsed (safe in a thread: it touches nothing shared)."""
        doc = parse(text)
        path = uri_to_path(uri) or uri
        served = serves(path, doc, self.settings.job_files) or is_included(project.config, path)
        return State(uri, version, text, doc, served, uri_folder(uri))

    def debounce(self, uri: str, now: float) -> float:
        """Seconds to wait before checking a document after an edit at `now`."""
        delay = debounce_delay(self.settings.diagnostics_delay / 1000, now - self.last_edit, self.check_cost.get(uri), uri == self.last_edited)
        self.last_edit, self.last_edited = now, uri
        return delay

    def read_doc(self, path: str) -> Document | None:
        """Another file, as the editor has it when it is open, else from disk (bounded)."""
        state = self.states.get(convert.path_to_uri(path))
        if state is not None:
            return state.doc
        source = read_bounded(path)
        return parse(source) if isinstance(source, bytes) else None

    def note_changes(self, uri: str, changes: list) -> None:
        changed = self.changed.get(uri)
        for change in changes:
            at = getattr(change, "range", None)
            changed = note_change(changed, at.start.line if at is not None else None, at.end.line if at is not None else 0, change.text)
        if changed is not None:
            self.changed[uri] = changed

    async def state_at(self, params: Any) -> State | None:
        """`job_state` for a request at one position: right after an edit elsewhere, the last
        analysed version answers it (that line has the same text and number there), without
        waiting for the edit's analysis; else the current version's, awaited."""
        known = self.states.get(params.text_document.uri)
        changed = self.changed.get(params.text_document.uri)
        if known is not None and changed is not None and changed.untouched(params.position.line):
            return known if known.is_job else None
        return await self.job_state(params)

    async def job_state(self, params: Any) -> State | None:
        """The opening of every handler: the state of the request's document when it is a job
        file this server serves, else None (the handler then answers empty)."""
        state = await self.ready(params.text_document.uri)
        return state if state is not None and state.is_job else None

    def lines(self, state: State) -> Lines:
        return Lines(state.doc, self.utf16)

    # --- the project configuration ---------------------------------------------------------------
    def project(self, uri: str) -> Project:
        """The project of a document: the configuration nearest its file (none for an
        unsaved document). Its problems are shown once per change of them: as a message, and
        as diagnostics on the configuration and policy files (cleared once fixed)."""
        path = uri_to_path(uri)
        if not path:
            return Project()
        project = self.projects.for_file(path)
        if project.problems and project.problems not in self.announced:
            self.announced.add(project.problems)
            locale = self.message_locale(project)
            lines = "\n".join(f"{p.path}:{p.line}: {localize(p.code, p.message, locale)}" for p in project.problems)
            try:
                self.window_show_message(t.ShowMessageParams(type=t.MessageType.Warning, message=f"job-lsp: {lines}"))
            except Exception:  # pragma: no cover - the client is gone
                pass
        self.show_config_problems(project)
        return project

    def show_config_problems(self, project: Project) -> None:
        owner = project.config.path
        if owner is None:
            return
        by_file: dict[str, list] = {}
        for problem in project.problems:
            by_file.setdefault(problem.path, []).append(problem)
        # The files this configuration was last shown problems on, and its own file.
        files = set(by_file) | {owner} | {f for f, (o, _) in self.config_shown.items() if o == owner}
        locale = self.message_locale(project)
        for file in files:
            problems = tuple(by_file.get(file, ()))
            if self.config_shown.get(file, (None, ()))[1] == problems:
                continue
            self.config_shown[file] = (owner, problems)
            source = read_bounded(file)
            text_lines = source.decode("utf-8", "replace").splitlines() if isinstance(source, bytes) else []
            diagnostics = []
            for p in problems:
                line = max(p.line - 1, 0)
                text = text_lines[line] if line < len(text_lines) else ""
                severity = RULES[p.code].severity if p.code in RULES else "error"
                diagnostics.append(convert.line_diagnostic(line, text, p.code, severity, localize(p.code, p.message, locale), self.utf16))
            try:
                self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=convert.path_to_uri(file), diagnostics=diagnostics))
            except Exception:  # pragma: no cover - the client is gone
                pass

    def message_locale(self, project: Project) -> str:
        """The language of messages, hover, completion and quick fixes: the project's
        `locale` when it sets one (as over LANG on the command line), else the client's."""
        return project.config.locale or self.locale

    def problems(self, state: State, project: Project | None = None) -> list[Problem]:
        """A job document's problems under its project: policies added, select, ignore and
        severity applied; nothing for a file the project excludes."""
        project = project or self.project(state.uri)
        path = uri_to_path(state.uri)
        if path and is_excluded(project.config, path):
            return []
        return project_problems(state.doc, state.problems() + self.azure.problems(state), project, path)

    def diagnostics(self, state: State) -> list[t.Diagnostic]:
        if not state.is_job or not self.settings.validate:
            return []
        lines = self.lines(state)
        project = self.project(state.uri)
        locale = self.message_locale(project)
        return [convert.diagnostic(p, lines, localize(p.code, p.message, locale, p.data)) for p in self.problems(state, project)]

    def recheck_all(self) -> None:
        """Every open document again (settings, a configuration or a policy changed)."""
        if self.pull_diagnostics:
            workspace_caps = self.client_capabilities.workspace
            diagnostics_caps = workspace_caps.diagnostics if workspace_caps else None
            if diagnostics_caps and diagnostics_caps.refresh_support:
                self.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.states):
            self.states.pop(uri, None)
            self.changed.pop(uri, None)
            try:
                self.schedule(uri, 0)
            except Exception:
                pass

    def schedule(self, uri: str, delay_ms: int | None = None) -> None:
        """Debounced per document: a new change cancels the pending check, so only the
        last version of a burst of edits is checked, and stale results are never sent."""
        if self.pull_diagnostics:
            return
        pending = self.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        document = self.workspace.get_text_document(uri)
        version = document.version
        loop = asyncio.get_event_loop()
        delay = delay_ms / 1000 if delay_ms is not None else self.debounce(uri, loop.time())

        async def later() -> None:
            try:
                await asyncio.sleep(delay)
                # Quiet across all documents, not just this one: in a burst of edits to many
                # documents (a rename, a search and replace), each one's last version is
                # checked once the burst is over, instead of every version as it comes.
                while delay and (quiet := loop.time() - self.last_edit) < delay:
                    await asyncio.sleep(delay - quiet)
                if self.workspace.get_text_document(uri).version != version:
                    return
                # Parsed and checked off the event loop (a small document's analysis aside):
                # a big file's check does not hold up the requests that arrive meanwhile.
                start = time.perf_counter()
                checked = await self.ready(uri)
                if checked is None or checked.version != version:
                    return
                diagnostics = await in_thread(lambda: self.quietly(lambda: self.diagnostics(checked)))
                self.check_cost[uri] = time.perf_counter() - start
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
        self.azure.configure(settings)
        for problem in problems:
            self.info(problem, t.MessageType.Warning)
        # What is served may have changed (job file globs, validation on/off).
        self.recheck_all()

    def scan_workspace(self) -> None:
        """Index the workspace's job files (compute, environment, experiment names) in a
        thread: a large repository must not hold up the first requests."""
        roots = list(self.roots)

        def work() -> None:
            try:
                index = WorkspaceIndex(roots)
                index.scan()
                with self._index_lock:
                    self.index = index
            except Exception as exc:
                self.report("workspace scan", exc)

        threading.Thread(target=work, name="job-lsp-index", daemon=True).start()

    def sources(self, uri: str) -> Sources:
        index = self.index
        config = self.project(uri).config
        # The editor's lists first, then the project's (both are the user's wishes).
        computes = list(dict.fromkeys(c.removeprefix("azureml:") for c in (*self.settings.compute_targets, *config.compute_targets)))
        environments = list(dict.fromkeys((*self.settings.environments, *config.environments)))
        experiments: list[str] = []
        if index is not None:
            computes += [u.name for u in index.computes() if u.name not in computes]
            environments += [u.name for u in index.environments() if u.name not in environments]
            experiments = [u.name for u in index.experiments()]
        curated = [(c[0], c[1]) if isinstance(c, tuple) else (c, None) for c in CURATED_ENVIRONMENTS]
        return Sources(computes, environments, experiments, curated, folder_name(uri_to_path(uri)), uri_folder(uri))


server = JobLanguageServer()


def guarded(default: Callable[[], Any]) -> Callable:
    """Handlers never raise into pygls: a failure is logged and the request answers empty
    (in strict mode, the tests', it is also raised)."""

    def wrap(fn: Callable) -> Callable:
        if asyncio.iscoroutinefunction(fn):

            @wraps(fn)
            async def run_async(ls: JobLanguageServer, params: Any) -> Any:
                try:
                    return await fn(ls, params)
                except Exception as exc:
                    ls.report(fn.__name__, exc)
                    if STRICT:
                        raise
                    return default()

            return run_async

        @wraps(fn)
        def run(ls: JobLanguageServer, params: Any) -> Any:
            try:
                return fn(ls, params)
            except Exception as exc:
                ls.report(fn.__name__, exc)
                if STRICT:
                    raise
                return default()

        return run

    return wrap


register_azure(server, guarded)


# --- lifecycle -----------------------------------------------------------------------------------


GC_THRESHOLDS = (700, 10, 10)  # Python's defaults; `job-lsp serve` raises the first while importing


def settle_memory() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


@server.feature(t.INITIALIZE)
@guarded(lambda: None)
def initialize(ls: JobLanguageServer, params: t.InitializeParams) -> None:
    convert.use_lsp_lines(ls.workspace)
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
    ls.roots = [p for p in (uri_to_path(f.uri) for f in (params.workspace_folders or [])) if p]
    if not ls.roots and params.root_uri:
        root = uri_to_path(params.root_uri)
        ls.roots = [root] if root else []
    ls.apply_settings(params.initialization_options)
    # Once `initialize` is answered (the callback runs after the answer is written): the
    # imports' garbage collected, the long-lived rest (lsprotocol's classes and converters,
    # the model) frozen so that later full collections do not scan it, and the collector's
    # thresholds, raised while the modules loaded (cli/main.py), back to the defaults.
    asyncio.get_running_loop().call_soon(settle_memory)


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
    await watch_configuration(ls)


# Files whose change can change diagnostics: project configurations and policies (JSON).
WATCHED = ["**/pyproject.toml", "**/job-lsp.toml", "**/.job-lsp.toml", "**/*.json"]


async def watch_configuration(ls: JobLanguageServer) -> None:
    """Ask the client to tell us when a configuration or policy file changes (when it can;
    otherwise a change is seen at the next check, as files are read again by version)."""
    workspace_caps = ls.client_capabilities.workspace
    watching = workspace_caps.did_change_watched_files if workspace_caps else None
    if not (watching and watching.dynamic_registration):
        return
    options = t.DidChangeWatchedFilesRegistrationOptions(watchers=[t.FileSystemWatcher(glob_pattern=g) for g in WATCHED])
    registration = t.Registration(id="job-lsp-configuration", method=t.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)
    try:
        await asyncio.wait_for(ls.client_register_capability_async(t.RegistrationParams(registrations=[registration])), 5)
    except Exception as exc:
        ls.info(f"could not watch configuration files ({type(exc).__name__}); changes are seen at the next check", t.MessageType.Warning)


@server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@guarded(lambda: None)
def did_change_watched_files(ls: JobLanguageServer, params: t.DidChangeWatchedFilesParams) -> None:
    if any(c.uri.endswith((".toml", ".json")) for c in params.changes):
        ls.recheck_all()


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
    ls.note_changes(params.text_document.uri, params.content_changes)
    ls.schedule(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
@guarded(lambda: None)
def did_save(ls: JobLanguageServer, params: t.DidSaveTextDocumentParams) -> None:
    index = ls.index
    path = uri_to_path(params.text_document.uri)
    if index is not None and path and is_yaml_name(path):
        index.update(path, ls.workspace.get_text_document(params.text_document.uri).source)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
@guarded(lambda: None)
def did_close(ls: JobLanguageServer, params: t.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    pending = ls.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.states.pop(uri, None)
    ls.changed.pop(uri, None)
    ls.check_cost.pop(uri, None)
    if not ls.pull_diagnostics:
        ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(t.TEXT_DOCUMENT_DIAGNOSTIC, t.DiagnosticOptions(identifier="job-lsp", inter_file_dependencies=False, workspace_diagnostics=False))
@guarded(lambda: t.RelatedFullDocumentDiagnosticReport(items=[]))
async def pull_diagnostics(ls: JobLanguageServer, params: t.DocumentDiagnosticParams) -> t.RelatedFullDocumentDiagnosticReport:
    state = await ls.ready(params.text_document.uri)
    return t.RelatedFullDocumentDiagnosticReport(items=await in_thread(lambda: ls.diagnostics(state)) if state is not None else [])


# --- completion and hover --------------------------------------------------------------------------


@server.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=[":", " ", "-", ".", "{"], resolve_provider=False))
@guarded(lambda: t.CompletionList(is_incomplete=False, items=[]))
async def completion(ls: JobLanguageServer, params: t.CompletionParams) -> t.CompletionList:
    """Answered from the text: the cursor's place is read from the lines around it, so right
    after an edit nothing waits for a parse. Inside `${{ }}`, the names come from the last
    version analysed (a keystroke behind, right after an edit)."""
    uri = params.text_document.uri
    # Whether it is a job file: known from the last version analysed (an edit rarely changes
    # it; the check after the edit brings it up to date), else found now (None: not open).
    known = ls.states.get(uri) or await ls.ready(uri)
    if known is None or ls.settings.defer_to_yaml_extension:
        return t.CompletionList(is_incomplete=False, items=[])
    document = ls.workspace.get_text_document(uri)
    text = document.source
    if not (known.is_job or only_comments(text)):
        return t.CompletionList(is_incomplete=False, items=[])
    client_line = params.position.line
    line_text = convert.client_line(document, client_line)
    line = client_line
    column = convert.code_point_column(line_text, params.position.character, ls.utf16)
    shift = 0  # the core's column minus the client's, on the cursor's line
    if convert.has_lone_cr(text):  # a lone CR ends a client line, not a core line (LF)
        state = await ls.ready(uri)
        if state is None:
            return t.CompletionList(is_incomplete=False, items=[])
        line, core_column = state.doc.position(ls.lines(state).offset(params.position))
        shift, column = core_column - column, core_column
    if known.is_job and in_binding(line_text[: column - shift]):
        inside = binding_completions_at(text, line, column, known.doc, known.model().entities, known.folder) or []
        items = [Item(b.label, "value", b.detail, "", b.label, False, b.start, b.end, b.sort) for b in inside]
    else:
        # The kind of file (job, component...) as last parsed, like `known.is_job`.
        items = complete(text, line, column, ls.sources(uri), ls.message_locale(ls.project(uri)), ls.snippets, ls.settings.format_indent, document_kind(known.doc))
        items = ls.azure.completions(uri, text, line, column, items)
    return t.CompletionList(is_incomplete=False, items=[convert.completion_item(item, client_line, line_text, ls.utf16, shift) for item in items])


@server.feature(t.TEXT_DOCUMENT_HOVER)
@guarded(lambda: None)
async def on_hover(ls: JobLanguageServer, params: t.HoverParams) -> t.Hover | None:
    state = await ls.state_at(params)
    if state is None or ls.settings.defer_to_yaml_extension:
        return None
    lines = ls.lines(state)
    offset = lines.offset(params.position)
    locale = ls.message_locale(ls.project(state.uri))
    found = binding_hover(state.doc, state.analysis(), offset, locale)
    if found is None:
        result = hover(state.doc, offset, locale, state.model())
        found = (result.markdown, result.start, result.end) if result is not None else None
        found = ls.azure.hover(state, offset, found)
    if found is None:
        return None
    text, start, end = found
    return t.Hover(contents=convert.markdown(text), range=lines.range(start, end))


# --- formatting ---------------------------------------------------------------------------------


async def in_thread(fn: Callable[[], Any]) -> Any:
    """Run the long requests (formatting, the outline of a big file) off the event loop: the
    server keeps answering meanwhile, and a `$/cancelRequest` cancels the request at once
    (the work itself finishes in its thread and is dropped). The state is read on the loop
    before, so the thread only computes on one version of the text."""
    return await asyncio.get_running_loop().run_in_executor(None, fn)


def format_options(ls: JobLanguageServer, state: State, reorder: bool) -> FormatOptions:
    """The editor's format settings, except those the project's `[format]` table gives (so
    that format-on-save and `job-lsp format --check` in CI agree). `reorder` False (a
    selection) is never overridden: keys cannot move across a selection's edges."""
    config = ls.project(state.uri).config
    indent = config.format.indent if "format.indent" in config.given else ls.settings.format_indent
    if reorder and "format.reorder_keys" in config.given:
        reorder = config.format.reorder_keys
    return FormatOptions(indent=indent, reorder=reorder, width=config.format.line_width)


def formatted_edits(ls: JobLanguageServer, state: State, reorder: bool, selection: t.Range | None = None) -> list[t.TextEdit]:
    """The edits that lay the document out (only those inside the selection's lines, when
    given); none, with a message, when it cannot be formatted safely."""
    options = format_options(ls, state, reorder)
    result = format_text(state.text, options, state.doc, state.model().entities)
    if result.error:
        ls.info(f"{state.uri}: {format_reason(result.error, ls.message_locale(ls.project(state.uri)))}")
        return []
    lines = ls.lines(state)
    changes = minimal_edits(state.text, result.text)
    if selection is not None:
        start = lines.offset(t.Position(line=selection.start.line, character=0))
        end_line = selection.end.line + (1 if selection.end.character > 0 else 0)
        end = lines.offset(t.Position(line=end_line, character=0)) if end_line < len(lines.starts) else len(state.text)
        changes = [c for c in changes if start <= c.start and c.end <= end]
    return convert.edits(changes, lines)


@server.feature(t.TEXT_DOCUMENT_FORMATTING)
@guarded(lambda: [])
async def formatting(ls: JobLanguageServer, params: t.DocumentFormattingParams) -> list[t.TextEdit]:
    state = await ls.job_state(params)
    if state is None or not ls.settings.format_enable:
        return []
    return await in_thread(lambda: formatted_edits(ls, state, ls.settings.format_reorder_keys))


@server.feature(t.TEXT_DOCUMENT_RANGE_FORMATTING)
@guarded(lambda: [])
async def range_formatting(ls: JobLanguageServer, params: t.DocumentRangeFormattingParams) -> list[t.TextEdit]:
    """A selection is laid out without moving keys (a move could cross the selection's
    edges); only the edits inside it are returned."""
    state = await ls.job_state(params)
    if state is None or not ls.settings.format_enable:
        return []
    return await in_thread(lambda: formatted_edits(ls, state, False, params.range))


# --- outline ------------------------------------------------------------------------------------


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@guarded(lambda: [])
async def document_symbols(ls: JobLanguageServer, params: t.DocumentSymbolParams) -> list:
    state = await ls.job_state(params)
    if state is None:
        return []

    def outline() -> list:
        found, lines = symbols(state.doc), ls.lines(state)
        if ls.hierarchical_symbols:
            return [convert.document_symbol(s, lines) for s in found]
        return convert.symbol_informations(found, state.uri, lines)

    return await in_thread(outline)


@server.feature(t.TEXT_DOCUMENT_FOLDING_RANGE)
@guarded(lambda: [])
async def folding(ls: JobLanguageServer, params: t.FoldingRangeParams) -> list[t.FoldingRange]:
    state = await ls.job_state(params)
    if state is None:
        return []
    return await in_thread(lambda: [convert.folding_range(f, state.doc, ls.lines(state)) for f in folding_ranges(state.doc)])


# --- bindings: definition, references, rename; links; quick fixes -----------------------------


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
@guarded(lambda: None)
async def on_definition(ls: JobLanguageServer, params: t.DefinitionParams) -> t.Location | None:
    state = await ls.job_state(params)
    if state is None:
        return None
    lines = ls.lines(state)
    found = definition(state.doc, state.analysis(), lines.offset(params.position), state.model())
    return convert.location(found, state.uri, lines) if found is not None else None


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
@guarded(lambda: [])
async def on_references(ls: JobLanguageServer, params: t.ReferenceParams) -> list[t.Location]:
    state = await ls.job_state(params)
    if state is None:
        return []
    lines = ls.lines(state)
    found = references(state.doc, state.analysis(), lines.offset(params.position), params.context.include_declaration)
    return [convert.location(loc, state.uri, lines) for loc in found]


@server.feature(t.TEXT_DOCUMENT_PREPARE_RENAME)
@guarded(lambda: None)
async def on_prepare_rename(ls: JobLanguageServer, params: t.PrepareRenameParams) -> t.PrepareRenamePlaceholder | None:
    state = await ls.job_state(params)
    if state is None:
        return None
    lines = ls.lines(state)
    found = prepare_rename(state.doc, state.analysis(), lines.offset(params.position))
    if found is None:
        return None
    start, end, placeholder = found
    return t.PrepareRenamePlaceholder(range=lines.range(start, end), placeholder=placeholder)


@server.feature(t.TEXT_DOCUMENT_RENAME, t.RenameOptions(prepare_provider=True))
@guarded(lambda: None)
async def on_rename(ls: JobLanguageServer, params: t.RenameParams) -> t.WorkspaceEdit | None:
    state = await ls.job_state(params)
    if state is None:
        return None
    lines = ls.lines(state)
    offset = lines.offset(params.position)
    changes = rename(state.doc, state.analysis(), offset, params.new_name)
    if not changes:
        return None
    edit = {state.uri: convert.edits(changes, lines)}
    # A component's input or output: the pipeline files of the workspace that run it follow.
    path = uri_to_path(state.uri)
    users = ls.index.component_users(path) if ls.index is not None and path else []
    for user, (doc, user_changes) in rename_across_files(state.doc, state.analysis(), offset, params.new_name, path or "", users, ls.read_doc).items():
        edit[convert.path_to_uri(user)] = convert.edits(user_changes, Lines(doc, ls.utf16))
    return t.WorkspaceEdit(changes=edit)


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_LINK)
@guarded(lambda: [])
async def on_links(ls: JobLanguageServer, params: t.DocumentLinkParams) -> list[t.DocumentLink]:
    state = await ls.job_state(params)
    if state is None:
        return []
    lines = ls.lines(state)
    found = await ls.off_loop(state, lambda: links(state.doc, state.model(), state.folder))  # a stat per file named
    return [t.DocumentLink(range=lines.range(start, end), target=convert.path_to_uri(path)) for start, end, path in found]


@server.feature(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix, t.CodeActionKind.Source]))
@guarded(lambda: [])
async def on_code_action(ls: JobLanguageServer, params: t.CodeActionParams) -> list[t.CodeAction]:
    state = await ls.job_state(params)
    if state is None:
        return []
    lines = ls.lines(state)
    start, end = lines.offset(params.range.start), lines.offset(params.range.end)
    # Fixes for our problems in the requested range (what the client lists in its context
    # are ours too, as published; recomputing them keeps the fixes' data exact).
    project = ls.project(state.uri)
    locale = ls.message_locale(project)

    def fixes() -> list:
        problems = [p for p in ls.problems(state, project) if p.start <= end and p.end >= start]
        return quick_fixes(state.doc, problems, state.analysis(), locale)

    # Asked at every move of the cursor; a large version's problems may not be computed yet.
    actions = await ls.off_loop(state, fixes)
    job_type = resolve(lookup(state.doc.root, "type"))
    extra = schema_action(state.doc, job_type.value if isinstance(job_type, Scalar) and isinstance(job_type.value, str) else None)
    if extra is not None:
        actions.append(extra)
    return [
        t.CodeAction(
            title=a.title,
            kind=t.CodeActionKind.QuickFix if a.kind == "quickfix" else t.CodeActionKind.Source,
            diagnostics=[convert.diagnostic(a.problem, lines, localize(a.problem.code, a.problem.message, locale, a.problem.data))] if a.problem is not None else None,
            is_preferred=a.preferred or None,
            edit=t.WorkspaceEdit(changes={state.uri: convert.edits(a.changes, lines)}),
        )
        for a in actions
    ]


def main(tcp: str | None = None) -> None:
    logging.basicConfig(level=logging.WARNING)
    # A thread that wants the GIL (the event loop with a request; pygls' reader of stdin, one
    # turn per header line) waits this long for a busy one (a large file's check) to let go:
    # 5 ms by default, several times per request, which made a request wait ~60 ms while a
    # 5,000-line pipeline was checked; with 0.5 ms, ~10 ms (benchmarks/bench_server.py).
    sys.setswitchinterval(SWITCH_INTERVAL)
    if tcp:
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
