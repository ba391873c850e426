"""What a YAML document is: an Azure ML job, component or schedule file, or none of ours
(environments, data assets, conda files, MLTable, CI files...), and which files the language
server serves. One rule, shared by `job-lsp check` and `format` (folder scans), the language
server and validation, so they cannot drift:

1. `$schema` (or a `# yaml-language-server: $schema=...` line) first: a name ending in
   `Job.schema.json` / `Job.json` is a job, `Component.schema.json` / `Component.json` a
   component, `schedule.schema.json` / `Schedule.json` a schedule (any case); any other
   schema is none of ours.
2. Without one, the shape: a `trigger` with `create_job`, `create_monitor` or `import_data`
   is a schedule; a component `type:` (command, pipeline, spark, parallel) without the keys
   only jobs have (`compute`, `experiment_name`), with `version`, `is_deterministic` or an
   input that declares `optional`/`default`/`min`/`max`/`enum`, is a component; a job
   `type:` (or `command:`) with a key only jobs have is a job.
"""

from __future__ import annotations

import fnmatch
import os
import re
from typing import Iterable

from .files import is_yaml_name
from .model import COMPONENT_TYPES, JOB_TYPES, SCHEDULE_KEYS
from .yamldoc import Document, Mapping, Scalar, key_text, resolve

JOB, COMPONENT, SCHEDULE = "job", "component", "schedule"
KINDS = (JOB, COMPONENT, SCHEDULE)

# Azure ML's own schema names: commandJob.schema.json, pipelineJob.schema.json, ... and the
# older http://azureml/sdk-2-0/PipelineJob.json (likewise for components and schedules).
SCHEMA_KINDS = (
    (JOB, re.compile(r"(?:Job\.schema\.json|(?:^|/)\w*Job\.json)\s*$", re.I)),
    (COMPONENT, re.compile(r"(?:Component\.schema\.json|(?:^|/)\w*Component\.json)\s*$", re.I)),
    (SCHEDULE, re.compile(r"(?:Schedule\.schema\.json|(?:^|/)\w*Schedule\.json)\s*$", re.I)),
)
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)", re.M)
# Keys a job has and a component (the other YAML with `type: command`) does not.
JOB_ONLY_KEYS = {
    "compute", "experiment_name", "jobs", "services", "trial", "task", "settings", "search_space",
    "model_provider", "data_generation_type", "teacher_model_endpoint_connection", "student_model",
}
# Of those, the ones a component never has (a pipeline component has `jobs`).
NEVER_IN_COMPONENTS = {"compute", "experiment_name"}
COMPONENT_MARKS = {"version", "is_deterministic"}
COMPONENT_INPUT_KEYS = {"optional", "default", "min", "max", "enum"}


def schema_url(doc: Document) -> str | None:
    """The schema a file declares: its `$schema` key, or a yaml-language-server modeline."""
    root = resolve(doc.root)
    if isinstance(root, Mapping):
        for k, v in root.pairs:
            v = resolve(v)
            if key_text(k) == "$schema" and isinstance(v, Scalar) and isinstance(v.value, str):
                return v.value
    m = MODELINE.search(doc.text[:4096])
    return m.group(1) if m else None


def kind_of_schema(url: str) -> str | None:
    return next((kind for kind, pattern in SCHEMA_KINDS if pattern.search(url)), None)


def document_kind(doc: Document) -> str | None:
    """`job`, `component`, `schedule`, or None for a YAML file that is none of ours."""
    url = schema_url(doc)
    if url is not None:
        return kind_of_schema(url)
    root = resolve(doc.root)
    if not isinstance(root, Mapping):
        return None
    values = {key_text(k): resolve(v) for k, v in root.pairs}
    keys = set(values)
    if isinstance(values.get("trigger"), Mapping) and keys & set(SCHEDULE_KEYS):
        return SCHEDULE
    type_node = values.get("type")
    type_name = type_node.value.lower() if isinstance(type_node, Scalar) and isinstance(type_node.value, str) else None
    if type_name in COMPONENT_TYPES and not keys & NEVER_IN_COMPONENTS and (keys & COMPONENT_MARKS or _declares_component_inputs(values.get("inputs"))):
        return COMPONENT
    if type_node is None:
        return JOB if "command" in keys and keys & JOB_ONLY_KEYS else None
    return JOB if type_name in JOB_TYPES and keys & JOB_ONLY_KEYS else None


def _declares_component_inputs(inputs: object) -> bool:
    if not isinstance(inputs, Mapping):
        return False
    for _, spec in inputs.pairs:
        spec = resolve(spec)
        if isinstance(spec, Mapping) and any(key_text(k) in COMPONENT_INPUT_KEYS for k, _ in spec.pairs):
            return True
    return False


def is_job_document(doc: Document) -> bool:
    return document_kind(doc) == JOB


def serves(path: str, doc: Document, job_files: Iterable[str] = ()) -> bool:
    """Whether the language server serves a document. `job_files` are the user's globs
    (matched against the path and the file name): a match is served as a job file, whatever
    its content. Otherwise a YAML file is served when it is a job, component or schedule
    file, or, looser than a folder scan so that completion helps while a file is written,
    when its top-level `type:` is (the start of) a job type and it declares no other schema
    and no `version` (which components have)."""
    globs = list(job_files)
    if any(fnmatch.fnmatch(path, g) or fnmatch.fnmatch(os.path.basename(path), g) for g in globs):
        return True
    if not is_yaml_name(path):
        return False
    if document_kind(doc) is not None:
        return True
    root = resolve(doc.root)
    if not isinstance(root, Mapping) or schema_url(doc) is not None:
        return False
    keys = {key_text(k): resolve(v) for k, v in root.pairs}
    job_type = keys.get("type")
    if not isinstance(job_type, Scalar) or "version" in keys:
        return False
    value = job_type.value  # `type:` being typed (empty, or the start of a job type) counts
    return value is None or (isinstance(value, str) and any(j.startswith(value) for j in JOB_TYPES))
