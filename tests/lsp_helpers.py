"""Helpers for the tests that drive the real `job-lsp serve` (tests/e2e, tests/hardening):
start a session, open and change documents, wait for diagnostics; and the client's copy of a
document as the LSP specification reads it (lines, UTF-16 positions, applying edits).

A module of its own, imported by name (`from lsp_helpers import open_doc`): test modules never
import `conftest`, whose name is shared by every folder's conftest.py, so that any selection
of test files collects. tests/conftest.py puts this folder on sys.path."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types as t
from pytest_lsp import LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parents[1]
SERVER = [sys.executable, "-m", "job_lsp.cli", "serve"]


def accept_registrations(client: LanguageClient) -> None:
    """Answer `client/registerCapability` as editors do (the server asks to watch its
    configuration files); what was registered is kept in `client.registrations`, and
    `client.registered` is set once something was."""
    client.registrations = []  # type: ignore[attr-defined]
    client.registered = asyncio.Event()  # type: ignore[attr-defined]

    @client.feature(t.CLIENT_REGISTER_CAPABILITY)
    def registered(params: t.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]
        client.registered.set()  # type: ignore[attr-defined]


async def start(client: LanguageClient, root: Path, capabilities: str = "visual-studio-code", options: dict[str, Any] | None = None, locale: str | None = None) -> None:
    """Initialize a session as the client named by `capabilities` would (pytest-lsp's
    recorded capabilities: "visual-studio-code" pushes diagnostics, "neovim" pulls them)."""
    accept_registrations(client)
    params = t.InitializeParams(
        capabilities=client_capabilities(capabilities),
        root_uri=root.as_uri(),
        workspace_folders=[t.WorkspaceFolder(uri=root.as_uri(), name="ws")],
        initialization_options=options,
        locale=locale,
    )
    await client.initialize_session(params)


def handler_failures(client: LanguageClient) -> list[str]:
    """What the server logged as a handler's failure. Users get an empty answer (and, for a
    notification, nothing at all); the tests must see it."""
    return [m.message for m in client.log_messages if m.type == t.MessageType.Error and " failed: " in m.message]


async def stop(client: LanguageClient) -> None:
    """End the session, and fail the test if any handler failed meanwhile."""
    await client.shutdown_session()
    assert handler_failures(client) == []


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


# --- the client's copy of a document, as the LSP specification reads it -------------------------

# LSP: lines end at \n, \r\n or \r, and nothing else (not U+2028, U+0085, form feed...).
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def lsp_lines(text: str) -> list[str]:
    """The lines of a text with their terminators (the last one may have none)."""
    return LINE.findall(text)


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def line_body(line: str) -> str:
    return line.rstrip("\r\n")


def offset_at(text: str, line: int, character: int) -> int:
    """An LSP position (UTF-16 character) -> a code-point offset. Positions past the end of
    a line or of the document are clamped, as the specification says."""
    lines = lsp_lines(text)
    if line >= len(lines):
        return len(text)
    start = sum(len(x) for x in lines[:line])
    body = line_body(lines[line])
    units = 0
    for i, ch in enumerate(body):
        if units >= character:
            return start + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return start + len(body)


def position_at(text: str, offset: int) -> tuple[int, int]:
    """A code-point offset -> (line, UTF-16 character)."""
    pos = 0
    lines = lsp_lines(text)
    for number, line in enumerate(lines):
        if offset < pos + len(line) or number == len(lines) - 1:
            return number, utf16_len(line_body(line)[: max(0, offset - pos)])
        pos += len(line)
    return 0, 0


def apply_change(text: str, start: tuple[int, int], end: tuple[int, int], new: str) -> str:
    a, b = offset_at(text, *start), offset_at(text, *end)
    if b < a:
        a, b = b, a
    return text[:a] + new + text[b:]


def line_count(text: str) -> int:
    """Lines as LSP counts them (an empty last line after a final break counts)."""
    lines = lsp_lines(text)
    if not lines:
        return 1
    return len(lines) + (1 if lines[-1].endswith(("\n", "\r")) else 0)


def range_inside(text: str, rng: Any) -> bool:
    """An LSP range lies inside the document (start <= end, each on a line that exists and
    at most at its end)."""
    lines = lsp_lines(text)
    count = line_count(text)

    def ok(pos: Any) -> bool:
        if pos.line < 0 or pos.character < 0 or pos.line >= count:
            return False
        body = line_body(lines[pos.line]) if pos.line < len(lines) else ""
        return pos.character <= utf16_len(body)

    before = (rng.start.line, rng.start.character) <= (rng.end.line, rng.end.character)
    return ok(rng.start) and ok(rng.end) and before


def apply_text_edits(text: str, edits: list[Any]) -> str:
    """Apply LSP TextEdits (non-overlapping, positions in the original text)."""
    spans = sorted(((offset_at(text, e.range.start.line, e.range.start.character), offset_at(text, e.range.end.line, e.range.end.character), e.new_text) for e in edits), key=lambda s: s[:2])
    out, pos = [], 0
    for a, b, new in spans:
        assert a >= pos, "overlapping edits"
        out.append(text[pos:a])
        out.append(new)
        pos = b
    out.append(text[pos:])
    return "".join(out)
