"""Where the cursor is, in terms of the model: which mapping it is in, which key or value it
is typing, and what kind of value is expected there.

Completion runs on half-typed text that often is not valid YAML, so the cursor's place is
read from the lines themselves (indentation, `key:`, `- `), not from the parsed tree. The
kind at that place is then found by walking the model along the path of keys, choosing
union branches from the sibling values written in the text (`type: pytorch`...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import TOP_LEVEL
from .model.entity import Entity
from .model.fields import Kind, ListOf, MapOf, Obj, Union

ITEM = object()  # a path step into a list item

_LINE = re.compile(r"^(?P<indent>[ ]*)(?P<dashes>(?:-[ ]+)*)(?P<rest>.*)$")
_KEY = re.compile(r"""^(?P<key>[^\s#'"{}\[\],&*!|>%@`][^#:]*?|"[^"]*"|'[^']*')\s*:(?:\s+(?P<value>.*)|$)""")


@dataclass
class Line:
    number: int
    indent: int  # column of the first non-blank character
    key_col: int  # column of the key (after any `- `), or of the value for a bare list item
    dash_cols: list[int]
    key: str | None
    value: str | None  # the text after `key:` (None when nothing follows the colon)
    blank: bool  # blank or comment only


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


def _strip_comment(value: str) -> str:
    at = value.find(" #")
    return value if at == -1 else value[:at]


@dataclass
class Level:
    """One mapping (or list) on the way from the top to the cursor."""

    key: object  # the key that leads into it (str), ITEM for a list item, None for the top
    siblings: dict[str, str | None] = field(default_factory=dict)  # its keys and their scalar texts


@dataclass
class Context:
    """What is being typed at a position (line and column from 0, in code points)."""

    path: list[Level]  # from the top level to the mapping the cursor is in
    in_value: bool  # typing a value (after `key: `) rather than a key
    key: str | None  # the key whose value is typed (in_value), else None
    prefix: str  # what is already typed of the key or value
    prefix_start: int  # column where the typed key or value starts
    list_item: bool  # typing a `- ` item of a list
    column: int  # the cursor's column
    line: int


def cursor_context(text: str, line: int, column: int) -> Context:
    lines = read_lines(text)
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


# --- the model at a path ----------------------------------------------------------------------


def _scalar(text: str | None) -> str | None:
    if text is None:
        return None
    return text.strip().strip("\"'") or None


def resolve(kind: Kind, siblings: dict[str, str | None]) -> Kind:
    """Choose a union's branch from the keys and values written beside the cursor."""
    seen = 0
    while isinstance(kind, Union) and seen < 10:
        seen += 1
        if kind.discriminator:
            branch, _ = kind.select(_scalar(siblings.get(kind.discriminator)), set(siblings))
            if branch is None:  # unknown or missing: the default, else the first branch
                by_tag = kind.by_tag()
                branch = by_tag.get(kind.default or "") or next(iter(by_tag.values()))
            kind = branch
        else:
            mapping = [b for b in kind.branches if isinstance(b, (Obj, MapOf)) or (isinstance(b, Union) and b.discriminator)]
            if not mapping:
                return kind
            kind = mapping[0]
    return kind


def kind_at(path: list[Level]) -> tuple[Kind | None, Kind | None]:
    """The kind of the mapping (or list) at the end of `path`, before and after choosing a
    union's branch (None where the model has nothing: a key it does not know)."""
    raw: Kind | None = TOP_LEVEL
    kind: Kind | None = resolve(TOP_LEVEL, path[0].siblings)
    for level in path[1:]:
        raw = value_kind(kind, level.key) if kind is not None else None
        if raw is None:
            return None, None
        kind = resolve(raw, level.siblings)
    return raw, kind


def value_kind(container: Kind, key: object) -> Kind | None:
    """The kind of the value under `key` (ITEM: a list's items) of a resolved container."""
    if key is ITEM:
        return container.item if isinstance(container, ListOf) else None
    if isinstance(container, Obj):
        f = container.entity.fields().get(str(key))
        return f.kind if f is not None else None
    if isinstance(container, MapOf):
        return container.value
    return None


def entity_of(kind: Kind | None) -> type[Entity] | None:
    return kind.entity if isinstance(kind, Obj) else None
