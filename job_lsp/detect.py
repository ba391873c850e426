"""Which YAML documents are Azure ML job files, and which files the language server serves.
Shared by `job-lsp check` and `format` (folder scans) and the server, so they cannot drift."""

from __future__ import annotations

import fnmatch
import os
import re
from typing import Iterable

from .files import is_yaml_name
from .model import JOB_TYPES
from .yamldoc import Document, Mapping, Scalar, key_text, resolve

# Azure ML's own job schema names: commandJob.schema.json, pipelineJob.schema.json, ...
# and the older http://azureml/sdk-2-0/PipelineJob.json.
JOB_SCHEMA = re.compile(r"(?:Job\.schema\.json|(?:^|/)\w*Job\.json)\s*$", re.I)
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)", re.M)
# Keys a job has and a component (the other YAML with `type: command`) does not.
JOB_ONLY_KEYS = {
    "compute", "experiment_name", "jobs", "services", "trial", "task", "settings", "search_space",
    "model_provider", "data_generation_type", "teacher_model_endpoint_connection", "student_model",
}


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


def is_job_document(doc: Document) -> bool:
    url = schema_url(doc)
    if url is not None:
        return JOB_SCHEMA.search(url) is not None
    root = resolve(doc.root)
    if not isinstance(root, Mapping):
        return False
    keys = {key_text(k) for k, _ in root.pairs}
    type_node = next((resolve(v) for k, v in root.pairs if key_text(k) == "type"), None)
    job_type = type_node.value if isinstance(type_node, Scalar) else None
    if job_type is None:
        return "command" in keys and bool(keys & JOB_ONLY_KEYS)
    return isinstance(job_type, str) and job_type.lower() in JOB_TYPES and bool(keys & JOB_ONLY_KEYS)


def serves(path: str, doc: Document, job_files: Iterable[str] = ()) -> bool:
    """Whether the language server treats a document as a job file. `job_files` are the
    user's globs (matched against the path and the file name): a match is served, whatever
    its content. Otherwise a YAML file is served when it is a job file, or, looser than a
    folder scan so that completion helps while a file is written, when its top-level `type:`
    is (the start of) a job type and it declares no other schema and no `version` (which
    components have)."""
    globs = list(job_files)
    if any(fnmatch.fnmatch(path, g) or fnmatch.fnmatch(os.path.basename(path), g) for g in globs):
        return True
    if not is_yaml_name(path):
        return False
    if is_job_document(doc):
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
