"""The project configuration in the real server: the same diagnostics as `job-lsp check` on
the corpus under a configuration that selects, ignores, sets severities and adds two
policies; French for a French client; a configuration change is seen through watched files."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import ROOT, SERVER, open_doc, published, start, stop

CORPUS = ROOT.parent / "shared" / "corpus"
POLICIES = ROOT / "docs" / "policies"
CONFIG = """\
policies = ["policies/owner-tag.schema.json", "policies/experiment-name.schema.json"]
select = ["ALL"]
ignore = ["duplicate-key", "unknown-key"]

[severity]
missing-path = "error"
"undeclared-*" = "warning"
team-owner = "information"

[per-file-ignores]
"azureml-examples/cli/jobs/spark/*" = ["ALL"]
"""
NAMES = {t.DiagnosticSeverity.Error: "error", t.DiagnosticSeverity.Warning: "warning", t.DiagnosticSeverity.Information: "information", t.DiagnosticSeverity.Hint: "hint"}


def with_policies(folder: Path, config: str) -> Path:
    (folder / "policies").mkdir(parents=True, exist_ok=True)
    for name in ("owner-tag.schema.json", "experiment-name.schema.json", "approved-compute.schema.json"):
        shutil.copy(POLICIES / name, folder / "policies" / name)
    (folder / "job-lsp.toml").write_text(config, encoding="utf-8")
    return folder


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The corpus under a project configuration (overrides conftest's workspace)."""
    shutil.copytree(CORPUS / "azureml-examples", tmp_path / "azureml-examples")
    return with_policies(tmp_path, CONFIG)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def pull_client(lsp_client: LanguageClient, workspace: Path):
    await start(lsp_client, workspace, "neovim")
    yield
    await stop(lsp_client)


@pytest.mark.slow
async def test_server_and_cli_agree_on_the_corpus_under_a_configuration(pull_client: LanguageClient, workspace: Path):
    paths = [json.loads(line)["path"] for line in (CORPUS / "oracle.jsonl").read_text().splitlines() if line.strip()]
    files = [workspace / "azureml-examples" / p for p in paths]
    # --only-jobs: what the server serves (a file named to `check` is otherwise a job file
    # whatever it holds, and the corpus has one that holds only comments).
    env = {**os.environ, "LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""}
    result = subprocess.run([sys.executable, "-m", "job_lsp.cli", "check", "--only-jobs", "--format", "json", *map(str, files)], capture_output=True, text=True, cwd=workspace, env=env, timeout=300)
    cli: dict[str, list] = {str(f): [] for f in files}
    for d in json.loads(result.stdout)["diagnostics"]:
        cli[d["path"]].append((d["line"] - 1, d["column"] - 1, d["end_line"] - 1, d["end_column"] - 1, d["severity"], d["code"], d["message"]))
    server: dict[str, list] = {}
    for file in files:
        uri = open_doc(pull_client, file, file.read_text(encoding="utf-8"))
        report = await pull_client.text_document_diagnostic_async(t.DocumentDiagnosticParams(text_document=t.TextDocumentIdentifier(uri=uri)))
        server[str(file)] = [(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, NAMES[d.severity], d.code, d.message) for d in report.items]
    assert server == cli
    codes = {d[5] for found in cli.values() for d in found}
    # The configuration did its work: both policies fire, ignored codes are gone, levels moved.
    assert {"team-owner", "team-experiment-name"} <= codes
    assert not codes & {"duplicate-key", "unknown-key"}
    severities = {(d[5], d[4]) for found in cli.values() for d in found}
    assert ("team-owner", "information") in severities and ("missing-path", "warning") not in severities
    assert all(not found for name, found in cli.items() if "/cli/jobs/spark/" in name)
    assert len(files) >= 200 and sum(map(len, cli.values())) > 150


@pytest.fixture
def project_workspace(tmp_path: Path) -> Path:
    folder = with_policies(tmp_path, 'policies = ["policies/approved-compute.schema.json"]\n')
    (folder / "job.yml").write_text(JOB)
    return folder


JOB = "type: command\ncommand: echo\nenvironment: azureml:env:1\ncompute: azureml:big\nexperiment_nme: x\n"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def french_project_client(lsp_client: LanguageClient, project_workspace: Path):
    await start(lsp_client, project_workspace, "visual-studio-code", {"jobLsp": {"diagnosticsDelay": 0}}, locale="fr-FR")
    yield
    await stop(lsp_client)


async def test_a_french_client_gets_french_messages_same_codes_and_links(french_project_client: LanguageClient, project_workspace: Path):
    # The server asks to be told of configuration changes, at the end of `initialized`.
    await asyncio.wait_for(french_project_client.registered.wait(), 10)
    job = project_workspace / "job.yml"
    waiter = asyncio.ensure_future(published(french_project_client, job.as_uri(), 1))
    await asyncio.sleep(0)
    open_doc(french_project_client, job, JOB)
    found = {d.code: d for d in await waiter}
    assert set(found) == {"team-compute", "unknown-key"}
    assert found["unknown-key"].message == "Clé inconnue `experiment_nme` dans un job command ; vouliez-vous dire `experiment_name` ?"
    assert found["unknown-key"].code_description.href.endswith("docs/rules.md#unknown-key")
    assert found["team-compute"].code_description is None  # a team's code has no page of ours
    assert found["team-compute"].message.startswith("Use an approved compute")  # the team's own words
    watched = [w["globPattern"] for r in french_project_client.registrations for w in r.register_options["watchers"]]
    assert "**/job-lsp.toml" in watched and "**/*.json" in watched


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def project_client(lsp_client: LanguageClient, project_workspace: Path):
    await start(lsp_client, project_workspace, "visual-studio-code", {"jobLsp": {"diagnosticsDelay": 0}})
    yield
    await stop(lsp_client)


async def test_a_configuration_change_is_applied_to_open_documents(project_client: LanguageClient, project_workspace: Path):
    # `initialized` is over (settings read, files watched): no late re-check of its own can
    # cross the ones this test waits for.
    await asyncio.wait_for(project_client.registered.wait(), 10)
    job = project_workspace / "job.yml"
    uri = job.as_uri()
    waiter = asyncio.ensure_future(published(project_client, uri, 1))
    await asyncio.sleep(0)
    open_doc(project_client, job, JOB)
    assert sorted(d.code for d in await waiter) == ["team-compute", "unknown-key"]

    config = project_workspace / "job-lsp.toml"
    config.write_text('policies = ["policies/approved-compute.schema.json"]\nignore = ["team-compute"]\n\n[severity]\nunknown-key = "warning"\n')
    waiter = asyncio.ensure_future(published(project_client, uri, 1))
    await asyncio.sleep(0)
    project_client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(changes=[t.FileEvent(uri=config.as_uri(), type=t.FileChangeType.Changed)]))
    assert [(d.code, d.severity) for d in await waiter] == [("unknown-key", t.DiagnosticSeverity.Warning)]

    config.write_text("ignore = []\nselct = []\n")  # a bad configuration: shown once, defaults used
    waiter = published_next(project_client, [uri, config.as_uri()])
    project_client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(changes=[t.FileEvent(uri=config.as_uri(), type=t.FileChangeType.Changed)]))
    found = await waiter
    assert [d.code for d in found[uri]] == ["unknown-key"]
    assert any("job-lsp.toml:2: unknown key `selct`" in m.message for m in project_client.messages)
    # ... and on the configuration file itself, on its line.
    [shown] = found[config.as_uri()]
    assert (shown.code, shown.severity, shown.range.start.line, shown.range.end.character) == ("invalid-config", t.DiagnosticSeverity.Error, 1, len("selct = []"))
    assert "selct" in shown.message and shown.code_description.href.endswith("rules.md#invalid-config")

    config.write_text("ignore = []\n")  # fixed: the configuration file's diagnostics go
    on_config = published_next(project_client, [config.as_uri()])
    project_client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(changes=[t.FileEvent(uri=config.as_uri(), type=t.FileChangeType.Changed)]))
    assert (await on_config)[config.as_uri()] == []


def published_next(client: LanguageClient, uris: list[str], timeout: float = 10.0):
    """A waiter for the next diagnostics published for each of several documents. They come
    back to back (a configuration's own, then a job's, from one check): waiting for one
    notification after another could miss the second, so this watches what the client keeps
    of each publication (a new list each time). Start it before the change."""
    before = {uri: client.diagnostics.get(uri) for uri in uris}

    async def wait() -> dict[str, list[t.Diagnostic]]:
        while any(client.diagnostics.get(uri) is before[uri] for uri in uris):
            await asyncio.sleep(0.01)
        return {uri: list(client.diagnostics[uri]) for uri in uris}

    return asyncio.ensure_future(asyncio.wait_for(wait(), timeout))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def pulling_project_client(lsp_client: LanguageClient, project_workspace: Path):
    await start(lsp_client, project_workspace, "neovim")  # it cannot watch files
    yield
    await stop(lsp_client)


async def test_without_watched_files_the_next_pull_sees_the_change(pulling_project_client: LanguageClient, project_workspace: Path):
    job = project_workspace / "job.yml"
    uri = open_doc(pulling_project_client, job, JOB)

    async def codes() -> list[str]:
        report = await pulling_project_client.text_document_diagnostic_async(t.DocumentDiagnosticParams(text_document=t.TextDocumentIdentifier(uri=uri)))
        return sorted(d.code for d in report.items)

    assert await codes() == ["team-compute", "unknown-key"]
    assert pulling_project_client.registrations == []  # nothing to register with this client
    (project_workspace / "job-lsp.toml").write_text('policies = ["policies/approved-compute.schema.json"]\nselect = ["team-*"]\n')
    assert await codes() == ["team-compute"]
