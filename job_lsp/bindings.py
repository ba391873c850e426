"""`${{...}}` bindings: where each one is, what it names, and whether that exists.

A binding's first segments say where to look:

    inputs.N / outputs.N         the inputs/outputs of the nearest job, step or component
                                  around it (a sweep's trial looks at the sweep's)
    search_space.N               the nearest sweep's search space
    parent.inputs.N, parent.outputs.N
                                  the pipeline that holds the step
    parent.jobs.S.outputs.N      step S of that pipeline, and its output N
    name, default_datastore, output_name, ...
                                  run-time values Azure ML fills in (output paths)

What cannot be known locally (a step whose component is `azureml:...`) is left unresolved
and never reported: no false positives. Ranges are those of the source text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .model.entity import Entity
from .files import Refused, local_path_of, read_bounded
from .names import did_you_mean, suggest
from .yamldoc import ERROR, WARNING, Alias, Document, Mapping, Node, Problem, Scalar, Sequence, entries, key_nodes, key_text, lookup, parse, resolve

BINDING = re.compile(r"\$\{\{(?P<body>.*?)\}\}")
OPEN = "${{"
COMPONENT_SCHEMA = re.compile(r"Component(\.schema)?\.json$", re.I)
# The forms from before `parent.` (`${{jobs.S.outputs.N}}`, and `${{inputs.N}}`/`${{outputs.N}}`
# for the pipeline's own): azure-ai-ml refuses a step input or output whose whole value is one
# of them when the job is created ("has changed to ${{parent...}}, please change to use new
# format"); these are its patterns. Elsewhere, or spaced `${{ jobs... }}`, it passes them on.
OLD_IO_FORM = re.compile(r"^\$\{\{(?:inputs|jobs|outputs)\.(.*?)\}\}$")
# Values Azure ML fills in at run time (in output paths and names).
RUNTIME_NAMES = {"name", "default_datastore", "output_name", "run_id", "experiment_name", "job_name"}


@dataclass
class Segment:
    text: str
    start: int
    end: int


@dataclass
class Declaration:
    """A declared name a binding can point to: the key node in a document."""

    kind: str  # "input", "output", "step", "parameter"
    name: str
    key: Node
    path: str | None  # the file it is in (None: this document)


@dataclass
class Binding:
    start: int
    end: int
    segments: list[Segment]
    optional: bool  # inside `[[ ... ]]`: an optional part of a command
    target: Declaration | None = None
    # "resolved"; "unknown" (cannot be known here); "runtime" (a value Azure ML fills in);
    # "optional" (an optional part naming an input not given); "missing" (reported)
    status: str = "unresolved"
    # The segment that names the target (for hover, definition and rename).
    focus: Segment | None = None

    @property
    def expression(self) -> str:
        return ".".join(s.text for s in self.segments)


@dataclass
class Scope:
    """What a binding can see: the mappings of the job/step, pipeline and sweep around it."""

    own: Mapping | None = None  # nearest mapping with inputs/outputs (job, step, component)
    own_entity: type[Entity] | None = None
    pipeline: Mapping | None = None  # the pipeline holding the step (for parent.*)
    sweep: Mapping | None = None  # the nearest sweep (for search_space.*)
    in_step: bool = False
    # Inside a step's `inputs` or `outputs`, where Azure ML resolves `parent` bindings when
    # it loads the pipeline (elsewhere it passes them on unchecked).
    in_io: bool = False


@dataclass
class Analysis:
    bindings: list[Binding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # id(scalar) -> what a binding in that scalar can see (for completion inside `${{`)
    scopes: dict[int, Scope] = field(default_factory=dict)
    folder: str | None = None  # the job file's folder (component files are relative to it)

    def at(self, offset: int) -> Binding | None:
        for b in self.bindings:
            if b.start <= offset <= b.end:
                return b
        return None

    def references(self, target: Declaration) -> list[Binding]:
        return [b for b in self.bindings if b.target is not None and b.target.key is target.key]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for b in self.bindings:
            out[b.status] = out.get(b.status, 0) + 1
        return out


ComponentReader = Callable[[str], "Document | None"]


# A component file larger than this is not a component: it is not read.
MAX_COMPONENT_BYTES = 5 * 1024 * 1024


def read_component_file(path: str, _cache: dict = {}) -> Document | None:  # noqa: B006 - a deliberate process-wide cache
    """A local component file, parsed once per (size, mtime); None when it cannot be read
    (missing, too large, not a regular file)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (path, st.st_size, st.st_mtime_ns)
    cached = _cache.get(key)
    if cached is None:
        source = read_bounded(path, MAX_COMPONENT_BYTES)
        if isinstance(source, Refused):
            return None
        cached = parse(source)
        if len(_cache) > 256:
            _cache.clear()
        _cache[key] = cached
    return cached


def component_file(reference: str, folder: str | None) -> str | None:
    """The local file a `component:` reference names (`./x.yml`, `file:x.yml`), or None for
    `azureml:`, registry and binding references, which are not readable here."""
    local = local_path_of(reference)
    if local is None or folder is None:
        return None
    return os.path.normpath(os.path.join(folder, local))


def pipeline_steps(doc: Document) -> Iterator[Mapping]:
    """Every step of the file's pipeline (a pipeline job's or a pipeline component's `jobs`)."""
    jobs = resolve(lookup(resolve(doc.root), "jobs"))
    if isinstance(jobs, Mapping):
        for _, step in entries(jobs):
            step = resolve(step)
            if isinstance(step, Mapping):
                yield step


def component_of(step: Mapping, folder: str | None, read: ComponentReader | None = None) -> tuple[Mapping | None, str | None, bool]:
    """The component a step runs: (its mapping, its file, whether it is known). A step
    without `component` is its own component; `azureml:` ones are unknown here."""
    read = read or read_component_file
    ref = resolve(lookup(step, "component")) or resolve(lookup(step, "trial"))
    if ref is None:
        return None, None, True
    if isinstance(ref, Mapping):
        return ref, None, True
    if not isinstance(ref, Scalar) or not isinstance(ref.value, str):
        return None, None, False
    path = component_file(ref.value, folder)
    if path is None:
        return None, None, False  # azureml:..., a registry, a binding: not readable here
    doc = read(path)
    root = resolve(doc.root) if doc is not None else None
    if not isinstance(root, Mapping):
        return None, None, False
    return root, path, True


# --- scopes: what a binding sees, by where it is written ------------------------------------
# The rules, shared by the walk over a whole document (Analyzer.walk) and the walk down one
# path of keys (scope_along, for completion right after an edit).


def entered(node: Mapping, entity: type[Entity] | None, scope: Scope) -> Scope:
    """The scope of the values in a mapping: its own inputs and outputs when its entity has
    them (a job, a step, a component), and it as the sweep when it is one."""
    fields = entity.fields() if entity is not None else {}
    inner = scope
    if entity is not None and ("inputs" in fields or "outputs" in fields):
        inner = Scope(node, entity, scope.pipeline, scope.sweep, scope.in_step, scope.in_io)
    if entity is not None and "search_space" in fields and "objective" in fields:
        inner = Scope(inner.own, inner.own_entity, inner.pipeline, node, inner.in_step, inner.in_io)
    return inner


def is_step_io(node: Mapping, name: str, scope: Scope, inner: Scope) -> bool:
    """Whether key `name` of `node` is a pipeline step's `inputs` or `outputs`."""
    return scope.in_step and inner.own is node and name in ("inputs", "outputs")


def step_io_scope(inner: Scope) -> Scope:
    return Scope(inner.own, inner.own_entity, inner.pipeline, inner.sweep, True, True)


def is_steps(name: str, entity: type[Entity] | None, value: Node | None) -> bool:
    """Whether key `name` (of a mapping whose entity is `entity`) holds a pipeline's steps."""
    return name == "jobs" and entity is not None and "jobs" in entity.fields() and isinstance(resolve(value), Mapping)


def step_scope(pipeline: Mapping) -> Scope:
    """A step's: `parent` is the pipeline that holds it."""
    return Scope(None, None, pipeline, None, True)


def scope_along(root: Node | None, entities: dict[int, type], keys: list[object], line: int | None = None, line_of: Callable[[int], int] | None = None) -> Scope:
    """The scope of a value written at the end of a path of keys (a list item is `None`, the
    item holding `line`, found with `line_of(offset)`), as `Analyzer.walk` gives it, without
    walking the rest of the document. Where the tree has no such key (it is being typed),
    the scope is that of the last mapping the path reached."""
    scope = Scope()
    node = resolve(root)
    at = 0
    while at < len(keys):
        key = keys[at]
        if isinstance(node, Sequence):
            if key is not None or line is None or line_of is None:
                return scope
            node = resolve(next((i for i in node.items if line_of(i.start) <= line <= line_of(max(i.start, i.end - 1))), None))
            at += 1
            continue
        if not isinstance(node, Mapping) or not isinstance(key, str):
            return scope
        entity = entities.get(id(node))
        inner = entered(node, entity, scope)
        value = lookup(node, key)
        if is_step_io(node, key, scope, inner):
            scope, node = step_io_scope(inner), resolve(value)
        elif is_steps(key, entity, value):
            scope = step_scope(node)
            at += 1
            node = resolve(lookup(resolve(value), keys[at])) if at < len(keys) and isinstance(keys[at], str) else None
        else:
            scope, node = inner, resolve(value)
        at += 1
    if isinstance(node, Mapping):  # the value is on a line of its own in this mapping (a folded scalar's)
        return entered(node, entities.get(id(node)), scope)
    return scope


class Analyzer:
    def __init__(self, doc: Document, entities: dict[int, type], folder: str | None, components: ComponentReader | None):
        self.doc = doc
        self.entities = entities
        self.folder = folder
        self.read = components or read_component_file
        self.result = Analysis(folder=folder)
        # A pipeline's steps and declarations are looked up once per binding: cache them,
        # or a 250-step pipeline costs 250 x 250 lookups.
        self._keys: dict[int, dict[str, Node]] = {}
        self._values: dict[int, dict[str, Node]] = {}
        self._components: dict[int, tuple[Mapping | None, str | None, bool]] = {}

    def names(self, node: Node | None) -> dict[str, Node]:
        node = resolve(node)
        if node is None:
            return {}
        found = self._keys.get(id(node))
        if found is None:
            found = self._keys[id(node)] = key_nodes(node)
        return found

    def get(self, node: Node | None, key: str) -> Node | None:
        node = resolve(node)
        if not isinstance(node, Mapping):
            return None
        values = self._values.get(id(node))
        if values is None:
            values = self._values[id(node)] = {key_text(k): v for k, v in node.pairs}
        return values.get(key)

    # --- component files -----------------------------------------------------------------
    def component_of(self, step: Mapping) -> tuple[Mapping | None, str | None, bool]:
        # Once per step: each of its bindings asks, and each answer stats the file.
        found = self._components.get(id(step))
        if found is None:
            found = self._components[id(step)] = component_of(step, self.folder, self.read)
        return found

    # --- the walk ------------------------------------------------------------------------
    def run(self) -> Analysis:
        root = resolve(self.doc.root)
        if isinstance(root, Mapping):
            self.walk(root, Scope(), 0)
        return self.result

    def walk(self, node: Node, scope: Scope, depth: int) -> None:
        if depth > 100:
            return
        if isinstance(node, Alias):
            return  # its target is walked where it is written
        if isinstance(node, Scalar):
            if isinstance(node.value, str) and OPEN in self.doc.text[node.start : node.end]:
                self.scalar(node, scope)
            return
        if isinstance(node, Sequence):
            for item in node.items:
                self.walk(item, scope, depth + 1)
            return
        if not isinstance(node, Mapping):
            return
        entity = self.entities.get(id(node))
        inner = entered(node, entity, scope)
        for k, v in node.pairs:
            name = key_text(k)
            if is_step_io(node, name, scope, inner):
                self.walk(v, step_io_scope(inner), depth + 1)
                continue
            if is_steps(name, entity, v):
                for step_key, step in resolve(v).pairs:  # type: ignore[union-attr]
                    self.walk(step, step_scope(node), depth + 1)
                    if isinstance(resolve(step), Mapping):
                        self.wiring(step_key, resolve(step))  # type: ignore[arg-type]
                continue
            self.walk(v, inner, depth + 1)

    def scalar(self, node: Scalar, scope: Scope) -> None:
        self.result.scopes[id(node)] = scope
        text = self.doc.text
        source = text[node.start : node.end]
        for m in BINDING.finditer(source):
            start = node.start + m.start()
            end = node.start + m.end()
            body_start = node.start + m.start("body")
            segments = []
            pos = body_start
            for part in m.group("body").split("."):
                stripped = part.strip()
                lead = len(part) - len(part.lstrip())
                segments.append(Segment(stripped, pos + lead, pos + lead + len(stripped)))
                pos += len(part) + 1
            optional = _inside_optional(source, m.start())
            binding = Binding(start, end, segments, optional)
            self.result.bindings.append(binding)
            refused = scope.in_io and OLD_IO_FORM.match(node.value) is not None
            if refused or (segments[0].text == "jobs" and len(segments) > 1):
                self.old_form(binding, refused)
                continue
            self.resolve_binding(binding, scope)
        # An opening without its closing braces.
        last_close = 0
        for m in BINDING.finditer(source):
            last_close = m.end()
        dangling = source.find(OPEN, last_close)
        if dangling != -1:
            at = node.start + dangling
            self.problem(at, at + 3, WARNING, "unclosed-binding", "`${{` is not closed by `}}`: Azure ML will pass it on as plain text")

    def wiring(self, step_key: Node, step: Mapping) -> None:
        """A step that runs a component read here: its inputs and outputs must be the
        component's, and the component's required inputs must be given."""
        if lookup(step, "component") is None:
            return
        self.check_component_file(step)
        component, path, known = self.component_of(step)
        if component is None or not known or component is step:
            return
        schema = resolve(lookup(component, "$schema"))
        if isinstance(schema, Scalar) and isinstance(schema.value, str) and not COMPONENT_SCHEMA.search(schema.value):
            return  # e.g. a prompt flow run: its inputs are the flow's, not declared here
        where = f"component `{os.path.basename(path)}`" if path else "the inline component"
        for section, kind in (("inputs", "input"), ("outputs", "output")):
            declared = key_nodes(lookup(component, section))
            given = resolve(lookup(step, section))
            for name, key in key_nodes(given).items():
                if name not in declared:
                    hint = suggest(name, list(declared))
                    did = did_you_mean(hint, f" (it has: {', '.join(f'`{n}`' for n in declared) or 'none'})")
                    # Azure ML lets the step through and ignores the value.
                    self.problem(key.start, key.end, WARNING, f"unknown-component-{kind}", f"The {where} has no {kind} `{name}`{did}")
        given_inputs = key_nodes(lookup(step, "inputs"))
        missing = []
        for name, key in key_nodes(lookup(component, "inputs")).items():
            spec = resolve(lookup(component, "inputs"))
            value = resolve(lookup(spec, name))
            optional = resolve(lookup(value, "optional"))
            has_default = lookup(value, "default") is not None
            if name not in given_inputs and not has_default and not (isinstance(optional, Scalar) and optional.value is True):
                missing.append(name)
        if missing:
            names = ", ".join(f"`{n}`" for n in missing)
            self.problem(step_key.start, step_key.end, ERROR, "missing-input", f"Step `{key_text(step_key)}` does not give the required input(s) {names} of the {where}")

    def check_component_file(self, step: Mapping) -> None:
        """A local component file that exists but is not YAML Azure ML can read (binary
        junk, a syntax error, a list) is refused when the pipeline loads."""
        ref = resolve(lookup(step, "component"))
        if not isinstance(ref, Scalar) or not isinstance(ref.value, str):
            return
        path = component_file(ref.value, self.folder)
        if path is None or not os.path.isfile(path):
            return  # a missing file is reported as a missing path
        doc = self.read(path)
        if doc is None:
            return  # too large or unreadable here: nothing is guessed
        broken = next((p for p in doc.problems if p.severity == ERROR), None)
        if broken is not None or not isinstance(resolve(doc.root), Mapping):
            line = doc.position(broken.start)[0] + 1 if broken is not None else 1
            why = broken.message if broken is not None else "its top level is not a mapping"
            self.problem(ref.start, ref.end, ERROR, "invalid-component", f"`{ref.value.strip()}` cannot be read as a component (line {line}: {why})")

    def problem(self, start: int, end: int, severity: str, code: str, message: str, data: dict | None = None) -> None:
        self.result.problems.append(Problem(start, end, severity, code, message, data))

    def resolve_binding(self, b: Binding, scope: Scope) -> None:
        names = [s.text for s in b.segments]
        head = names[0]
        if len(names) == 1 and head in RUNTIME_NAMES:
            b.status = "runtime"
            return
        if head in ("inputs", "outputs") and len(names) == 2:
            kind = head[:-1]
            if scope.own is None:
                b.status = "unknown"
                return
            declared = self.names(self.get(scope.own, head))
            if scope.own_entity is not None and scope.in_step:
                component, path, known = self.component_of(scope.own)
                if component is not None and component is not scope.own:
                    for name, key in self.names(self.get(component, head)).items():
                        declared.setdefault(name, key)
                elif not known:
                    if names[1] not in declared:
                        b.status = "unknown"
                        return
            # Azure ML refuses a job whose command names an undeclared input when it is
            # submitted; elsewhere (outputs, pipeline steps, sweeps) it lets it through, and
            # the run gets the text as it is: a warning.
            # A command component's are refused too, outputs included ("Invalid data binding
            # expression" when the component is validated).
            owner = scope.own_entity.__name__ if scope.own_entity is not None and not scope.in_step else None
            strict = (kind == "input" and owner == "CommandJob") or owner == "CommandComponent"
            self.settle(b, b.segments[1], declared, kind, None, f"No {kind} `{names[1]}` is declared here", not strict)
            return
        if head == "search_space" and len(names) == 2:
            if scope.sweep is None:
                self.not_here(b, "`search_space` bindings belong in a sweep's trial")
                return
            self.settle(b, b.segments[1], self.names(self.get(scope.sweep, "search_space")), "parameter", None, f"No search space parameter `{names[1]}`", True)
            return
        if head == "parent":
            if scope.pipeline is None:
                self.not_here(b, "`parent` bindings belong in a pipeline step: this job has no parent pipeline")
                return
            if len(names) == 3 and names[1] in ("inputs", "outputs"):
                kind = names[1][:-1]
                self.settle(b, b.segments[2], self.names(self.get(scope.pipeline, names[1])), kind, None, f"The pipeline declares no {kind} `{names[2]}`", not scope.in_io)
                return
            if len(names) == 5 and names[1] == "jobs" and names[3] == "outputs":
                steps = resolve(self.get(scope.pipeline, "jobs"))
                step_keys = self.names(steps)
                if names[2] not in step_keys:
                    self.settle(b, b.segments[2], step_keys, "step", None, f"The pipeline has no step `{names[2]}`", not scope.in_io)
                    return
                step = resolve(self.get(steps, names[2]))
                if not isinstance(step, Mapping):
                    b.status = "unknown"
                    return
                component, path, known = self.component_of(step)
                outputs = self.names(self.get(step, "outputs"))
                if component is not None and component is not step:
                    for name, key in self.names(self.get(component, "outputs")).items():
                        outputs.setdefault(name, key)
                    if names[4] in outputs and names[4] not in self.names(self.get(step, "outputs")):
                        b.target = Declaration("output", names[4], outputs[names[4]], path)
                        b.focus = b.segments[4]
                        b.status = "resolved"
                        return
                elif not known and names[4] not in outputs:
                    # A step defined inline cannot bind to an output Azure ML does not see
                    # declared ("Failed to find referenced source"); a step with a component
                    # can, and what that component has is not known here.
                    if scope.in_io and scope.own is not None and self.get(scope.own, "component") is None and self.get(scope.own, "trial") is None:
                        b.focus = b.segments[4]
                        b.status = "missing"
                        self.problem(b.segments[4].start, b.segments[4].end, ERROR, "undeclared-output", f"Step `{names[2]}` runs a component that cannot be read here, and lists no output `{names[4]}`: Azure ML cannot find it for a step defined inline; list it under the step's `outputs`")
                    else:
                        b.status = "unknown"
                    return
                self.settle(b, b.segments[4], outputs, "output", None, f"Step `{names[2]}` has no output `{names[4]}`", not scope.in_io)
                return
            if len(names) == 5 and names[1] == "jobs" and names[3] == "inputs":
                b.status = "unknown"  # a step's input as a source: rare; not checked
                return
            self.unknown_form(b)
            return
        self.unknown_form(b)

    def settle(self, b: Binding, segment: Segment, declared: dict[str, Node], kind: str, path: str | None, missing: str, optional: bool) -> None:
        b.focus = segment
        key = declared.get(segment.text)
        if key is not None:
            b.target = Declaration(kind, segment.text, key, path)
            b.status = "resolved"
            return
        if b.optional and kind == "input":
            b.status = "optional"  # an optional part names an input not given: it is dropped
            return
        b.status = "missing"
        known = ", ".join(f"`{n}`" for n in declared) or "none"
        hint = suggest(segment.text, list(declared))
        did = did_you_mean(hint, f" (declared: {known})")
        code = {"input": "undeclared-input", "output": "undeclared-output", "step": "unknown-step", "parameter": "undeclared-parameter"}[kind]
        severity = WARNING if optional else ERROR
        data: dict = {"replace": hint} if hint else {}
        if kind in ("input", "output"):
            data["declare"] = {"kind": kind, "name": segment.text}
        self.problem(segment.start, segment.end, severity, code, missing + did, data or None)

    def not_here(self, b: Binding, message: str) -> None:
        # Azure ML passes such a value on as plain text: a mistake, but not a refusal.
        b.status = "missing"
        self.problem(b.start, b.end, WARNING, "binding-not-allowed", message)

    def old_form(self, b: Binding, refused: bool) -> None:
        b.status = "missing"
        head = b.segments[0].start
        new = self.doc.text[b.start : head] + "parent." + self.doc.text[head : b.end]
        old = self.doc.text[b.start : b.end]
        if refused:
            message = f"`{old}` is the old binding form, which azure-ai-ml refuses when the job is created (`az ml job create`); write `{new}`"
        else:
            message = f"`{old}` is the old binding form of `{new}`: azure-ai-ml passes it on unresolved here (and refuses it as a step's input or output)"
        self.problem(b.start, b.end, ERROR if refused else WARNING, "old-binding-form", message, {"replace": new})

    def unknown_form(self, b: Binding) -> None:
        b.status = "unknown"
        self.problem(b.start, b.end, WARNING, "unknown-binding", f"`${{{{{b.expression}}}}}` is not a binding this tool knows (inputs.N, outputs.N, search_space.N, parent.inputs.N, parent.outputs.N, parent.jobs.STEP.outputs.N)")


def _inside_optional(source: str, at: int) -> bool:
    """Inside `[[...]]` (an optional part of a command) or `[...]` (of spark `args`): the
    part is dropped when its input is not given."""
    opened = source.rfind("[", 0, at)
    return opened != -1 and source.rfind("]", 0, at) < opened


def analyze(doc: Document, entities: dict[int, type], folder: str | None = None, components: ComponentReader | None = None) -> Analysis:
    return Analyzer(doc, entities, folder, components).run()
