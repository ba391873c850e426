"""Types across the wire: what a pipeline step gives a local component's inputs.

A literal is checked against the input's `type` (`integer`, `number`, `boolean`), `enum`,
`min` and `max`; an output of another step bound into an input
(`${{parent.jobs.STEP.outputs.NAME}}`) is checked against the input's data type (a
`uri_folder` into a `uri_file`, an `mlflow_model` into a `uri_file`...). azure-ai-ml loads
and validates such a pipeline without a word (checked with the SDK on each case), so these
are warnings: the run is what fails.
"""

from __future__ import annotations

import os
import re

from .bindings import component_of, pipeline_steps
from .model.component import PARAMETER_TYPE_DOCS, limits_problem, literal_problem
from .yamldoc import WARNING, Document, Mapping, Node, Problem, Scalar, entries, key_text, lookup, resolve, to_data

STEP_OUTPUT = re.compile(r"^\s*\$\{\{\s*parent\.jobs\.(?P<step>[\w-]+)\.outputs\.(?P<output>[\w-]+)\s*\}\}\s*$")
# Data that is a folder on the compute, so a folder input takes it.
FOLDERS = {"uri_folder", "mltable", "mlflow_model", "custom_model", "triton_model"}


def declared(component: Mapping | None, section: str) -> dict[str, dict]:
    """A component's inputs or outputs as plain data: name -> {type, enum, min, max...}."""
    node = resolve(lookup(component, section))
    if not isinstance(node, Mapping):
        return {}
    out = {}
    for k, v in entries(node):
        spec = to_data(v)
        out[key_text(k)] = spec if isinstance(spec, dict) else {}
    return out


def fits(source: str, target: str) -> bool:
    """Whether data of type `source` may feed an input of type `target`."""
    if source == target or "path" in (source, target):
        return True
    return target == "uri_folder" and source in FOLDERS


class Components:
    """The components of one pipeline's steps, each file's declarations read once (a
    200-step pipeline often runs a few components many times)."""

    def __init__(self, folder: str | None):
        self.folder = folder
        self._declared: dict[tuple[int, str], dict[str, dict]] = {}

    def of(self, step: Mapping) -> tuple[Mapping | None, str | None]:
        component, path, _ = component_of(step, self.folder)
        return (component, path) if component is not step else (None, None)

    def declared(self, component: Mapping, section: str) -> dict[str, dict]:
        key = (id(component), section)
        if key not in self._declared:
            self._declared[key] = declared(component, section)
        return self._declared[key]

    def output_type(self, step: Mapping, name: str) -> str | None:
        """The type of a step's output: the step's own `type:` for it, else its component's."""
        own = resolve(lookup(resolve(lookup(step, "outputs")), name))
        own_type = resolve(lookup(own, "type"))
        if isinstance(own_type, Scalar) and isinstance(own_type.value, str):
            return own_type.value
        component, _ = self.of(step)
        kind = self.declared(component, "outputs").get(name, {}).get("type") if component is not None else None
        return kind if isinstance(kind, str) else None


def check_wire_types(doc: Document, folder: str | None) -> list[Problem]:
    out: list[Problem] = []
    jobs = resolve(lookup(resolve(doc.root), "jobs"))
    by_name = {key_text(k): resolve(v) for k, v in entries(jobs)} if isinstance(jobs, Mapping) else {}
    components = Components(folder)
    for step in pipeline_steps(doc):
        component, path = components.of(step)
        if component is None or path is None:
            continue  # inline or not readable here: its inputs are not known
        where = f"component `{os.path.basename(path)}`"
        specs = components.declared(component, "inputs")
        given = resolve(lookup(step, "inputs"))
        if not isinstance(given, Mapping):
            continue
        for k, v in entries(given):
            spec = specs.get(key_text(k))
            value = resolve(v)
            if spec is None or not isinstance(spec.get("type"), str) or not isinstance(value, Scalar) or value.value is None:
                continue
            out.extend(check_value(key_text(k), spec, value, where, by_name, components))
    return out


def check_value(name: str, spec: dict, value: Scalar, where: str, by_name: dict[str, Node | None], components: Components) -> list[Problem]:
    kind = spec["type"]
    text = value.value
    if isinstance(text, str) and "${{" in text:
        m = STEP_OUTPUT.match(text)
        source = by_name.get(m.group("step")) if m else None
        if kind in PARAMETER_TYPE_DOCS or not isinstance(source, Mapping):
            return []
        source_type = components.output_type(source, m.group("output"))  # type: ignore[union-attr]
        if source_type is None or source_type in PARAMETER_TYPE_DOCS or fits(source_type, kind):
            return []
        return [Problem(value.start, value.end, WARNING, "input-type-mismatch", f"Input `{name}` of the {where} is a `{kind}`, but it is given a `{source_type}` output: the SDK lets it through but the run fails")]
    if kind not in PARAMETER_TYPE_DOCS:
        return []
    expected = literal_problem(kind, text)
    if expected:
        return [Problem(value.start, value.end, WARNING, "input-type-mismatch", f"Input `{name}` of the {where} takes {expected}, not `{value.text}`: the SDK lets it through but the run fails")]
    outside = limits_problem(spec, text)
    if outside:
        return [Problem(value.start, value.end, WARNING, "invalid-input-value", f"Input `{name}` of the {where} should be {outside}, not `{value.text}`: the SDK lets it through but the run fails")]
    return []
