"""End-to-end fixtures: the real `job-lsp serve` process over stdio, driven by pytest-lsp.
The helpers the tests call are in tests/lsp_helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsp_helpers import SERVER, start, stop
from pytest_lsp import ClientServerConfig, LanguageClient


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


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, workspace: Path):
    """A VS Code-like client (diagnostics pushed by the server)."""
    await start(lsp_client, workspace, "visual-studio-code", {"jobLsp": {"computeTargets": ["configured-cluster"], "diagnosticsDelay": 50}})
    yield
    await stop(lsp_client)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def french_client(lsp_client: LanguageClient, workspace: Path):
    await start(lsp_client, workspace, "visual-studio-code", None, locale="fr-FR")
    yield
    await stop(lsp_client)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def pull_client(lsp_client: LanguageClient, workspace: Path):
    """A Neovim 0.11-like client (it pulls diagnostics)."""
    await start(lsp_client, workspace, "neovim")
    yield
    await stop(lsp_client)
