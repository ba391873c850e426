"""Completion reads only the lines it needs around the cursor (job_lsp.context.Lines), and
gives exactly what it gave when it read every line (tests/context_oracle.py, the former
reading): the same context and the same items, at every position of every corpus YAML file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import job_lsp.complete as complete_module
from job_lsp import context
from job_lsp.complete import Sources, complete

sys.path.insert(0, str(Path(__file__).resolve().parent))
import context_oracle  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from gen_pipeline import generate  # noqa: E402


def summary(ctx: context.Context) -> tuple:
    return (
        [(level.key, level.siblings) for level in ctx.path],
        ctx.in_value, ctx.key, ctx.prefix, ctx.prefix_start, ctx.list_item, ctx.column, ctx.line,
    )


def corpus_texts(corpus: Path) -> list[tuple[Path, str]]:
    files = sorted(p for p in (corpus / "azureml-examples").rglob("*") if p.suffix in (".yml", ".yaml"))
    assert len(files) > 300
    return [(p, p.read_text(encoding="utf-8")) for p in files]


def positions(text: str, every: bool):
    """Every (line, column) of the text, or, quicker, where completion is asked most: at the
    line's indentation (a key), after `key: ` (a value) and at its end."""
    for number, line in enumerate(text.split("\n")):
        if every:
            columns = range(len(line) + 1)
        else:
            indent = len(line) - len(line.lstrip(" "))
            marks = {indent, len(line)}
            at = line.find(": ")
            if at != -1:
                marks.add(at + 2)
            columns = sorted(c for c in marks if 0 <= c <= len(line))
        for column in columns:
            yield number, column


def compare(text: str, every: bool, sources: Sources, items: bool) -> list[str]:
    """Differences between the new reading and the oracle: contexts, and with `items`, what
    complete() offers (which depends on the text only through the context: the same context
    gives the same items)."""
    differences = []
    for line, column in positions(text, every):
        new = context.cursor_context(text, line, column)
        old = context_oracle.cursor_context(text, line, column)
        if summary(new) != summary(old):
            differences.append(f"{line}:{column}: context {summary(new)} != {summary(old)}")
            continue
        if items:
            ours = complete(text, line, column, sources)
            complete_module.cursor_context = context_oracle.cursor_context
            try:
                theirs = complete(text, line, column, sources)
            finally:
                complete_module.cursor_context = context.cursor_context
            if ours != theirs:
                differences.append(f"{line}:{column}: items differ")
    return differences


SOURCES = Sources(computes=["cpu-cluster"], environments=["azureml:env:1"])


def test_same_context_as_before_where_completion_is_asked_in_every_corpus_file(corpus: Path) -> None:
    """Contexts at each line's key, value and end in every file; items too in one in ten."""
    checked = 0
    for n, (path, text) in enumerate(corpus_texts(corpus)):
        SOURCES.folder = str(path.parent)
        differences = compare(text, every=False, sources=SOURCES, items=n % 10 == 0)
        assert differences == [], f"{path}: {differences[:3]}"
        checked += 1
    assert checked > 300


@pytest.mark.slow
def test_same_context_and_items_as_before_at_every_position_of_every_corpus_file(corpus: Path) -> None:
    """Contexts at every position of every file, items where completion is asked (a few
    minutes: slow)."""
    for path, text in corpus_texts(corpus):
        SOURCES.folder = str(path.parent)
        assert compare(text, every=True, sources=SOURCES, items=False) == [], path
        assert compare(text, every=False, sources=SOURCES, items=True) == [], path


def test_same_as_before_on_half_typed_and_unusual_text() -> None:
    texts = [
        generate(60),
        generate(60, formatted=False),
        "type: command\ninputs:\n  a:\n    type: uri_file\n  b: 1\n\n# c\n  c:\n",
        "jobs:\n  s:\n    - a: 1\n      b: 2\n    - c: 3\n      d: \n        - e:\n            f: 1\n          g:\n",
        "type: sweep\ntrial:\n   code: x\n \t\n    # deep comment\n   command: \nsearch_space:\n  lr:\n    type: choice\n",
        "a:\r\n  b: 1\r\n  c:\r\n    \r\n  d: x\r\n",
        "- a\n- b: 1\n  c: 2\n",
        "",
        "\n\n   \n",
    ]
    for text in texts:
        assert compare(text, every=True, sources=SOURCES, items=True) == []


def test_only_the_lines_near_the_cursor_are_read() -> None:
    """On a 5,000-line pipeline, completion in a step reads its step and the lines that open
    the blocks above it, not the file (the rest is skipped by a regular expression)."""
    text = generate(5000)
    lines = text.split("\n")
    line = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].strip().startswith("compute:"))
    read = []
    original = context.read_line

    def counting(number: int, raw: str) -> context.Line:
        read.append(number)
        return original(number, raw)

    context.read_line = counting
    try:
        items = complete(text, line, lines[line].index(":") + 2, Sources(computes=["cpu-cluster"]))
    finally:
        context.read_line = original
    assert [i.label for i in items][:1] == ["azureml:cpu-cluster"]
    assert 0 < len(set(read)) < 600, len(set(read))  # the step's ~20 lines, the ~250 step keys, the top


@settings(max_examples=300, derandomize=True, database=None)
@given(st.text(alphabet=" \t\r\n#ab:\x0c\u3000", max_size=30))
def test_only_comments_is_the_former_every_line_test(text: str) -> None:
    every_line = not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.split("\n"))
    assert context.only_comments(text) == every_line
