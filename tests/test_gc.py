"""The server freezes each analysed version (lsp/server.py, `keep`) so that the collector's
full passes do not scan it: that is only free of leaks while a version's objects hold no
reference cycle and are freed by refcounting alone. This test keeps it so."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from job_lsp.complete import complete
from job_lsp.format import FormatOptions, format_text
from job_lsp.lsp.state import State
from job_lsp.navigate import binding_completions_at, definition, references
from job_lsp.hover import hover
from job_lsp.outline import folding_ranges, symbols
from job_lsp.yamldoc import parse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from gen_pipeline import generate  # noqa: E402


def use(text: str, folder: str) -> None:
    state = State("file:///x.yml", 1, text, parse(text), True, folder)
    state.problems()
    format_text(state.text, FormatOptions(), state.doc, state.model().entities)
    for offset in range(0, len(text), max(1, len(text) // 50)):
        hover(state.doc, offset, "en", state.model())
        definition(state.doc, state.analysis(), offset, state.model())
        references(state.doc, state.analysis(), offset, True)
    complete(text, 3, 2)
    binding_completions_at(text, 3, 2, state.doc, state.model().entities, folder)
    symbols(state.doc)
    folding_ranges(state.doc)


def test_a_version_and_what_every_feature_makes_of_it_hold_no_cycle(tmp_path: Path) -> None:
    texts = [generate(300), (ROOT / "examples" / "command-job.yml").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.yml"))]
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        for text in texts:
            use(text, str(tmp_path))
        assert gc.collect() == 0  # nothing that refcounting left behind
    finally:
        if was:
            gc.enable()


def test_no_collection_is_off_until_the_last_overlapping_analysis_ends() -> None:
    from job_lsp.lsp.state import no_collection

    assert gc.isenabled()
    outer = no_collection()
    outer.__enter__()
    with no_collection():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the outer one still runs
    frozen = gc.get_freeze_count()
    outer.__exit__(None, None, None)
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen  # what was made meanwhile is frozen, not rescanned
    gc.unfreeze()


def test_a_pipeline_asks_the_file_system_once_per_path(tmp_path: Path, monkeypatch) -> None:
    import os

    from job_lsp import validate

    (tmp_path / "src").mkdir()
    steps = "".join(f"  s{i}:\n    type: command\n    code: ./src\n    command: echo\n    environment: azureml:e:1\n" for i in range(40))
    text = f"type: pipeline\njobs:\n{steps}"
    calls: list[str] = []
    real = os.stat
    monkeypatch.setattr(validate.os, "stat", lambda p, *a, **k: calls.append(str(p)) or real(p, *a, **k))
    state = State("file:///x.yml", 1, text, parse(text), True, str(tmp_path))
    assert [p.code for p in state.problems() if p.code == "missing-path"] == []
    assert calls.count(str(tmp_path / "src")) == 1
