"""The project configuration: `[tool.job-lsp]` in `pyproject.toml`, or `job-lsp.toml` /
`.job-lsp.toml`; the nearest one above a file wins (as with ruff). Plain data in, plain data
out: a typed `Config` with defaults, and `ConfigProblem`s (file, line, message) for what is
wrong in it. A bad file never stops anything: what is wrong is reported and its default used.

Keys are written in kebab case (`compute-targets`) or snake case (`compute_targets`).
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from .files import Refused, read_bounded
from .names import did_you_mean, suggest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 reads TOML with tomli (tomllib's origin)
    import tomli as tomllib

CONFIG_FILES = (".job-lsp.toml", "job-lsp.toml", "pyproject.toml")
PYPROJECT_TABLE = ("tool", "job-lsp")
LEVELS = ("error", "warning", "information", "hint")
LOCALES = ("en", "fr")
# A configuration file is small; anything bigger is not one (and must not stall a run).
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True)
class FormatConfig:
    indent: int = 2
    reorder_keys: bool = True
    # Where `Job.dump` wraps long text values (existing text is never re-wrapped).
    line_width: int = 100


@dataclass(frozen=True)
class Config:
    # The file it was read from (None: defaults), and the folder its relative paths start at.
    path: str | None = None
    root: str | None = None
    compute_targets: tuple[str, ...] = ()
    environments: tuple[str, ...] = ()
    # Globs of job files: `include` files are served as job files whatever they hold,
    # `exclude` files are never checked.
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    # Codes (or `*` patterns, `ALL`) to report; empty means every code.
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # code (or pattern) -> level
    severity: dict[str, str] = field(default_factory=dict)
    # glob -> codes (or patterns) not reported in the files it matches
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    format: FormatConfig = FormatConfig()
    locale: str | None = None
    # Globs of JSON Schema files (relative to `root`) applied to every job file.
    policies: tuple[str, ...] = ()
    # The keys the file gives (`format.indent` for the format table): an editor's settings
    # fill in only the others.
    given: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ConfigProblem:
    path: str
    line: int  # from 1
    message: str
    # invalid-config, invalid-policy or unknown-code (job_lsp.rules says their severity)
    code: str = "invalid-config"

    def text(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _level_table(value: Any) -> dict[str, str] | None:
    if isinstance(value, dict) and all(isinstance(v, str) and v.lower() in LEVELS for v in value.values()):
        return {k: v.lower() for k, v in value.items()}
    return None


def _ignore_table(value: Any) -> dict[str, tuple[str, ...]] | None:
    if not isinstance(value, dict):
        return None
    out = {}
    for glob, codes in value.items():
        codes = _strings(codes)
        if codes is None:
            return None
        out[glob] = codes
    return out


def _int_between(low: int, high: int):
    def read(value: Any) -> int | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return value if ok else None

    return read


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _locale(value: Any) -> str | None:
    return value.lower() if isinstance(value, str) and value.lower() in LOCALES else None


# key (snake case) -> (reader returning the typed value or None when wrong, what it expects)
_KEYS: dict[str, tuple[Any, str]] = {
    "compute_targets": (_strings, "a list of strings"),
    "environments": (_strings, "a list of strings"),
    "include": (_strings, "a list of globs"),
    "exclude": (_strings, "a list of globs"),
    "select": (_strings, "a list of codes"),
    "ignore": (_strings, "a list of codes"),
    "severity": (_level_table, f"a table of code = level ({', '.join(LEVELS)})"),
    "per_file_ignores": (_ignore_table, "a table of glob = [codes]"),
    "locale": (_locale, f"one of {', '.join(LOCALES)}"),
    "policies": (_strings, "a list of JSON Schema file globs"),
}
_FORMAT_KEYS: dict[str, tuple[Any, str]] = {
    "indent": (_int_between(2, 8), "an integer from 2 to 8"),
    "reorder_keys": (_bool, "true or false"),
    "line_width": (_int_between(20, 1000), "an integer from 20 to 1000"),
}


def kebab(name: str) -> str:
    return name.replace("_", "-")


def documentation() -> list[tuple[str, str, str]]:
    """(key, expects, default) for every key, for the configuration reference (kept honest by
    a test against docs/configuration.md)."""
    defaults = Config()
    rows = [(kebab(k), expects, toml_value(getattr(defaults, k))) for k, (_, expects) in _KEYS.items()]
    rows += [(f"format.{kebab(k)}", expects, toml_value(getattr(defaults.format, k))) for k, (_, expects) in _FORMAT_KEYS.items()]
    return rows


def toml_value(value: Any) -> str:
    """A default as it would be written in TOML (None: not set)."""
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, dict):
        return "{}" if not value else "{ " + ", ".join(f'"{k}" = {toml_value(v)}' for k, v in value.items()) + " }"
    return f'"{value}"' if isinstance(value, str) else str(value)


# --- finding and reading -------------------------------------------------------------------------


def _has_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml has a [tool.job-lsp] table (cheap text test first)."""
    raw = read_bounded(pyproject, MAX_CONFIG_BYTES)
    if isinstance(raw, Refused):
        return False
    text = raw.decode("utf-8", errors="replace")
    return re.search(r"^\s*\[\s*tool\s*\.\s*[\"']?job-lsp\b|^\s*tool\s*\.\s*[\"']?job-lsp", text, re.M) is not None


def find_config(start: Path) -> Path | None:
    """The nearest configuration file in `start` (a file's folder, or the file itself) or
    a folder above it; in one folder `.job-lsp.toml`, then `job-lsp.toml`, then a
    `pyproject.toml` that has a `[tool.job-lsp]` table."""
    folder = start if start.is_dir() else start.parent
    folder = Path(os.path.abspath(folder))
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _table_name(header: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in header.split("."))


def line_of(text: str, table: tuple[str, ...], key: str | None = None) -> int:
    """The line (from 1) where `key` is set in `table` (or the table's header when `key` is
    None or not found there; 1 when neither is found): tomllib gives no positions."""
    current: tuple[str, ...] = ()
    header_line = 1 if not table else 0
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$", line)
        if header:
            current = _table_name(header.group(1))
            if current == table and not header_line:
                header_line = number
            if key is not None and current == table + (key,):
                return number
            continue
        if key is None:
            continue
        assignment = re.match(r"\s*([^=#]+?)\s*=", line)
        if not assignment:
            continue
        full = current + _table_name(assignment.group(1))
        if full[: len(table) + 1] == table + (key,):
            return number
    return header_line or 1


def key_line(config: Config, key: str) -> int:
    """The line of a top-level key in the file a configuration came from (1 if not found)."""
    if not config.path:
        return 1
    text, _ = _decode(Path(config.path))
    if text is None:
        return 1
    table = PYPROJECT_TABLE if Path(config.path).name == "pyproject.toml" else ()
    return line_of(text, table, key)


def _decode(path: Path) -> tuple[str | None, str | None]:
    """(text, None) or (None, why it cannot be read)."""
    data = read_bounded(path, MAX_CONFIG_BYTES)
    if isinstance(data, Refused):
        return None, data.message
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"


def load_config(path: Path) -> tuple[Config, list[ConfigProblem]]:
    """The configuration in one file, with the problems found; a file that cannot be read
    gives the defaults and one problem."""
    shown = str(path)
    root = str(Path(os.path.abspath(path)).parent)
    defaults = Config(path=shown, root=root)
    text, why = _decode(path)
    if text is None:
        return defaults, [ConfigProblem(shown, 1, f"{why}; the defaults are used")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", str(exc))
        line = int(found.group(1)) if found else max(1, text.count("\n"))
        return defaults, [ConfigProblem(shown, line, f"not valid TOML: {reason}; the defaults are used")]
    table: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        table = PYPROJECT_TABLE
        data = data.get("tool", {}).get("job-lsp", {}) if isinstance(data.get("tool"), dict) else {}
        if not isinstance(data, dict):
            return defaults, [ConfigProblem(shown, line_of(text, ("tool",), "job-lsp"), "[tool.job-lsp] must be a table; the defaults are used")]
    return _read_table(data, text, table, defaults)


def _read_table(data: dict, text: str, table: tuple[str, ...], config: Config) -> tuple[Config, list[ConfigProblem]]:
    problems: list[ConfigProblem] = []
    shown = config.path or ""

    def where(sub: tuple[str, ...]) -> str:
        return f"[{'.'.join(table + sub)}]" if table + sub else "the configuration"

    def read(raw: dict, spec: dict[str, tuple[Any, str]], sub: tuple[str, ...], defaults: Any) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, value in raw.items():
            name = key.replace("-", "_")
            line = line_of(text, table + sub, key)
            if name not in spec:
                near = suggest(name, [*spec, *(["format"] if not sub else [])])
                did = did_you_mean(kebab(near) if near else None, f". Known keys: {', '.join(kebab(k) for k in spec)}")
                problems.append(ConfigProblem(shown, line, f"unknown key `{key}` in {where(sub)} (ignored){did}"))
                continue
            reader, expects = spec[name]
            typed = reader(value)
            if typed is None:
                default = getattr(defaults, name)
                message = f"`{key}` must be {expects}, not {_describe(value)}"
                if isinstance(value, dict):  # point at the entry that does not fit
                    bad = next((k for k, v in value.items() if reader({k: v}) is None), None)
                    if bad is not None:
                        line = line_of(text, table + sub + (key,), bad)
                        message = f"`{key}.{bad}` is {_describe(value[bad])}: `{key}` must be {expects}"
                problems.append(ConfigProblem(shown, line, f"{message}; the default {toml_value(default)} is used"))
                continue
            values[name] = typed
        return values

    format_raw = None
    top = {}
    for key, value in data.items():
        if key == "format":
            format_raw = value
        else:
            top[key] = value
    values = read(top, _KEYS, (), config)
    given = set(values)
    if format_raw is not None:
        if isinstance(format_raw, dict):
            format_values = read(format_raw, _FORMAT_KEYS, ("format",), config.format)
            values["format"] = replace(config.format, **format_values)
            given |= {f"format.{k}" for k in format_values}
        else:
            problems.append(ConfigProblem(shown, line_of(text, table, "format"), f"`format` must be a table, not {_describe(format_raw)}; the defaults are used"))
    return replace(config, **values, given=frozenset(given)), problems


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list with a value that does not fit" if value else "an empty list"
    if isinstance(value, dict):
        return "a table with a value that does not fit" if value else "an empty table"
    return type(value).__name__


class ConfigCache:
    """Configurations by file, read again only when the file changes (mtime and size)."""

    def __init__(self) -> None:
        self._loaded: dict[Path, tuple[tuple[int, int], Config, list[ConfigProblem]]] = {}

    def load(self, path: Path) -> tuple[Config, list[ConfigProblem]]:
        try:
            stat = path.stat()
            version = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            version = (-1, -1)
        cached = self._loaded.get(path)
        if cached and cached[0] == version:
            return cached[1], cached[2]
        config, problems = load_config(path)
        self._loaded[path] = (version, config, problems)
        return config, problems

    def for_file(self, file: Path) -> tuple[Config, list[ConfigProblem]]:
        """The configuration that applies to a file (the nearest one), or the defaults."""
        found = find_config(file)
        return self.load(found) if found else (Config(), [])


# --- paths ---------------------------------------------------------------------------------------


def relative_path(config: Config, file: Path | str) -> str:
    """A file's path relative to the configuration's folder, with `/` (as globs are written);
    the absolute path when it is outside."""
    absolute = os.path.abspath(file)
    if config.root:
        try:
            return PurePosixPath(Path(absolute).relative_to(config.root).as_posix()).as_posix()
        except ValueError:
            pass
    return Path(absolute).as_posix()


def matches_glob(path: str, pattern: str) -> bool:
    """Whether a `/`-separated path matches a glob; a pattern without `/` matches the file's
    name in any folder (`*.job.yml`), and `**/` matches any number of folders."""
    pattern = pattern.replace("\\", "/")
    if "/" not in pattern:
        return fnmatch.fnmatchcase(path.rsplit("/", 1)[-1], pattern)
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if fnmatch.fnmatchcase(path, pattern):
        return True
    # `a/**/b` also matches `a/b` (fnmatch's `*` already crosses folders).
    return "**/" in pattern and fnmatch.fnmatchcase(path, pattern.replace("**/", ""))


__all__ = [
    "Config",
    "ConfigCache",
    "ConfigProblem",
    "FormatConfig",
    "find_config",
    "key_line",
    "load_config",
    "matches_glob",
    "relative_path",
]
