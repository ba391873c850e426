"""`job-lsp format`: rewrite files in place, atomically, keeping line endings, encoding and
permissions; or check, or diff, or filter stdin to stdout."""

from __future__ import annotations

import difflib
import shutil
import sys
from pathlib import Path

from ..config import ConfigCache, ConfigProblem, FormatConfig, find_config, load_config
from ..detect import document_kind
from ..files import MAX_FILE_BYTES, read_stream, write_atomically, yaml_files
from ..format import FormatOptions, format_text
from ..messages import format_reason
from ..yamldoc import parse
from .check import STDIN, STDIN_NAME, read_source
from . import texts

BOM = "\ufeff"


def decode(raw: bytes) -> tuple[str, bool] | None:
    """Text and whether it had a UTF-8 byte order mark; None if it is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def is_azureml_file(file: Path) -> bool:
    """A job, component or schedule file (see job_lsp.detect)."""
    source = read_source(file)  # bounded: a huge file is not read (nor a job file)
    return isinstance(source, bytes) and document_kind(parse(source)) is not None


def targets(paths: list[str], only_azureml: bool = False) -> tuple[list[Path], list[str]]:
    """Files named (with `only_azureml`, those that are job, component or schedule files) and
    the job, component and schedule files of folders."""
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(file for file in yaml_files(path) if is_azureml_file(file))
        elif path.is_file():
            if not only_azureml or is_azureml_file(path):
                files.append(path)
        else:
            missing.append(raw)
    return files, missing


def project_format(paths: list[str], config: str | None = None, isolated: bool = False) -> tuple[FormatConfig, list[ConfigProblem]]:
    """The format options of the project: the configuration the command line names, else
    the one nearest the first path (the current folder for stdin)."""
    if isolated:
        return FormatConfig(), []
    if config is not None:
        loaded, problems = load_config(Path(config))
        return loaded.format, problems
    start = Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()
    found = find_config(start.resolve())
    if found is None:
        return FormatConfig(), []
    loaded, problems = ConfigCache().load(found)
    return loaded.format, problems


def diff_text(before: str, after: str, label: str) -> list[str]:
    """A unified diff from `before` to `after`, labelled `label` and `label (formatted)`."""
    return list(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), label, f"{label} (formatted)"))


def run_stdin(options: FormatOptions, check: bool, diff: bool, name: str | None = None, locale: str | None = None) -> int:
    """stdin to stdout, as a filter does; with `check`, print nothing and exit 1 when it
    would change; with `diff`, print the unified diff (labelled `name`, else `<stdin>`)."""
    raw, over = read_stream(sys.stdin.buffer)
    filtering = not (check or diff)
    if over:
        if filtering:  # passed through unread, as a filter must
            sys.stdout.buffer.write(raw)
            shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)
        texts.say("stdin-too-large", locale, MAX_FILE_BYTES)
        return 1
    decoded = decode(raw)
    if decoded is None:
        if filtering:
            sys.stdout.buffer.write(raw)
        texts.say("stdin-not-utf8", locale)
        return 1
    text, bom = decoded
    result = format_text(text, options)
    if filtering:
        sys.stdout.buffer.write(((BOM if bom else "") + result.text).encode("utf-8"))
    elif diff and result.changed:
        sys.stdout.writelines(diff_text(text, result.text, name or STDIN_NAME))
    if result.error:
        print(f"job-lsp: {name or 'stdin'}: {format_reason(result.error, locale or texts.environment_locale())}", file=sys.stderr)
        return 1
    return 1 if (check or diff) and result.changed else 0


def run(paths: list[str], options: FormatOptions, check: bool, diff: bool, only_azureml: bool = False, stdin_filename: str | None = None, locale: str | None = None) -> int:
    if paths == [STDIN]:
        return run_stdin(options, check, diff, stdin_filename, locale)

    files, missing = targets(paths, only_azureml)
    for raw in missing:
        texts.say("missing", locale, raw)
    failed = changed = 0
    for path in files:
        raw = read_source(path)  # files over MAX_FILE_BYTES are refused unread, as by `check`
        if not isinstance(raw, bytes):
            print(texts.text("left-as-it-is", locale, path, raw.message), file=sys.stderr)
            failed += 1
            continue
        decoded = decode(raw)
        if decoded is None:
            print(texts.text("not-utf8", locale, path), file=sys.stderr)
            failed += 1
            continue
        text, bom = decoded
        result = format_text(text, options)
        if result.error:
            print(f"{path}: {format_reason(result.error, locale or texts.environment_locale())}", file=sys.stderr)
            failed += 1
            continue
        if not result.changed:
            continue
        changed += 1
        if diff:
            sys.stdout.writelines(diff_text(text, result.text, str(path)))
        elif check:
            print(texts.text("would-reformat", locale, path))
        else:
            write_atomically(path, ((BOM if bom else "") + result.text).encode("utf-8"))
            print(texts.text("reformatted", locale, path), file=sys.stderr)
    summary = "format-check-summary" if (check or diff) else "format-summary"
    print(texts.text(summary, locale, changed, len(files) - changed - failed, failed), file=sys.stderr)
    if missing:
        return 2
    if failed or ((check or diff) and changed):
        return 1
    return 0
