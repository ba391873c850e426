"""Which lines of a document an edit leaves as they were (lsp/state.py): a hover there is
answered from the last analysed version, without waiting for the edit's analysis."""

from job_lsp.lsp.state import Changed, note_change


def test_typing_on_one_line_leaves_every_other_line_in_place() -> None:
    changed = note_change(None, 7, 7, "x")
    assert changed == Changed(7, 7, True)
    assert changed.untouched(0) and changed.untouched(6) and changed.untouched(8) and changed.untouched(5000)
    assert not changed.untouched(7)


def test_a_new_line_moves_the_lines_after_it() -> None:
    changed = note_change(None, 7, 7, "x\n  ")
    assert changed.untouched(6)
    assert not changed.untouched(7) and not changed.untouched(8) and not changed.untouched(100)
    # A lone CR and CRLF are line breaks too, counted once each.
    assert not note_change(None, 3, 3, "a\rb").lines_kept
    assert note_change(None, 3, 4, "a\r\nb").lines_kept  # replaces one break by one


def test_edits_add_up_and_a_whole_text_change_touches_everything() -> None:
    changed = note_change(note_change(None, 10, 10, "a"), 4, 4, "b")
    assert (changed.first, changed.last, changed.lines_kept) == (4, 10, True)
    assert changed.untouched(3) and changed.untouched(11) and not changed.untouched(6)
    assert not note_change(changed, 20, 21, "").untouched(30)  # a joined line: what follows moved
    whole = note_change(changed, None, 0, "type: command\n")
    assert not any(whole.untouched(line) for line in range(50))
