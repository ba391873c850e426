"""Problems of the files a file runs: a pipeline step's local component file (`component:
./train.yml`) and a schedule's job file (`create_job: ./pipeline.yml`).

Azure ML loads those files with the one that names them and refuses the whole when they are
wrong: a component whose `code` is missing fails the pipeline, a broken job file fails the
schedule. Their problems are reported where the file is named (a count and the first one,
with the file's name). Each linked file is parsed once per version (the component reader's
cache) and checked once per check of the file that names it, and a file that links back to
itself is not followed round.
"""

from __future__ import annotations

import os
import threading
from typing import Callable

from .bindings import component_file, pipeline_steps, read_component_file
from .detect import COMPONENT, SCHEDULE, document_kind
from .files import local_path_of
from .names import did_you_mean, suggest
from .yamldoc import ERROR, WARNING, Document, Mapping, Problem, Scalar, entries, key_nodes, key_text, lookup, resolve

# How a linked file is checked: job_lsp.diagnose (which composes this module's checks, so it
# hands itself in rather than being imported from below).
Diagnose = Callable[[Document, str], list[Problem]]

# Files being checked now, by this thread (the server checks documents in worker threads): a
# file that links back to itself stops here.
_local = threading.local()


# What one check of a file has found of the files it links to: path -> (document, problems).
# Per check, not kept: a linked file's problems depend on the files it links to in turn,
# which may have changed since (each file's parse is cached per version by the reader).
Checked = dict[str, "tuple[Document, list[Problem]] | None"]


def file_problems(path: str, diagnose: Diagnose, checked: Checked) -> tuple[Document, list[Problem]] | None:
    """A linked file's document and problems (as `job-lsp check` gives them), or None when it
    cannot be read here or is being checked already (a cycle)."""
    if path in checked:
        return checked[path]
    active: set[str] = _local.__dict__.setdefault("active", set())
    doc = read_component_file(path)
    if doc is None or path in active:
        return None
    active.add(path)
    try:
        checked[path] = (doc, diagnose(doc, os.path.dirname(path)))
    finally:
        active.discard(path)
    return checked[path]


def summary(name: str, doc: Document, problems: list[Problem], what: str) -> str:
    """`train.yml`, line 5: MESSAGE; or `train.yml` has 3 errors; the first, line 5: MESSAGE."""
    first = problems[0]
    line = doc.position(first.start)[0] + 1
    if len(problems) == 1:
        return f"`{name}`, line {line}: {first.message}"
    return f"`{name}` has {len(problems)} {what}; the first, line {line}: {first.message}"


def check_step_components(doc: Document, folder: str | None, diagnose: Diagnose, checked: Checked) -> list[Problem]:
    """A step's local component file with errors of its own (a missing `code`, an unknown
    key...) fails the pipeline. Its `name` is not judged: the SDK reads a step's component
    anonymously (a public pipeline runs a component named `r-iris-example`)."""
    out: list[Problem] = []
    if folder is None:
        return out
    for step in pipeline_steps(doc):
        ref = resolve(lookup(step, "component"))
        if not isinstance(ref, Scalar) or not isinstance(ref.value, str):
            continue
        path = component_file(ref.value, folder)
        if path is None or not os.path.isfile(path):
            continue  # a missing file is reported as a missing path
        found = file_problems(path, diagnose, checked)
        if found is None:
            continue
        component, problems = found
        if document_kind(component) != COMPONENT:
            continue  # e.g. a prompt flow (`flow.dag.yaml`): not ours to judge
        if any(p.code in ("yaml-syntax", "invalid-encoding", "invalid-character") for p in component.problems):
            continue  # reported as an invalid component
        name_key = resolve(lookup(resolve(component.root), "name"))
        errors = [p for p in problems if p.severity == ERROR and not (name_key is not None and name_key.start <= p.start < name_key.end)]
        if errors:
            out.append(Problem(ref.start, ref.end, ERROR, "component-error", summary(os.path.basename(path), component, errors, "errors") + "; Azure ML refuses to load the pipeline"))
    return out


def check_schedule_job(doc: Document, folder: str | None, diagnose: Diagnose, checked: Checked) -> list[Problem]:
    """A schedule's job file (`create_job: ./pipeline.yml`, or `job:` with overrides) is
    loaded with it: its errors fail the schedule, its warnings are passed on."""
    if folder is None or document_kind(doc) != SCHEDULE:
        return []
    create_job = resolve(lookup(resolve(doc.root), "create_job"))
    ref = resolve(lookup(create_job, "job")) if isinstance(create_job, Mapping) else create_job
    if not isinstance(ref, Scalar) or not isinstance(ref.value, str):
        return []
    local = local_path_of(ref.value)
    path = os.path.normpath(os.path.join(folder, local)) if local else None
    if path is None or not os.path.isfile(path):
        return []  # azureml:... is not readable here; a missing file is a missing path
    found = file_problems(path, diagnose, checked)
    if found is None:
        return []
    job, problems = found
    errors = [p for p in problems if p.severity == ERROR]
    name = os.path.basename(path)
    out = overrides_problems(create_job, job, name) if isinstance(create_job, Mapping) else []
    if errors:
        return out + [Problem(ref.start, ref.end, ERROR, "job-error", summary(name, job, errors, "errors") + "; Azure ML refuses the schedule")]
    if problems:
        return out + [Problem(ref.start, ref.end, WARNING, "job-warning", summary(name, job, problems, "warnings"))]
    return out


def overrides_problems(create_job: Mapping, job: Document, name: str) -> list[Problem]:
    """`create_job`'s overrides against the job file they are merged into: a `type` that is
    not the file's makes the SDK read them as another kind of job and refuse the schedule
    (checked with the SDK); an input or output the file does not declare is passed on but
    used by nothing, likely a misspelling (the SDK lets it through: a warning)."""
    out: list[Problem] = []
    root = resolve(job.root)
    kind = resolve(lookup(create_job, "type"))
    file_kind = resolve(lookup(root, "type"))
    if isinstance(kind, Scalar) and isinstance(file_kind, Scalar) and isinstance(kind.value, str) and isinstance(file_kind.value, str) and kind.value != file_kind.value:
        out.append(Problem(kind.start, kind.end, ERROR, "override-mismatch", f"`type: {kind.value}` overrides a {file_kind.value} job (`{name}`): Azure ML reads the overrides as a {kind.value} job and refuses the schedule"))
    for section, code, what, use in OVERRIDDEN:
        given = resolve(lookup(create_job, section))
        if not isinstance(given, Mapping):
            continue
        declared = key_nodes(resolve(lookup(root, section)))
        for key, _ in entries(given):
            if key_text(key) not in declared:
                did = did_you_mean(suggest(key_text(key), declared))
                out.append(Problem(key.start, key.end, WARNING, code, f"`{name}` declares no {what} `{key_text(key)}`{did}: {use}"))
    return out


# The overrides checked against the job file's declarations: section, code, what, what it does.
OVERRIDDEN = (
    ("inputs", "undeclared-input", "input", "the schedule passes it, but nothing in the job uses it"),
    ("outputs", "undeclared-output", "output", "the schedule sets it, but nothing in the job writes it"),
)


def check_linked(doc: Document, folder: str | None, diagnose: Diagnose) -> list[Problem]:
    checked: Checked = {}
    return check_step_components(doc, folder, diagnose, checked) + check_schedule_job(doc, folder, diagnose, checked)

