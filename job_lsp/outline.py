"""The outline of a job file (document symbols) and its folding ranges, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field

from .yamldoc import Document, Mapping, Node, Scalar, Sequence, content_end, key_text, resolve

# How deep the outline goes: the top-level keys, their blocks (inputs, jobs, services...),
# and one level more (a step's inputs and outputs).
MAX_DEPTH = 4
# What a symbol is, by the key that holds it (the server maps these to LSP SymbolKinds).
GROUP_KINDS = {"inputs": "input", "outputs": "output", "jobs": "step", "services": "service", "search_space": "parameter"}


@dataclass
class Symbol:
    name: str
    kind: str  # "key", "block", "input", "output", "step", "service", "parameter", "item"
    detail: str
    start: int  # the whole entry: key to the end of its value
    end: int
    name_start: int  # the key
    name_end: int
    children: list[Symbol] = field(default_factory=list)


def symbols(doc: Document) -> list[Symbol]:
    root = resolve(doc.root)
    if not isinstance(root, Mapping):
        return []
    return _mapping(doc, root, 1, None)


def _detail(value: Node | None) -> str:
    value = resolve(value)
    if isinstance(value, Scalar):
        text = value.text if isinstance(value.value, str) else str(value.value).lower() if isinstance(value.value, bool) else value.text
        return text if len(text) <= 60 else text[:59] + "…"
    if isinstance(value, Mapping):
        type_node = next((resolve(v) for k, v in value.pairs if key_text(k) == "type"), None)
        return type_node.text if isinstance(type_node, Scalar) and type_node.value is not None else ""
    if isinstance(value, Sequence):
        return f"{len(value.items)} item(s)"
    return ""


def _mapping(doc: Document, node: Mapping, depth: int, group: str | None) -> list[Symbol]:
    out = []
    for k, v in node.pairs:
        name = key_text(k)
        value = resolve(v)
        end = max(content_end(v, doc.text), k.end) if v is not None and v.end > v.start else k.end
        kind = group or ("block" if isinstance(value, (Mapping, Sequence)) else "key")
        sym = Symbol(name, kind, _detail(v), k.start, end, k.start, k.end)
        if depth < MAX_DEPTH and v is not None and not isinstance(v, type(None)) and v is value:
            if isinstance(value, Mapping):
                sym.children = _mapping(doc, value, depth + 1, GROUP_KINDS.get(name))
            elif isinstance(value, Sequence):
                sym.children = _sequence(doc, value, depth + 1)
        out.append(sym)
    return out


def _sequence(doc: Document, node: Sequence, depth: int) -> list[Symbol]:
    out = []
    for i, item in enumerate(node.items):
        value = resolve(item)
        end = max(content_end(item, doc.text), item.start)
        sym = Symbol(f"[{i}]", "item", _detail(item), item.start, end, item.start, min(end, item.start + 1))
        if depth < MAX_DEPTH and isinstance(value, Mapping) and value is item:
            sym.children = _mapping(doc, value, depth + 1, None)
            first = next(iter(value.pairs), None)
            if first is not None:
                sym.name = f"[{i}] {key_text(first[0])}: {_detail(first[1])}".rstrip(": ")
        out.append(sym)
    return out


@dataclass
class Fold:
    start_line: int
    end_line: int
    kind: str  # "region" or "comment"


def folding_ranges(doc: Document) -> list[Fold]:
    folds: list[Fold] = []
    root = resolve(doc.root)
    stack: list[tuple[Node, int]] = [(root, 0)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        if depth > 200:
            continue
        if isinstance(node, Mapping):
            for k, v in node.pairs:
                start = doc.position(k.start)[0]
                end = doc.position(max(content_end(v, doc.text) - 1, k.start))[0] if v.end > v.start else start
                if end > start:
                    folds.append(Fold(start, end, "region"))
                if v is resolve(v) and isinstance(v, (Mapping, Sequence)):
                    stack.append((v, depth + 1))
        elif isinstance(node, Sequence):
            for item in node.items:
                start = doc.position(item.start)[0]
                end = doc.position(max(content_end(item, doc.text) - 1, item.start))[0]
                if end > start:
                    folds.append(Fold(start, end, "region"))
                if isinstance(item, (Mapping, Sequence)):
                    stack.append((item, depth + 1))
    # Runs of two or more full-line comments.
    run_start = None
    lines = doc.text.split("\n")
    for i, line in enumerate(lines + [""]):
        if line.lstrip().startswith("#"):
            run_start = i if run_start is None else run_start
        else:
            if run_start is not None and i - 1 > run_start:
                folds.append(Fold(run_start, i - 1, "comment"))
            run_start = None
    folds.sort(key=lambda f: (f.start_line, -f.end_line))
    return folds
