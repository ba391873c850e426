"""Validation: a parsed document checked against the entity model, as plain Problems.

One walk over the tree, guided by the kinds of the entity model. Where a value may take
several shapes, exactly one branch is chosen (by `type:` or by the value's shape) and only
its errors are reported, so users never read "is not valid under any of the given schemas".
"""

from __future__ import annotations

import difflib
from typing import Any, Callable

from .model import TOP_LEVEL, describe_kind
from .model.entity import branch_for_shape
from .model.fields import BINDING, Any_, Bool, Enum, Float, Int, Kind, ListOf, MapOf, Obj, Str, Union
from .yamldoc import (
    ERROR,
    WARNING,
    Alias,
    Document,
    ExpansionBudget,
    Mapping,
    Node,
    Problem,
    Scalar,
    Sequence,
    entries,
    is_date,
    key_text,
    resolve,
)

Report = Callable[[Node, str, str, str], None]


def validate(doc: Document) -> list[Problem]:
    """Every problem of a job file: those found while reading it, then the model's."""
    problems = list(doc.problems)
    root = resolve(doc.root)
    if root is None:
        if not any(p.severity == ERROR for p in problems):
            end = len(doc.text.rstrip())
            what = "only comments" if doc.text.strip() else "nothing"
            problems.append(Problem(0, min(end, doc.line_starts[1] - 1 if len(doc.line_starts) > 1 else end), ERROR, "empty-document", f"The file holds {what}: a job file is a mapping with at least `command` or `type`"))
        return problems
    if not isinstance(root, Mapping):
        problems.append(Problem(root.start, root.end, ERROR, "not-a-mapping", f"A job file must be a mapping of keys to values, not {describe_node(root)}"))
        return problems
    Checker(doc, problems).check(root, TOP_LEVEL, None)
    problems.sort(key=lambda p: (p.start, p.end))
    return problems


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


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered:
        return lowered[word.lower()]
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


def _is_binding(node: Scalar) -> bool:
    return isinstance(node.value, str) and BINDING.match(node.value) is not None


_TRUTHY = {"t", "true", "on", "y", "yes", "1"}
_FALSY = {"f", "false", "off", "n", "no", "0"}


class Checker:
    def __init__(self, doc: Document, problems: list[Problem]):
        self.doc = doc
        self.problems = problems
        self.budget = ExpansionBudget()

    def report(self, node: Node, severity: str, code: str, message: str) -> None:
        self.problems.append(Problem(node.start, max(node.end, node.start), severity, code, message))

    # key_node: the key whose value `node` is (None for the root); used to name the value.
    def check(self, node: Node, kind: Kind, key_node: Node | None) -> None:
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
        what = f"`{key_text(key_node)}`" if key_node is not None else "The job"
        if isinstance(node, Scalar):
            if node.value is None:
                return  # an empty value is "not set"; required fields are checked by the owner
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
            tag = tag_node.value if isinstance(tag_node, Scalar) else None
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
                did = f"; did you mean `{hint}`?" if hint else "."
                if how == "unknown":
                    self.report(tag_node or node, ERROR, "invalid-value", f"Unknown `{key}` `{tag}`{did} Valid values: {valid}")
                    return
                self.report(tag_node or node, WARNING, "unknown-type", f"`{tag}` is not a known `{key}`{did} It is treated as `{kind.default}`. Known values: {valid}")
            assert branch is not None
            self.check(node, branch, key_node)
            return
        shape = _shape(node)
        branch = branch_for_shape(kind, shape)
        if branch is None:
            self.mismatch(node, kind, what)
            return
        self.check(node, branch, key_node)

    def check_entity(self, node: Node, entity: type, key_node: Node | None, what: str) -> None:
        if not isinstance(node, Mapping):
            self.report(node, ERROR, "type-mismatch", f"{what} expects a mapping ({entity.label()}), not {describe_node(node)}")
            return
        fields = entity.fields()
        seen: set[str] = set()
        for k, v in entries(node):
            name = key_text(k)
            seen.add(name)
            f = fields.get(name)
            if f is None:
                if entity.OPEN:
                    continue
                hint = suggest(name, [key for key, fd in fields.items() if not fd.read_only])
                if hint:
                    msg = f"Unknown key `{name}` in {entity.label()}; did you mean `{hint}`?"
                else:
                    valid = [key for key, fd in fields.items() if not fd.read_only]
                    msg = f"Unknown key `{name}` in {entity.label()}. Valid keys: {', '.join(valid)}"
                self.report(k, ERROR, "unknown-key", msg)
                continue
            if f.read_only:
                self.report(k, entity.READ_ONLY_SEVERITY, "read-only", f"`{name}` is set by the Azure ML service and ignored when the job is submitted; remove it")
                continue
            if f.deprecated is not None:
                self.report(k, WARNING, "deprecated", f"`{name}` is deprecated: {f.deprecated.en}")
            value = resolve(v)
            if f.required and isinstance(value, Scalar) and value.value is None:
                self.report(k, ERROR, "missing-required", f"`{name}` is required and cannot be empty in {entity.label()}")
                continue
            self.check(v, f.kind, k)
        missing = [key for key, f in fields.items() if f.required and key not in seen]
        if missing:
            anchor = key_node if key_node is not None else node.pairs[0][0] if node.pairs else node
            names = ", ".join(f"`{m}`" for m in missing)
            self.report(anchor, ERROR, "missing-required", f"{entity.label()[0].upper()}{entity.label()[1:]} requires {names}")
        entity.check_node(node, self.report_for(entity))

    def report_for(self, entity: type) -> Report:
        return self.report

    def check_scalar(self, node: Scalar, kind: Kind, what: str) -> None:
        v = node.value
        if isinstance(kind, Str):
            if isinstance(v, str):
                if kind.pattern is not None and not kind.pattern.search(v):
                    example = f" (e.g. `{kind.examples[0]}`)" if kind.examples else ""
                    self.report(node, ERROR, "invalid-value", f"{what} has an invalid form{example}")
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
                did = f"; did you mean `{hint}`?" if hint and hint != node.text else ""
                shown = node.text if isinstance(v, str) else describe_node(node)
                self.report(node, ERROR, "invalid-value", f"{what} must be {kind.label}, not `{shown}`{did}" if isinstance(v, str) else f"{what} must be {kind.label}, not {shown}")
        elif isinstance(kind, Bool):
            if isinstance(v, bool) or (isinstance(v, int) and v in (0, 1)):
                return
            if isinstance(v, str) and v.lower() in _TRUTHY | _FALSY:
                return
            self.mismatch(node, kind, what)
        elif isinstance(kind, (Int, Float)):
            number = _as_number(v, integral=isinstance(kind, Int))
            if number is None:
                self.mismatch(node, kind, what)
                return
            if kind.minimum is not None and number < kind.minimum:
                self.report(node, ERROR, "invalid-value", f"{what} must be at least {kind.minimum}, not {node.text}")
            elif kind.maximum is not None and number > kind.maximum:
                self.report(node, ERROR, "invalid-value", f"{what} must be at most {kind.maximum}, not {node.text}")
        else:
            self.mismatch(node, kind, what)


def _as_number(v: Any, integral: bool) -> float | None:
    """What marshmallow's non-strict Integer/Float fields accept: numbers and numeric text,
    never booleans; integers must be whole."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, str):
        try:
            v = float(v.strip()) if not integral else (int(v.strip()) if v.strip().lstrip("+-").isdigit() else float(v.strip()))
        except ValueError:
            return None
    if isinstance(v, float) and integral and not v.is_integer():
        return None
    if isinstance(v, (int, float)):
        return v
    return None


def _shape(node: Node) -> str:
    if isinstance(node, Mapping):
        return "mapping"
    if isinstance(node, Sequence):
        return "sequence"
    if isinstance(node, Scalar):
        v = node.value
        if isinstance(v, bool):
            return "bool"
        if isinstance(v, int):
            return "int"
        if isinstance(v, float):
            return "float"
        return "str"
    return "null"
