"""The YAML core: text in, a position-aware tree plus problems out. It never raises.

Why PyYAML's event stream and our own composer (see ARCHITECTURE.md for the figures):
libyaml's C scanner/parser is ~15x faster than ruamel.yaml's, and it reads YAML 1.1
exactly as azure-ai-ml does (`yes` is a boolean, `0755` is octal). Composing the events
ourselves, with an explicit stack instead of recursion, lets us keep a tree after a syntax
error, keep the position of every alias, see duplicate keys, and bound depth and alias
expansion.

Offsets are indices into the decoded text (code points), end exclusive.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterator

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

try:  # the C parser is what makes re-parsing on every keystroke cheap
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml on every platform we support
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# Bounds against hostile input. A real job file nests about ten levels deep and expands
# to a few thousand nodes; these leave ample room while keeping every walk bounded.
MAX_DEPTH = 200
MAX_EXPANDED_NODES = 200_000

ERROR = "error"
WARNING = "warning"
INFO = "information"

STR_TAG = "tag:yaml.org,2002:str"
# The tag given to nodes whose own tag was refused (already reported): nothing checks them.
UNSAFE_TAG = "!refused"
MERGE_TAG = "tag:yaml.org,2002:merge"
_SAFE_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "binary", "merge", "map", "seq", "omap", "pairs", "set", "value")
}


@dataclass(slots=True)
class Problem:
    """Something wrong in a document: a plain-data diagnostic (offsets, not LSP positions)."""

    start: int
    end: int
    severity: str
    code: str
    message: str
    # What a quick fix needs (e.g. {"replace": "compute"} for a misspelled key).
    data: dict | None = None


class Node:
    __slots__ = ("start", "end", "tag", "anchor")

    def __init__(self, start: int, end: int, tag: str | None = None, anchor: str | None = None):
        self.start = start
        self.end = end
        self.tag = tag
        self.anchor = anchor

    kind = "node"


class Scalar(Node):
    """A scalar; `value` is what a YAML 1.1 safe loader makes of it, `text` the source value."""

    __slots__ = ("value", "text", "style")
    kind = "scalar"

    def __init__(self, start, end, value, text, style, tag=None, anchor=None):
        # Attributes set here rather than through Node.__init__: a big file has tens of
        # thousands of scalars and this is the parser's hot path.
        self.start = start
        self.end = end
        self.tag = tag
        self.anchor = anchor
        self.value = value
        self.text = text
        self.style = style

    def __repr__(self) -> str:
        return f"Scalar({self.value!r}@{self.start}-{self.end})"


class Mapping(Node):
    __slots__ = ("pairs", "flow")
    kind = "mapping"

    def __init__(self, start, end, flow=False, tag=None, anchor=None):
        super().__init__(start, end, tag, anchor)
        self.pairs: list[tuple[Node, Node]] = []
        self.flow = flow

    def __repr__(self) -> str:
        return f"Mapping({len(self.pairs)} pairs@{self.start}-{self.end})"


class Sequence(Node):
    __slots__ = ("items", "flow")
    kind = "sequence"

    def __init__(self, start, end, flow=False, tag=None, anchor=None):
        super().__init__(start, end, tag, anchor)
        self.items: list[Node] = []
        self.flow = flow

    def __repr__(self) -> str:
        return f"Sequence({len(self.items)} items@{self.start}-{self.end})"


class Alias(Node):
    """`*name`; `target` is the anchored node, or None when the anchor is undefined."""

    __slots__ = ("name", "target")
    kind = "alias"

    def __init__(self, start, end, name, target):
        super().__init__(start, end)
        self.name = name
        self.target = target


def resolve(node: Node | None) -> Node | None:
    """Follow an alias to the node it names (aliases never chain: targets are never aliases)."""
    return node.target if isinstance(node, Alias) else node


def key_text(node: Node) -> str:
    """The text a mapping key stands for, for lookups and messages."""
    if node.__class__ is Scalar:  # the hot path: every key of every walk
        value = node.value  # type: ignore[attr-defined]
        return node.text if value.__class__ is str else str(value)  # type: ignore[attr-defined]
    node = resolve(node)
    if isinstance(node, Scalar):
        return node.text if isinstance(node.value, str) else str(node.value)
    return "<complex key>"


@dataclass
class Document:
    text: str
    root: Node | None
    problems: list[Problem] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)
    had_content: bool = False  # anything but comments and blanks

    # --- positions -------------------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both from 0, of an offset."""
        line = bisect_right(self.line_starts, offset) - 1
        return line, offset - self.line_starts[line]

    def offset(self, line: int, column: int) -> int:
        if line >= len(self.line_starts):
            return len(self.text)
        start = self.line_starts[line]
        end = self.line_starts[line + 1] - 1 if line + 1 < len(self.line_starts) else len(self.text)
        return min(start + column, end)

    # --- navigation ------------------------------------------------------------------------
    def get(self, *path: str | int) -> Node | None:
        """The node at a path of keys and indexes from the root, or None."""
        node = resolve(self.root)
        for step in path:
            if isinstance(node, Mapping) and isinstance(step, str):
                node = resolve(lookup(node, step))
            elif isinstance(node, Sequence) and isinstance(step, int) and 0 <= step < len(node.items):
                node = resolve(node.items[step])
            else:
                return None
        return node


def lookup(node: Node | None, key: str) -> Node | None:
    """The value of `key` in a mapping (None when `node` is not one), taking merge keys into
    account; the last one wins among duplicates, as with PyYAML."""
    mapping = resolve(node)
    if not isinstance(mapping, Mapping):
        return None
    found = None
    for k, v in entries(mapping):
        if key_text(k) == key:
            found = v
    return found


def key_nodes(node: Node | None) -> dict[str, Node]:
    """The keys of a mapping as a loader sees them (merge keys expanded), name -> key node;
    empty when `node` is not a mapping."""
    mapping = resolve(node)
    if not isinstance(mapping, Mapping):
        return {}
    return {key_text(k): k for k, _ in entries(mapping)}


def key_path(root: Node | None, offset: int) -> tuple[str | int, ...]:
    """The keys (and list indexes) from the top of a document down to the node at `offset`:
    where a problem is, as a path (`("inputs", "data", "mode")`); `()` for the top."""
    path: list[str | int] = []
    node = resolve(root)
    while True:
        if isinstance(node, Mapping):
            for k, v in node.pairs:
                if k.start <= offset < max(k.end, k.start + 1):
                    return (*path, key_text(k))
                if v.start <= offset < max(v.end, v.start + 1):
                    path.append(key_text(k))
                    node = v
                    break
            else:
                return tuple(path)
        elif isinstance(node, Sequence):
            for i, item in enumerate(node.items):
                if item.start <= offset < max(item.end, item.start + 1):
                    path.append(i)
                    node = item
                    break
            else:
                return tuple(path)
        else:  # a scalar, or an alias (its target lies elsewhere in the text)
            return tuple(path)


def is_null(node: Node | None) -> bool:
    """An empty value (`key:`, `~`, `null`)."""
    node = resolve(node)
    return isinstance(node, Scalar) and node.value is None


def content_end(node: Node, text: str) -> int:
    """Where a node's own text ends (a block collection's end mark lies after the comments
    that follow it; this does not)."""
    while True:
        if isinstance(node, Mapping) and not node.flow and node.pairs:
            node = node.pairs[-1][1]
        elif isinstance(node, Sequence) and not node.flow and node.items:
            node = node.items[-1]
        elif isinstance(node, Scalar) and node.style in ("|", ">"):
            end = node.end  # a block scalar's range runs to the start of the next line
            while end > node.start and text[end - 1] == "\n":
                end -= 1
            return end
        else:
            return node.end


def entries(mapping: Mapping) -> list[tuple[Node, Node]]:
    """The key/value pairs of a mapping as a YAML 1.1 loader sees them: `<<` merge keys
    expanded (explicit keys win over merged ones)."""
    if not any(isinstance(k, Scalar) and k.tag == MERGE_TAG for k, _ in mapping.pairs):
        return mapping.pairs
    own = [(k, v) for k, v in mapping.pairs if not (isinstance(k, Scalar) and k.tag == MERGE_TAG)]
    own_keys = {key_text(k) for k, _ in own}
    merged: list[tuple[Node, Node]] = []
    for k, v in mapping.pairs:
        if not (isinstance(k, Scalar) and k.tag == MERGE_TAG):
            continue
        v = resolve(v)
        sources = [resolve(x) for x in v.items] if isinstance(v, Sequence) else [v]
        for src in sources:
            if isinstance(src, Mapping) and src is not mapping:
                for mk, mv in entries(src):
                    name = key_text(mk)
                    if name not in own_keys:
                        own_keys.add(name)
                        merged.append((mk, mv))
    return merged + own


class ExpansionBudget:
    """Counts nodes visited through aliases so that `&a [*a, *a, ...]` bombs stay bounded."""

    def __init__(self, limit: int = MAX_EXPANDED_NODES):
        self.left = limit
        self.exceeded = False

    def spend(self) -> bool:
        self.left -= 1
        if self.left < 0:
            self.exceeded = True
        return not self.exceeded


def to_data(node: Node | None, budget: ExpansionBudget | None = None) -> Any:
    """Plain Python data, as `yaml.safe_load` would give it (merge keys applied, aliases
    expanded within the budget; past it, the rest is left out)."""
    budget = budget or ExpansionBudget()
    node = resolve(node)
    if node is None or not budget.spend():
        return None
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [to_data(item, budget) for item in node.items]
    if isinstance(node, Mapping):
        out: dict[Any, Any] = {}
        for k, v in entries(node):
            key = resolve(k)
            key_value = key.value if isinstance(key, Scalar) else key_text(k)
            try:
                hash(key_value)
            except TypeError:
                key_value = key_text(k)
            out[key_value] = to_data(v, budget)
        return out
    return None


def walk(node: Node | None) -> Iterator[Node]:
    """Every node written in the text (aliases not followed), depth first, without recursion."""
    stack = [node] if node is not None else []
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, Mapping):
            for k, v in reversed(n.pairs):
                stack.append(v)
                stack.append(k)
        elif isinstance(n, Sequence):
            stack.extend(reversed(n.items))


# --- parsing -------------------------------------------------------------------------------

_resolver = Resolver()
_constructor = SafeConstructor()


def _scalar_value(text: str, tag: str, problems: list[Problem], start: int, end: int) -> Any:
    if tag == STR_TAG or tag == MERGE_TAG:
        return text
    try:
        return _constructor.construct_object(yaml.ScalarNode(tag, text), deep=True)
    except Exception as exc:  # e.g. `!!int abc`: the SDK's loader would refuse it too
        problems.append(Problem(start, end, ERROR, "yaml-syntax", f"Cannot read {text!r} as {tag.rsplit(':', 1)[-1]}: {exc}"))
        return text


def decode(source: bytes) -> tuple[str, list[Problem]]:
    """Bytes to text. Invalid UTF-8 is reported and replaced (U+FFFD) so the rest still parses."""
    problems: list[Problem] = []
    if source.startswith(b"\xef\xbb\xbf"):
        source = source[3:]
    elif source.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return source.decode("utf-16"), problems
        except UnicodeDecodeError:
            pass
    try:
        return source.decode("utf-8"), problems
    except UnicodeDecodeError as exc:
        text = source.decode("utf-8", errors="replace")
        prefix = source[: exc.start].decode("utf-8", errors="replace")
        at = len(prefix)
        problems.append(
            Problem(at, at + 1, ERROR, "invalid-encoding", f"The file is not valid UTF-8: byte 0x{source[exc.start]:02x} at byte offset {exc.start} cannot be decoded")
        )
        return text, problems


# What YAML 1.1 (and libyaml) refuses: C0 controls but tab/LF/CR, DEL, C1 controls but NEL,
# surrogates and the two non-characters U+FFFE/U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean_controls(text: str, problems: list[Problem]) -> str:
    """Replace characters YAML forbids by spaces (keeping every offset), reporting the first."""
    first = _FORBIDDEN.search(text)
    if first is None:
        return text
    i = first.start()
    cleaned, count = _FORBIDDEN.subn(" ", text)
    message = f"Character U+{ord(text[i]):04X} is not allowed in YAML (binary data?)"
    if count > 1:
        message += f"; {count} such characters in the file"
    problems.append(Problem(i, i + 1, ERROR, "invalid-character", message))
    return cleaned


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _syntax_message(exc: yaml.YAMLError, text: str, at: int) -> str:
    ch = text[at] if at < len(text) else ""
    if ch == "\t":
        return "Tab characters cannot indent YAML; use spaces"
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    msg = problem[0].upper() + problem[1:] if problem else "Invalid YAML"
    if context:
        msg += f" ({context})"
    return msg


def parse(source: str | bytes) -> Document:
    """Parse a job file. Never raises: whatever the input, a Document with problems comes back."""
    problems: list[Problem] = []
    if isinstance(source, (bytes, bytearray, memoryview)):
        text, problems = decode(bytes(source))
    else:
        text = source
    # PyYAML treats a lone CR, NEL, LS and PS as line breaks; we only split on LF, so the
    # tree's offsets stay simple. CR before LF is kept (it ends up inside line ranges).
    doc = Document(text=text, root=None, problems=problems, line_starts=_line_starts(text))
    unreadable = text.count("\ufffd") + len(_FORBIDDEN.findall(text, 0, 65536))
    if unreadable > max(8, len(text[:65536]) // 100):
        # Binary data: every line would be an error; one message says it all.
        problems[:] = [Problem(0, 0, ERROR, "invalid-encoding", f"This is not a YAML text file: {unreadable} of its first {min(len(text), 65536):,} characters are not readable text")]
        return doc
    try:
        _compose(doc, _clean_controls(text, problems))
    except Exception as exc:  # last line of defence: the core must not raise
        problems.append(Problem(0, 0, ERROR, "internal-error", f"Internal error while reading YAML: {type(exc).__name__}: {exc}"))
    return doc


def _compose(doc: Document, text: str) -> None:
    problems = doc.problems
    anchors: dict[str, Node] = {}
    # Each entry: [container, pending key or None]
    stack: list[list[Any]] = []
    documents = 0
    skip_depth = 0  # > 0 while skipping a subtree that is nested too deep
    root: Node | None = None
    plain_cache: dict[str, tuple[str, Any]] = {}

    def add(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        top = stack[-1]
        container = top[0]
        if isinstance(container, Sequence):
            container.items.append(node)
        elif top[1] is None:
            top[1] = node
        else:
            container.pairs.append((top[1], node))
            top[1] = None

    def tag_of(ev) -> str | None:
        tag = ev.tag
        if tag and tag != "!" and tag not in _SAFE_TAGS:
            problems.append(
                Problem(ev.start_mark.index, ev.end_mark.index, ERROR, "unsafe-tag", f"The tag {tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: Azure ML reads job files with a safe loader, which refuses it")
            )
            return UNSAFE_TAG
        return tag

    loader = _Loader(text)
    try:
        while True:
            ev = loader.get_event()
            if ev is None:
                break
            cls = type(ev)
            if cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(
                        Problem(ev.start_mark.index, ev.start_mark.index + 3, ERROR, "multiple-documents", "A job file holds one YAML document; this second one is not read")
                    )
                    break
                continue
            if cls in (yaml.StreamStartEvent, yaml.DocumentEndEvent, yaml.StreamEndEvent):
                continue
            start, end = ev.start_mark.index, ev.end_mark.index
            if skip_depth:
                if cls in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                    skip_depth += 1
                elif cls in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                    skip_depth -= 1
                continue
            if cls is yaml.ScalarEvent:
                tag = tag_of(ev) if ev.tag is not None else None
                if tag is None and ev.implicit[0]:
                    # Plain scalars repeat a lot (keys, `true`, modes): resolve each text once.
                    cached = plain_cache.get(ev.value)
                    if cached is None:
                        before = len(problems)
                        tag = _resolver.resolve(yaml.ScalarNode, ev.value, (True, False))
                        cached = (tag, _scalar_value(ev.value, tag, problems, start, end))
                        if len(problems) == before:  # a value that failed is reported at each place
                            plain_cache[ev.value] = cached
                    tag, value = cached
                else:
                    if tag is None or tag == "!":
                        tag = STR_TAG
                    value = ev.value if tag == UNSAFE_TAG else _scalar_value(ev.value, tag, problems, start, end)
                node = Scalar(start, end, value, ev.value, ev.style, tag, ev.anchor)
                if ev.anchor:
                    anchors[ev.anchor] = node
                add(node)
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    problems.append(Problem(start, start + 1, ERROR, "too-deep", f"Nesting deeper than {MAX_DEPTH} levels is not read"))
                    skip_depth = 1
                    continue
                node_cls = Mapping if cls is yaml.MappingStartEvent else Sequence
                stack.append([node_cls(start, end, bool(ev.flow_style), tag_of(ev), ev.anchor), None])
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                node = stack.pop()[0]
                node.end = end
                if cls is yaml.MappingEndEvent and len(node.pairs) > 1:
                    _check_duplicate_keys(doc, node)
                if node.anchor:  # registered once complete: an alias inside its own anchor is refused
                    anchors[node.anchor] = node
                add(node)
            elif cls is yaml.AliasEvent:
                target = anchors.get(ev.anchor)
                if target is None:
                    in_progress = any(entry[0].anchor == ev.anchor for entry in stack)
                    why = "refers to a node that contains it" if in_progress else "is not defined before this point"
                    problems.append(Problem(start, end, ERROR, "undefined-alias", f"The alias *{ev.anchor} {why}"))
                add(Alias(start, end, ev.anchor, target))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        at = min(mark.index, len(text)) if mark is not None else len(text)
        end_at = at + 1 if at < len(text) and text[at] != "\n" else at
        message = _syntax_message(exc, text, at)
        # Newer libyaml builds bound nesting themselves; it is the same refusal as ours.
        code = "too-deep" if "nesting depth" in message else "yaml-syntax"
        if not (code == "too-deep" and any(p.code == code for p in problems)):
            problems.append(Problem(at, end_at, ERROR, code, message))
        # Keep what was read: close the open containers at the error.
        while stack:
            node = stack.pop()[0]
            node.end = max(node.start, at)
            add(node)
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose:
            dispose()
    doc.root = root
    doc.had_content = root is not None


def _check_duplicate_keys(doc: Document, node: Mapping) -> None:
    seen: dict[str, Node] = {}
    for k, _ in node.pairs:
        if isinstance(k, Scalar) and k.tag == MERGE_TAG:
            continue
        name = key_text(k)
        if name in seen:
            first_line = doc.position(seen[name].start)[0] + 1
            doc.problems.append(  # a warning: Azure ML accepts the file, keeping the last
                Problem(k.start, k.end, WARNING, "duplicate-key", f"Duplicate key `{name}` (first on line {first_line}): a YAML loader keeps only the last one and silently drops the other")
            )
        seen[name] = k


def is_date(value: Any) -> bool:
    return isinstance(value, (datetime.date, datetime.datetime))
