"""Completion inside `${{` right after an edit is answered from the text and the last version
parsed (navigate.binding_completions_at), not from a fresh analysis. On an unchanged document
it must give exactly what the analysis gives (navigate.binding_completions): the test puts
the cursor after every `${{` and every `.` of every binding in every corpus YAML file."""

from __future__ import annotations

from pathlib import Path

from job_lsp.bindings import analyze
from job_lsp.navigate import binding_completions, binding_completions_at
from job_lsp.validate import walk
from job_lsp.yamldoc import parse

def cursor_points(text: str):
    """(line, column) after each `${{` and after each `.` inside a binding on one line (not
    in a comment line: there the analysis knows no scope, the text-based reading gives the
    names around it, which suits commented-out YAML better)."""
    for line_no, line in enumerate(text.split("\n")):
        if line.lstrip().startswith("#"):
            continue
        at = 0
        while (opened := line.find("${{", at)) != -1:
            closed = line.find("}}", opened)
            end = closed if closed != -1 else len(line)
            yield line_no, opened + 3
            for dot in range(opened + 3, end):
                if line[dot] == ".":
                    yield line_no, dot + 1
            at = opened + 3


def items(found) -> list[tuple]:
    return [(i.label, i.detail, i.start, i.end, i.sort) for i in found or []]


def check_file(path: Path) -> tuple[int, list[str]]:
    text = path.read_text(encoding="utf-8")
    if "${{" not in text:
        return 0, []
    doc = parse(text)
    model = walk(doc, str(path.parent))
    analysis = analyze(doc, model.entities, str(path.parent))
    count, wrong = 0, []
    for line, column in cursor_points(text.replace("\r\n", "\n")):
        expected = items(binding_completions(doc, analysis, line, column))
        got = items(binding_completions_at(doc.text, line, column, doc, model.entities, str(path.parent)))
        count += 1
        if got != expected:
            wrong.append(f"{path}:{line + 1}:{column}: {got[:4]} != {expected[:4]}")
    return count, wrong


def test_the_same_items_as_the_analysis_at_every_binding_of_the_corpora(corpus: Path, family: Path) -> None:
    files = sorted(p for folder in (corpus, family) for p in folder.rglob("*") if p.suffix in (".yml", ".yaml"))
    total, wrong = 0, []
    for path in files:
        count, bad = check_file(path)
        total += count
        wrong += bad
    assert total > 2000  # cursor positions tried
    assert wrong == [], f"{len(wrong)} of {total} differ:\n" + "\n".join(wrong[:20])


def test_right_after_an_edit_the_last_version_gives_the_names() -> None:
    before = "type: pipeline\ninputs:\n  lr: 0.1\njobs:\n  train:\n    type: command\n    command: echo\n    inputs:\n      rate: x\n"
    doc = parse(before)
    model = walk(doc, None)
    # The user has typed `${{parent.inputs.` over `x`: the known version still has `x`.
    after = before.replace("rate: x", "rate: ${{parent.inputs.")
    line, column = 8, len("      rate: ${{parent.inputs.")
    got = binding_completions_at(after, line, column, doc, model.entities, None)
    assert [i.label for i in got] == ["lr"]
    # And a step the known version does not have yet: its `parent` is still the pipeline.
    added = after + "  score:\n    type: command\n    command: echo ${{parent.\n"
    got = binding_completions_at(added, 11, len("    command: echo ${{parent."), doc, model.entities, None)
    assert [i.label for i in got] == ["inputs", "outputs", "jobs"]
    assert binding_completions_at(after, 6, 5, doc, model.entities, None) is None  # not in a binding
