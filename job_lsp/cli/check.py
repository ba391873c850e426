"""`job-lsp check`: find job, component and schedule files, validate them, report problems as
plain records."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote
from typing import BinaryIO, Callable, Iterable

from .. import __version__
from ..detect import JOB, KINDS, document_kind
from ..files import MAX_FILE_BYTES, Refused, read_bounded, read_stream, yaml_files
from ..diagnose import diagnose
from ..messages import localize
from ..project import Project, Projects, project_problems
from ..config import LEVELS
from ..rules import RULES, is_french, rule_url
from ..selection import is_excluded, is_included, level_for
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
    # Files checked by kind (job, component, schedule), for the summary line.
    kinds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    skipped: int = 0
    missing: list[str] = field(default_factory=list)
    locale: str | None = None  # the language the messages were given in

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == ERROR)

    def summary(self) -> str:
        """The closing line: files checked, errors, warnings (in the report's language)."""
        warnings = sum(1 for d in self.diagnostics if d.severity != ERROR)
        if is_french(self.locale):
            names = {JOB: "job", "component": "composant", "schedule": "planification"}
            kinds = ", ".join(f"{n} {names[kind]}" for kind, n in self.kinds.items() if n)
            text = f"{self.checked} fichier(s) vérifié(s){f' ({kinds})' if kinds else ''}, {self.errors} erreur(s), {warnings} avertissement(s)"
            return text + (f" ; {self.skipped} fichier(s) YAML laissé(s) de côté (ni job, ni composant, ni planification)" if self.skipped else "")
        kinds = ", ".join(f"{n} {kind}" for kind, n in self.kinds.items() if n)
        text = f"{self.checked} file(s) checked{f' ({kinds})' if kinds else ''}, {self.errors} error(s), {warnings} warning(s)"
        return text + (f"; {self.skipped} YAML file(s) skipped (not job, component or schedule files)" if self.skipped else "")


@dataclass
class CheckSettings:
    """What the command line says about the configuration (see docs/configuration.md)."""

    config: Path | None = None  # --config: this file for every path, instead of the nearest
    isolated: bool = False  # --isolated: no configuration file at all
    overrides: dict = field(default_factory=dict)  # --select, --ignore, --severity
    # --locale, else LC_ALL/LC_MESSAGES/LANG; a configuration's `locale` comes before LANG's.
    locale: str | None = None
    locale_given: bool = False


def check_settings(config: str | None, isolated: bool, select: list[str] | None, ignore: list[str] | None, severity: list[str] | None, locale: str | None, locale_given: bool = False) -> CheckSettings | tuple[str, ...]:
    """The settings the command line gives (--config, --isolated, --select, --ignore,
    --severity CODE=LEVEL, and the locale), or what is wrong with them (a key of
    cli.texts.TEXTS and its values)."""
    overrides: dict = {}
    for name, given in (("select", select), ("ignore", ignore)):
        if given is not None:
            overrides[name] = tuple(code.strip() for value in given for code in value.split(",") if code.strip())
    levels = {}
    for value in severity or ():
        code, _, level = value.partition("=")
        if not code.strip() or level.strip().lower() not in LEVELS:
            return ("bad-severity", ", ".join(LEVELS), repr(value))
        levels[code.strip()] = level.strip().lower()
    if levels:
        overrides["severity"] = levels
    if config is not None and not Path(config).is_file():
        return ("no-config", config)
    return CheckSettings(Path(config) if config else None, isolated, overrides, locale, locale_given)


def to_diagnostics(path: str, doc: Document, problems: Iterable[Problem], locale: str | None = None) -> list[Diagnostic]:
    out = []
    for p in problems:
        line, col = doc.position(p.start)
        end_line, end_col = doc.position(max(p.end, p.start))
        message = localize(p.code, p.message, locale, p.data)
        out.append(Diagnostic(path, line + 1, col + 1, end_line + 1, end_col + 1, p.severity, p.code, message))
    return out


def read_source(path: Path) -> bytes | Problem:
    """The file's bytes, or the problem that kept it unread (too large, not a regular file)."""
    source = read_bounded(path)
    return Problem(0, 0, ERROR, source.code, source.message) if isinstance(source, Refused) else source


# More checks of a parsed job file at a path (`check --workspace`: its references against the
# workspace).
Extra = Callable[[Path, Document], list[Problem]]


class Checker:
    """Checks files under their project (the nearest configuration, or the one the command
    line names), and reports each configuration's own problems once."""

    def __init__(self, settings: CheckSettings | None = None, extra: Extra | None = None) -> None:
        self.settings = settings or CheckSettings()
        self.extra = extra
        self.projects = Projects()
        self.reported: set[str | None] = set()
        self.config_diagnostics: list[Diagnostic] = []
        self.last_locale: str | None = settings.locale if settings else None

    def project(self, file: Path) -> Project:
        settings = self.settings
        if settings.isolated:
            project = self.projects.load(None, settings.overrides)
        elif settings.config is not None:
            project = self.projects.load(settings.config, settings.overrides)
        else:
            project = self.projects.for_file(file, settings.overrides)
        if project.config.path not in self.reported:
            self.reported.add(project.config.path)
            locale = self.locale(project)
            for p in project.problems:
                message = localize(p.code, p.message, locale)
                self.config_diagnostics.append(Diagnostic(p.path, p.line, 1, p.line, 1, level_for(p.code, RULES[p.code].severity, project.config), p.code, message))
        return project

    def locale(self, project: Project) -> str | None:
        locale = self.settings.locale if self.settings.locale_given else project.config.locale or self.settings.locale
        self.last_locale = locale
        return locale

    def check(self, file: Path, shown: str, doc: Document, project: Project) -> list[Diagnostic]:
        """A parsed job file's diagnostics; its local paths are relative to `file`'s folder."""
        problems = diagnose(doc, file.parent) + (self.extra(file, doc) if self.extra is not None else [])
        problems = project_problems(doc, problems, project, file)
        return to_diagnostics(shown, doc, problems, self.locale(project))

    def check_source(self, source: bytes | Problem, shown: str, file: Path) -> list[Diagnostic]:
        """Validate bytes as the file `file` (its project, its folder): as what they are (job,
        component, schedule), a file that is none of these as a job file."""
        project = self.project(file)
        if isinstance(source, Problem):
            return to_diagnostics(shown, parse(""), [source], self.locale(project))
        return self.check(file, shown, parse(source), project)

    def check_file(self, path: Path, shown: str | None = None) -> list[Diagnostic]:
        """Validate one file as what it is (see check_source)."""
        return self.check_source(read_source(path), shown or str(path), path)


def check_file(path: Path, shown: str | None = None, settings: CheckSettings | None = None, extra: Extra | None = None) -> list[Diagnostic]:
    """Validate one file as what it is (see Checker.check_source), under its project."""
    return Checker(settings, extra).check_file(path, shown)


STDIN = "-"
STDIN_NAME = "<stdin>"


def read_stdin(stream: BinaryIO) -> bytes | Problem:
    """stdin's bytes, bounded as a file's are (files.read_stream)."""
    data, over = read_stream(stream)
    if over:
        return Problem(0, 0, ERROR, "file-too-large", f"stdin is over {MAX_FILE_BYTES:,} bytes; files over that are not read")
    return data


def check_paths(paths: Iterable[str], only_azureml: bool = False, stdin: BinaryIO | None = None, stdin_filename: str | None = None, settings: CheckSettings | None = None, extra: Extra | None = None) -> Report:
    """Files named are checked as what they are, a file that is none of ours as a job file
    (with `only_azureml`, only job, component and schedule files are checked, as in folders:
    what a pre-commit hook needs, which names every YAML file that changed); folders are
    searched for YAML files that are job, component or schedule files (see job_lsp.detect),
    and the others are counted as skipped. `-` reads `stdin` (as ruff and prettier do): it is
    reported as `stdin_filename` (default `<stdin>`), whose folder its local paths and its
    project configuration are relative to (default: the current folder). A project's
    `include` files are job files whatever they hold; its `exclude` files are skipped (in
    folders, and with `only_azureml`)."""
    report = Report()
    checker = Checker(settings, extra)

    def check_if_ours(source: bytes | Problem, shown: str, file: Path, only_ours: bool = True) -> None:
        project = checker.project(file)
        if only_ours and (isinstance(source, Problem) or is_excluded(project.config, file)):
            report.skipped += 1
            return
        if isinstance(source, Problem):
            report.checked += 1
            report.kinds[JOB] += 1
            report.diagnostics += checker.check_source(source, shown, file)
            return
        doc = parse(source)
        kind = document_kind(doc)
        if only_ours and not (kind or is_included(project.config, file)):
            report.skipped += 1
            return
        report.checked += 1
        report.kinds[kind or JOB] += 1
        report.diagnostics.extend(checker.check(file, shown, doc, project))

    for raw in paths:
        if raw == STDIN and stdin is not None:
            file = Path(stdin_filename) if stdin_filename else Path.cwd() / STDIN_NAME
            check_if_ours(read_stdin(stdin), stdin_filename or STDIN_NAME, file, only_azureml)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in yaml_files(path):
                check_if_ours(read_source(file), str(file), file)
        elif path.exists():
            check_if_ours(read_source(path), raw, path, only_azureml)
        else:
            report.missing.append(raw)
    report.diagnostics[:0] = checker.config_diagnostics
    report.locale = checker.last_locale
    return report


def report_json(report: Report) -> str:
    return json.dumps(
        {
            "checked": report.checked,
            "kinds": report.kinds,
            "skipped": report.skipped,
            "errors": report.errors,
            "diagnostics": [asdict(d) for d in report.diagnostics],
        },
        indent=2,
    )


# --- SARIF 2.1.0 (GitHub code scanning) -------------------------------------------------------

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/job-lsp/"

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

    def explained(code: str) -> str:
        return RULES[code].en if code in RULES else f"A team policy ({code})"

    rules = []
    for code in codes:
        rule = {
            "id": code,
            "name": "".join(part.capitalize() for part in code.split("-")),
            "shortDescription": {"text": explained(code)},
            "fullDescription": {"text": f"job-lsp `{code}`: {explained(code)}."},
        }
        if rule_url(code):
            rule["helpUri"] = rule_url(code)
        rules.append(rule)
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


# --- GitHub workflow annotations --------------------------------------------------------------

GITHUB_LEVELS = {ERROR: "error", "warning": "warning"}  # information and hint: notice


def _github_escape(text: str, property_value: bool = False) -> str:
    # The workflow-command escapes (actions/toolkit's command.ts): %, CR, LF; in a property
    # value also `:` and `,`, which would end it.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def report_github(report: Report) -> str:
    """One `::error file=...,line=...,col=...::message` line per diagnostic: GitHub shows
    them on the lines of the pull request."""
    lines = []
    for d in report.diagnostics:
        level = GITHUB_LEVELS.get(d.severity, "notice")
        props: dict[str, object] = {"file": Path(d.path).as_posix(), "line": d.line, "col": d.column, "endLine": max(d.end_line, d.line)}
        if d.end_line == d.line and d.end_column > d.column:
            props["endColumn"] = d.end_column
        props["title"] = f"job-lsp {d.code}"
        shown = ",".join(f"{k}={_github_escape(str(v), True)}" for k, v in props.items())
        lines.append(f"::{level} {shown}::{_github_escape(d.message)}")
    return "\n".join(lines)


def report_statistics(report: Report) -> str:
    """Counts by code, most frequent first, as `ruff --statistics` prints them."""
    counts = Counter((d.code, d.severity) for d in report.diagnostics)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "\n".join(f"{count:>5}  {code:<26} {severity}" for (code, severity), count in rows)


