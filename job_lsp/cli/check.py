"""`job-lsp check`: find job files, validate them, report problems as plain records."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote
from typing import BinaryIO, Iterable

from .. import __version__
from ..detect import is_job_document
from ..files import MAX_FILE_BYTES, Refused, read_bounded, read_stream, yaml_files
from ..diagnose import diagnose
from ..yamldoc import ERROR, Document, Problem, parse


@dataclass
class Diagnostic:
    path: str
    line: int  # from 1
    column: int  # from 1
    end_line: int
    end_column: int
    severity: str
    code: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}[{self.code}] {self.message}"


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checked: int = 0
    skipped: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == ERROR)


def to_diagnostics(path: str, doc: Document, problems: Iterable[Problem]) -> list[Diagnostic]:
    out = []
    for p in problems:
        line, col = doc.position(p.start)
        end_line, end_col = doc.position(max(p.end, p.start))
        out.append(Diagnostic(path, line + 1, col + 1, end_line + 1, end_col + 1, p.severity, p.code, p.message))
    return out


def read_source(path: Path) -> bytes | Problem:
    """The file's bytes, or the problem that kept it unread (too large, not a regular file)."""
    source = read_bounded(path)
    return Problem(0, 0, ERROR, source.code, source.message) if isinstance(source, Refused) else source


def check_source(source: bytes | Problem, shown: str, folder: Path) -> list[Diagnostic]:
    """Validate bytes as a job file whose local paths are relative to `folder`."""
    if isinstance(source, Problem):
        return [Diagnostic(shown, 1, 1, 1, 1, source.severity, source.code, source.message)]
    doc = parse(source)
    return to_diagnostics(shown, doc, diagnose(doc, folder))


def check_file(path: Path, shown: str | None = None) -> list[Diagnostic]:
    """Validate one file as a job file, whatever its content."""
    return check_source(read_source(path), shown or str(path), path.parent)


STDIN = "-"
STDIN_NAME = "<stdin>"


def read_stdin(stream: BinaryIO) -> bytes | Problem:
    """stdin's bytes, bounded as a file's are (files.read_stream)."""
    data, over = read_stream(stream)
    if over:
        return Problem(0, 0, ERROR, "file-too-large", f"stdin is over {MAX_FILE_BYTES:,} bytes; files over that are not read")
    return data


def check_paths(paths: Iterable[str], only_jobs: bool = False, stdin: BinaryIO | None = None, stdin_filename: str | None = None) -> Report:
    """Files named are checked as job files (with `only_jobs`, only when they are job files,
    as in folders: what a pre-commit hook needs, which names every YAML file that changed);
    folders are searched for YAML files that are job files (see job_lsp.detect), and the
    others are counted as skipped. `-` reads `stdin` (as ruff and prettier do): it is
    reported as `stdin_filename` (default `<stdin>`), whose folder its local paths are
    relative to (default: the current folder)."""
    report = Report()

    def check_if_job(source: bytes | Problem, shown: str, folder: Path) -> None:
        if isinstance(source, Problem):
            report.skipped += 1
            return
        doc = parse(source)
        if not is_job_document(doc):
            report.skipped += 1
            return
        report.checked += 1
        report.diagnostics.extend(to_diagnostics(shown, doc, diagnose(doc, folder)))

    for raw in paths:
        if raw == STDIN and stdin is not None:
            source = read_stdin(stdin)
            shown = stdin_filename or STDIN_NAME
            folder = Path(stdin_filename).parent if stdin_filename else Path(".")
            if only_jobs:
                check_if_job(source, shown, folder)
            else:
                report.checked += 1
                report.diagnostics += check_source(source, shown, folder)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in yaml_files(path):
                check_if_job(read_source(file), str(file), file.parent)
        elif path.exists():
            if only_jobs:
                check_if_job(read_source(path), raw, path.parent)
            else:
                report.checked += 1
                report.diagnostics += check_file(path, raw)
        else:
            report.missing.append(raw)
    return report


def report_json(report: Report) -> str:
    return json.dumps(
        {
            "checked": report.checked,
            "skipped": report.skipped,
            "errors": report.errors,
            "diagnostics": [asdict(d) for d in report.diagnostics],
        },
        indent=2,
    )


# --- SARIF 2.1.0 (GitHub code scanning) -------------------------------------------------------

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/job-lsp/"

# code -> what it means (README: "What it checks"); every code `job-lsp check` can report.
RULES: dict[str, str] = {
    "yaml-syntax": "The YAML cannot be read (tabs, unclosed brackets...)",
    "invalid-encoding": "The file is not UTF-8",
    "invalid-character": "NUL or another character YAML forbids",
    "multiple-documents": "A second `---` document (Azure ML reads one)",
    "unsafe-tag": "A `!!python/...` or other tag a safe loader refuses",
    "undefined-alias": "An alias to an anchor that is not defined",
    "too-deep": "Nesting deeper than the reader's bound",
    "alias-limit": "Alias expansion over the reader's bound",
    "empty-document": "Nothing to read",
    "not-a-mapping": "The top level is a list or text, not a mapping",
    "duplicate-key": "The same key twice (YAML keeps the last one silently)",
    "unknown-key": "A key the job type does not have",
    "type-mismatch": "A value of the wrong shape",
    "invalid-value": "A value that is not allowed, or a malformed reference",
    "missing-required": "A required key is absent",
    "empty-value": "An empty value where Azure ML refuses null",
    "read-only": "A key the service sets",
    "missing-path": "A local path that does not exist",
    "out-of-range": "A number outside its sensible range",
    "odd-character": "An invisible or look-alike character in a name or a reference",
    "old-binding-form": "A binding in the form from before `parent.` (`${{jobs.STEP.outputs.NAME}}`)",
    "unknown-type": "A service type close to a known one, treated as custom",
    "ignored-key": "A key Azure ML keeps but does not use",
    "file-too-large": "A file too large to be a job file, not read",
    "unreadable": "The file cannot be read",
    "internal-error": "job-lsp failed while reading the file",
}

SARIF_LEVELS = {ERROR: "error", "warning": "warning"}  # anything else is a note


def sarif_location(path: str) -> dict:
    """A path as SARIF wants it: relative to the working folder (the repository root in CI),
    with '/' separators and the %SRCROOT% base; a path outside it as an absolute file URI."""
    absolute = Path(path).resolve()
    try:
        relative = absolute.relative_to(Path.cwd().resolve())
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}


def report_sarif(report: Report) -> str:
    codes = list(RULES) + sorted({d.code for d in report.diagnostics} - set(RULES))
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code,
            "name": "".join(part.capitalize() for part in code.split("-")),
            "shortDescription": {"text": RULES.get(code, code)},
            "fullDescription": {"text": f"job-lsp `{code}`: {RULES.get(code, code)}."},
        }
        for code in codes
    ]
    results = []
    for d in report.diagnostics:
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": SARIF_LEVELS.get(d.severity, "note"),
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": sarif_location(d.path),
                            "region": {
                                "startLine": d.line,
                                "startColumn": d.column,
                                "endLine": max(d.end_line, d.line),
                                # SARIF's endColumn is past the last character: an empty range
                                # (a missing key at a point) still covers one column.
                                "endColumn": d.end_column if (d.end_line, d.end_column) > (d.line, d.column) else d.column + 1,
                            },
                        }
                    }
                ],
            }
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "job-lsp",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2)
