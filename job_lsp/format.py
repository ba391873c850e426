"""The one serializer: how a job looks as YAML. `format_text` lays out an existing file (its
comments, anchors and scalars kept as written); `dump_text` writes plain data by emitting it
naively and then formatting that, so a dumped job and a formatted file look the same.

Layout: block style, `indent` spaces per level, sequences indented under their key, keys of
known entities in the model's canonical order (other mappings keep the user's order), at
most one blank line in a row, no trailing spaces, one final newline.

Scalars are copied from the source text, never re-written, so their meaning cannot change;
the result is checked anyway (same data, same comments) and a file that would not survive
the trip is left as it is, with the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import yaml

from .detect import document_kind, schema_url
from .textdiff import diff_lines
from .validate import model_map
from .yamldoc import ERROR, Alias, Document, Mapping, Node, Scalar, Sequence, content_end, key_text, parse, to_data, walk

MERGE_KEY = "<<"


@dataclass(frozen=True)
class FormatOptions:
    indent: int = 2  # spaces per nesting level (2 to 8)
    reorder: bool = True  # put the keys of known entities in canonical order
    width: int = 100  # where `dump` wraps long text values; existing text is never re-wrapped
    # Reorder as a job file: when the user names the file (not found in a folder scan), it is
    # taken as a job unless its `$schema` names something else (a component...).
    assume_job: bool = True


@dataclass
class FormatResult:
    text: str
    changed: bool
    error: str | None = None  # why the file was left as it is


class Refused(Exception):
    """The file cannot be laid out without risk; it is left as it is."""


# --- comments ---------------------------------------------------------------------------------


def comments(doc: Document) -> list[str]:
    """The comments of a document, in order: every `#` outside scalars that starts the text or
    follows white space, to the end of its line."""
    covered = sorted((n.start, n.end) for n in walk(doc.root) if isinstance(n, (Scalar, Alias)) and n.end > n.start)
    text = doc.text
    found = []
    pos = 0
    gaps = []
    for start, end in covered:
        if start > pos:
            gaps.append((pos, start))
        pos = max(pos, end)
    gaps.append((pos, len(text)))
    for start, end in gaps:
        i = text.find("#", start, end)
        while i != -1:
            if i == 0 or text[i - 1] in " \t\n\r":
                line_end = text.find("\n", i)
                line_end = len(text) if line_end == -1 else line_end
                found.append(text[i:line_end].rstrip())
                i = text.find("#", line_end, end) if line_end < end else -1
            else:
                i = text.find("#", i + 1, end)
    return found


# --- layout -----------------------------------------------------------------------------------


class Layout:
    def __init__(self, doc: Document, options: FormatOptions, order: dict[int, list[str]]):
        self.doc = doc
        self.text = doc.text
        self.step = options.indent
        self.order = order  # id(mapping node) -> canonical key order, for known entities
        self.lines: list[str] = []

    # Trivia: what lies between two pieces of content: comment lines, blank lines, and the
    # rare `---` marker. Comments are re-indented to the content they precede.
    def trivia(self, start: int, end: int, indent: int) -> list[str]:
        """The lines strictly between the line of `start` (already written) and the line of
        `end` (about to be written); `start` < 0 means the beginning of the file."""
        if start < 0:
            region = "\n" + self.text[:end]
        elif end >= len(self.text):
            region = self.text[start:] + "\n"  # to the end of the file, last line included
        else:
            region = self.text[start:end]
        pieces = region.split("\n")[1:-1]
        out: list[str] = []
        for raw in pieces:
            line = raw.strip()
            if not line:
                out.append("")
            elif line.startswith("#"):
                out.append(" " * indent + line)
            else:
                out.append(line)  # `---` or a directive
        result: list[str] = []
        for line in out:
            if line == "" and result and result[-1] == "":
                continue
            result.append(line)
        return result

    def add_trivia(self, lines: list[str]) -> None:
        for line in lines:
            if line == "" and (not self.lines or self.lines[-1] == ""):
                continue
            self.lines.append(line)

    def line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end == -1 else end

    def trailing_comment(self, pos: int) -> tuple[str, int]:
        """A comment on the rest of the line from `pos` (with its leading spaces), and where
        that line ends."""
        end = self.line_end(pos)
        rest = self.text[pos:end]
        stripped = rest.strip()
        if stripped.startswith("#"):
            return rest[: len(rest) - len(rest.lstrip())] + stripped, end
        if stripped:
            raise Refused("unexpected text after a value")
        return "", pos

    def column(self, pos: int) -> int:
        return pos - (self.text.rfind("\n", 0, pos) + 1)

    def properties(self, node: Node) -> str:
        """The anchor and tag written before a block collection (`&base`, `!!map`)."""
        if node.anchor is None and node.tag in (None, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq") and not self.text[node.start : node.start + 1] in "&!":
            return ""
        head = self.text[node.start : self.line_end(node.start)]
        match = re.match(r"((?:[&!]\S*\s*)+)", head)
        return " " + match.group(1).strip() if match else ""

    # --- values --------------------------------------------------------------------------
    def scalar_lines(self, node: Node, prefix: str, indent: int, base_column: int) -> int:
        """Write a scalar, alias or flow collection after `prefix`; returns where it ended."""
        src = self.text[node.start : node.end]
        if isinstance(node, Scalar) and node.style in ("|", ">"):
            return self.block_scalar(node, prefix, indent, base_column)
        if "\n" not in src:
            comment, end = self.trailing_comment(node.end)
            self.lines.append(f"{prefix}{src}{comment}".rstrip())
            return max(end, node.end)
        parts = src.split("\n")
        self.lines.append(f"{prefix}{parts[0]}".rstrip())
        if isinstance(node, Scalar):
            # Folded lines of a plain or quoted scalar: their leading spaces are not content.
            for part in parts[1:]:
                self.lines.append((" " * (indent + self.step) + part.strip()).rstrip() if part.strip() else "")
        else:
            # A flow collection over several lines: keep its shape, shifted with its key.
            shift = indent - base_column
            for part in parts[1:]:
                self.lines.append(_shift(part, shift).rstrip())
        comment, end = self.trailing_comment(node.end)
        if comment:
            self.lines[-1] += comment
        return max(end, node.end)

    def block_scalar(self, node: Scalar, prefix: str, indent: int, base_column: int) -> int:
        src = self.text[node.start : node.end]
        header, _, body = src.partition("\n")
        self.lines.append(f"{prefix}{header.rstrip()}")
        lines = body.split("\n")
        indicator = re.match(r"^\S*?([|>])([0-9+-]*)", header.strip())
        flags = indicator.group(2) if indicator else ""
        keep = "+" in flags
        if not keep:
            while lines and not lines[-1].strip():
                lines.pop()
        elif lines and lines[-1] == "":
            lines.pop()  # the split leaves one empty piece after the last line break
        content = [ln for ln in lines if ln.strip()]
        if any(ch.isdigit() for ch in flags):
            shift = indent - base_column  # an explicit indentation is relative to the key
        else:
            first = min((len(ln) - len(ln.lstrip(" ")) for ln in content[:1]), default=0)
            shift = indent + self.step - first
        for ln in lines:
            self.lines.append(_shift(ln, shift) if ln.strip() else ln[:0])
        return content_end(node, self.text)

    def value(self, key_prefix: str, node: Node, indent: int, base_column: int) -> int:
        """Write `key_prefix` (e.g. `  name:`) followed by the value; returns where it ended."""
        if isinstance(node, Scalar) and node.value is None and node.start == node.end:
            comment, end = self.trailing_comment(node.end)
            self.lines.append(f"{key_prefix}{comment}")
            return max(end, node.end)
        if isinstance(node, Mapping) and not node.flow and node.pairs:
            comment, end = self.trailing_comment(self.after_properties(node))
            self.lines.append(f"{key_prefix}{self.properties(node)}{comment}")
            return self.mapping(node, indent + self.step, None, end)
        if isinstance(node, Sequence) and not node.flow and node.items:
            comment, end = self.trailing_comment(self.after_properties(node))
            self.lines.append(f"{key_prefix}{self.properties(node)}{comment}")
            return self.sequence(node, indent + self.step, None, end)
        return self.scalar_lines(node, key_prefix + " ", indent, base_column)

    def after_properties(self, node: Node) -> int:
        """Where the line holding a block collection's key (and properties) continues."""
        if self.properties(node):
            head = self.text[node.start : self.line_end(node.start)]
            match = re.match(r"((?:[&!]\S*\s*)+)", head)
            return node.start + (len(match.group(1).rstrip()) if match else 0)
        return self.key_line_rest

    # --- collections ---------------------------------------------------------------------
    def mapping(self, node: Mapping, indent: int, first_prefix: str | None, opened: int) -> int:
        """Write a block mapping's entries at `indent` (the first after `first_prefix`, for a
        mapping that starts on a `- ` line). `opened`: where the text before it ended."""
        entries = []
        previous = opened
        for key, value in node.pairs:
            if not isinstance(key, Scalar) or "\n" in self.text[key.start : key.end]:
                raise Refused("a complex mapping key")
            entries.append((previous, key, value))
            previous = content_end(value, self.text) if value.end > value.start else key.end
        if opened < 0 and entries:
            # The file's header (comments, a modeline, `---`) stays on top whatever moves.
            self.add_trivia(self.trivia(-1, entries[0][1].start, indent))
            entries[0] = (None, entries[0][1], entries[0][2])
        rank = self.order.get(id(node))
        if rank is not None:
            position = {name: i for i, name in enumerate(rank)}
            entries.sort(key=lambda e: (0 if key_text(e[1]) == MERGE_KEY else 1, position.get(key_text(e[1]), len(position))))
        end = opened
        for i, (before, key, value) in enumerate(entries):
            if before is not None and (i > 0 or first_prefix is None):
                self.add_trivia(self.trivia(before, key.start, indent))
            prefix = first_prefix if (i == 0 and first_prefix is not None) else " " * indent
            colon = self.text.find(":", key.end)
            self.key_line_rest = colon + 1
            end = max(end, self.value(f"{prefix}{self.text[key.start:key.end]}:", value, indent, self.column(key.start)))
        return end

    def sequence(self, node: Sequence, indent: int, first_prefix: str | None, opened: int) -> int:
        previous = opened
        end = opened
        for i, item in enumerate(node.items):
            dash = self.text.rfind("-", previous, item.start if item.end > item.start else item.start + 1)
            if dash == -1:
                raise Refused("a sequence item without its dash")
            if i > 0 or first_prefix is None:
                self.add_trivia(self.trivia(previous, dash, indent))
            prefix = first_prefix if (i == 0 and first_prefix is not None) else " " * indent + "- "
            if isinstance(item, Mapping) and not item.flow and item.pairs and not self.properties(item):
                if self.text.count("\n", dash, item.pairs[0][0].start):
                    raise Refused("a list item whose mapping starts on the next line")
                end = self.mapping(item, indent + 2, prefix, dash + 1)
            elif isinstance(item, Sequence) and not item.flow and item.items and not self.properties(item):
                end = self.sequence(item, indent + 2, prefix, dash + 1)
            elif isinstance(item, Scalar) and item.value is None and item.start == item.end:
                comment, end = self.trailing_comment(dash + 1)
                self.lines.append(f"{prefix.rstrip()}{comment}")
            elif isinstance(item, (Mapping, Sequence)) and not item.flow:
                raise Refused("a list item with an anchor on a block collection")
            else:
                end = self.scalar_lines(item, prefix, indent, self.column(dash))
            previous = max(end, content_end(item, self.text))
        return end

    def document(self) -> str:
        root = self.doc.root
        if not isinstance(root, Mapping) or root.flow:
            raise Refused("the top level is not a block mapping")
        self.key_line_rest = 0
        end = self.mapping(root, 0, None, -1)
        # Comments after the last entry.
        tail = self.trivia(max(end, content_end(root, self.text)), len(self.text), 0)
        self.add_trivia(tail)
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def _shift(line: str, by: int) -> str:
    if by >= 0:
        return " " * by + line
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(-by, spaces) :]


# --- canonical order --------------------------------------------------------------------------


def canonical_orders(entities: dict[int, type]) -> dict[int, list[str]]:
    """For every mapping the model knows (a job, its resources, an input...): its keys'
    canonical order. Maps of free names (inputs, tags, jobs) keep the user's order."""
    return {node_id: list(entity.fields(yaml_only=True)) for node_id, entity in entities.items()}


# --- entry points ------------------------------------------------------------------------------


def format_text(text: str, options: FormatOptions | None = None, doc: Document | None = None, entities: dict[int, type] | None = None) -> FormatResult:
    """Lay out a job file. Never raises; a file that cannot be formatted safely comes back
    unchanged with `error` saying why. `doc` (the parse of `text`) and `entities` (the model's
    walk of it: `validate.model_map(doc).entities`) are reused when the caller has them."""
    options = options or FormatOptions()
    if not 2 <= options.indent <= 8:
        return FormatResult(text, False, "indent must be between 2 and 8")
    crlf = "\r\n" in text
    source = text.replace("\r\n", "\n") if crlf else text
    try:
        if doc is None or crlf:  # the core reads LF lines: a CRLF text is parsed as LF here
            doc, entities = parse(source), None
        blocking = [p for p in doc.problems if p.severity == ERROR]
        if blocking:
            line = doc.position(blocking[0].start)[0] + 1
            return FormatResult(text, False, f"not formatted: line {line}: {blocking[0].message}")
        if doc.root is None:
            return FormatResult(text, False, None)
        duplicates = any(p.code == "duplicate-key" for p in doc.problems)
        # Job, component and schedule files have a canonical order (each its own); other
        # YAML (conda files, MLTable...) keeps its own.
        ours = document_kind(doc) is not None or (options.assume_job and schema_url(doc) is None)
        if options.reorder and not duplicates and ours:
            orders = canonical_orders(entities if entities is not None else model_map(doc).entities)
        else:
            orders = {}
        new = Layout(doc, options, orders).document()
        if new == source:  # already formatted: nothing to verify
            return FormatResult(text, False)
        check = parse(new)
        if any(p.severity == ERROR for p in check.problems) or to_data(check.root) != to_data(doc.root):
            raise Refused("the result would not read back the same")
        if Counter(comments(check)) != Counter(comments(doc)):
            raise Refused("a comment could not be kept in place")
    except Refused as why:
        return FormatResult(text, False, f"not formatted: {why}")
    except Exception as exc:  # the formatter must never take the user's file down with it
        return FormatResult(text, False, f"not formatted: internal error: {type(exc).__name__}: {exc}")
    if crlf:
        new = new.replace("\n", "\r\n")
    return FormatResult(new, new != text)


def dump_text(data: dict[str, Any], options: FormatOptions | None = None, **yaml_options: Any) -> str:
    """Plain data (a job's `to_data()`) as YAML, laid out as `format_text` lays out files."""
    options = options or FormatOptions()
    naive = _emit(data, 0, options, yaml_options)
    result = format_text(naive, options)
    if result.error:
        raise ValueError(f"cannot serialize this job: {result.error}")
    return result.text


def _literal_block(text: str) -> bool:
    """Whether multi-line text is written as a `|` block: not when its first line with
    content starts with a space or a tab (the block's indentation would be read from it)."""
    if "\n" not in text.rstrip("\n"):
        return False
    first = next((line for line in text.split("\n") if line.strip()), "")
    return not first.startswith((" ", "\t"))


def _scalar(value: Any, options: FormatOptions, yaml_options: dict[str, Any]) -> str:
    if isinstance(value, str) and _literal_block(value):
        return ""  # written as a literal block by the caller
    settings = {"allow_unicode": True, "width": options.width, "default_flow_style": False, **yaml_options}
    out = yaml.safe_dump(value, **settings)
    if out.endswith("\n...\n"):
        out = out[: -len("\n...\n")]
    return out.rstrip("\n")


def _emit(value: Any, indent: int, options: FormatOptions, yaml_options: dict[str, Any]) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return " {}\n"
        out = "\n"
        for key, item in value.items():
            key_text_ = _scalar(key, options, yaml_options) if not isinstance(key, str) or not key.isidentifier() else key
            out += f"{pad}{key_text_}:" + _emit(item, indent + options.indent, options, yaml_options)
        return out
    if isinstance(value, list):
        if not value:
            return " []\n"
        out = "\n"
        for item in value:
            text = _emit(item, indent + 2, options, yaml_options)
            if isinstance(item, dict) and item:
                out += f"{pad}- " + text.lstrip("\n").lstrip(" ")
            else:
                out += f"{pad}-" + text
        return out
    if value is None:
        return "\n"
    if isinstance(value, str) and _literal_block(value):
        chomp = "-" if not value.endswith("\n") else ("+" if value.endswith("\n\n") else "")
        body = value[:-1] if value.endswith("\n") and chomp == "" else value
        body = body.rstrip("\n") if chomp != "+" else value[:-1]
        lines = "".join(f"{pad}{line}\n" if line else "\n" for line in body.split("\n"))
        return f" |{chomp}\n{lines}"
    # A scalar longer than the width comes wrapped: its continuation lines go under the key.
    return " " + _scalar(value, options, yaml_options).replace("\n", "\n" + pad) + "\n"


# --- minimal edits ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (offsets into the old text) by `new_text`."""

    start: int
    end: int
    new_text: str


def minimal_edits(old: str, new: str) -> list[Edit]:
    """The line-level edits that turn `old` into `new`, in order and non-overlapping: what an
    editor applies instead of replacing the whole document (cursor, folds and undo history
    survive where nothing changed)."""
    if old == new:
        return []
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    edits = []
    for i1, i2, j1, j2 in diff_lines(old_lines, new_lines):
        if i2 - i1 == j2 - j1:
            # Line for line (re-indented, trailing spaces dropped): one edit per line, so a
            # range request can take exactly the lines of its selection.
            for k in range(i2 - i1):
                if old_lines[i1 + k] != new_lines[j1 + k]:
                    edits.append(Edit(starts[i1 + k], starts[i1 + k + 1], new_lines[j1 + k]))
            continue
        edits.append(Edit(starts[i1], starts[i2], "".join(new_lines[j1:j2])))
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    out = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.new_text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
