"""A project: its configuration with its compiled policies, and what it makes of a file's
problems. The command line and the language server both go through `project_problems`, so
that one file under one configuration gets the same diagnostics from both."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .detect import JOB, document_kind
from .config import Config, ConfigCache, ConfigProblem, find_config, key_line
from .policy import Policy, PolicyCache, check_policies, load_policies, policy_codes
from .rules import RULES
from .selection import code_matches, select_problems
from .diagnose import suppress
from .validate import syntax_cutoff
from .yamldoc import Document, Problem


@dataclass(frozen=True)
class Project:
    config: Config = Config()
    policies: tuple[Policy, ...] = ()
    # What is wrong in the configuration and its policies (shown on the configuration file).
    problems: tuple[ConfigProblem, ...] = field(default_factory=tuple)


class Projects:
    """Projects by configuration file, read again when the file (or a policy) changes."""

    def __init__(self) -> None:
        self.configs = ConfigCache()
        self.policies = PolicyCache()

    def load(self, config_file: Path | None, overrides: dict | None = None) -> Project:
        """The project of one configuration file (None: the defaults), with `overrides`
        (Config fields, e.g. from the command line) applied on top."""
        config, problems = self.configs.load(config_file) if config_file is not None else (Config(), [])
        if overrides:
            # Severities add to the file's (per code); other overrides replace its value.
            severity = {**config.severity, **overrides.get("severity", {})}
            config = replace(config, **{**overrides, "severity": severity})
        policies, policy_problems = load_policies(config, self.policies)
        problems = [*problems, *policy_problems, *unknown_codes(config, policies)]
        return Project(config, tuple(policies), tuple(problems))

    def for_file(self, file: Path | str, overrides: dict | None = None) -> Project:
        """The project of the nearest configuration above a file."""
        return self.load(find_config(Path(os.path.abspath(file))), overrides)


def unknown_codes(config: Config, policies: list[Policy]) -> list[ConfigProblem]:
    """A code named in the configuration that no rule or policy reports (a typo?)."""
    known = set(RULES).union(*(policy_codes(p) for p in policies))
    named = [("select", c) for c in config.select] + [("ignore", c) for c in config.ignore]
    named += [("severity", c) for c in config.severity] + [("per-file-ignores", c) for codes in config.per_file_ignores.values() for c in codes]
    problems = []
    for key, code in named:
        if not any(code_matches(k, (code,)) for k in known):
            line = key_line(config, key) if config.path else 1
            problems.append(ConfigProblem(config.path or "the command line", line, f"`{code}` in `{key}` is no code job-lsp or a policy reports; it has no effect", "unknown-code"))
    return problems


def project_problems(doc: Document, problems: list[Problem], project: Project, file: Path | str | None = None) -> list[Problem]:
    """A file's problems under a project: its own (validate's), plus its policies' (silenced
    by `# job-lsp: ignore` comments too), kept and leveled by select/ignore/severity."""
    # A file the parser could not read to the end is not judged by policies: what they
    # require may be in the part not read.
    if project.policies and syntax_cutoff(doc) > len(doc.text):
        found = suppress(doc, check_policies(doc, project.policies, file, document_kind(doc) or JOB))
        problems = sorted([*problems, *found], key=lambda p: (p.start, p.end))
    return select_problems(problems, project.config, file)


__all__ = ["Project", "Projects", "project_problems", "unknown_codes"]
