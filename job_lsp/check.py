"""`job-lsp check`: find job files, validate them, report problems as plain records."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .detect import is_job_document
from .validate import validate
from .yamldoc import ERROR, Document, Problem, parse

YAML_SUFFIXES = (".yml", ".yaml")
# Larger files are refused unread: no job file comes near this, and reading one into memory
# on a wrong path (a data file named .yml) must not stall a CI run.
MAX_FILE_BYTES = 20 * 1024 * 1024
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"}


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
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(0, 0, ERROR, "file-too-large", f"The file is {size:,} bytes; job files over {MAX_FILE_BYTES:,} bytes are not read")
        return path.read_bytes()
    except OSError as exc:
        return Problem(0, 0, ERROR, "unreadable", f"Cannot read the file: {exc.strerror or exc}")


def check_file(path: Path, shown: str | None = None) -> list[Diagnostic]:
    """Validate one file as a job file, whatever its content."""
    shown = shown or str(path)
    source = read_source(path)
    if isinstance(source, Problem):
        return [Diagnostic(shown, 1, 1, 1, 1, source.severity, source.code, source.message)]
    doc = parse(source)
    return to_diagnostics(shown, doc, validate(doc, path.parent))


def yaml_files(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            if name.lower().endswith(YAML_SUFFIXES):
                yield Path(dirpath) / name


def check_paths(paths: Iterable[str]) -> Report:
    """Files named are checked as job files; folders are searched for YAML files that are
    job files (see job_lsp.detect), and the others are counted as skipped."""
    report = Report()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in yaml_files(path):
                source = read_source(file)
                if isinstance(source, Problem):
                    report.skipped += 1
                    continue
                doc = parse(source)
                if not is_job_document(doc):
                    report.skipped += 1
                    continue
                report.checked += 1
                report.diagnostics += to_diagnostics(str(file), doc, validate(doc, file.parent))
        elif path.exists():
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
