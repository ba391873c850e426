"""The workspace provider and the run command through the real server, with the stand-in
`az` (tests/fake_az/az, in the real CLI's JSON shapes) first on the server's PATH."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any

import pytest_asyncio
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from fake_az import FakeAz
from job_lsp.azure.cache import DiskCache
from job_lsp.azure.discover import WorkspaceRef

from lsp_helpers import SERVER, change_doc, expect_diagnostics, open_doc, start
from lsp_helpers import stop as stop_session

JOB = """\
$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
command: python -c "print(1)"
environment: azureml:team-env:3
compute: azureml:cpu-clustr
"""


async def started(folder: Path, fake: FakeAz, options: dict[str, Any], with_az: bool = True) -> LanguageClient:
    client = await ClientServerConfig(server_command=SERVER, server_env=fake.env(with_az=with_az)).start()
    client.shown_requests: list = []  # type: ignore[attr-defined]
    client.statuses: list = []  # type: ignore[attr-defined]

    @client.feature(t.WINDOW_SHOW_MESSAGE_REQUEST)
    def show_message_request(params: t.ShowMessageRequestParams) -> t.MessageActionItem | None:
        client.shown_requests.append(params)  # type: ignore[attr-defined]
        return params.actions[0] if params.actions else None

    @client.feature(t.WORKSPACE_CODE_LENS_REFRESH)
    def code_lens_refresh(params: None) -> None:
        return None

    @client.feature("jobLsp/workspaceStatus")
    def workspace_status(params: Any) -> None:
        client.statuses.append(params)  # type: ignore[attr-defined]

    await start(client, folder, "visual-studio-code", options)
    return client


async def finish(client: LanguageClient) -> None:
    """End the session (failing the test if a handler failed meanwhile) and the process."""
    await asyncio.wait_for(stop_session(client), 10)
    await asyncio.wait_for(client.stop(), 10)


def options(**azure: Any) -> dict:
    return {"jobLsp": {"diagnosticsDelay": 0, "azure": {"workspace": "ws", "resourceGroup": "rg", "pollSeconds": 0.05, **azure}}}


@pytest_asyncio.fixture
async def fake(tmp_path: Path) -> FakeAz:
    (tmp_path / "az").mkdir()
    return FakeAz(tmp_path / "az")


@pytest_asyncio.fixture
async def azure_client(tmp_path: Path, fake: FakeAz):
    client = await started(tmp_path, fake, options())
    yield client
    await finish(client)


async def completion_labels(client: LanguageClient, uri: str, line: int, character: int) -> list[str]:
    result = await client.text_document_completion_async(t.CompletionParams(text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=line, character=character)))
    items = result.items if isinstance(result, t.CompletionList) else (result or [])
    return [i.label for i in sorted(items, key=lambda i: i.sort_text or i.label)]


async def until(check, timeout: float = 30.0, every: float = 0.05):
    """Ask again until `check()` gives something (the server answers from its cache at once;
    the cache fills in the background)."""
    async def loop():
        while True:
            found = await check()
            if found:
                return found
            await asyncio.sleep(every)

    return await asyncio.wait_for(loop(), timeout)


async def test_completion_hover_and_warnings_from_the_workspace(azure_client: LanguageClient, tmp_path: Path) -> None:
    uri = open_doc(azure_client, tmp_path / "job.yml", JOB)

    async def workspace_computes() -> list[str] | None:
        labels = await completion_labels(azure_client, uri, 3, len("compute: "))
        return labels if "azureml:gpu-cluster" in labels else None

    labels = await until(workspace_computes)
    assert labels[:3] == ["azureml:cpu-cluster", "azureml:gpu-cluster", "azureml:my-instance"] and "local" in labels
    # After a typed `azureml:`, the environments, newest version first.
    change_doc(azure_client, uri, 2, (2, 0), (2, len("environment: azureml:team-env:3")), "environment: azureml:")

    async def environments() -> list[str] | None:
        labels = await completion_labels(azure_client, uri, 2, len("environment: azureml:"))
        return labels if "azureml:team-env@latest" in labels else None

    assert (await until(environments))[:4] == ["azureml:sklearn-env@latest", "azureml:sklearn-env:7", "azureml:team-env@latest", "azureml:team-env:3"]
    # The warning, once the cache is fresh (a later check publishes it).
    diagnostics = await expect_diagnostics(azure_client, uri, 3, lambda: change_doc(azure_client, uri, 3, (2, 0), (2, len("environment: azureml:")), "environment: azureml:team-env:3"))
    assert [(d.code, d.message, d.severity) for d in diagnostics] == [("unknown-asset", "The workspace `ws` has no compute `cpu-clustr`; did you mean `cpu-cluster`?", t.DiagnosticSeverity.Warning)]

    async def hover_at(line: int, character: int) -> str:
        found = await azure_client.text_document_hover_async(t.HoverParams(text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=line, character=character)))
        return found.contents.value if found is not None else ""

    assert (await hover_at(3, 12)).startswith("The workspace `ws` has no compute `cpu-clustr`")
    environment = await until(lambda: hover_at(2, 20))
    # What the workspace says, then what the model says of the key's value.
    assert environment.startswith("**team-env** · environment, version `3` (the latest)") and "Team training image" in environment and "---" in environment


async def test_a_hung_az_never_blocks_a_request_nor_shutdown(tmp_path: Path, fake: FakeAz) -> None:
    fake.update(delay={"ml": 60})
    client = await started(tmp_path, fake, options(timeoutSeconds=600))
    uri = open_doc(client, tmp_path / "job.yml", JOB)
    for _ in range(5):  # answered at once, from local knowledge, while az hangs
        labels = await asyncio.wait_for(completion_labels(client, uri, 3, len("compute: ")), 20)
        assert labels == ["local"]
    await until(lambda: asyncio.sleep(0, fake.alive()))  # az has started, and hangs
    await finish(client)
    if sys.platform == "linux":  # and the server left no az behind
        await until(lambda: asyncio.sleep(0, not fake.alive()))


async def test_garbage_and_failures_are_one_status_never_a_crash(tmp_path: Path, fake: FakeAz) -> None:
    fake.update(garbage={"ml compute list": "\x00\xff not json {"}, fail={"ml environment list": "Workspace ws not found"})
    client = await started(tmp_path, fake, options())
    uri = open_doc(client, tmp_path / "job.yml", JOB)
    for _ in range(20):  # twenty keystrokes' worth of requests
        await completion_labels(client, uri, 3, len("compute: "))
        await completion_labels(client, uri, 2, len("environment: "))

    async def both_reported() -> list | None:
        return client.statuses if len(client.statuses) >= 2 else None  # type: ignore[attr-defined]

    await until(both_reported)
    await asyncio.sleep(0.5)
    statuses = client.statuses  # type: ignore[attr-defined]
    assert all(not s.ok for s in statuses) and len(statuses) <= 3
    assert any("not JSON" in s.message for s in statuses) and any("Workspace ws not found" in s.message for s in statuses)
    commands = fake.commands()
    assert commands.count("ml compute list ws rg") == 1 and commands.count("ml environment list ws rg") == 1  # not once per request
    assert await completion_labels(client, uri, 3, len("compute: ")) == ["local"]
    await finish(client)


async def test_without_az_nothing_changes(tmp_path: Path, fake: FakeAz) -> None:
    client = await started(tmp_path, fake, options(), with_az=False)
    uri = open_doc(client, tmp_path / "job.yml", JOB)
    assert await completion_labels(client, uri, 3, len("compute: ")) == ["local"]
    lenses = await client.text_document_code_lens_async(t.CodeLensParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    assert [lens.command.title for lens in lenses] == ["Run job"]  # a workspace is named in the settings
    off = await started(tmp_path, fake, {"jobLsp": {"azure": {"enable": False, "workspace": "ws", "resourceGroup": "rg"}}})
    uri = open_doc(off, tmp_path / "job.yml", JOB)
    assert not await off.text_document_code_lens_async(t.CodeLensParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    assert await completion_labels(off, uri, 3, len("compute: ")) == ["local"]
    for c in (client, off):
        await finish(c)
    assert fake.calls() == []  # no az was ever run


def progress_messages(client: LanguageClient, token: str) -> list[str]:
    out = []
    for value in client.progress_reports.get(token, []):
        if isinstance(value, (t.WorkDoneProgressBegin, t.WorkDoneProgressReport, t.WorkDoneProgressEnd)) and value.message:
            out.append(value.message.split(" · ")[0].split(": ", 1)[-1])
    return out


async def ended(client: LanguageClient, token: str) -> bool:
    return any(isinstance(v, t.WorkDoneProgressEnd) for v in client.progress_reports.get(token, []))


async def test_run_job_reports_each_status_in_order(azure_client: LanguageClient, tmp_path: Path, fake: FakeAz) -> None:
    path = tmp_path / "job.yml"
    text = JOB.replace("cpu-clustr", "cpu-cluster")
    path.write_text(text)
    uri = open_doc(azure_client, path, text)
    lenses = await azure_client.text_document_code_lens_async(t.CodeLensParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    assert [(lens.command.title, lens.command.command, list(lens.command.arguments)) for lens in lenses] == [("Run job", "job-lsp.run", [uri])]
    result = await azure_client.workspace_execute_command_async(t.ExecuteCommandParams(command="job-lsp.run", arguments=[uri]))
    assert result["started"] is True
    token = result["token"]
    await until(lambda: ended(azure_client, token))
    assert progress_messages(azure_client, token) == ["submitting to ws", "submitted", "Starting", "Preparing", "Queued", "Running", "Finalizing", "Completed"]
    running = [v for v in azure_client.progress_reports[token] if isinstance(v, t.WorkDoneProgressReport) and v.message and "Running" in v.message]
    assert running[0].message.endswith("Running · The job has started running on the compute target.")
    # The studio URL was offered, and opened when the user chose it.
    await until(lambda: asyncio.sleep(0, azure_client.shown_documents or None))
    assert azure_client.shown_documents[0].uri.startswith("https://ml.azure.com/runs/quiet_lamp_0001") and azure_client.shown_documents[0].external
    assert [c for c in fake.commands() if c.startswith("ml job create")] == [f"ml job create {path} ws rg"]


async def test_cancel_job_from_the_progress(azure_client: LanguageClient, tmp_path: Path, fake: FakeAz) -> None:
    fake.update(statuses=["Starting", "Queued", "Running"])
    path = tmp_path / "job.yml"
    text = JOB.replace("cpu-clustr", "cpu-cluster")
    path.write_text(text)
    uri = open_doc(azure_client, path, text)
    result = await azure_client.workspace_execute_command_async(t.ExecuteCommandParams(command="job-lsp.run", arguments=[uri]))
    token = result["token"]

    async def running() -> bool:
        return "Running" in progress_messages(azure_client, token)

    await until(running)
    lenses = await azure_client.text_document_code_lens_async(t.CodeLensParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    assert [lens.command.title for lens in lenses] == ["Cancel job quiet_lamp_0001"]
    azure_client.window_work_done_progress_cancel(t.WorkDoneProgressCancelParams(token=token))
    await until(lambda: ended(azure_client, token))
    assert progress_messages(azure_client, token)[-3:] == ["Running", "CancelRequested", "Canceled"]
    assert any(c.startswith("ml job cancel quiet_lamp_0001") for c in fake.commands())


async def test_a_file_with_errors_is_not_submitted(azure_client: LanguageClient, tmp_path: Path, fake: FakeAz) -> None:
    path = tmp_path / "job.yml"
    text = JOB + "comand: typo\n"
    path.write_text(text)
    uri = open_doc(azure_client, path, text)
    result = await azure_client.workspace_execute_command_async(t.ExecuteCommandParams(command="job-lsp.run", arguments=[uri]))
    assert result["started"] is False and "1 error(s)" in result["message"]
    assert not any(c.startswith("ml job create") for c in fake.commands())


async def test_a_stale_cache_answers_while_its_refresh_hangs(tmp_path: Path, fake: FakeAz) -> None:
    # What an earlier session saw, an hour ago; the refresh it triggers now never ends in time.
    DiskCache(fake.cache_dir, WorkspaceRef("ws", "rg").key()).save({"computes": {"fetched_at": time.time() - 3600, "items": [{"name": "old-cluster", "size": "STANDARD_D2_V2"}]}})
    fake.update(delay={"ml": 60})
    client = await started(tmp_path, fake, options(timeoutSeconds=600))
    uri = open_doc(client, tmp_path / "job.yml", JOB)
    labels = await asyncio.wait_for(completion_labels(client, uri, 3, len("compute: ")), 20)
    assert labels == ["azureml:old-cluster", "local"]
    # Stale: it completes, but never accuses (cpu-clustr is not in it, and no warning comes).
    diagnostics = await expect_diagnostics(client, uri, 2, lambda: change_doc(client, uri, 2, (0, 0), (0, 0), "# edited\n"))
    assert diagnostics == []
    await finish(client)


async def test_unsaved_changes_are_not_submitted(azure_client: LanguageClient, tmp_path: Path, fake: FakeAz) -> None:
    path = tmp_path / "job.yml"
    text = JOB.replace("cpu-clustr", "cpu-cluster")
    path.write_text(text)
    uri = open_doc(azure_client, path, text.replace("print(1)", "print(2)"))  # edited, not saved
    result = await azure_client.workspace_execute_command_async(t.ExecuteCommandParams(command="job-lsp.run", arguments=[uri]))
    assert result["started"] is False and "unsaved changes" in result["message"]
    assert not any(c.startswith("ml job create") for c in fake.commands())


async def test_a_pulling_client_is_asked_to_pull_again(tmp_path: Path, fake: FakeAz) -> None:
    client = await ClientServerConfig(server_command=SERVER, server_env=fake.env()).start()
    capabilities = client_capabilities("neovim")  # it pulls; and here it takes refresh requests
    capabilities.workspace.diagnostics = t.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    await client.initialize_session(t.InitializeParams(capabilities=capabilities, root_uri=tmp_path.as_uri(), initialization_options=options()))
    uri = open_doc(client, tmp_path / "job.yml", JOB)

    async def pulled() -> list[str]:
        report = await client.text_document_diagnostic_async(t.DocumentDiagnosticParams(text_document=t.TextDocumentIdentifier(uri=uri)))
        return [d.message for d in report.items if d.code == "unknown-asset"]

    assert await pulled() == []  # nothing known yet
    await until(lambda: asyncio.sleep(0, client.diagnostic_refresh_count > 0))  # the workspace answered
    assert await until(pulled) == ["The workspace `ws` has no compute `cpu-clustr`; did you mean `cpu-cluster`?"]
    await finish(client)
