"""The cursor reading of job_lsp/context.py as it was before it read only the lines it needs
(issue 11), kept as the oracle that tests/test_context_lines.py compares the new one with.
Test code only; not maintained beyond that comparison."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from job_lsp.context import _KEY, _LINE, ITEM, Context, _strip_comment


@dataclass
class Line:
    number: int
    indent: int
    key_col: int
    dash_cols: list[int]
    key: str | None
    value: str | None
    blank: bool


def read_lines(text: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(text.split("\n")):
        raw = raw.rstrip("\r")
        m = _LINE.match(raw)
        assert m is not None
        indent = len(m.group("indent"))
        dashes = m.group("dashes")
        rest = m.group("rest")
        dash_cols = [indent + i for i, ch in enumerate(dashes) if ch == "-"]
        key_col = indent + len(dashes)
        stripped = rest.strip()
        blank = not stripped or stripped.startswith("#")
        key = value = None
        km = _KEY.match(rest)
        if km and not blank:
            key = km.group("key").strip().strip("\"'")
            value = km.group("value")
            if value is not None:
                value = _strip_comment(value).strip() or None
        lines.append(Line(number, indent if not blank else -1, key_col, dash_cols, key, value, blank))
    return lines


@dataclass
class Level:
    """One mapping (or list) on the way from the top to the cursor."""

    key: object  # the key that leads into it (str), ITEM for a list item, None for the top
    siblings: dict[str, str | None] = field(default_factory=dict)  # its keys and their scalar texts


_read: dict[str, list[Line]] = {}


def cursor_context(text: str, line: int, column: int) -> Context:
    # The lines of the last text, kept: the test asks about every position of each file.
    lines = _read.get(text)
    if lines is None:
        _read.clear()
        lines = _read[text] = read_lines(text)
    if line >= len(lines):
        line = len(lines) - 1
    current = text.split("\n")[line].rstrip("\r") if lines else ""
    before = current[:column]
    m = _LINE.match(before)
    assert m is not None
    indent = len(m.group("indent"))
    dashes = m.group("dashes")
    rest = m.group("rest")
    list_item = bool(dashes)
    key_col = indent + len(dashes)
    if not before.strip() and not list_item:
        key_col = column  # an empty line: the cursor's column says where the key goes
    km = re.match(r"^(?P<key>[^\s#:][^#:]*?)\s*:\s?(?P<value>.*)$", rest)
    if km:
        in_value, key, prefix = True, km.group("key").strip().strip("\"'"), km.group("value")
        prefix_start = column - len(prefix)
    else:
        in_value, key, prefix, prefix_start = False, None, rest, key_col
    path = _ancestors(lines, line, key_col, list_item and not in_value)
    if list_item and not km:
        # `- ` then text: an item of the list whose key is the parent; a value, not a key
        # (unless the item is itself a mapping being started, which the user shows with `key:`).
        return Context(path, True, None, prefix, prefix_start, True, column, line)
    # The cursor's own mapping: its siblings are the lines at the same key column.
    path[-1].siblings = _siblings(lines, line, key_col)
    return Context(path, in_value, key, prefix.strip() if in_value else prefix, prefix_start, list_item, column, line)


def _ancestors(lines: list[Line], line: int, col: int, in_item: bool) -> list[Level]:
    """The chain of mappings and list items above a position whose key would start at `col`."""
    chain: list[Level] = []
    limit = col
    for l in reversed(lines[:line]):
        if l.blank or limit == 0:
            continue
        if l.dash_cols and l.dash_cols[0] < limit:
            # The position is inside the list item that starts on this line.
            if l.key is not None and l.key_col < limit and l.value is None:
                chain.append(Level(l.key, _siblings(lines, l.number + 1, _child_col(lines, l))))
            chain.append(Level(ITEM, _siblings(lines, l.number, l.key_col) if l.key is not None else {}))
            limit = l.dash_cols[0]
        elif l.key_col < limit and l.key is not None and l.value is None:
            chain.append(Level(l.key, _siblings(lines, l.number + 1, _child_col(lines, l))))
            limit = l.key_col
    chain.append(Level(None, _siblings(lines, 0, 0)))
    chain.reverse()
    return chain


def _child_col(lines: list[Line], parent: Line) -> int:
    """The key column of the block under a `key:` line (-1 if it has none yet)."""
    for l in lines[parent.number + 1 :]:
        if l.blank:
            continue
        return l.key_col if (l.key_col > parent.key_col or l.dash_cols) else -1
    return -1


def _siblings(lines: list[Line], start: int, col: int) -> dict[str, str | None]:
    """The keys (and their scalar texts) written at column `col` in the block holding line
    `start`: the block runs up and down until a line less indented, or a new list item."""
    if col < 0 or not lines:
        return {}
    start = min(start, len(lines) - 1)
    first = start
    for i in range(start - 1, -1, -1):
        l = lines[i]
        if l.blank:
            continue
        if l.dash_cols and l.dash_cols[-1] < col:
            if l.key_col == col:
                first = i  # the item's first key, on its dash line
            break
        if l.key_col < col:
            break
        first = i
    found: dict[str, str | None] = {}
    for l in lines[first:]:
        if l.blank:
            continue
        if l.number > first and ((l.dash_cols and l.dash_cols[-1] < col) or l.key_col < col):
            break
        if l.key_col == col and l.key is not None:
            found.setdefault(l.key, l.value)
    return found
