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
from lsp_helpers import SERVER, start
from pytest_lsp import ClientServerConfig, LanguageClient

# hardening_util (helpers of these tests only) is imported by name from this folder.
sys.path.insert(0, str(Path(__file__).parent))

_common = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large, HealthCheck.filter_too_much], print_blob=True)
settings.register_profile("ci", derandomize=True, database=None, **_common)
settings.register_profile("long", **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    """A VS Code-like client (diagnostics pushed, UTF-16 positions), short debounce."""
    await start(lsp_client, tmp_path, options={"jobLsp": {"diagnosticsDelay": 20}})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def default_client(lsp_client: LanguageClient, tmp_path: Path):
    """A VS Code-like client with the default settings (diagnostics debounced by 200 ms)."""
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()
