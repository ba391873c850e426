"""Hostile input, for `job-lsp check`, `job-lsp format` and the server (didOpen): each file
gets a diagnostic or a bounded refusal, in bounded time and memory, and nothing in it is
ever executed.

The CLI runs in a subprocess with a wall-clock timeout and an address-space limit
(RLIMIT_AS); the figures are the bounds asserted below."""

from __future__ import annotations

import asyncio
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lsprotocol import types as t
from pytest_lsp import LanguageClient

from hardening_util import assert_answer_fits, env_for_subprocess, record_diagnostics, wait_until
from lsp_helpers import range_inside

# Big files and many processes (about 40 s in all): out of the quick run (-m 'not slow').
pytestmark = pytest.mark.slow

CLI_SECONDS = 60  # per run; the slowest case (100,000 lines, format) takes ~10 s here
CLI_MEMORY = 2 * 1024**3  # RLIMIT_AS for the CLI process (virtual memory, not RSS)

HEAD = "type: command\ncommand: python x.py\nenvironment: azureml:e:1\n"
LAUGHS = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 10))


def marker_tag(marker: Path) -> str:
    return (
        "type: command\ncompute: azureml:c\n"
        f"command: !!python/object/apply:os.system ['touch {marker}']\n"
        f"code: !!python/object/apply:subprocess.check_call [['touch', '{marker}']]\n"
        f"tags: !!python/object/new:pathlib.Path ['{marker}']\n"
        f"environment: !!python/name:os.system\n"
    )


# name -> (bytes, `check` must report one of these codes (None: the file is valid), whether
# `format` may lay it out: else it must refuse and leave the file as it is)
def cases(marker: Path) -> dict[str, tuple[bytes, set[str] | None, bool]]:
    return {
        "billion-laughs": ((LAUGHS + HEAD + "environment_variables: *l9\ntags: {a: *l9}\n").encode(), {"type-mismatch", "unknown-key", "alias-limit"}, True),
        "100k-lines": ((HEAD + "tags:\n" + "".join(f"    key{i}: value {i}\n" for i in range(100_000))).encode(), None, True),
        "1mb-line": ((HEAD.replace("python x.py", "python " + "x" * 1_000_000)).encode(), None, False),
        "1mb-flow-line": ((HEAD + "tags: {" + ", ".join(f"k{i}: v{i}" for i in range(70_000)) + "}\n").encode(), None, False),
        "deep-flow": ((HEAD + "tags: " + "[" * 10_000 + "]" * 10_000 + "\n").encode(), {"too-deep"}, False),
        "deep-flow-map": ((HEAD + "tags: " + "{a: " * 10_000 + "x" + "}" * 10_000 + "\n").encode(), {"too-deep"}, False),
        "deep-block-seq": ((HEAD + "tags:\n  " + "- " * 10_000 + "x\n").encode(), {"too-deep"}, False),
        # 10,000 levels of block mappings need 50 MB of indentation: over the CLI's size bound.
        "deep-block-map": ((HEAD + "tags:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(10_000))).encode(), {"too-deep", "file-too-large"}, False),
        "invalid-utf8": (HEAD.encode() + b"description: caf\xe9 \xff\xfe\n", {"invalid-encoding"}, False),
        "nul-bytes": (HEAD.encode() + b"description: a\x00b\x00\n", {"invalid-character"}, False),
        "binary": (bytes(range(256)) * 400, {"invalid-encoding"}, False),
        "python-tags": (marker_tag(marker).encode(), {"unsafe-tag"}, False),
    }


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CLI_MEMORY, CLI_MEMORY))


def run_cli(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "job_lsp.cli", *args], cwd=cwd, capture_output=True, timeout=CLI_SECONDS, preexec_fn=limit_memory, env=env_for_subprocess())
    return proc, time.perf_counter() - start


NAMES = list(cases(Path("/x")))


@pytest.mark.parametrize("name", NAMES)
def test_check_and_format_are_bounded(name: str, tmp_path: Path) -> None:
    marker = tmp_path / "EXECUTED"
    data, codes, may_change = cases(marker)[name]
    path = tmp_path / "job.yml"
    path.write_bytes(data)

    proc, took = run_cli("check", "--format", "json", str(path), cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr.decode()[-2000:]
    report = json.loads(proc.stdout)
    found = {d["code"] for d in report["diagnostics"] if d["severity"] == "error"}
    if codes is None:
        assert proc.returncode == 0 and not found, found
    else:
        assert proc.returncode == 1 and found & codes, (found, codes)
    assert took < CLI_SECONDS

    proc, took = run_cli("format", str(path), cwd=tmp_path)
    after = path.read_bytes()
    if may_change and proc.returncode == 1:  # a bounded refusal: left as it is, with the reason
        assert after == data and b"not formatted" in proc.stderr, proc.stderr.decode()[-2000:]
    elif codes is None or may_change:
        assert proc.returncode == 0, proc.stderr.decode()[-2000:]
        if after != data:
            again, _ = run_cli("format", "--check", str(path), cwd=tmp_path)
            assert again.returncode == 0, "formatting is not idempotent"
    else:  # a file with YAML errors is refused and left as it is
        assert proc.returncode == 1 and after == data, proc.stderr.decode()[-2000:]
        assert b"not formatted" in proc.stderr or b"left as it is" in proc.stderr
    assert not marker.exists(), "a YAML tag was executed"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".job.yml.")], "temporary file left"


def test_format_stdin_is_bounded(tmp_path: Path) -> None:
    """`job-lsp format -` refuses what it cannot lay out and echoes it unchanged; over the
    size bound (20 MB) it passes stdin through unread."""
    marker = tmp_path / "EXECUTED"
    big = b"type: command\ncommand: x\n" + b"# padding\n" * 2_200_000
    refused = {name: case for name, case in cases(marker).items() if case[1] is not None and not case[2] and name != "deep-block-map"}
    for name, (data, codes, _) in [*refused.items(), ("over-20-MB", (big, {"file-too-large"}, False))]:
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "job_lsp.cli", "format", "-"], input=data, capture_output=True, timeout=CLI_SECONDS, preexec_fn=limit_memory, env=env_for_subprocess(), cwd=tmp_path)
        assert time.perf_counter() - start < CLI_SECONDS
        assert proc.returncode in (0, 1), (name, proc.stderr[-500:])
        assert proc.returncode == 1 and proc.stdout == data, name  # refused: echoed unchanged
        assert b"left as it is" in proc.stderr or b"not formatted" in proc.stderr, name
    assert not marker.exists()


async def test_server_survives_every_hostile_document(client: LanguageClient, tmp_path: Path) -> None:
    seen = record_diagnostics(client)
    marker = tmp_path / "EXECUTED"
    timings = {}
    for name, (data, codes, _) in cases(marker).items():
        text = data.decode("utf-8", errors="replace")  # what a client can send (JSON is text)
        uri = (tmp_path / f"{name}.yml").as_uri()
        start = time.perf_counter()
        client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
        assert await wait_until(lambda: any(p.uri == uri for p in seen), 60), f"{name}: no diagnostics"
        timings[name] = time.perf_counter() - start
        published = [p for p in seen if p.uri == uri][-1]
        if name == "binary":  # not a job file (no job key in it): nothing to say about it
            assert list(published.diagnostics) == [], [d.code for d in published.diagnostics]
        elif codes is None or name == "invalid-utf8":  # a valid job (the client sent U+FFFD: valid text)
            errors = [d.code for d in published.diagnostics if d.severity == t.DiagnosticSeverity.Error]
            assert errors == [], (name, errors)
        else:
            assert {d.code for d in published.diagnostics} & codes, (name, [d.code for d in published.diagnostics])
        if len(text) < 200_000:
            assert all(range_inside(text, d.range) for d in published.diagnostics), name
        # Every other feature answers on it, in bounded time (on the files of 1 MB and more,
        # the cheap ones only: formatting 100,000 lines takes ~8 s, listing 70,000 symbols
        # ~20 s, and the CLI tests above format them already).
        ident = t.TextDocumentIdentifier(uri=uri)
        requests = [
            ("hover", lambda: client.text_document_hover_async(t.HoverParams(text_document=ident, position=t.Position(line=3, character=2)))),
            ("completion", lambda: client.text_document_completion_async(t.CompletionParams(text_document=ident, position=t.Position(line=3, character=0)))),
            ("folding", lambda: client.text_document_folding_range_async(t.FoldingRangeParams(text_document=ident))),
            ("symbols", lambda: client.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=ident))),
            ("formatting", lambda: client.text_document_formatting_async(t.DocumentFormattingParams(text_document=ident, options=t.FormattingOptions(tab_size=2, insert_spaces=True)))),
        ]
        for kind, request in requests if len(text) < 1_000_000 else requests[:2]:
            answer = await asyncio.wait_for(request(), 60)
            if len(text) < 200_000:  # range_inside reads the whole text each time
                assert_answer_fits(kind, answer, text)
        timings[name + " + requests"] = time.perf_counter() - start
        client.text_document_did_close(t.DidCloseTextDocumentParams(text_document=ident))
    assert not marker.exists(), "a YAML tag was executed"
    # Still serving, and right, after all of that.
    uri = (tmp_path / "after.yml").as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text="type: command\ncompute: x\n")))
    hover = await asyncio.wait_for(client.text_document_hover_async(t.HoverParams(text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=1, character=2))), 30)
    assert hover.contents.value.startswith("**compute**")
    assert client._server.returncode is None
