"""`Job.dump`: a job entity written as YAML, by the same serializer as format-on-save."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, Any

from .format import FormatOptions, dump_text

# What `dump(dest, **kwargs)` passes on: the layout options, and PyYAML's scalar options.
LAYOUT_OPTIONS = {"indent", "width", "reorder"}
SCALAR_OPTIONS = {"allow_unicode", "default_style", "line_break"}


def job_yaml(job: Any, **kwargs: Any) -> str:
    """The YAML text of a job (read-only fields left out, canonical key order)."""
    unknown = set(kwargs) - LAYOUT_OPTIONS - SCALAR_OPTIONS
    if unknown:
        raise TypeError(f"dump() got unexpected keyword argument(s): {', '.join(sorted(unknown))}")
    layout = FormatOptions(**{k: v for k, v in kwargs.items() if k in LAYOUT_OPTIONS})
    scalars = {k: v for k, v in kwargs.items() if k in SCALAR_OPTIONS}
    data = job.to_data()
    data.setdefault("type", type(job).TYPE)
    return dump_text(data, layout, **scalars)


def dump_job(job: Any, dest: str | os.PathLike[str] | IO[Any], **kwargs: Any) -> None:
    """Write to a new file (FileExistsError if it exists: a dump never overwrites) or to an
    open stream (io.UnsupportedOperation if it is not writable). `kwargs` go to the
    serializer: `indent`, `width`, `reorder`, and PyYAML's `allow_unicode`,
    `default_style`, `line_break`."""
    text = job_yaml(job, **kwargs)
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
