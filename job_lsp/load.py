"""`load_job`: a job file to a Job entity, through the same core as the checker."""

from __future__ import annotations

import os
from bisect import bisect_right
from pathlib import Path
from typing import IO, Any

from .model import TOP_LEVEL, Job
from .model.entity import convert
from .diagnose import diagnose
from .yamldoc import ERROR, Problem, _line_starts, parse, to_data


class JobValidationError(ValueError):
    """The file is not a valid job; `problems` says why, `text` is what was read."""

    def __init__(self, source: str, problems: list[Problem], text: str):
        self.source = source
        self.problems = problems
        self.text = text
        lines = []
        starts = _line_starts(text)
        for p in problems:
            line = bisect_right(starts, p.start) - 1
            lines.append(f"{source}:{line + 1}:{p.start - starts[line] + 1}: {p.severity}[{p.code}] {p.message}")
        shown = lines[:20] + ([f"... and {len(lines) - 20} more"] if len(lines) > 20 else [])
        super().__init__("Invalid job file:\n" + "\n".join(shown))


def load_job(source: str | os.PathLike[str] | IO[Any]) -> Job:
    """Read a job from a path or an open stream (text or bytes). Raises JobValidationError
    when the file has errors, so that what loads is what Azure ML would accept."""
    if hasattr(source, "read"):
        raw = source.read()  # type: ignore[union-attr]
        name = getattr(source, "name", "<stream>")
        base = Path(name).parent if isinstance(name, str) and name != "<stream>" else Path.cwd()
    else:
        path = Path(source)  # type: ignore[arg-type]
        raw = path.read_bytes()
        name, base = str(path), path.parent
    doc = parse(raw)
    problems = diagnose(doc, base)
    errors = [p for p in problems if p.severity == ERROR]
    if errors:
        raise JobValidationError(str(name), errors, doc.text)
    job = convert(TOP_LEVEL, to_data(doc.root))
    assert isinstance(job, Job)
    job._values["base_path"] = str(base.resolve())
    job._values.setdefault("type", type(job).TYPE)
    return job


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
