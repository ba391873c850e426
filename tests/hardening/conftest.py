"""Hardening tests: hypothesis profiles and a language-server client.

Profiles (HYPOTHESIS_PROFILE): `ci` (the default) runs a small, derandomized number of
examples so that a failure reproduces on every run; `long` runs many random ones:

    HYPOTHESIS_PROFILE=long python -m pytest tests/hardening -q
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest_lsp
from hypothesis import HealthCheck, settings
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

sys.path.insert(0, str(Path(__file__).parent))
from hardening_util import SERVER  # noqa: E402

_common = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large, HealthCheck.filter_too_much], print_blob=True)
settings.register_profile("ci", derandomize=True, database=None, **_common)
settings.register_profile("long", **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


async def start(client: LanguageClient, root: Path, options: dict | None = None) -> None:
    params = t.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=root.as_uri(),
        workspace_folders=[t.WorkspaceFolder(uri=root.as_uri(), name="ws")],
        initialization_options=options,
    )
    await client.initialize_session(params)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    """A VS Code-like client (diagnostics pushed, UTF-16 positions), short debounce."""
    await start(lsp_client, tmp_path, {"jobLsp": {"diagnosticsDelay": 20}})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def default_client(lsp_client: LanguageClient, tmp_path: Path):
    """A VS Code-like client with the default settings (diagnostics debounced by 200 ms)."""
    await start(lsp_client, tmp_path, None)
    yield
    await lsp_client.shutdown_session()
