"""Every problem of a job, component or schedule file, composed: the parser's, the model's
(validate), the bindings' (`${{...}}`), those across files (linked: the component files a
pipeline runs and the job file a schedule creates; wire: the types a step gives its
component), less what `# job-lsp: ignore[...]` comments silence. The one place that knows
them all, so that they need not know each other; callers that already hold the model walk or
the bindings (the server's state) pass them in instead of redoing them."""

from __future__ import annotations

import os
import re

from .bindings import Analysis, analyze
from .linked import check_linked
from .validate import Checker, walk
from .wire import check_wire_types
from .yamldoc import Document, Mapping, Problem, resolve


def diagnose(doc: Document, folder: str | os.PathLike[str] | None = None, model: Checker | None = None, bindings: Analysis | None = None, kind: str | None = None) -> list[Problem]:
    """The problems of a parsed file, sorted by place. `model` is `walk(doc, folder, kind)`
    and `bindings` its analysis, when the caller already has them; `kind` forces what the
    file is read as (job, component, schedule; else job_lsp.detect says)."""
    if model is None:
        model = walk(doc, folder, kind)
    problems = list(doc.problems) + model.problems
    if isinstance(resolve(doc.root), Mapping):
        where = os.fspath(folder) if folder is not None else None
        # What JSON Schema cannot say: `${{...}}` bindings name things that must exist.
        if bindings is None:
            bindings = analyze(doc, model.entities, where)
        problems.extend(p for p in bindings.problems if p.end < model.cutoff)
        across = check_linked(doc, where, diagnose) + check_wire_types(doc, where)
        problems.extend(p for p in across if p.end < model.cutoff)
    problems.sort(key=lambda p: (p.start, p.end))
    return suppress(doc, problems)


# `# job-lsp: ignore` or `# job-lsp: ignore[code, code]`, at the end of the line a problem is
# on, or alone on the line above it.
IGNORE = re.compile(r"#\s*job-lsp:\s*ignore(?:\[(?P<codes>[\w\s,-]*)\])?")


def suppress(doc: Document, problems: list[Problem]) -> list[Problem]:
    if "job-lsp:" not in doc.text:
        return problems
    rules: dict[int, set[str] | None] = {}  # line -> codes silenced there (None: all)
    for number, line in enumerate(doc.text.split("\n")):
        m = IGNORE.search(line)
        if m is None:
            continue
        codes = {c.strip() for c in m.group("codes").split(",") if c.strip()} if m.group("codes") is not None else None
        target = number + 1 if line.lstrip().startswith("#") else number
        previous = rules.get(target, set())
        rules[target] = None if codes is None or previous is None else previous | codes
    kept = []
    for p in problems:
        silenced = rules.get(doc.position(p.start)[0], set())
        if silenced is None or p.code in silenced:
            continue
        kept.append(p)
    return kept
