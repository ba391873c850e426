"""Faults: a referenced component that is missing, a folder, unreadable or corrupt gets a
clear message or is knowingly skipped (nothing is said about a step whose component cannot
be read: no guessed "missing input"), and the server keeps serving everything else; a
failure inside one feature does not take down another (`guarded`).

There is no schema file to lose at run time: the model is Python code (`job_lsp/model/`);
`schema/` is generated from it for other tools."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from lsprotocol import types as t
from pytest_lsp import LanguageClient

from hardening_util import record_diagnostics, wait_until
from job_lsp.cli.check import check_file
from job_lsp.lsp import server as srv

COMPONENT = """$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
type: command
name: c
version: 1
inputs:
  x: {type: string}
outputs:
  o: {type: uri_folder}
command: echo ${{inputs.x}} ${{outputs.o}}
environment: azureml:e:1
"""
PIPELINE = """$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
settings:
  default_compute: azureml:c
jobs:
  a:
    component: ./missing.yml
    inputs: {x: "1"}
  b:
    component: ./folder.yml
    inputs: {x: "1"}
  c:
    component: ./corrupt.yml
    inputs: {x: "${{parent.jobs.a.outputs.o}}"}
  d:
    component: ./locked.yml
  e:
    component: ./good.yml
    inputs: {x: "${{parent.jobs.c.outputs.o}}", y: 2}
  f:
    component: ./good.yml
    inputs: {x: "${{parent.jobs.e.outputs.o}}"}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "folder.yml").mkdir()
    (tmp_path / "corrupt.yml").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "locked.yml").write_text(COMPONENT)
    (tmp_path / "good.yml").write_text(COMPONENT)
    (tmp_path / "job.yml").write_text(PIPELINE)
    return tmp_path


def test_missing_folder_unreadable_and_corrupt_components(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, which reads a chmod 000 file: simulate "unreadable" instead.
    real = os.open

    def open_file(path, flags, *args, **kwargs):  # what the one bounded reader opens files with
        if os.path.basename(path) == "locked.yml":
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_file)
    found = {(d.line, d.code): d.message for d in check_file(folder / "job.yml")}
    assert "`./missing.yml` does not exist" in found[(7, "missing-path")]
    assert "`./folder.yml` is a folder; a file is expected" in found[(10, "invalid-value")]
    # The good component is still read: its unknown input is reported.
    assert "has no input `y`" in found[(19, "unknown-component-input")]
    # The corrupt one (c) is refused, as Azure ML refuses it; nothing is guessed about the
    # unreadable one (d), nor about either one's inputs.
    assert "cannot be read as a component" in found[(13, "invalid-component")]
    assert not [k for k in found if k[0] in (12, 13, 14, 15, 16) and k != (13, "invalid-component")], found


async def test_the_server_keeps_serving_around_faulty_components(client: LanguageClient, folder: Path) -> None:
    seen = record_diagnostics(client)
    uri = (folder / "job.yml").as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=PIPELINE)))
    assert await wait_until(lambda: any(p.uri == uri for p in seen), 10)
    found = sorted((d.range.start.line, d.code) for d in [p for p in seen if p.uri == uri][-1].diagnostics)
    # As `job-lsp check` above, but locked.yml is readable here: step d lacks its input x.
    assert found == [(6, "missing-path"), (9, "invalid-value"), (12, "invalid-component"), (14, "missing-input"), (18, "unknown-component-input")]
    ident = t.TextDocumentIdentifier(uri=uri)
    good = (folder / "good.yml").as_uri()
    # Definition goes into the good component; through the corrupt one nothing is guessed.
    definition = await client.text_document_definition_async(t.DefinitionParams(text_document=ident, position=t.Position(line=21, character=32)))
    assert definition.uri == good and definition.range.start.line == 7  # its output `o`
    assert await client.text_document_definition_async(t.DefinitionParams(text_document=ident, position=t.Position(line=18, character=32))) is None
    # Hover, links, symbols and completion answer as in a pipeline without faults.
    hover = await client.text_document_hover_async(t.HoverParams(text_document=ident, position=t.Position(line=6, character=5)))
    assert hover.contents.value.startswith("**component**") and (hover.range.start.line, hover.range.start.character) == (6, 4)
    links = await client.text_document_document_link_async(t.DocumentLinkParams(text_document=ident))
    assert [(link.range.start.line, link.target.rsplit("/", 1)[-1]) for link in links] == [(9, "folder.yml"), (12, "corrupt.yml"), (15, "locked.yml"), (17, "good.yml"), (20, "good.yml")]
    symbols = await client.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=ident))
    assert [c.name for c in next(s for s in symbols if s.name == "jobs").children] == ["a", "b", "c", "d", "e", "f"]
    completion = await client.text_document_completion_async(t.CompletionParams(text_document=ident, position=t.Position(line=13, character=32)))
    assert [i.label for i in completion.items] == ["a", "b", "c", "d", "e", "f"]  # after `${{parent.jobs.`
    # And a component that turns corrupt while open changes nothing for the rest.
    (folder / "good.yml").write_bytes(b"\x00\xff" * 100)
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[t.TextDocumentContentChangePartial(range=t.Range(start=t.Position(line=0, character=0), end=t.Position(line=0, character=0)), text="# edited\n")],
        )
    )
    assert await wait_until(lambda: any(p.uri == uri and p.version == 2 for p in seen), 10)
    # The steps that run it (e, f) are refused now; the others' diagnostics stay, one line lower.
    found = sorted((d.range.start.line, d.code) for d in [p for p in seen if p.uri == uri][-1].diagnostics)
    assert found == [(7, "missing-path"), (10, "invalid-value"), (13, "invalid-component"), (15, "missing-input"), (18, "invalid-component"), (21, "invalid-component")]
    assert client._server.returncode is None


class FakeServer:
    def __init__(self) -> None:
        self.reported: list[tuple[str, BaseException]] = []

    def report(self, where: str, exc: BaseException) -> None:
        self.reported.append((where, exc))


def test_guarded_turns_a_failure_into_an_empty_answer(monkeypatch) -> None:
    monkeypatch.setattr(srv, "STRICT", False)  # what users run

    @srv.guarded(lambda: [])
    def broken(ls, params):
        raise RuntimeError("boom")

    @srv.guarded(lambda: None)
    async def broken_async(ls, params):
        raise KeyError("boom")

    @srv.guarded(lambda: [])
    def working(ls, params):
        return [params]

    ls = FakeServer()
    assert broken(ls, 1) == []
    assert asyncio.run(broken_async(ls, 1)) is None
    assert working(ls, 2) == [2]  # the next feature is unaffected
    assert [w for w, _ in ls.reported] == ["broken", "broken_async"]


def test_in_strict_mode_a_handler_failure_is_raised_too(monkeypatch) -> None:
    """What the tests run: a failure is reported and raised, never an empty answer."""
    monkeypatch.setattr(srv, "STRICT", True)

    @srv.guarded(lambda: [])
    def broken(ls, params):
        raise RuntimeError("boom")

    ls = FakeServer()
    with pytest.raises(RuntimeError):
        broken(ls, 1)
    assert [w for w, _ in ls.reported] == ["broken"]


def test_every_registered_handler_is_guarded() -> None:
    """Each feature handler of the server goes through `guarded` (so one failing feature
    answers empty and the others keep working)."""
    features = srv.server.protocol.fm.features
    assert len(features) >= 15
    for name, handler in features.items():
        fn = getattr(handler, "func", handler)  # pygls binds each handler to the server
        assert fn.__code__.co_name in ("run", "run_async") and hasattr(fn, "__wrapped__"), name  # guarded's wrappers
