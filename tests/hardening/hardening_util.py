"""Helpers of the hardening tests (a module name of its own, imported by name; what the
end-to-end tests share with these is in tests/lsp_helpers.py)."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

from lsp_helpers import ROOT, line_count, range_inside

CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLES = ROOT / "examples"


def corpus_jobs() -> list[Path]:
    """The job files of the corpus (manifest.json) and the bundled examples."""
    manifest = json.loads((CORPUS / "manifest.json").read_text())
    jobs = [CORPUS / "azureml-examples" / p for p in manifest["jobs"]]
    return sorted(EXAMPLES.glob("*.yml")) + [p for p in jobs if p.is_file()]


def assert_answer_fits(kind: str, result: Any, text: str) -> None:
    """A request's answer fits the document it is about: completion answers with a list (maybe
    empty) whose edits lie inside the text; a hover's range, formatting edits, symbols (and
    their children) and folding ranges lie inside it too. `kind`: completion, hover,
    formatting, symbols or folding."""
    if kind == "completion":
        assert result is not None, "completion answered null"
        for item in result.items:
            assert item.label, item
            edit = item.text_edit
            if edit is not None:
                assert range_inside(text, getattr(edit, "range", None) or edit.replace), item
    elif kind == "hover":
        assert result is None or (result.contents.value and (result.range is None or range_inside(text, result.range))), result
    elif kind == "formatting":
        assert all(range_inside(text, e.range) for e in result or [])
    elif kind == "symbols":
        assert result is not None, "document symbols answered null"
        pending = list(result)
        while pending:
            symbol = pending.pop()
            assert symbol.name and range_inside(text, symbol.range) and range_inside(text, symbol.selection_range), symbol
            pending.extend(symbol.children or [])
    elif kind == "folding":
        count = line_count(text)
        assert all(0 <= f.start_line <= f.end_line < count for f in result or []), result
    else:
        raise ValueError(kind)


# --- processes --------------------------------------------------------------------------------


def rss_kib(pid: int) -> int:
    """Resident set size of a process, from /proc (KiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def server_pid(client: Any) -> int:
    """The pid of the server process pytest-lsp started."""
    proc = getattr(client, "_server", None)
    pid = getattr(proc, "pid", None)
    if pid is None:
        raise RuntimeError("cannot find the server process")
    return pid


def env_for_subprocess() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def examples(ci: int, long: int | None = None) -> int:
    """How many examples a property runs: `ci` by default; with HYPOTHESIS_PROFILE=long,
    `long` (default 20 x ci); HYPOTHESIS_MAX_EXAMPLES overrides both."""
    if os.environ.get("HYPOTHESIS_MAX_EXAMPLES"):
        return int(os.environ["HYPOTHESIS_MAX_EXAMPLES"])
    if os.environ.get("HYPOTHESIS_PROFILE") == "long":
        return long or 20 * ci
    return ci


def record_diagnostics(client: Any) -> list[Any]:
    """Every publishDiagnostics the client receives from now on, in order (with its version);
    pytest-lsp's own handler (client.diagnostics) still runs."""
    from lsprotocol import types as t

    features = client.protocol.fm.features
    original = features[t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]
    seen: list[Any] = []

    def recorder(params: Any) -> None:  # stored handlers are already bound to the client
        seen.append(params)
        original(params)

    features[t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = recorder
    return seen


async def wait_until(predicate: Any, timeout: float, step: float = 0.01) -> bool:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        if predicate():
            return True
        await asyncio.sleep(step)
    return predicate()


def expected_diagnostics(uri: str, text: str) -> list[tuple]:
    """What the server must publish for a text (computed in-process, as the server does):
    (code, message, severity, range) of each problem, in LSP positions."""
    from job_lsp.detect import serves
    from job_lsp.diagnose import diagnose
    from job_lsp.lsp.convert import SEVERITY, Lines
    from job_lsp.yamldoc import parse

    doc = parse(text)
    if not serves(uri.removeprefix("file://"), doc):
        return []
    lines = Lines(doc)
    out = []
    for p in diagnose(doc, Path(uri.removeprefix("file://")).parent):
        r = lines.range(p.start, p.end)
        out.append((p.code, p.message, SEVERITY[p.severity], (r.start.line, r.start.character, r.end.line, r.end.character)))
    return sorted(out)


def published_key(d: Any) -> tuple:
    r = d.range
    return (d.code, d.message, d.severity, (r.start.line, r.start.character, r.end.line, r.end.character))
