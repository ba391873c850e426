"""`load_job`, `load_component`, `load_schedule`: a file to its entity, through the same
core as the checker."""

from __future__ import annotations

import os
from bisect import bisect_right
from pathlib import Path
from typing import IO, Any

from .detect import COMPONENT, JOB, SCHEDULE, document_kind
from .diagnose import diagnose
from .files import Refused, read_bounded
from .model import COMPONENT as COMPONENT_KIND, SCHEDULE as SCHEDULE_KIND, TOP_LEVEL, Component, Job, Schedule
from .model.entity import Entity, convert
from .model.fields import Kind
from .yamldoc import ERROR, Problem, _line_starts, parse, to_data


class JobValidationError(ValueError):
    """The file is not a valid job (component, schedule); `problems` says why, `text` is
    what was read."""

    def __init__(self, source: str, problems: list[Problem], text: str, kind: str = JOB):
        self.source = source
        self.problems = problems
        self.text = text
        lines = []
        starts = _line_starts(text)
        for p in problems:
            line = bisect_right(starts, p.start) - 1
            lines.append(f"{source}:{line + 1}:{p.start - starts[line] + 1}: {p.severity}[{p.code}] {p.message}")
        shown = lines[:20] + ([f"... and {len(lines) - 20} more"] if len(lines) > 20 else [])
        super().__init__(f"Invalid {kind} file:\n" + "\n".join(shown))


def load_job(source: str | os.PathLike[str] | IO[Any]) -> Job:
    """Read a job from a path or an open stream (text or bytes). Raises JobValidationError
    when the file has errors, so that what loads is what Azure ML would accept."""
    job = _load(source, JOB, TOP_LEVEL)
    assert isinstance(job, Job)
    return job


def load_component(source: str | os.PathLike[str] | IO[Any]) -> Component:
    """Read a component file (command, pipeline, spark, parallel), as `load_job` does."""
    component = _load(source, COMPONENT, COMPONENT_KIND)
    assert isinstance(component, Component)
    return component


def load_schedule(source: str | os.PathLike[str] | IO[Any]) -> Schedule:
    """Read a schedule file (a job, monitor or data import schedule), as `load_job` does."""
    schedule = _load(source, SCHEDULE, SCHEDULE_KIND)
    assert isinstance(schedule, Schedule)
    return schedule


def _load(source: str | os.PathLike[str] | IO[Any], expected: str, kind: Kind) -> Entity:
    if hasattr(source, "read"):
        raw = source.read()  # type: ignore[union-attr]
        name = getattr(source, "name", "<stream>")
        base = Path(name).parent if isinstance(name, str) and name != "<stream>" else Path.cwd()
    else:
        path = Path(source)  # type: ignore[arg-type]
        raw = read_bounded(path)
        if isinstance(raw, Refused):  # missing, not a regular file (a FIFO is not waited on), too large
            raise (OSError if path.exists() else FileNotFoundError)(f"{path}: {raw.message}")
        name, base = str(path), path.parent
    doc = parse(raw)
    found = document_kind(doc)
    if found not in (expected, None):
        # A component given to load_job (or the other way round) is refused, not misread.
        raise JobValidationError(str(name), [Problem(0, 0, ERROR, "wrong-kind", f"Expected a {expected} file; this is a {found} file")], doc.text, expected)
    problems = diagnose(doc, base, kind=expected)
    errors = [p for p in problems if p.severity == ERROR]
    if errors:
        raise JobValidationError(str(name), errors, doc.text, expected)
    entity = convert(kind, to_data(doc.root))
    assert isinstance(entity, Entity)
    entity._values["base_path"] = str(base.resolve())
    if getattr(type(entity), "TYPE", None):
        entity._values.setdefault("type", type(entity).TYPE)
    return entity


def job_from_service(data: dict[str, Any]) -> Job:
    """The Job entity of what the service says of a submitted job (`az ml job show -o json`
    prints the job's YAML form with its read-only fields): its fields, and the attributes only
    the service fills, `id`, `status`, `creation_context`, `log_files`, and `studio_url` (from
    `services.Studio.endpoint`). The one way `job-lsp run`, the server's run command and
    Python code get a Job from the service. Raises ValueError when `data` is not a job."""
    if not isinstance(data, dict):
        raise ValueError(f"a job is a JSON object, not {type(data).__name__}")
    job = convert(TOP_LEVEL, dict(data))
    if not isinstance(job, Job):
        raise ValueError(f"not a job of a known type: type {data.get('type')!r}")
    services = data.get("services")
    studio = services.get("Studio") if isinstance(services, dict) else None
    if isinstance(studio, dict) and isinstance(studio.get("endpoint"), str):
        job._values["studio_url"] = studio["endpoint"]
    job._values.setdefault("type", type(job).TYPE)
    return job
