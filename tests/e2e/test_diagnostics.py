"""Diagnostics through the real server: pushed on open and on change (debounced, for the
last version only), pulled when the client asks, none for YAML that is not a job."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types as t
from pytest_lsp import LanguageClient

from lsp_helpers import change_doc, expect_diagnostics, open_doc

JOB = "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: python train.py\ncode: ./src\nenvironment: azureml:env:1\ncompute: azureml:cpu\n"


async def test_diagnostic_at_the_right_range_after_an_edit(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "job.yml"
    uri = path.as_uri()
    first = await expect_diagnostics(client, uri, 1, lambda: open_doc(client, path, JOB))
    assert first == []
    # Rename `compute` to `comput` on line 4.
    diags = await expect_diagnostics(client, uri, 2, lambda: change_doc(client, uri, 2, (4, 0), (4, 7), "comput"))
    assert len(diags) == 1
    d = diags[0]
    assert d.code == "unknown-key" and d.severity == t.DiagnosticSeverity.Error and d.source == "job-lsp"
    assert (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) == (4, 0, 4, 6)
    assert "did you mean `compute`?" in d.message


async def test_a_burst_of_edits_publishes_only_the_last_version(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "burst.yml"
    uri = path.as_uri()
    await expect_diagnostics(client, uri, 1, lambda: open_doc(client, path, JOB))
    seen: list[int | None] = []

    async def collect() -> None:
        while True:
            params = await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                seen.append(params.version)
                if params.version == 21:
                    return

    collector = asyncio.ensure_future(collect())
    await asyncio.sleep(0)
    for version in range(2, 22):  # type `x` twenty times at the end of line 1
        change_doc(client, uri, version, (1, 24 + version - 2), (1, 24 + version - 2), "x")
    await asyncio.wait_for(collector, 10)
    assert seen[-1] == 21
    assert len(seen) < 5, seen  # debounced: not one check per keystroke


async def test_unicode_columns_are_utf16(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "unicode.yml"
    text = "type: command\ncommand: python train.py\nenvironment: azureml:env:1\ndescription: \"😀 é\"\nexperiment_nam: x\ntags: {😀: 1}\n"
    diags = await expect_diagnostics(client, path.as_uri(), 1, lambda: open_doc(client, path, text))
    by_code = {d.code: d for d in diags}
    assert by_code["unknown-key"].range.start.line == 4
    mismatch = by_code["type-mismatch"]  # the tag value 1 after `tags: {😀: ` (😀 is 2 UTF-16 units)
    assert (mismatch.range.start.line, mismatch.range.start.character, mismatch.range.end.character) == (5, 11, 12)


async def test_yaml_that_is_not_a_job_gets_nothing(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "conda.yml"
    uri = path.as_uri()
    diags = await expect_diagnostics(client, uri, 1, lambda: open_doc(client, path, "name: env\ndependencies:\n  - python=3.11\nbogus: [\n"))
    assert diags == []
    completion = await client.text_document_completion_async(t.CompletionParams(text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=1, character=0)))
    assert completion is None or not completion.items


async def test_a_file_becomes_a_job_when_it_says_so(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "later.yml"
    uri = path.as_uri()
    assert await expect_diagnostics(client, uri, 1, lambda: open_doc(client, path, "name: x\n")) == []
    diags = await expect_diagnostics(client, uri, 2, lambda: change_doc(client, uri, 2, (0, 0), (0, 0), "type: command\n"))
    assert {d.code for d in diags} == {"missing-required"}


async def test_pull_diagnostics(pull_client: LanguageClient, workspace: Path) -> None:
    path = workspace / "pulled.yml"
    uri = open_doc(pull_client, path, JOB.replace("compute:", "computer:"))
    report = await pull_client.text_document_diagnostic_async(t.DocumentDiagnosticParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    assert [d.code for d in report.items] == ["unknown-key"]
    assert report.items[0].range.start.line == 4
