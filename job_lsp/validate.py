"""Validation: a parsed document checked against the entity model, as plain Problems.

One walk over the tree, guided by the kinds of the entity model. Where a value may take
several shapes, exactly one branch is chosen (by `type:` or by the value's shape) and only
its errors are reported, so users never read "is not valid under any of the given schemas".
"""

from __future__ import annotations

import math
import os
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

from .detect import JOB, document_kind
from .model import FILE_KINDS, describe_kind
from .model.entity import branch_for_shape, shape_of
from .files import local_path_of
from .model.fields import BINDING, Any_, Bool, Enum, Float, Int, Kind, ListOf, LocalPath, MapOf, Obj, Str, Union
from .names import BOOL_TEXTS, did_you_mean, odd_character, suggest, without_invisible
from .yamldoc import (
    ERROR,
    WARNING,
    Alias,
    Document,
    ExpansionBudget,
    Mapping,
    Node,
    Problem,
    UNSAFE_TAG,
    Scalar,
    Sequence,
    entries,
    is_date,
    is_null,
    key_text,
    resolve,
)



def top_level_kind(doc: Document, kind: str | None = None) -> Kind:
    """What the whole file is read as: `kind` (job, component, schedule) when given, else
    what job_lsp.detect says; a file that is none of ours is read as a job (it was named to
    be checked as one)."""
    return FILE_KINDS[kind or document_kind(doc) or JOB]


def walk(doc: Document, folder: str | os.PathLike[str] | None = None, kind: str | None = None) -> Checker:
    """The model's walk over a parsed document: `.entities` (id(mapping) -> the entity it is
    read as), `.kinds` (id(node) -> kind) and `.problems`, the model's problems (the parser's
    are the document's own). `folder` is where the file is; local paths are checked against it
    when given; `kind` forces what the file is read as (see `top_level_kind`). Nodes are those
    of `doc`: the maps are valid while `doc` lives."""
    checker = Checker(doc, [], Path(folder) if folder is not None else None)
    root = resolve(doc.root)
    if root is None:
        if not any(p.severity == ERROR for p in doc.problems):
            end = len(doc.text.rstrip())
            what = "only comments" if doc.text.strip() else "nothing"
            checker.problems.append(Problem(0, min(end, doc.line_starts[1] - 1 if len(doc.line_starts) > 1 else end), ERROR, "empty-document", f"The file holds {what}: a job file is a mapping with at least `command` or `type`"))
        return checker
    # After a syntax error the tree stops there: what follows is unknown, so nothing at or
    # after that point is judged (no "missing key" for keys the parser never reached).
    checker.cutoff = syntax_cutoff(doc)
    if not isinstance(root, Mapping):
        if root.end < checker.cutoff:
            checker.problems.append(Problem(root.start, root.end, ERROR, "not-a-mapping", f"A job file must be a mapping of keys to values, not {describe_node(root)}"))
        return checker
    checker.check(root, top_level_kind(doc, kind), None)
    return checker


def model_map(doc: Document) -> Checker:
    """The model's walk without the file's folder (no path checks): what hover, completion
    and the formatter need to know which entity each mapping is."""
    return walk(doc, None)


def syntax_cutoff(doc: Document) -> int:
    """Where the parser stopped on an error: nothing at or after it is judged (the tree ends
    there, so "missing" keys may just be unread)."""
    return min((p.start for p in doc.problems if p.code in ("yaml-syntax", "too-deep")), default=len(doc.text) + 1)


def describe_node(node: Node | None) -> str:
    node = resolve(node)
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Scalar):
        v = node.value
        if v is None:
            return "an empty value"
        if isinstance(v, bool):
            quirk = "" if node.text.lower() in ("true", "false") else f" (YAML 1.1 reads `{node.text}` as a boolean; quote it to make it text)"
            return f"the boolean {str(v).lower()}{quirk}"
        if isinstance(v, int):
            return f"the integer {node.text}"
        if isinstance(v, float):
            return f"the number {node.text}"
        if is_date(v):
            return f"the date {node.text} (quote it to make it text)"
        return f"the string {_short(node.text)!r}"
    return "nothing"


def _short(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _is_binding(node: Scalar) -> bool:
    return isinstance(node.value, str) and BINDING.match(node.value) is not None


class Checker:
    def __init__(self, doc: Document, problems: list[Problem], folder: Path | None = None):
        # id(mapping node) -> the entity it was checked as (for key order, hover, completion)
        self.entities: dict[int, type] = {}
        # id(node) -> the kind it was checked against (before choosing a union's branch)
        self.kinds: dict[int, Kind] = {}
        self.doc = doc
        self.problems = problems
        self.folder = folder
        self.budget = ExpansionBudget()
        self.cutoff = len(doc.text) + 1
        self.paths: dict[str, tuple[bool, bool] | None] = {}  # path_kind's answers

    def report(self, node: Node, severity: str, code: str, message: str, data: dict | None = None) -> None:
        if node.end >= self.cutoff:
            return
        self.problems.append(Problem(node.start, max(node.end, node.start), severity, code, message, data))

    # key_node: the key whose value `node` is (None for the root); used to name the value.
    def check(self, node: Node, kind: Kind, key_node: Node | None) -> None:
        self.kinds.setdefault(id(node), kind)
        if isinstance(node, Alias):
            if node.target is None:
                return  # already reported by the parser
            if not self.budget.spend():
                if self.budget.left == -1:
                    self.report(node, ERROR, "alias-limit", "Aliases here expand to too many nodes; the rest of the file is not checked")
                return
            node = node.target
        elif not self.budget.spend():
            return
        if node.tag == UNSAFE_TAG:
            return
        what = f"`{key_text(key_node)}`" if key_node is not None else "The job"
        if isinstance(node, Scalar):
            if node.value is None:
                # Containers skip the values they allow to be empty; any other is refused.
                if not isinstance(kind, Any_):
                    self.report(node, ERROR, "empty-value", f"{what} cannot be empty: Azure ML refuses a null value here; give it a value or remove it")
                return
            if _is_binding(node) and not isinstance(kind, (Obj, MapOf, ListOf)):
                return
        if isinstance(kind, Any_):
            return
        if isinstance(kind, Union):
            self.check_union(node, kind, key_node, what)
        elif isinstance(kind, Obj):
            self.check_entity(node, kind.entity, key_node, what)
        elif isinstance(kind, MapOf):
            if not isinstance(node, Mapping):
                self.mismatch(node, kind, what)
                return
            for k, v in entries(node):
                key = resolve(k)
                if kind.text_keys and not (isinstance(key, Scalar) and isinstance(key.value, str)):
                    self.report(k, ERROR, "type-mismatch", f"The names in {what} must be text, not {describe_node(key)}")
                if kind.nullable and is_null(v):
                    continue
                self.check(v, kind.value, k)
        elif isinstance(kind, ListOf):
            if not isinstance(node, Sequence):
                self.mismatch(node, kind, what)
                return
            for item in node.items:
                self.check(item, kind.item, key_node)
        elif isinstance(node, Scalar):
            self.check_scalar(node, kind, what)
        else:
            self.mismatch(node, kind, what)

    def mismatch(self, node: Node, kind: Kind, what: str) -> None:
        self.report(node, ERROR, "type-mismatch", f"{what} expects {describe_kind(kind)}, not {describe_node(node)}")

    def check_union(self, node: Node, kind: Union, key_node: Node | None, what: str) -> None:
        if kind.discriminator:
            if not isinstance(node, Mapping):
                self.mismatch(node, kind, what)
                return
            key = kind.discriminator
            tag_node = None
            keys = set()
            for k, v in entries(node):
                name = key_text(k)
                keys.add(name)
                if name == key:
                    tag_node = resolve(v)
            if isinstance(tag_node, Scalar) and tag_node.value is None:
                self.report(tag_node, ERROR, "empty-value", f"`{key}` cannot be empty: give one of {', '.join(kind.by_tag())}")
                return
            tag = tag_node.value if isinstance(tag_node, Scalar) else None
            if tag_node is not None and not isinstance(tag_node, Scalar):
                self.report(tag_node, ERROR, "type-mismatch", f"`{key}` expects one of {', '.join(kind.by_tag())}, not {describe_node(tag_node)}")
                return
            branch, how = kind.select(tag, keys)
            valid = ", ".join(kind.by_tag())
            if how == "missing":
                anchor = key_node if key_node is not None else node
                self.report(anchor, ERROR, "missing-required", f"{what} needs `{key}`: one of {valid}")
                return
            if how == "not-text":
                self.report(tag_node or node, ERROR, "type-mismatch", f"`{key}` expects one of {valid}, not {describe_node(tag_node)}")
                return
            if how in ("unknown", "fallback"):
                hint = suggest(str(tag), list(kind.by_tag()))
                did = did_you_mean(hint, ".")
                if how == "unknown":
                    self.report(tag_node or node, ERROR, "invalid-value", f"Unknown `{key}` `{tag}`{did} Valid values: {valid}")
                    return
                if hint:  # a name close to a known one is likely a typo; others are custom on purpose
                    self.report(tag_node or node, WARNING, "unknown-type", f"`{tag}` is not a known `{key}`{did} It is treated as `{kind.default}`. Known values: {valid}")
            assert branch is not None
            self.check(node, branch, key_node)
            return
        shape = _shape(node)
        branch = branch_for_shape(kind, shape, node.value if isinstance(node, Scalar) else None)
        if branch is None:
            self.mismatch(node, kind, what)
            return
        self.check(node, branch, key_node)

    def unknown_key(self, key: Node, name: str, fields: dict, rule: str, where: str) -> None:
        """An undeclared key, judged by the entity's rule: refused (an error) or kept but
        unused by Azure ML (a warning)."""
        valid = [k for k, f in fields.items() if not f.read_only]
        hint = suggest(name, valid)
        if rule == "ignored":
            self.report(key, WARNING, "ignored-key", f"Unknown key `{name}` in {where}: Azure ML keeps it but does not use it{did_you_mean(hint)}", {"replace": hint} if hint else None)
            return
        message = f"Unknown key `{name}` in {where}" + did_you_mean(hint, f". Valid keys: {', '.join(valid)}")
        self.report(key, ERROR, "unknown-key", message, {"replace": hint} if hint else None)

    def check_entity(self, node: Node, entity: type, key_node: Node | None, what: str) -> None:
        if not isinstance(node, Mapping):
            self.report(node, ERROR, "type-mismatch", f"{what} expects a mapping ({entity.label()}), not {describe_node(node)}")
            return
        self.entities[id(node)] = entity
        pairs = entries(node)
        keys = {key_text(k) for k, _ in pairs}
        fields = entity.fields_for(keys)
        unknown_keys, where = entity.unknown_key_rule(keys)
        seen: set[str] = set()
        for k, v in pairs:
            name = key_text(k)
            seen.add(name)
            f = fields.get(name)
            if f is None:
                if unknown_keys != "kept":
                    self.unknown_key(k, name, fields, unknown_keys, where)
                continue
            if f.read_only:
                remove = {"remove": True}
                if is_null(v):  # Azure ML drops read-only keys that have a value, but not empty ones
                    self.report(k, ERROR, "read-only", f"`{name}` is set by the Azure ML service; an empty `{name}` is refused, remove it", remove)
                else:
                    self.report(k, WARNING, "read-only", f"`{name}` is set by the Azure ML service and ignored when the job is submitted; remove it", remove)
                continue
            if f.deprecated is not None:
                self.report(k, WARNING, "deprecated", f"`{name}` is deprecated: {f.deprecated.en}")
            if is_null(v):
                if f.required:
                    self.report(k, ERROR, "missing-required", f"`{name}` is required and cannot be empty in {entity.label()}")
                    continue
                if f.nullable:
                    continue
            self.check(v, f.kind, k)
        missing = [key for key, f in fields.items() if f.required and key not in seen]
        if missing and node.end < self.cutoff:
            # On the key that holds the mapping; at the top, on `type:` (what decides which keys
            # are required), else on the first key.
            anchor = key_node if key_node is not None else next((k for k, _ in node.pairs if key_text(k) == "type"), node.pairs[0][0] if node.pairs else node)
            names = ", ".join(f"`{m}`" for m in missing)
            plural = "keys" if len(missing) > 1 else "key"
            self.report(anchor, ERROR, "missing-required", f"Missing required {plural} {names} in {entity.label()}")
        entity.check_node(node, self.report)
        if "entry" in fields and "code" in fields and self.folder is not None:
            self.check_entry_file(node)


    def check_path(self, node: Scalar, value: str, kind: LocalPath, what: str) -> None:
        local = local_path_of(value)
        if local is None or self.folder is None:
            return
        found = self.path_kind(self.folder / os.path.expanduser(local))
        if found is None:  # a name too long, a loop of links...: say nothing rather than guess
            return
        exists, is_dir = found
        if not exists:
            if kind.missing == "error":
                self.report(node, ERROR, "missing-path", f"{what}: `{local}` does not exist (relative to this file's folder); Azure ML refuses to load a file whose local paths are missing")
            else:
                self.report(node, WARNING, "missing-path", f"{what}: `{local}` does not exist (relative to this file's folder); the run will fail when Azure ML uploads it")
        elif kind.folder is True and not is_dir:
            self.report(node, ERROR, "invalid-value", f"{what}: `{local}` is a file; a folder is expected")
        elif kind.folder is False and is_dir:
            self.report(node, ERROR, "invalid-value", f"{what}: `{local}` is a folder; a file is expected")

    def path_kind(self, target: Path) -> tuple[bool, bool] | None:
        """Whether a path exists and is a folder (None: it cannot be told), asked of the
        file system once per walk: a pipeline's steps name the same `./src` hundreds of
        times, and each stat lets another thread take the GIL and keep it a while."""
        key = str(target)
        if key not in self.paths:
            try:
                st = os.stat(key)
                self.paths[key] = (True, stat.S_ISDIR(st.st_mode))
            except (FileNotFoundError, NotADirectoryError):
                self.paths[key] = (False, False)
            except (OSError, ValueError):
                self.paths[key] = None
        return self.paths[key]

    def check_entry_file(self, node: Mapping) -> None:
        """A spark entry `file` is relative to `code`; Azure ML refuses a job whose entry
        file is not there."""
        values = {key_text(k): resolve(v) for k, v in entries(node)}
        code, entry = values.get("code"), values.get("entry")
        if not (isinstance(code, Scalar) and isinstance(code.value, str) and isinstance(entry, Mapping)):
            return
        local = local_path_of(code.value)
        file_node = next((resolve(v) for k, v in entries(entry) if key_text(k) == "file"), None)
        if local is None or not isinstance(file_node, Scalar) or not isinstance(file_node.value, str) or "${{" in file_node.value:
            return
        folder = self.folder / local  # type: ignore[operator]
        if not folder.is_dir():
            return  # `code` itself is reported if missing
        if not (folder / file_node.value).exists():
            self.report(file_node, ERROR, "missing-path", f"`file`: `{file_node.value}` is not in the code folder `{local}`; Azure ML refuses a spark job whose entry file is missing")

    def check_scalar(self, node: Scalar, kind: Kind, what: str) -> None:
        v = node.value
        if isinstance(kind, Str):
            if isinstance(v, str):
                if kind.pattern is not None and not kind.pattern.search(v):
                    expected = kind.form or (f"of the form `{kind.examples[0]}`" if kind.examples else f"text matching `{kind.pattern.pattern}`")
                    self.report(node, ERROR, "invalid-value", f"{what} must be {expected}, not `{_short(v)}`")
                elif isinstance(kind, LocalPath) and self.folder is not None:
                    self.check_path(node, v, kind, what)
                if kind.name or (isinstance(kind, LocalPath) and local_path_of(v) is None):
                    self.check_name(node, v, what)
                return
            if kind.accepts_numbers and isinstance(v, (int, float)) and not isinstance(v, bool):
                return
            self.mismatch(node, kind, what)
        elif isinstance(kind, Enum):
            text = v if isinstance(v, str) else None
            if text is None or kind.match(text) is None:
                if text is None and not isinstance(v, bool) and v is not None and kind.match(str(node.text)) is not None:
                    return
                hint = suggest(str(node.text), kind.values)
                did = did_you_mean(hint if hint != node.text else None)
                shown = node.text if isinstance(v, str) else describe_node(node)
                self.report(node, ERROR, "invalid-value", f"{what} must be {kind.label}, not `{shown}`{did}" if isinstance(v, str) else f"{what} must be {kind.label}, not {shown}")
        elif isinstance(kind, Bool):
            if isinstance(v, bool) or (isinstance(v, int) and v in (0, 1)):
                return
            if isinstance(v, str) and v.lower() in BOOL_TEXTS:
                return
            self.mismatch(node, kind, what)
        elif isinstance(kind, (Int, Float)):
            number = _as_number(v, integral=isinstance(kind, Int))
            if number is None:
                self.mismatch(node, kind, what)
                return
            # Azure ML does not check ranges when it loads a job, so out of range is a warning.
            beyond = f": {kind.beyond}" if kind.beyond else ""
            if kind.minimum is not None and number < kind.minimum:
                self.report(node, WARNING, "out-of-range", f"{what} should be at least {kind.minimum}, not {node.text}{beyond}")
            elif kind.maximum is not None and number > kind.maximum:
                self.report(node, WARNING, "out-of-range", f"{what} should be at most {kind.maximum}, not {node.text}{beyond}")
            elif isinstance(kind, Int):
                self.check_int_size(node, number, kind, what)
        else:
            self.mismatch(node, kind, what)

    def check_name(self, node: Scalar, value: str, what: str) -> None:
        odd = odd_character(value)
        if odd is not None:
            at, name = odd
            seen = without_invisible(value)
            # The quick fix drops zero-width characters from plain text (quoted text keeps its quotes).
            fix = {"replace": seen} if not node.style and node.text == value and seen and odd_character(seen) is None else None
            self.report(
                node,
                WARNING,
                "odd-character",
                f"{what} has {name} (U+{ord(value[at]):04X}) at character {at + 1}, in a name Azure ML expects in ASCII: it is invisible "
                "or passes for another character; azure-ai-ml lets it through, but the name looked up is not the one you see",
                fix,
            )

    def check_int_size(self, node: Scalar, number: float, kind: Int, what: str) -> None:
        """What azure-ai-ml lets through but no Azure service takes (a warning), and the
        durations it cannot even convert when the job is created (an error)."""
        if kind.unit is not None:
            seconds = abs(number) * (60 if kind.unit == "minutes" else 1)
            if seconds > TIMEDELTA_MAX_SECONDS:
                self.report(node, ERROR, "out-of-range", f"{what} of {node.text} {kind.unit} is too long for azure-ai-ml, which fails converting it to a duration when the job is created (OverflowError)")
            elif seconds > TIMESPAN_MAX_SECONDS:
                self.report(node, WARNING, "out-of-range", f"{what} of {node.text} {kind.unit} is longer than Azure ML's service reads a duration (2^63-1 ticks of 100 ns, about 29,227 years); azure-ai-ml lets it through")
            return
        largest = 2 ** (kind.bits - 1) - 1
        if not -largest - 1 <= number <= largest:
            self.report(node, WARNING, "out-of-range", f"{what} is {node.text}, beyond {largest:,} (2^{kind.bits - 1}-1): Azure ML reads it as a {kind.bits}-bit integer, so no Azure service takes it; azure-ai-ml lets it through")


# Durations go to the service as ISO 8601 durations: azure-ai-ml converts them with Python's
# timedelta (at most 999,999,999 days), and the service reads them as .NET TimeSpans (at
# most 2^63-1 ticks of 100 ns).
TIMEDELTA_MAX_SECONDS = timedelta.max.days * 86400 + timedelta.max.seconds  # exact (a float rounds it up)
TIMESPAN_MAX_SECONDS = (2**63 - 1) / 10**7


def _as_number(v: Any, integral: bool) -> float | None:
    """What marshmallow's non-strict Integer/Float fields accept: numbers and numeric text,
    never booleans, nan or infinity. Integer fields take any float (and truncate it) but
    only whole numbers as text."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, str):
        text = v.strip()
        try:
            v = int(text) if integral else float(text)
        except ValueError:
            return None
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, (int, float)):
        return v
    return None


def _shape(node: Node) -> str:
    if isinstance(node, Mapping):
        return "mapping"
    if isinstance(node, Sequence):
        return "sequence"
    return shape_of(node.value) if isinstance(node, Scalar) else "null"
