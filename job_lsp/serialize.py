"""`dump()` of jobs, components and schedules: an entity written as YAML, by the same
serializer as format-on-save."""

from __future__ import annotations

import datetime
import io
import os
from pathlib import Path
from typing import IO, Any

from .diagnose import diagnose
from .format import FormatOptions, dump_text
from .model.job import JobProblem
from .yamldoc import ERROR, key_path, parse

# What `dump(dest, **kwargs)` passes on: the layout options, and PyYAML's scalar options.
LAYOUT_OPTIONS = {"indent", "width", "reorder"}
SCALAR_OPTIONS = {"allow_unicode", "default_style", "line_break"}


def entity_yaml(job: Any, **kwargs: Any) -> str:
    """The YAML text of a job, component or schedule (read-only fields left out, canonical
    key order)."""
    unknown = set(kwargs) - LAYOUT_OPTIONS - SCALAR_OPTIONS
    if unknown:
        raise TypeError(f"dump() got unexpected keyword argument(s): {', '.join(sorted(unknown))}")
    layout = FormatOptions(**{k: v for k, v in kwargs.items() if k in LAYOUT_OPTIONS})
    scalars = {k: v for k, v in kwargs.items() if k in SCALAR_OPTIONS}
    data = job.to_data()
    if getattr(type(job), "TYPE", None):  # schedules have no `type`
        data.setdefault("type", type(job).TYPE)
    return dump_text(data, layout, **scalars)


# What a job file can hold: anything else in a job's values cannot be dumped, nor checked.
WRITABLE = (str, int, float, bool, type(None), datetime.date)


def _unwritable(value: Any, path: tuple[str | int, ...] = ()) -> tuple[tuple[str | int, ...], Any] | None:
    """The first value YAML cannot hold (an object, a set...), with its key path."""
    if isinstance(value, dict):
        for key, item in value.items():
            found = _unwritable(item, (*path, key)) if isinstance(key, str) else (path, key)
            if found is not None:
                return found
        return None
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found = _unwritable(item, (*path, i))
            if found is not None:
                return found
        return None
    return None if isinstance(value, WRITABLE) else (path, value)


def job_problems(job: Any, folder: str | os.PathLike[str] | None = None) -> list[JobProblem]:
    """`Job.validate()`: the job written as `dump` writes it, checked as `job-lsp check`
    checks a file, each problem placed at its key path in that text."""
    data = job.to_data()
    found = _unwritable(data)
    if found is not None:
        path, value = found
        where = ".".join(map(str, path)) or "the job"
        return [JobProblem("type-mismatch", ERROR, f"`{where}` is {type(value).__name__} `{value!r:.40}`, which a job file cannot hold", path)]
    try:
        text = entity_yaml(job)
    except ValueError as exc:  # the serializer could not lay it out: a bug, said as a problem
        return [JobProblem("internal-error", ERROR, f"job-lsp could not write this job to check it: {exc}", ())]
    doc = parse(text)
    base = folder if folder is not None else job._values.get("base_path") or Path.cwd()
    out = []
    for p in diagnose(doc, base):
        path = key_path(doc.root, p.start)
        if p.code == "missing-required" and path == ("type",):
            path = ()  # the job's own missing keys are reported on its `type:` line in a file
        out.append(JobProblem(p.code, p.severity, p.message, path))
    return out


def dump_entity(job: Any, dest: str | os.PathLike[str] | IO[Any], **kwargs: Any) -> None:
    """Write to a new file (FileExistsError if it exists: a dump never overwrites) or to an
    open stream (io.UnsupportedOperation if it is not writable). `kwargs` go to the
    serializer: `indent`, `width`, `reorder`, and PyYAML's `allow_unicode`,
    `default_style`, `line_break`."""
    text = entity_yaml(job, **kwargs)
    if isinstance(dest, (str, os.PathLike)):
        # "x": create, and fail if the file exists, in one step (no check-then-write race).
        with open(Path(dest), "x", encoding="utf-8", newline="") as out:
            out.write(text)
        return
    writable = getattr(dest, "writable", None)
    if writable is None or not writable():
        raise io.UnsupportedOperation(f"cannot dump a job to {dest!r}: the stream is not writable")
    if isinstance(dest, io.TextIOBase):
        dest.write(text)
    else:
        dest.write(text.encode("utf-8"))

