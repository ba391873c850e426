"""`job-lsp run FILE [--stream]` and the workspace part of `job-lsp check --workspace`: thin
shells over job_lsp.azure (the same functions the language server uses)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..azure import run as runs
from ..azure.session import AzureSettings, WorkspaceSession, problems_now
from ..yamldoc import Document, Problem
from .check import check_file
from .exits import EXIT_ERRORS, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE



def session_of(args: argparse.Namespace) -> WorkspaceSession:
    settings = AzureSettings(workspace=args.workspace_name or "", resource_group=args.resource_group or "", subscription=args.subscription or "")
    session = WorkspaceSession(settings)
    session.discover_now()
    return session


class WorkspaceCheck:
    """`check --workspace`: each job file's references against its workspace, fetched once
    per workspace and kind; a workspace that cannot be read is said once, on stderr."""

    def __init__(self, args: argparse.Namespace):
        self.session = session_of(args)
        self.said: set[str] = set()

    def __call__(self, path: Path, doc: Document) -> list[Problem]:
        provider = self.session.provider_for(str(path))
        if provider is None:
            self.say("", f"job-lsp: {path}: no workspace known (give --workspace-name and --resource-group, run `az configure --defaults group=G workspace=W`, or put an Azure ML config.json above it); its references are not checked")
            return []
        problems = problems_now(provider, doc)
        if provider.status:
            self.say(provider.workspace.key(), f"job-lsp: workspace {provider.workspace.label()}: {provider.status}; references are checked only against what is known")
        return problems

    def say(self, key: str, message: str) -> None:
        if key not in self.said:
            self.said.add(key)
            print(message, file=sys.stderr)


def cmd_run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"job-lsp: no such file: {args.file}", file=sys.stderr)
        return EXIT_USAGE
    diagnostics = check_file(path, args.file)
    for d in diagnostics:
        print(d.text(), file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    if errors:
        print(f"job-lsp: not submitted: {args.file} has {errors} error(s)", file=sys.stderr)
        return EXIT_ERRORS
    session = session_of(args)
    workspace = session.workspace_for(str(path.resolve()))
    if workspace is None:
        print("job-lsp: no workspace known: give --workspace-name and --resource-group, run `az configure --defaults group=G workspace=W`, or put an Azure ML config.json above the file", file=sys.stderr)
        return EXIT_USAGE
    print(f"Submitting {args.file} to {workspace.label()}...", file=sys.stderr)
    job, error = runs.submit(str(path), workspace)
    if job is None:
        print(f"job-lsp: {error}", file=sys.stderr)
        return EXIT_ERRORS
    print(runs.describe(runs.Update("submitted", job.name, job), job.name))
    if not args.stream:
        return EXIT_OK
    last = None
    try:
        for update in runs.follow(job, workspace, interval=args.poll_seconds):
            last = update
            if update.status in ("gave-up", "error"):
                print(f"job-lsp: {runs.describe(update, job.name)}", file=sys.stderr)
            else:
                print(f"{time.strftime('%H:%M:%S')} {runs.describe(update, job.name)}", flush=True)
    except KeyboardInterrupt:
        print(f"job-lsp: stopped following; {job.name} goes on (`az ml job cancel --name {job.name}` cancels it)", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK if last is not None and last.status == "Completed" else EXIT_ERRORS
