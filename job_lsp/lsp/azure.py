"""The Azure ML workspace in the server (job_lsp.azure underneath): the workspace's values in
completion and hover, `unknown-asset` warnings, and running the job being edited.

- Requests read what is in memory (WorkspaceSession never waits for `az`); when a refresh
  brings something new, the open job files are checked again (push) or the client is asked
  to pull again.
- A failure of the CLI is one log message and one `jobLsp/workspaceStatus` notification
  ({workspace, ok, message}: a status item for the client), never a popup per keystroke.
- **Run job**: a code lens on a job file and the command `job-lsp.run` [uri]. A file with
  errors is refused. The run is reported through `$/progress` (a server-created
  work-done progress, cancellable): `submitted`, then each status with its meaning; the
  job's studio URL is offered (`window/showMessageRequest`, then `window/showDocument`).
  Cancelling the progress, the lens **Cancel job** or `job-lsp.cancel` [uri] runs
  `az ml job cancel`; the statuses that follow (CancelRequested, Canceled) still arrive.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from typing import Any, Callable

from lsprotocol import types as t

from ..azure import run as runs
from ..azure.runner import stop_all
from ..azure.session import AzureSettings, WorkspaceSession
from ..azure.values import merge
from ..complete import Item
from ..files import Refused, read_bounded
from ..yamldoc import Problem, parse
from .convert import Lines, uri_to_path
from .settings import Settings
from .state import State

COMMAND_RUN = "job-lsp.run"
COMMAND_CANCEL = "job-lsp.cancel"
STATUS = "jobLsp/workspaceStatus"


def azure_settings(settings: Settings) -> AzureSettings:
    return AzureSettings(
        enable=settings.azure_enable,
        workspace=settings.azure_workspace,
        resource_group=settings.azure_resource_group,
        subscription=settings.azure_subscription,
        cache_seconds=settings.azure_cache_minutes * 60.0,
        timeout_seconds=float(settings.azure_timeout_seconds),
    )


class AzureFeatures:
    def __init__(self, ls: Any):
        self.ls = ls
        self.session: WorkspaceSession | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.runs: dict[str, runs.RunHandle] = {}  # uri -> its run, while it goes on

    # --- settings and events from the workers ------------------------------------------------
    def configure(self, settings: Settings) -> None:
        """(Re)build the session when its settings change (called on the event loop)."""
        try:
            self.loop = asyncio.get_running_loop()
        except RuntimeError:
            pass
        wanted = azure_settings(settings)
        if self.session is not None and self.session.settings == wanted:
            return
        if self.session is not None:
            self.session.close()
        self.session = WorkspaceSession(wanted, on_change=self._from_worker(self._changed), on_status=self._from_worker(self._status)) if wanted.enable else None
        if self.session is not None:
            self.session.start()

    def _from_worker(self, fn: Callable[..., None]) -> Callable[..., None]:
        """A callback for worker threads: it runs `fn` on the event loop."""

        def call(*args: Any) -> None:
            loop = self.loop
            if loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(lambda: self._safely(fn, *args))

        return call

    def _safely(self, fn: Callable[..., None], *args: Any) -> None:
        try:
            fn(*args)
        except Exception as exc:
            self.ls.report(f"workspace ({getattr(fn, '__name__', fn)})", exc)

    def _changed(self) -> None:
        """The workspace said something new: check the open job files again."""
        if self.ls.pull_diagnostics:
            workspace = self.ls.client_capabilities.workspace
            if workspace and workspace.diagnostics and workspace.diagnostics.refresh_support:
                self.ls.workspace_diagnostic_refresh(None)
        else:
            for uri, state in list(self.ls.states.items()):
                if state.is_job:
                    self.ls.schedule(uri, 0)
        self._refresh_lenses()

    def _status(self, label: str, message: str) -> None:
        if message:
            self.ls.info(f"workspace {label}: {message}; completion and checks go on without it", t.MessageType.Warning)
        else:
            self.ls.info(f"workspace {label}: read")
        self.ls.protocol.notify(STATUS, {"workspace": label, "ok": not message, "message": message})

    def _refresh_lenses(self) -> None:
        workspace = self.ls.client_capabilities.workspace
        if workspace and workspace.code_lens and workspace.code_lens.refresh_support:
            self.ls.workspace_code_lens_refresh(None)

    # --- what requests ask (each reads memory only) --------------------------------------------
    def problems(self, state: State) -> list[Problem]:
        if self.session is None:
            return []
        return self.session.problems(uri_to_path(state.uri), state.doc)

    def completions(self, uri: str, text: str, line: int, column: int, items: list[Item]) -> list[Item]:
        if self.session is None:
            return items
        return merge(self.session.completions(uri_to_path(uri), text, line, column, self.ls.locale), items)

    def hover(self, state: State, offset: int, found: tuple[str, int, int] | None) -> tuple[str, int, int] | None:
        """The workspace's word on a reference, before what the model says of the value."""
        remote = self.session.hover(uri_to_path(state.uri), state.doc, offset, self.ls.locale) if self.session is not None else None
        if remote is None:
            return found
        if found is None:
            return remote
        return f"{remote[0]}\n\n---\n\n{found[0]}", remote[1], remote[2]

    def lenses(self, state: State, lines: Lines) -> list[t.CodeLens]:
        path = uri_to_path(state.uri)  # an unsaved buffer (`untitled:`) cannot be submitted
        if self.session is None or path is None or self.session.workspace_for(path) is None:
            return []
        at = lines.range(runs.lens_offset(state.doc), runs.lens_offset(state.doc))
        running = self.runs.get(state.uri)
        if running is not None:
            name = running.job.name if running.job is not None else "(being submitted)"
            return [t.CodeLens(range=at, command=t.Command(title=f"Cancel job {name}", command=COMMAND_CANCEL, arguments=[state.uri]))]
        return [t.CodeLens(range=at, command=t.Command(title="Run job", command=COMMAND_RUN, arguments=[state.uri]))]

    # --- running a job ---------------------------------------------------------------------------
    async def run(self, uri: str) -> dict:
        """`job-lsp.run`: refuse a file with errors, else submit it and report its statuses."""
        state = await self.ls.ready(uri)
        path = uri_to_path(uri)
        if state is None or not state.is_job or path is None:
            return self._refused(f"{uri} is not a job file on disk")
        errors = [p for p in state.problems() if p.severity == "error"]
        if errors:
            return self._refused(f"not submitted: the file has {len(errors)} error(s), the first: {errors[0].message}")
        on_disk = read_bounded(path)
        if isinstance(on_disk, Refused) or parse(on_disk).text != state.doc.text:
            return self._refused("not submitted: the file has unsaved changes (az submits what is on disk); save it first")
        workspace = self.session.workspace_for(path) if self.session is not None else None
        if workspace is None:
            return self._refused("no workspace known (settings jobLsp.azure.workspace and .resourceGroup, `az configure --defaults`, or an Azure ML config.json above the file)")
        if uri in self.runs:
            return self._refused("this file's job is already running; cancel it first")
        token = str(uuid.uuid4())
        window = self.ls.client_capabilities.window
        progress = bool(window and window.work_done_progress)
        if progress:
            await self.ls.work_done_progress.create_async(token)
            self.ls.work_done_progress.begin(token, t.WorkDoneProgressBegin(title="Run job", message=f"submitting to {workspace.workspace}", cancellable=True))
        else:
            self.ls.info(f"submitting {path} to {workspace.label()}")
        updates: list[runs.Update] = []

        def on_update(update: runs.Update) -> None:
            updates.append(update)
            name = handle.job.name if handle.job is not None else ""
            line = runs.describe(update, name)
            if progress:
                if update.done:
                    self.ls.work_done_progress.end(token, t.WorkDoneProgressEnd(message=line))
                else:
                    self.ls.work_done_progress.report(token, t.WorkDoneProgressReport(message=line))
            self.ls.info(line)
            if update.status == "submitted":
                self._refresh_lenses()
                if update.job is not None and update.job.studio_url:
                    asyncio.ensure_future(self._offer(update.job.name, update.job.studio_url))
            if update.done:
                self.runs.pop(uri, None)
                self.ls.work_done_progress.tokens.pop(token, None)
                self._refresh_lenses()

        handle = runs.start(path, workspace, self._from_worker(on_update), interval=self.ls.settings.azure_poll_seconds, locale=self.ls.locale)
        self.runs[uri] = handle
        self._refresh_lenses()
        if progress:
            cancelled = self.ls.work_done_progress.tokens.get(token)
            if cancelled is not None:
                cancelled.add_done_callback(lambda f: f.cancelled() and self._cancel_in_thread(handle))
        return {"started": True, "token": token if progress else None, "workspace": workspace.workspace}

    async def _offer(self, name: str, url: str) -> None:
        try:
            choice = await self.ls.window_show_message_request_async(
                t.ShowMessageRequestParams(type=t.MessageType.Info, message=f"Job {name} submitted.", actions=[t.MessageActionItem(title="Open in Azure ML studio")])
            )
            if choice is not None:
                await self.ls.window_show_document_async(t.ShowDocumentParams(uri=url, external=True))
        except Exception as exc:  # a client without these requests: the URL is in the log
            self.ls.info(f"job {name}: {url} ({type(exc).__name__})")

    def cancel(self, uri: str) -> dict:
        handle = self.runs.get(uri)
        if handle is None:
            return {"cancelled": False, "message": "no job of this file is running"}
        self._cancel_in_thread(handle)
        return {"cancelled": True, "job": handle.job.name if handle.job is not None else None}

    def _cancel_in_thread(self, handle: runs.RunHandle) -> None:
        def work() -> None:
            error = handle.cancel()
            if error:
                self._from_worker(lambda: self.ls.info(f"could not cancel: {error}", t.MessageType.Error))()

        threading.Thread(target=work, name="job-lsp-cancel", daemon=True).start()

    def _refused(self, message: str) -> dict:
        self.ls.window_show_message(t.ShowMessageParams(type=t.MessageType.Warning, message=f"job-lsp: {message}"))
        return {"started": False, "message": message}

    def close(self) -> None:
        """Shutting down: stop following runs (the jobs go on), no more refreshes, and no
        `az` left running behind the server."""
        for handle in self.runs.values():
            handle.stop.set()
        if self.session is not None:
            self.session.close()
        stop_all()


def register(server: Any, guarded: Callable) -> None:
    """The handlers of this module, on the server (called once by server.py)."""

    @server.feature(t.TEXT_DOCUMENT_CODE_LENS, t.CodeLensOptions(resolve_provider=False))
    @guarded(lambda: [])
    async def code_lens(ls: Any, params: t.CodeLensParams) -> list[t.CodeLens]:
        state = await ls.job_state(params)
        return ls.azure.lenses(state, ls.lines(state)) if state is not None else []

    @server.feature(t.SHUTDOWN)
    @guarded(lambda: None)
    def shutdown(ls: Any, params: Any) -> None:
        ls.azure.close()

    @server.command(COMMAND_RUN)
    async def run_job(ls: Any, *args: Any) -> dict:
        try:
            return await ls.azure.run(str(args[0]) if args else "")
        except Exception as exc:
            ls.report(COMMAND_RUN, exc)
            return {"started": False, "message": f"{type(exc).__name__}: {exc}"}

    @server.command(COMMAND_CANCEL)
    def cancel_job(ls: Any, *args: Any) -> dict:
        try:
            return ls.azure.cancel(str(args[0]) if args else "")
        except Exception as exc:
            ls.report(COMMAND_CANCEL, exc)
            return {"cancelled": False, "message": f"{type(exc).__name__}: {exc}"}
