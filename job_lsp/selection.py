"""Which problems a project wants, at which severity: `select`, `ignore`, `per-file-ignores`
and `severity` of the configuration applied to Problems (plain data in, plain data out). The
command line and the server both go through `select_problems`, so they report the same."""

from __future__ import annotations

import fnmatch
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from .config import Config, matches_glob, relative_path
from .yamldoc import Problem


def code_matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether a code is named by one of the patterns: a code, a `*` pattern
    (`undeclared-*`), or `ALL`."""
    return any(p == "ALL" or p == code or fnmatch.fnmatchcase(code, p) for p in patterns)


def file_ignores(config: Config, file: Path | str | None) -> tuple[str, ...]:
    """The codes `per-file-ignores` turns off for one file."""
    if file is None or not config.per_file_ignores:
        return ()
    path = relative_path(config, file)
    return tuple(code for glob, codes in config.per_file_ignores.items() if matches_glob(path, glob) for code in codes)


def level_for(code: str, default: str, config: Config) -> str:
    """A code's severity: the last matching `severity` entry, an exact code winning over a
    pattern; else its own."""
    if code in config.severity:
        return config.severity[code]
    level = default
    for pattern, chosen in config.severity.items():
        if code_matches(code, (pattern,)):
            level = chosen
    return level


def select_problems(problems: Iterable[Problem], config: Config, file: Path | str | None = None) -> list[Problem]:
    """The problems the configuration keeps for a file, with their configured severity."""
    ignored = config.ignore + file_ignores(config, file)
    out = []
    for problem in problems:
        if config.select and not code_matches(problem.code, config.select):
            continue
        if ignored and code_matches(problem.code, ignored):
            continue
        level = level_for(problem.code, problem.severity, config) if config.severity else problem.severity
        out.append(problem if level == problem.severity else replace(problem, severity=level))
    return out


def is_excluded(config: Config, file: Path | str) -> bool:
    """Whether `exclude` leaves a file out of every check."""
    return bool(config.exclude) and any(matches_glob(relative_path(config, file), g) for g in config.exclude)


def is_included(config: Config, file: Path | str) -> bool:
    """Whether `include` names a file as a job file whatever it holds."""
    return bool(config.include) and any(matches_glob(relative_path(config, file), g) for g in config.include)


__all__ = ["code_matches", "file_ignores", "is_excluded", "is_included", "level_for", "select_problems"]
