"""Hover through the real server, in the client's language."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as t
from pytest_lsp import LanguageClient

from lsp_helpers import open_doc

JOB = "type: command\ncommand: python x.py\nenvironment: azureml:e:1\ncompute: azureml:cpu\nstatus: Running\ndistribution:\n  type: mpi\n"


async def hover_at(client: LanguageClient, uri: str, line: int, character: int) -> t.Hover | None:
    return await client.text_document_hover_async(t.HoverParams(text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=line, character=character)))


async def test_hover_on_a_key_in_english(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "a.yml", JOB)
    result = await hover_at(client, uri, 3, 2)
    assert result is not None and result.contents.kind == t.MarkupKind.Markdown
    assert result.contents.value.startswith("**compute** · *string*")
    assert "compute target" in result.contents.value
    assert (result.range.start.line, result.range.start.character, result.range.end.character) == (3, 0, 7)


async def test_hover_on_a_status_value_says_what_it_means(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "b.yml", JOB)
    result = await hover_at(client, uri, 4, 10)
    assert "`Running`: The job has started running on the compute target." in result.contents.value
    assert "Read-only" in result.contents.value


async def test_hover_shows_type_allowed_values_and_default(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "c.yml", "type: command\ninputs:\n  d:\n    mode: download\n")
    result = await hover_at(client, uri, 3, 6)
    text = result.contents.value
    assert "Allowed values: `ro_mount`, `download`, `direct`" in text and "Default: `ro_mount`" in text


async def test_hover_in_french(french_client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(french_client, workspace / "d.yml", JOB)
    result = await hover_at(french_client, uri, 3, 2)
    assert result.contents.value.startswith("**compute** · *texte*")
    assert "La cible de calcul" in result.contents.value
    status = await hover_at(french_client, uri, 4, 10)
    assert "Le travail a commencé à s'exécuter" in status.contents.value


async def test_no_hover_outside_job_files_or_on_nothing(client: LanguageClient, workspace: Path) -> None:
    uri = open_doc(client, workspace / "e.yml", "name: not a job\n")
    assert await hover_at(client, uri, 0, 1) is None
    uri = open_doc(client, workspace / "f.yml", JOB + "\n\n")
    assert await hover_at(client, uri, 8, 0) is None


async def test_hover_right_after_edits_is_on_the_current_text(client: LanguageClient, workspace: Path) -> None:
    # A document large enough to be analysed in a thread; right after an edit, a hover on a
    # line the edit did not touch may be answered from the last analysed version, one on a
    # moved line must not be: either way, the answer is that of the current text.
    from lsp_helpers import change_doc, published

    text = JOB + "# padding\n" * 4000
    uri = open_doc(client, workspace / "big.yml", text)
    await published(client, uri, 1)
    change_doc(client, uri, 2, (0, 0), (0, 0), "\n")  # every line moves down one
    moved = await hover_at(client, uri, 4, 2)
    assert moved is not None and moved.contents.value.startswith("**compute**") and moved.range.start.line == 4
    change_doc(client, uri, 3, (2, 20), (2, 20), "x")  # typing at the end of `command:`
    kept = await hover_at(client, uri, 4, 2)
    assert kept is not None and kept.contents.value.startswith("**compute**") and kept.range.start.line == 4
    typed = await hover_at(client, uri, 2, 2)
    assert typed is not None and typed.contents.value.startswith("**command**")
    await published(client, uri, 3)
