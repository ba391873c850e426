"""Helpers for the tests that drive the real `job-lsp serve` (tests/e2e, tests/hardening):
start a session, open and change documents, wait for diagnostics.

A module of its own, imported by name (`from lsp_helpers import open_doc`): test modules never
import `conftest`, whose name is shared by every folder's conftest.py, so that any selection
of test files collects. tests/conftest.py puts this folder on sys.path."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types as t
from pytest_lsp import LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parents[1]
SERVER = [sys.executable, "-m", "job_lsp.cli", "serve"]


async def start(client: LanguageClient, root: Path, capabilities: str = "visual-studio-code", options: dict[str, Any] | None = None, locale: str | None = None) -> None:
    """Initialize a session as the client named by `capabilities` would (pytest-lsp's
    recorded capabilities: "visual-studio-code" pushes diagnostics, "neovim" pulls them)."""
    params = t.InitializeParams(
        capabilities=client_capabilities(capabilities),
        root_uri=root.as_uri(),
        workspace_folders=[t.WorkspaceFolder(uri=root.as_uri(), name="ws")],
        initialization_options=options,
        locale=locale,
    )
    await client.initialize_session(params)


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(uri=uri, language_id="yaml", version=version, text=text)))
    return uri


def change_doc(client: LanguageClient, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                t.TextDocumentContentChangePartial(
                    range=t.Range(start=t.Position(line=start[0], character=start[1]), end=t.Position(line=end[0], character=end[1])),
                    text=text,
                )
            ],
        )
    )


async def published(client: LanguageClient, uri: str, version: int, timeout: float = 10.0) -> list[t.Diagnostic]:
    """The diagnostics the server publishes for this version of the document (start waiting
    before the change that triggers them: see `expect_diagnostics`)."""

    async def wait() -> list[t.Diagnostic]:
        while True:
            params = await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)

    return await asyncio.wait_for(wait(), timeout)


async def expect_diagnostics(client: LanguageClient, uri: str, version: int, action) -> list[t.Diagnostic]:
    waiter = asyncio.ensure_future(published(client, uri, version))
    await asyncio.sleep(0)
    action()
    return await waiter
