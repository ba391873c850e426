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
