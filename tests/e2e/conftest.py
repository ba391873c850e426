"""End-to-end fixtures: the real `job-lsp serve` process over stdio, driven by pytest-lsp."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parents[2]
SERVER = [sys.executable, "-m", "job_lsp.cli", "serve"]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace with a few job files for the index (computes, environments, experiments)."""
    (tmp_path / "src").mkdir()
    (tmp_path / "train.yml").write_text(
        "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
        "command: python train.py\ncode: ./src\nenvironment: azureml:team-env:3\n"
        "compute: azureml:gpu-cluster\nexperiment_name: team-experiment\n"
    )
    return tmp_path


async def start(client: LanguageClient, root: Path, capabilities: str, options: dict[str, Any] | None = None, locale: str | None = None) -> None:
    params = t.InitializeParams(
        capabilities=client_capabilities(capabilities),
        root_uri=root.as_uri(),
        workspace_folders=[t.WorkspaceFolder(uri=root.as_uri(), name="ws")],
        initialization_options=options,
        locale=locale,
    )
    await client.initialize_session(params)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, workspace: Path):
    """A VS Code-like client (diagnostics pushed by the server)."""
    await start(lsp_client, workspace, "visual-studio-code", {"jobLsp": {"computeTargets": ["configured-cluster"], "diagnosticsDelay": 50}})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def french_client(lsp_client: LanguageClient, workspace: Path):
    await start(lsp_client, workspace, "visual-studio-code", None, locale="fr-FR")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def pull_client(lsp_client: LanguageClient, workspace: Path):
    """A Neovim 0.11-like client (it pulls diagnostics)."""
    await start(lsp_client, workspace, "neovim")
    yield
    await lsp_client.shutdown_session()


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
