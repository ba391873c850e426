"""Bindings in the editor: go to definition, find references, rename, hover, completion
inside `${{ }}`, document links to local files, and quick fixes. Plain data in and out."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from .bindings import RUNTIME_NAMES, Analysis, Declaration, Scope, analyze, component_of, pipeline_steps, read_component_file, scope_along
from .context import ITEM, Lines, cursor_context, value_owner
from .describe import french
from .detect import COMPONENT, SCHEDULE, document_kind, schema_url
from .files import local_path_of
from .model import COMPONENT_TYPES, JOB_TYPES
from .model.fields import LocalPath, Union
from .schemagen import UMBRELLAS, component_file_name, file_name
from .validate import Checker, walk as walk_model
from .yamldoc import Document, Mapping, Node, Problem, Scalar, content_end, key_nodes, key_text, lookup, resolve, walk


@dataclass
class Location:
    path: str | None  # None: this document
    start: int
    end: int
    # For a location in another file: its line and column (it is not parsed by the caller).
    line: int = 0
    column: int = 0


@dataclass
class TextChange:
    start: int
    end: int
    new_text: str


@dataclass
class Action:
    title: str
    kind: str  # "quickfix" or "source"
    changes: list[TextChange]
    problem: Problem | None = None
    preferred: bool = False


def _declaration_location(decl: Declaration, doc: Document) -> Location:
    if decl.path is None:
        return Location(None, decl.key.start, decl.key.end)
    other = read_component_file(decl.path)
    line, column = other.position(decl.key.start) if other is not None else (0, 0)
    return Location(decl.path, decl.key.start, decl.key.end, line, column)


def definition(doc: Document, analysis: Analysis, offset: int, model: Checker | None = None) -> Location | None:
    """What the cursor names: a binding's declaration, a step's input or output in its
    component file, or a local file (a step's `component:`, a schedule's `create_job:`...)
    at its start. `model` is the model walk, when the caller has it."""
    b = analysis.at(offset)
    if b is not None:
        return _declaration_location(b.target, doc) if b.target is not None else None
    port = step_port(doc, analysis, offset)
    if port is not None:
        return _declaration_location(port[0], doc)
    for start, end, target in links(doc, model or walk_model(doc), analysis.folder):
        if start <= offset <= end and os.path.isfile(target):
            return Location(target, 0, 0)
    return None


def step_port(doc: Document, analysis: Analysis, offset: int) -> tuple[Declaration, Node] | None:
    """On an input or output name of a pipeline step that runs a local component file: the
    component's declaration of it, and the name's key in the step."""
    for step in pipeline_steps(doc):
        for section in ("inputs", "outputs"):
            given = resolve(lookup(step, section))
            if not isinstance(given, Mapping):
                continue
            for k, _ in given.pairs:
                if k.start <= offset <= k.end:
                    component, path, _ = component_of(step, analysis.folder)
                    if component is None or path is None:
                        return None
                    key = key_nodes(lookup(component, section)).get(key_text(k))
                    return (Declaration(section[:-1], key_text(k), key, path), k) if key is not None else None
    return None


def declaration_at(doc: Document, analysis: Analysis, offset: int) -> Declaration | None:
    """The declaration the cursor is on: a binding's target, or a declared key itself (an
    input, output, step or search-space parameter of this document)."""
    b = analysis.at(offset)
    if b is not None:
        return b.target
    for target in {id(x.target.key): x.target for x in analysis.bindings if x.target is not None and x.target.path is None}.values():
        if target.key.start <= offset <= target.key.end:
            return target
    return _declared_key(doc, offset)


def _declared_key(doc: Document, offset: int) -> Declaration | None:
    kinds = {"inputs": "input", "outputs": "output", "jobs": "step", "search_space": "parameter"}
    for node in walk(doc.root):
        if isinstance(node, Mapping):
            for k, v in node.pairs:
                section = key_text(k)
                value = resolve(v)
                if section in kinds and isinstance(value, Mapping) and value is v:
                    for kk, _ in value.pairs:
                        if kk.start <= offset <= kk.end and isinstance(kk, Scalar):
                            return Declaration(kinds[section], key_text(kk), kk, None)
    return None


def references(doc: Document, analysis: Analysis, offset: int, include_declaration: bool = True) -> list[Location]:
    decl = declaration_at(doc, analysis, offset)
    if decl is None:
        return []
    out = [_declaration_location(decl, doc)] if include_declaration else []
    for b in analysis.bindings:
        if b.target is not None and b.target.key is decl.key and b.focus is not None:
            out.append(Location(None, b.focus.start, b.focus.end))
    return out


def prepare_rename(doc: Document, analysis: Analysis, offset: int) -> tuple[int, int, str] | None:
    decl = declaration_at(doc, analysis, offset)
    if decl is None or decl.path is not None:
        return None  # declared in a component file: renaming there would change other users
    b = analysis.at(offset)
    if b is not None and b.focus is not None:
        return b.focus.start, b.focus.end, b.focus.text
    return decl.key.start, decl.key.end, decl.name


def rename(doc: Document, analysis: Analysis, offset: int, new_name: str) -> list[TextChange] | None:
    if not new_name.isidentifier():
        return None
    decl = declaration_at(doc, analysis, offset)
    if decl is None or decl.path is not None:
        return None
    return [TextChange(loc.start, loc.end, new_name) for loc in references(doc, analysis, offset, True)]


def component_port(doc: Document, analysis: Analysis, offset: int) -> Declaration | None:
    """In a component file: the input or output of the component itself that the cursor is
    on (its key, or a binding to it), which steps of other files name too."""
    decl = declaration_at(doc, analysis, offset)
    root = resolve(doc.root)
    if decl is None or decl.path is not None or decl.kind not in ("input", "output") or not isinstance(root, Mapping):
        return None
    own = key_nodes(lookup(root, decl.kind + "s")).get(decl.name)
    return decl if own is decl.key else None


def rename_in_user(user: Document, folder: str, component: str, decl: Declaration, new_name: str) -> list[TextChange]:
    """In a pipeline file, what a rename of a component's input or output changes: the name
    in the `inputs:`/`outputs:` of each step that runs that component file, and, for an
    output, every `${{parent.jobs.STEP.outputs.NAME}}` that reads it."""
    if not new_name.isidentifier():
        return []
    section = decl.kind + "s"
    target = os.path.normcase(os.path.abspath(component))
    steps = resolve(lookup(resolve(user.root), "jobs"))
    changes: list[TextChange] = []
    renamed: set[str] = set()
    for k, v in steps.pairs if isinstance(steps, Mapping) else []:
        step_key, step = key_text(k), resolve(v)
        if not isinstance(step, Mapping):
            continue
        _, path, _ = component_of(step, folder)
        if path is None or os.path.normcase(os.path.abspath(path)) != target:
            continue
        renamed.add(step_key)
        key = key_nodes(lookup(step, section)).get(decl.name)
        if key is not None:
            changes.append(TextChange(key.start, key.end, new_name))
    if decl.kind == "output" and renamed:
        for b in analyze(user, walk_model(user).entities, folder).bindings:
            names = [s.text for s in b.segments]
            if len(names) == 5 and names[:2] == ["parent", "jobs"] and names[2] in renamed and names[3] == "outputs" and names[4] == decl.name:
                changes.append(TextChange(b.segments[4].start, b.segments[4].end, new_name))
    return sorted(changes, key=lambda c: c.start)


def rename_across_files(doc: Document, analysis: Analysis, offset: int, new_name: str, component: str, users: list[str], read: Callable[[str], Document | None]) -> dict[str, tuple[Document, list[TextChange]]]:
    """When the cursor is on an input or output of the component file `component`: the
    changes its rename makes in the pipeline files `users` (read through `read`), by file."""
    decl = component_port(doc, analysis, offset)
    out: dict[str, tuple[Document, list[TextChange]]] = {}
    for user in users if decl is not None else []:
        user_doc = read(user)
        changes = rename_in_user(user_doc, os.path.dirname(user), component, decl, new_name) if user_doc is not None else []  # type: ignore[arg-type]
        if changes:
            out[user] = (user_doc, changes)  # type: ignore[assignment]
    return out


def binding_hover(doc: Document, analysis: Analysis, offset: int, locale: str = "en") -> tuple[str, int, int] | None:
    """On a binding: what it names. On a step's input or output name: the component's
    declaration of it."""
    b = analysis.at(offset)
    fr = french(locale)
    if b is None:
        port = step_port(doc, analysis, offset)
        if port is None:
            return None
        decl, key = port
        return _declaration_text(decl, doc, fr), key.start, key.end
    if b.status == "runtime":
        text = f"`{b.expression}` : valeur fournie par Azure ML à l'exécution" if fr else f"`{b.expression}`: a value Azure ML fills in at run time"
        return text, b.start, b.end
    if b.target is None:
        if b.status == "unknown":
            text = "Défini par un composant qui n'est pas lisible ici" if fr else "Declared by a component that cannot be read here"
            return f"`{b.expression}`: {text}", b.start, b.end
        return None
    return _declaration_text(b.target, doc, fr), b.start, b.end


def _declaration_text(decl: Declaration, doc: Document, fr: bool) -> str:
    """Markdown: what is declared, where, and its declaration as written."""
    where = f" ({os.path.basename(decl.path)})" if decl.path else ""
    kinds_fr = {"input": "entrée", "output": "sortie", "step": "étape", "parameter": "paramètre"}
    label = kinds_fr.get(decl.kind, decl.kind) if fr else decl.kind
    lines = [f"**{label}** `{decl.name}`{where}"]
    value = _value_of(decl, doc)
    if value:
        lines += ["", "```yaml", value, "```"]
    return "\n".join(lines)


def _value_of(decl: Declaration, doc: Document) -> str:
    """The text of a declaration (its key and value), a few lines at most."""
    source = doc
    if decl.path is not None:
        source = read_component_file(decl.path) or doc
        if source is doc:
            return ""
    text = source.text
    start = text.rfind("\n", 0, decl.key.start) + 1
    end = text.find("\n", decl.key.end)
    lines = text[start : len(text) if end == -1 else end].split("\n")
    following = text[(len(text) if end == -1 else end + 1) :].split("\n")
    indent = len(lines[0]) - len(lines[0].lstrip())
    for line in following[:8]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    base = min(len(ln) - len(ln.lstrip()) for ln in lines if ln.strip())
    return "\n".join(ln[base:] for ln in lines)


# --- completion inside ${{ ... ---------------------------------------------------------------------


@dataclass
class BindingItem:
    label: str
    detail: str
    start: int  # columns on the cursor's line
    end: int
    sort: str = ""


def in_binding(before: str) -> bool:
    """Is the end of this text (a line up to the cursor) inside an open `${{`?"""
    opened = before.rfind("${{")
    return opened != -1 and "}}" not in before[opened:]


def typed_binding(before: str) -> tuple[list[str], str] | None:
    """What is typed in the open `${{` that ends this text (a line up to the cursor): the
    segments before the last dot, and what is typed of the next one; None outside one."""
    if not in_binding(before):
        return None
    parts = before[before.rfind("${{") + 3 :].lstrip().split(".")
    return [p.strip() for p in parts[:-1]], parts[-1]


def binding_completions(doc: Document, analysis: Analysis, line: int, column: int) -> list[BindingItem] | None:
    """None when the cursor is not inside an open `${{`; else the next segment's choices."""
    text = doc.text
    line_start = doc.line_starts[line] if line < len(doc.line_starts) else len(text)
    typed = typed_binding(text[line_start : line_start + column])
    if typed is None:
        return None
    path, prefix = typed
    start_col = column - len(prefix)
    offset = line_start + column
    scalar = next((n for n in walk(doc.root) if isinstance(n, Scalar) and n.start <= offset <= n.end), None)
    scope = analysis.scopes.get(id(scalar)) if scalar is not None else None
    if scope is None:
        scope = Scope()
    names = _next_segments(scope, path, analysis.folder)
    return [BindingItem(name, detail, start_col, column, f"{i:03d}") for i, (name, detail) in enumerate(names)]


def binding_completions_at(text: str, line: int, column: int, known: Document, entities: dict[int, type], folder: str | None) -> list[BindingItem] | None:
    """What `binding_completions` gives, without a parse or an analysis of `text`: the
    cursor's place (the keys above it) is read from the text's lines, and the names (inputs,
    steps, outputs) from `known`, a parse of the document and its model's entities. Right
    after an edit, `known` is the last version parsed: a keystroke behind, but its names are
    those the user sees, and nothing waits for the edit to be parsed (on a 5,000-line
    pipeline, ~60 ms of parse, model and bindings)."""
    typed = typed_binding(Lines(text).line(line)[1][:column])
    if typed is None:
        return None
    path, prefix = typed
    ctx = cursor_context(text, line, column)
    if not ctx.in_value and not ctx.list_item:  # no `key:` on the line: the rest of a value above?
        owner = value_owner(text, line)
        if owner is not None:
            ctx = cursor_context(text, *owner)
    keys: list[object] = [None if level.key is ITEM else level.key for level in ctx.path[1:]]
    if ctx.in_value and ctx.key is not None:
        keys.append(ctx.key)
    elif ctx.list_item:
        keys.append(None)
    scope = scope_along(known.root, entities, keys, line, lambda offset: known.position(offset)[0])
    names = _next_segments(scope, path, folder)
    return [BindingItem(name, detail, column - len(prefix), column, f"{i:03d}") for i, (name, detail) in enumerate(names)]


def _next_segments(scope: Scope, path: list[str], folder: str | None) -> list[tuple[str, str]]:
    def keys(node: Node | None, detail: str) -> list[tuple[str, str]]:
        return [(name, detail) for name in key_nodes(node)]

    if not path:
        out = []
        if scope.own is not None:
            out += [("inputs", "inputs"), ("outputs", "outputs")]
        if scope.sweep is not None:
            out.append(("search_space", "search space"))
        if scope.pipeline is not None:
            out.append(("parent", "the pipeline"))
        out += [(n, "run-time value") for n in sorted(RUNTIME_NAMES)]
        return out
    head = path[0]
    if head in ("inputs", "outputs") and len(path) == 1 and scope.own is not None:
        found = keys(lookup(scope.own, head), head[:-1])
        if scope.in_step:  # the component's own declarations too
            component, _, _ = component_of(scope.own, folder)
            if component is not None and component is not scope.own:
                found += [kv for kv in keys(lookup(component, head), head[:-1]) if kv not in found]
        return found
    if head == "search_space" and len(path) == 1 and scope.sweep is not None:
        return keys(lookup(scope.sweep, "search_space"), "parameter")
    if head == "parent" and scope.pipeline is not None:
        if len(path) == 1:
            return [("inputs", "the pipeline's inputs"), ("outputs", "the pipeline's outputs"), ("jobs", "the pipeline's steps")]
        if len(path) == 2 and path[1] in ("inputs", "outputs"):
            return keys(lookup(scope.pipeline, path[1]), path[1][:-1])
        if len(path) == 2 and path[1] == "jobs":
            return keys(lookup(scope.pipeline, "jobs"), "step")
        if len(path) == 3 and path[1] == "jobs":
            return [("outputs", "the step's outputs")]
        if len(path) == 4 and path[1] == "jobs" and path[3] == "outputs":
            step = resolve(lookup(lookup(scope.pipeline, "jobs"), path[2]))
            return keys(lookup(step, "outputs"), "output")
    return []


# --- document links -------------------------------------------------------------------------------


def links(doc: Document, model: Checker, folder: str | None) -> list[tuple[int, int, str]]:
    """Local paths that exist (code, components, conda files, input paths...): (start, end,
    absolute path)."""
    if folder is None:
        return []
    out = []
    for node in walk(doc.root):
        if not isinstance(node, Scalar) or not isinstance(node.value, str):
            continue
        kind = model.kinds.get(id(node))
        if isinstance(kind, Union):
            kind = next((b for b in kind.branches if isinstance(b, LocalPath)), None)
        if not isinstance(kind, LocalPath):
            continue
        local = local_path_of(node.value)
        if local is None:
            continue
        target = os.path.normpath(os.path.join(folder, os.path.expanduser(local)))
        if os.path.exists(target):
            out.append((node.start, node.end, target))
    return out


# --- quick fixes ----------------------------------------------------------------------------------

SCHEMA_BASE = "https://azuremlschemas.azureedge.net/latest/"


def _entry_range(doc: Document, key_start: int) -> tuple[int, int] | None:
    """From the start of a key's line to the end of its value's last line (newline included)."""
    for node in walk(doc.root):
        if isinstance(node, Mapping):
            for k, v in node.pairs:
                if k.start == key_start:
                    start = doc.text.rfind("\n", 0, k.start) + 1
                    if doc.text[start : k.start].strip():
                        return None  # `- key:` or a flow mapping: not a whole line
                    end = content_end(v, doc.text) if v.end > v.start else k.end
                    line_end = doc.text.find("\n", end)
                    return start, len(doc.text) if line_end == -1 else line_end + 1
    return None


def quick_fixes(doc: Document, problems: list[Problem], analysis: Analysis | None, locale: str = "en") -> list[Action]:
    fr = french(locale)
    actions: list[Action] = []
    for p in problems:
        data = p.data or {}
        if data.get("replace"):
            title = f"Remplacer par `{data['replace']}`" if fr else f"Change to `{data['replace']}`"
            actions.append(Action(title, "quickfix", [TextChange(p.start, p.end, data["replace"])], p, True))
        if data.get("remove"):
            span = _entry_range(doc, p.start)
            if span is not None:
                name = doc.text[p.start : p.end]
                title = f"Supprimer `{name}` (défini par le service)" if fr else f"Remove `{name}` (the service sets it)"
                actions.append(Action(title, "quickfix", [TextChange(span[0], span[1], "")], p, True))
        declare = data.get("declare")
        if declare and analysis is not None:
            change = _declare(doc, analysis, p, declare["kind"], declare["name"])
            if change is not None:
                title = f"Déclarer l'{'entrée' if declare['kind'] == 'input' else 'sortie'} `{declare['name']}`" if fr else f"Declare {declare['kind']} `{declare['name']}`"
                actions.append(Action(title, "quickfix", [change], p))
        line = doc.position(p.start)[0]
        line_end = doc.line_starts[line + 1] - 1 if line + 1 < len(doc.line_starts) else len(doc.text)
        if doc.text[line_end - 1 : line_end] == "\r":
            line_end -= 1
        title = f"Ignorer `{p.code}` sur cette ligne" if fr else f"Ignore `{p.code}` on this line"
        actions.append(Action(title, "quickfix", [TextChange(line_end, line_end, f"  # job-lsp: ignore[{p.code}]")], p))
    return actions


def _declare(doc: Document, analysis: Analysis, p: Problem, kind: str, name: str) -> TextChange | None:
    b = next((x for x in analysis.bindings if x.focus is not None and x.focus.start == p.start), None)
    if b is None:
        return None
    own = None
    for node in walk(doc.root):
        if isinstance(node, Scalar) and node.start <= b.start < node.end:
            scope = analysis.scopes.get(id(node))
            own = scope.own if scope is not None else None
            if kind in ("input", "output") and b.segments[0].text == "parent" and scope is not None:
                own = scope.pipeline
            break
    if own is None or own.flow or not own.pairs:
        return None
    section = kind + "s"
    block = resolve(lookup(own, section))
    key_col = doc.position(own.pairs[0][0].start)[1]
    if isinstance(block, Mapping) and block.pairs and not block.flow:
        last = block.pairs[-1]
        col = doc.position(last[0].start)[1]
        end = content_end(last[1], doc.text) if last[1].end > last[1].start else last[0].end
        at = doc.text.find("\n", end)
        at = len(doc.text) if at == -1 else at
        return TextChange(at, at, "\n" + " " * col + f"{name}:" + (" " if kind == "input" else ""))
    if block is None:
        last = own.pairs[-1]
        end = content_end(last[1], doc.text) if last[1].end > last[1].start else last[0].end
        at = doc.text.find("\n", end)
        at = len(doc.text) if at == -1 else at
        pad = " " * key_col
        return TextChange(at, at, f"\n{pad}{section}:\n{pad}  {name}:" + (" " if kind == "input" else ""))
    return None


def schema_action(doc: Document, job_type: str | None) -> Action | None:

    if schema_url(doc) is not None or not isinstance(resolve(doc.root), Mapping):
        return None
    kind = document_kind(doc)
    if kind == COMPONENT:
        type_name = job_type.lower() if job_type and job_type.lower() in COMPONENT_TYPES else "command"
        schema, what = component_file_name(type_name), f"{type_name} component"
    elif kind == SCHEDULE:
        schema, what = UMBRELLAS[SCHEDULE], "schedule"
    else:
        type_name = job_type if job_type in JOB_TYPES else "command"
        schema, what = file_name(type_name), f"{type_name} job"
    # After the file's leading comments (a licence header, a modeline).
    at = 0
    for line in doc.text.split("\n"):
        if line.strip().startswith("#") or not line.strip():
            at += len(line) + 1
        else:
            break
    at = min(at, len(doc.text))
    line = f"$schema: {SCHEMA_BASE}{schema}\n"
    return Action(f"Add the $schema line ({what})", "source", [TextChange(at, at, line)])


__all__ = [
    "Location",
    "TextChange",
    "Action",
    "BindingItem",
    "definition",
    "references",
    "prepare_rename",
    "rename",
    "rename_across_files",
    "component_port",
    "step_port",
    "binding_hover",
    "binding_completions",
    "binding_completions_at",
    "links",
    "quick_fixes",
    "schema_action",
]
