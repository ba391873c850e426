"""Which YAML documents are Azure ML job files. Shared by `job-lsp check` (folder scans) and
the language server (which files it serves)."""

from __future__ import annotations

import re

from .yamldoc import Document, Mapping, Scalar, key_text, resolve

# Azure ML's own job schema names: commandJob.schema.json, pipelineJob.schema.json, ...
# and the older http://azureml/sdk-2-0/PipelineJob.json.
JOB_SCHEMA = re.compile(r"(?:Job\.schema\.json|(?:^|/)\w*Job\.json)\s*$", re.I)
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)", re.M)
JOB_TYPES = {"command", "sweep", "pipeline", "spark", "automl", "finetuning", "distillation"}
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
