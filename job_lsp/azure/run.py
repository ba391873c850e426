"""Run a job file in the workspace and follow it: `az ml job create --file`, then
`az ml job show` at a bounded rate until the job ends, each new status with what it means
(the meanings the model documents: job_lsp.model.job.STATUS_DOCS); `az ml job cancel`.

Plain functions over a runner (runner.run_az, or a stand-in); they block, so callers run
them in a thread (the server) or in the foreground (`job-lsp run`). Whether the file may be
submitted (no errors) is the caller's check, made with the same checks as `job-lsp check`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterator

from ..model.job import STATUS_DOCS
from ..rules import is_french
from ..yamldoc import Document, Mapping, resolve
from .discover import WorkspaceRef
from .runner import AzResult, run_az
from .shapes import JobInfo, ShapeError, read_job

# The statuses after which nothing changes any more.
TERMINAL = frozenset({"Completed", "Failed", "Canceled", "NotResponding"})
DEFAULT_INTERVAL = 5.0  # seconds between two `az ml job show`
MIN_INTERVAL = 0.05
SUBMIT_TIMEOUT = 600.0  # `job create` uploads the code folder: it may take a while
SHOW_TIMEOUT = 60.0
MAX_FAILED_POLLS = 5  # `job show` failing this many times in a row ends the following

Runner = Callable[..., AzResult]


@dataclass(frozen=True)
class Update:
    """One step of a run: `submitted`, a status, or `error`/`gave-up` (with the message)."""

    status: str
    meaning: str
    job: JobInfo | None = None

    @property
    def done(self) -> bool:
        return self.status in TERMINAL or self.status in ("error", "gave-up")


def describe(update: Update, name: str = "") -> str:
    """One line for a terminal or a progress report: `NAME: Running · what it means`."""
    who = f"{name}: " if name else ""
    if update.status == "submitted":
        return f"{who}submitted" + (f" · {update.job.studio_url}" if update.job is not None and update.job.studio_url else "")
    if update.status in ("error", "gave-up"):
        return f"{who}{update.meaning}"
    return f"{who}{update.status} · {update.meaning}"


def lens_offset(doc: Document) -> int:
    """Where a "Run job" lens goes: the first key of the file (after its header comments)."""
    root = resolve(doc.root)
    if isinstance(root, Mapping) and root.pairs:
        return root.pairs[0][0].start
    return 0


def meaning(status: str, locale: str = "en") -> str:
    doc = STATUS_DOCS.get(status)
    if doc is None:
        return "A status this version of job-lsp does not know." if not is_french(locale) else "Un état que cette version de job-lsp ne connaît pas."
    return doc.text(locale)


def _job(verb: str, args: list[str], workspace: WorkspaceRef | None, run: Runner, timeout: float) -> tuple[JobInfo | None, str]:
    """`az ml job VERB ARGS` in the workspace: the job it prints, or None and why not."""
    result = run(["ml", "job", verb, *args] + (workspace.args() if workspace else []), timeout=timeout)
    if not result.ok:
        return None, result.error
    try:
        return read_job(result.data), ""
    except ShapeError as exc:
        return None, f"unexpected JSON from `az ml job {verb}`: {exc}"


def submit(path: str, workspace: WorkspaceRef | None, run: Runner = run_az, timeout: float = SUBMIT_TIMEOUT) -> tuple[JobInfo | None, str]:
    """`az ml job create --file PATH`: the created job, or None and why not."""
    return _job("create", ["--file", path], workspace, run, timeout)


def show(name: str, workspace: WorkspaceRef | None, run: Runner = run_az, timeout: float = SHOW_TIMEOUT) -> tuple[JobInfo | None, str]:
    return _job("show", ["--name", name], workspace, run, timeout)


def cancel(name: str, workspace: WorkspaceRef | None, run: Runner = run_az, timeout: float = SHOW_TIMEOUT) -> str:
    """`az ml job cancel --name NAME`: "" when asked, else why not."""
    result = run(["ml", "job", "cancel", "--name", name] + (workspace.args() if workspace else []), timeout=timeout, expect_json=False)
    return "" if result.ok else result.error


def follow(
    job: JobInfo,
    workspace: WorkspaceRef | None,
    run: Runner = run_az,
    interval: float = DEFAULT_INTERVAL,
    stop: threading.Event | None = None,
    locale: str = "en",
    max_seconds: float | None = None,
) -> Iterator[Update]:
    """Each new status of a submitted job, in the order the service reports them, starting
    with the one `job create` gave; ends at a terminal status, when `stop` is set, after
    `max_seconds`, or when `job show` keeps failing."""
    interval = max(interval, MIN_INTERVAL)
    stop = stop or threading.Event()
    deadline = time.monotonic() + max_seconds if max_seconds else None
    last = job.status
    if last:
        yield Update(last, meaning(last, locale), job)
        if last in TERMINAL:
            return
    failures = 0
    while not stop.is_set():
        if deadline is not None and time.monotonic() > deadline:
            yield Update("gave-up", f"stopped following after {max_seconds:g} s; the job goes on", job)
            return
        if stop.wait(interval):
            return
        current, error = show(job.name, workspace, run)
        if current is None:
            failures += 1
            if failures >= MAX_FAILED_POLLS:
                yield Update("gave-up", f"`az ml job show` failed {failures} times in a row ({error}); the job goes on", job)
                return
            continue
        failures = 0
        job = current
        if current.status and current.status != last:
            last = current.status
            yield Update(last, meaning(last, locale), current)
            if last in TERMINAL:
                return


class RunHandle:
    """A run in a worker thread (`start`): its job once submitted, and a way to cancel it."""

    def __init__(self, path: str, workspace: WorkspaceRef | None, run: Runner):
        self.path = path
        self.workspace = workspace
        self._run = run
        self.job: JobInfo | None = None
        self.stop = threading.Event()  # stop following (the job goes on)
        self.cancel_requested = threading.Event()
        self.thread: threading.Thread | None = None

    def cancel(self) -> str:
        """Cancel the job (`az ml job cancel`); before it is submitted, as soon as it is.
        The statuses that follow (CancelRequested, Canceled) still arrive. "" or why not."""
        self.cancel_requested.set()
        job = self.job
        if job is None:
            return ""
        return cancel(job.name, self.workspace, self._run)

    def wait(self, timeout: float | None = None) -> bool:
        if self.thread is not None:
            self.thread.join(timeout)
            return not self.thread.is_alive()
        return True


def start(
    path: str,
    workspace: WorkspaceRef | None,
    on_update: Callable[[Update], None],
    run: Runner = run_az,
    interval: float = DEFAULT_INTERVAL,
    locale: str = "en",
    max_seconds: float | None = None,
) -> RunHandle:
    """Submit `path` and follow it in a daemon thread: `on_update` gets `submitted` (with the
    job), then each status in order, then nothing; or `error` (the submission failed)."""
    handle = RunHandle(path, workspace, run)

    def work() -> None:
        try:
            job, error = submit(path, workspace, run)
            if job is None:
                on_update(Update("error", error))
                return
            handle.job = job
            on_update(Update("submitted", job.name, job))
            if handle.cancel_requested.is_set():
                handle.cancel()
            for update in follow(job, workspace, run, interval, handle.stop, locale, max_seconds):
                handle.job = update.job or handle.job
                on_update(update)
        except Exception as exc:  # pragma: no cover - the steps above are guarded
            on_update(Update("error", f"{type(exc).__name__}: {exc}"))

    handle.thread = threading.Thread(target=work, name="job-lsp-run", daemon=True)
    handle.thread.start()
    return handle
