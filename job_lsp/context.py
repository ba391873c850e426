"""Where the cursor is, in terms of the model: which mapping it is in, which key or value it
is typing, and what kind of value is expected there.

Completion runs on half-typed text that often is not valid YAML, so the cursor's place is
read from the lines themselves (indentation, `key:`, `- `), not from the parsed tree. The
kind at that place is then found by walking the model along the path of keys, choosing
union branches from the sibling values written in the text (`type: pytorch`...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from dataclasses import dataclass

from .model import TOP_LEVEL
from .model.entity import Entity
from .model.fields import Kind, ListOf, MapOf, Obj, Union

ITEM = object()  # a path step into a list item

_LINE = re.compile(r"^(?P<indent>[ ]*)(?P<dashes>(?:-[ ]+)*)(?P<rest>.*)$")
_KEY = re.compile(r"""^(?P<key>[^\s#'"{}\[\],&*!|>%@`][^#:]*?|"[^"]*"|'[^']*')\s*:(?:\s+(?P<value>.*)|$)""")


@dataclass
class Line:
    start: int  # offset of the line in the text
    indent: int  # column of the first non-blank character
    key_col: int  # column of the key (after any `- `), or of the value for a bare list item
    dash_cols: list[int]
    key: str | None
    value: str | None  # the text after `key:` (None when nothing follows the colon)
    blank: bool  # blank or comment only


def read_line(start: int, raw: str) -> Line:
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
    return Line(start, indent if not blank else -1, key_col, dash_cols, key, value, blank)


class Lines:
    """The text's lines, known by their start offsets and each read (`Line`) only when asked.
    Completion looks at the cursor's block and the blocks above it; the lines indented deeper
    than the block it looks at are skipped by a regular expression (C speed), not visited one
    by one, and the text is never split: on a 5,000-line pipeline a request reads a few dozen
    lines and allocates as few objects."""

    def __init__(self, text: str):
        self.text = text
        self.read: dict[int, Line] = {}
        self.last = text.rfind("\n") + 1  # the start of the last line

    def __getitem__(self, start: int) -> Line:
        line = self.read.get(start)
        if line is None:
            end = self.text.find("\n", start)
            line = self.read[start] = read_line(start, self.text[start : end if end != -1 else len(self.text)])
        return line

    def start_of(self, number: int) -> int:
        """Where line `number` (from 0) starts; the last line's start past the end."""
        text = self.text
        if number <= 0:
            return 0
        if text.count("\n") < number:
            return self.last
        # Halve the span holding the number-th newline, counting newlines (C speed) as we go.
        lo, hi, left = 0, len(text), number
        while hi - lo > 512:
            mid = (lo + hi) // 2
            found = text.count("\n", lo, mid)
            if found >= left:
                hi = mid
            else:
                left -= found
                lo = mid
        for _ in range(left):
            lo = text.find("\n", lo) + 1
        return lo

    def line(self, number: int) -> tuple[int, str]:
        """Line `number`'s start and text, without its line break (past the end: the text's
        end and "")."""
        if number > self.text.count("\n"):
            return len(self.text), ""
        start = self.start_of(number)
        stop = self.text.find("\n", start)
        return start, self.text[start : stop if stop != -1 else len(self.text)]

    def after(self, start: int) -> int | None:
        """The start of the line after the one at `start` (None for the last line)."""
        end = self.text.find("\n", start)
        return end + 1 if end != -1 else None

    def from_(self, start: int, col: int) -> Iterator[int]:
        """The lines from `start` down that are indented at most `col` (with content or a
        comment), in order: those that can open or close a block at `col`."""
        if _at_most(col).match(self.text, start):
            yield start
        for m in _after_newline_at_most(col).finditer(self.text, start):
            yield m.start() + 1

    def before(self, start: int, col: int) -> Iterator[int]:
        """The same lines above `start`, nearest first (read in growing chunks upwards)."""
        hi = start
        size = 4096
        pattern = _after_newline_at_most(col)
        while hi > 0:
            lo = self.text.rfind("\n", 0, max(0, hi - size)) + 1
            found = [m.start() + 1 for m in pattern.finditer(self.text, max(lo - 1, 0), hi)]
            yield from reversed(found)
            hi = lo
            size *= 4
        if start > 0 and _at_most(col).match(self.text, 0):
            yield 0


@lru_cache(maxsize=64)
def _at_most(col: int) -> re.Pattern[str]:
    return re.compile(rf" {{0,{col}}}[^ \r\n]")


@lru_cache(maxsize=64)
def _after_newline_at_most(col: int) -> re.Pattern[str]:
    # A leading literal lets the engine jump from newline to newline.
    return re.compile(rf"\n {{0,{col}}}[^ \r\n]")


_CONTENT = re.compile(r"^\s*[^\s#]", re.M)


def value_owner(text: str, line: int) -> tuple[int, int] | None:
    """For a line that continues a value written above it (a `|` or `>` block scalar, a plain
    or quoted scalar over several lines): the end of the `key: ...` line that value belongs
    to (line, column), where `cursor_context` reads that key. None for any other line. (YAML
    allows nothing else more indented than a `key: value` line.)"""
    lines = Lines(text)
    at = lines.start_of(line)
    own = lines[at]
    if own.blank or own.key is not None or own.dash_cols:
        return None
    limit = own.indent
    while limit > 0:
        for at in lines.before(at, limit - 1):
            above = lines[at]
            if above.blank:
                continue
            if above.key is None and not above.dash_cols:
                limit = above.indent  # an earlier line of the same value: keep going up
                break
            if above.key is None or above.value is None:
                return None  # a `key:` opening a block, or a bare list item: not a value's
            end = text.find("\n", at)
            return text.count("\n", 0, at), len(text[at : end if end != -1 else len(text)].rstrip("\r"))
        else:
            return None
    return None


def only_comments(text: str) -> bool:
    """Nothing but blank lines and comments (an empty file: completion offers whole jobs)."""
    return _CONTENT.search(text) is None


def _strip_comment(value: str) -> str:
    """A value's text without its comment (`key: # note` has no value: the comment starts it)."""
    if value.startswith("#"):
        return ""
    at = value.find(" #")
    return value if at == -1 else value[:at]


class Level:
    """One mapping (or list) on the way from the top to the cursor."""

    def __init__(self, key: object, siblings: dict[str, str | None] | Callable[[], dict[str, str | None]] | None = None):
        self.key = key  # the key that leads into it (str), ITEM for a list item, None for the top
        self._siblings = siblings if siblings is not None else {}

    @property
    def siblings(self) -> dict[str, str | None]:
        """Its keys and their scalar texts, read from the text when first asked."""
        if callable(self._siblings):
            self._siblings = self._siblings()
        return self._siblings

    @siblings.setter
    def siblings(self, value: dict[str, str | None] | Callable[[], dict[str, str | None]]) -> None:
        self._siblings = value

    def __repr__(self) -> str:
        return f"Level({self.key!r}, {self.siblings!r})"


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
    lines = Lines(text)
    here = lines.start_of(line)
    if here == lines.last:
        line = min(line, text.count("\n"))
    end = text.find("\n", here)
    current = text[here : end if end != -1 else len(text)].rstrip("\r")
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
    path = _ancestors(lines, here, key_col)
    if list_item and not km:
        # `- ` then text: an item of the list whose key is the parent; a value, not a key
        # (unless the item is itself a mapping being started, which the user shows with `key:`).
        return Context(path, True, None, prefix, prefix_start, True, column, line)
    # The cursor's own mapping: its siblings are the lines at the same key column.
    path[-1].siblings = _siblings_of(lines, here, key_col)
    return Context(path, in_value, key, prefix.strip() if in_value else prefix, prefix_start, list_item, column, line)


def _siblings_of(lines: Lines, start: int, col: int) -> Callable[[], dict[str, str | None]]:
    return lambda: _siblings(lines, start, col)


def _ancestors(lines: Lines, here: int, col: int) -> list[Level]:
    """The chain of mappings and list items above a position whose key would start at `col`;
    read upwards from the position, up to the top-level key it is under (column 0)."""
    chain: list[Level] = []
    limit = col
    at = here
    while limit > 0:
        for at in lines.before(at, limit - 1):  # the lines less indented than `limit`
            l = lines[at]
            if l.blank:
                continue
            if l.dash_cols and l.dash_cols[0] < limit:
                # The position is inside the list item that starts on this line.
                if l.key is not None and l.key_col < limit and l.value is None:
                    chain.append(Level(l.key, _siblings_of(lines, _below(lines, l), _child_col(lines, l))))
                chain.append(Level(ITEM, _siblings_of(lines, l.start, l.key_col) if l.key is not None else {}))
                limit = l.dash_cols[0]
                break
            if l.key_col < limit and l.key is not None and l.value is None:
                chain.append(Level(l.key, _siblings_of(lines, _below(lines, l), _child_col(lines, l))))
                limit = l.key_col
                break
        else:
            break  # the top of the text
    chain.append(Level(None, _siblings_of(lines, 0, 0)))
    chain.reverse()
    return chain


def _child_col(lines: Lines, parent: Line) -> int:
    """The key column of the block under a `key:` line (-1 if it has none yet)."""
    at = lines.after(parent.start)
    while at is not None:
        l = lines[at]
        if not l.blank:
            return l.key_col if (l.key_col > parent.key_col or l.dash_cols) else -1
        at = lines.after(at)
    return -1


def _below(lines: Lines, parent: Line) -> int:
    """The line after `parent` (the last line if it is the last)."""
    at = lines.after(parent.start)
    return at if at is not None else parent.start


def _siblings(lines: Lines, start: int, col: int) -> dict[str, str | None]:
    """The keys (and their scalar texts) written at column `col` in the block holding line
    `start`: the block runs up and down until a line less indented, or a new list item."""
    if col < 0:
        return {}
    # Upwards to the line that ends the block (less indented, or the dash of the list item
    # whose first key is at `col`): the block starts at the first line with content after it.
    first = start
    stop = -1
    for i in lines.before(start, col):
        l = lines[i]
        if l.blank:
            continue
        if l.dash_cols and l.dash_cols[-1] < col:
            if l.key_col == col:
                first = stop = i  # the item's first key, on its dash line
            else:
                stop = i
            break
        if l.key_col < col:
            stop = i
            break
    if first != stop:  # the first line with content after `stop`, else `start`
        at = lines.after(stop) if stop != -1 else 0
        while at is not None and at < start and lines[at].blank:
            at = lines.after(at)
        first = at if at is not None and at < start else start
    found: dict[str, str | None] = {}
    for at in lines.from_(first, col):
        l = lines[at]
        if l.blank:
            continue
        if l.start > first and ((l.dash_cols and l.dash_cols[-1] < col) or l.key_col < col):
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


def kind_at(path: list[Level], top: Kind = TOP_LEVEL) -> tuple[Kind | None, Kind | None]:
    """The kind of the mapping (or list) at the end of `path`, before and after choosing a
    union's branch (None where the model has nothing: a key it does not know)."""
    raw: Kind | None = top
    kind: Kind | None = resolve(top, path[0].siblings)
    for level in path[1:]:
        raw = value_kind(kind, level.key) if kind is not None else None
        if raw is None:
            return None, None
        # A union's branch is chosen by the keys beside it; other kinds need no reading.
        kind = resolve(raw, level.siblings) if isinstance(raw, Union) else raw
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
