"""The line diff behind formatting's minimal edits: correct on any pair of texts, minimal where
it matters (one changed line in a file of repeated lines is one edit), and the formatter's
edits rebuild exactly the formatted text on every corpus file."""

from __future__ import annotations

import sys
from difflib import SequenceMatcher
from pathlib import Path
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from job_lsp.format import apply_edits, format_text, minimal_edits
from job_lsp import textdiff
from job_lsp.textdiff import diff_lines

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_pipeline import generate  # noqa: E402


def rebuild(a: list[str], b: list[str], blocks: list[tuple[int, int, int, int]]) -> list[str]:
    """b made from a: the equal lines between blocks taken from a (checked equal to b's),
    the blocks' lines from b."""
    out: list[str] = []
    i = j = 0
    for i1, i2, j1, j2 in blocks:
        assert i <= i1 <= i2 and j <= j1 <= j2 and (i1 < i2 or j1 < j2)
        assert i1 - i == j1 - j and a[i:i1] == b[j:j1]  # what lies between blocks is equal
        out += a[i:i1] + b[j1:j2]
        i, j = i2, j2
    assert len(a) - i == len(b) - j and a[i:] == b[j:]
    return out + a[i:]


# Few distinct lines, so that texts repeat lines the way job files do (`type: uri_folder`).
lines = st.lists(st.sampled_from(["a", "b", "c", "type: x", "mode: y", ""]), max_size=60)


@settings(max_examples=400, derandomize=True, database=None)
@given(lines, lines, st.sampled_from([textdiff.SMALL, 0, 3]))
def test_any_pair_of_texts_is_rebuilt_exactly(a: list[str], b: list[str], small: int) -> None:
    # With `small` below the texts' length the anchored cuts are taken, not only the exact diff.
    with patch.object(textdiff, "SMALL", small):
        assert rebuild(a, b, diff_lines(a, b)) == b


@settings(max_examples=200, derandomize=True, database=None)
@given(lines, st.data())
def test_edits_in_a_text_give_blocks_no_bigger_than_the_edits(a: list[str], data: st.DataObject) -> None:
    """A few lines changed in place: every changed line lies in a block, and there are no
    more blocks than edits."""
    a = a * 3  # longer than SMALL: cut at anchors too
    b = list(a)
    changed = data.draw(st.sets(st.integers(0, max(len(a) - 1, 0)), max_size=3)) if a else set()
    for k in changed:
        b[k] = b[k] + " changed"
    blocks = diff_lines(a, b)
    assert rebuild(a, b, blocks) == b
    assert len(blocks) <= len(changed)  # each block comes from an edit
    assert all(any(j1 <= k < j2 for _, _, j1, j2 in blocks) for k in changed)


def test_no_change_no_block_and_one_change_one_line() -> None:
    a = ["type: uri_folder", "mode: ro_mount"] * 2000
    assert diff_lines(a, a) == []
    b = list(a)
    b[2001] = "mode: rw_mount"
    assert diff_lines(a, b) == [(2001, 2002, 2001, 2002)]
    assert diff_lines([], ["x"]) == [(0, 0, 0, 1)]
    assert diff_lines(["x"], []) == [(0, 1, 0, 0)]


def test_a_moved_key_is_one_deletion_and_one_insertion() -> None:
    step = ["  step:", "    compute: c", "    type: command", "    code: ./src", "    inputs:", "      data: x"]
    moved = ["  step:", "    type: command", "    code: ./src", "    compute: c", "    inputs:", "      data: x"]
    a, b = step * 50, moved * 50
    blocks = diff_lines(a, b)
    assert rebuild(a, b, blocks) == b
    assert len(blocks) == 100  # per step: `compute` out, `compute` in; the rest matched
    assert sum(i2 - i1 for i1, i2, _, _ in blocks) == 50


def test_lines_too_common_to_anchor_are_replaced_whole_and_still_correct() -> None:
    a = [str(k % 7) for k in range(3000)]
    b = [str(k % 5) for k in range(3000)]
    assert rebuild(a, b, diff_lines(a, b)) == b


def changed_lines(blocks) -> int:
    return sum(i2 - i1 + j2 - j1 for i1, i2, j1, j2 in blocks)


def test_minimal_edits_of_the_unformatted_5k_pipeline_rebuild_the_formatted_text() -> None:
    text = generate(5000, formatted=False)
    result = format_text(text)
    assert result.error is None and result.changed
    assert apply_edits(text, minimal_edits(text, result.text)) == result.text


def test_as_few_changed_lines_as_difflib_on_a_long_file_and_on_the_corpus(corpus: Path) -> None:
    """Anchored pieces diffed exactly lose nothing against difflib's (quadratic) matching: on
    a 500-line unformatted pipeline (long enough to be cut at anchors) and every corpus file."""
    pairs = []
    text = generate(500, formatted=False)
    pairs.append((text, format_text(text).text))
    for path in sorted((corpus / "azureml-examples").rglob("*.y*ml")):
        text = path.read_text(encoding="utf-8")
        result = format_text(text)
        if result.changed:
            pairs.append((text, result.text))
    assert len(pairs) > 100
    for old, new in pairs:
        a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
        ours = diff_lines(a, b)
        assert rebuild(a, b, ours) == b
        theirs = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if tag != "equal"]
        assert changed_lines(ours) <= changed_lines(theirs)
    assert changed_lines(diff_lines(*[t.splitlines(keepends=True) for t in pairs[0]])) > 200  # it did change


def test_minimal_edits_rebuild_the_formatted_text_of_every_corpus_file(corpus: Path) -> None:
    files = sorted(p for p in (corpus / "azureml-examples").rglob("*") if p.suffix in (".yml", ".yaml"))
    assert len(files) > 300
    changed = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        result = format_text(text)
        if result.error or not result.changed:
            continue
        changed += 1
        assert apply_edits(text, minimal_edits(text, result.text)) == result.text, path
    assert changed > 100  # most corpus files are not laid out as `job-lsp format` lays them out
