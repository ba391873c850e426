"""The project configuration (job_lsp.config) and rule selection (job_lsp.selection)."""

from __future__ import annotations

from pathlib import Path

import pytest

from job_lsp.config import Config, ConfigCache, FormatConfig, find_config, line_of, load_config, matches_glob
from job_lsp.selection import code_matches, is_excluded, is_included, select_problems
from job_lsp.yamldoc import ERROR, WARNING, Problem


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


FULL = """\
compute-targets = ["cpu-cluster"]
environments = ["azureml:env:1"]
include = ["jobs/**/*.yml"]
exclude = ["legacy/*"]
select = ["ALL"]
ignore = ["duplicate-key"]
locale = "FR"
policies = ["policies/*.schema.json"]

[severity]
missing-path = "error"
"undeclared-*" = "warning"

[per-file-ignores]
"experiments/*.yml" = ["unknown-key"]

[format]
indent = 4
reorder-keys = false
line-width = 120
"""


def test_every_key_is_read_kebab_case(tmp_path):
    config, problems = load_config(write(tmp_path / "job-lsp.toml", FULL))
    assert problems == []
    assert config.root == str(tmp_path)
    assert config.compute_targets == ("cpu-cluster",)
    assert config.environments == ("azureml:env:1",)
    assert config.include == ("jobs/**/*.yml",) and config.exclude == ("legacy/*",)
    assert config.select == ("ALL",) and config.ignore == ("duplicate-key",)
    assert config.locale == "fr"
    assert config.policies == ("policies/*.schema.json",)
    assert config.severity == {"missing-path": "error", "undeclared-*": "warning"}
    assert config.per_file_ignores == {"experiments/*.yml": ("unknown-key",)}
    assert config.format == FormatConfig(indent=4, reorder_keys=False, line_width=120)


def test_snake_case_keys_in_pyproject(tmp_path):
    text = '[project]\nname = "x"\n\n[tool.job-lsp]\ncompute_targets = ["gpu"]\n\n[tool.job-lsp.format]\nreorder_keys = false\n'
    config, problems = load_config(write(tmp_path / "pyproject.toml", text))
    assert problems == []
    assert config.compute_targets == ("gpu",)
    assert config.format.reorder_keys is False


def test_defaults_without_a_file():
    config = Config()
    assert config.select == () and config.ignore == () and config.severity == {}
    assert config.format == FormatConfig(indent=2, reorder_keys=True, line_width=100)


def test_unknown_key_names_file_line_and_nearest_key(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[tool.job-lsp]\ncompute-targets = ["a"]\nselct = ["unknown-key"]\n')
    config, problems = load_config(path)
    assert config.compute_targets == ("a",) and config.select == ()
    assert [(p.path, p.line) for p in problems] == [(str(path), 3)]
    assert "unknown key `selct` in [tool.job-lsp]" in problems[0].message
    assert "did you mean `select`?" in problems[0].message


def test_unknown_key_in_the_format_table(tmp_path):
    path = write(tmp_path / "job-lsp.toml", "[format]\nindent = 3\nwidth = 80\n")
    config, problems = load_config(path)
    assert config.format.indent == 3
    assert [p.line for p in problems] == [3]
    assert "unknown key `width` in [format]" in problems[0].message


def test_wrong_type_keeps_the_default_and_says_so(tmp_path):
    path = write(tmp_path / ".job-lsp.toml", 'ignore = "unknown-key"\n\n[format]\nindent = 12\n\n[severity]\nunknown-key = "fatal"\n')
    config, problems = load_config(path)
    assert config.ignore == () and config.format.indent == 2 and config.severity == {}
    assert [p.line for p in problems] == [1, 7, 4]
    assert "`ignore` must be a list of codes, not the string 'unknown-key'; the default [] is used" in problems[0].message
    assert "`severity.unknown-key` is the string 'fatal': `severity` must be a table of code = level" in problems[1].message
    assert "`indent` must be an integer from 2 to 8, not the number 12" in problems[2].message


def test_not_toml_names_the_line_and_uses_the_defaults(tmp_path):
    path = write(tmp_path / "job-lsp.toml", 'select = ["a"]\nignore = [\n\nlocale = "fr"\n')
    config, problems = load_config(path)
    assert config == Config(path=str(path), root=str(tmp_path))
    assert len(problems) == 1
    assert problems[0].path == str(path) and problems[0].line == 4
    assert problems[0].message.startswith("not valid TOML: ") and problems[0].message.endswith("the defaults are used")


@pytest.mark.parametrize("data", [b"\xff\xfe select", b"a" * (1024 * 1024 + 1)])
def test_unreadable_file_is_one_problem(tmp_path, data):
    path = tmp_path / "job-lsp.toml"
    path.write_bytes(data)
    config, problems = load_config(path)
    assert config.select == () and len(problems) == 1 and problems[0].line == 1


def test_nearest_file_wins_and_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path / "job-lsp.toml", "")
    write(tmp_path / "team" / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path / "team" / "jobs" / "job.yml") == tmp_path / "job-lsp.toml"
    write(tmp_path / "team" / "pyproject.toml", '[project]\nname = "x"\n[tool.job-lsp]\n')
    assert find_config(tmp_path / "team" / "jobs" / "job.yml") == tmp_path / "team" / "pyproject.toml"
    write(tmp_path / "team" / ".job-lsp.toml", "")
    assert find_config(tmp_path / "team" / "job.yml") == tmp_path / "team" / ".job-lsp.toml"


def test_cache_reads_again_when_the_file_changes(tmp_path):
    path = write(tmp_path / "job-lsp.toml", 'select = ["a"]\n')
    cache = ConfigCache()
    first, _ = cache.load(path)
    assert cache.load(path)[0] is first
    write(path, 'select = ["a", "b"]\n')
    assert cache.load(path)[0].select == ("a", "b")
    assert cache.for_file(tmp_path / "x" / "job.yml")[0].select == ("a", "b")


def test_line_of_dotted_and_table_keys():
    text = '[tool.job-lsp]\nformat.indent = 3\n\n[tool."job-lsp".severity]\nunknown-key = "warning"\n'
    assert line_of(text, ("tool", "job-lsp"), "format") == 2
    assert line_of(text, ("tool", "job-lsp", "severity"), "unknown-key") == 5
    assert line_of(text, ("tool", "job-lsp"), "missing") == 1


@pytest.mark.parametrize(
    "path, pattern, expected",
    [
        ("jobs/a/train.yml", "jobs/**/*.yml", True),
        ("jobs/train.yml", "jobs/**/*.yml", True),
        ("other/train.yml", "jobs/**/*.yml", False),
        ("deep/x/train.job.yml", "*.job.yml", True),
        ("prod/train.yml", "./prod/*", True),
        ("prod/train.yml", "prod\\*", True),
    ],
)
def test_matches_glob(path, pattern, expected):
    assert matches_glob(path, pattern) is expected


def problem(code: str, severity: str = ERROR) -> Problem:
    return Problem(0, 1, severity, code, f"message for {code}")


def test_select_ignore_and_patterns():
    problems = [problem("unknown-key"), problem("undeclared-input", WARNING), problem("duplicate-key", WARNING)]
    assert [p.code for p in select_problems(problems, Config())] == ["unknown-key", "undeclared-input", "duplicate-key"]
    assert [p.code for p in select_problems(problems, Config(select=("undeclared-*", "duplicate-key")))] == ["undeclared-input", "duplicate-key"]
    assert [p.code for p in select_problems(problems, Config(select=("ALL",), ignore=("duplicate-key",)))] == ["unknown-key", "undeclared-input"]
    assert code_matches("policy", ["ALL"]) and not code_matches("policy", ["polic"])


def test_severity_overrides_exact_code_over_pattern():
    config = Config(severity={"undeclared-input": "error", "undeclared-*": "hint"})
    out = select_problems([problem("undeclared-input", WARNING), problem("undeclared-output", WARNING)], config)
    assert [(p.code, p.severity) for p in out] == [("undeclared-input", ERROR), ("undeclared-output", "hint")]


def test_per_file_ignores_match_paths_relative_to_the_configuration(tmp_path):
    config = Config(root=str(tmp_path), per_file_ignores={"experiments/*.yml": ["unknown-key"], "*.draft.yml": ["ALL"]})
    problems = [problem("unknown-key"), problem("missing-path")]
    assert [p.code for p in select_problems(problems, config, tmp_path / "experiments" / "a.yml")] == ["missing-path"]
    assert [p.code for p in select_problems(problems, config, tmp_path / "jobs" / "a.yml")] == ["unknown-key", "missing-path"]
    assert select_problems(problems, config, tmp_path / "jobs" / "b.draft.yml") == []


def test_include_and_exclude(tmp_path):
    config = Config(root=str(tmp_path), include=("jobs/**/*.yml",), exclude=("legacy/*",))
    assert is_included(config, tmp_path / "jobs" / "x" / "a.yml")
    assert not is_included(config, tmp_path / "a.yml")
    assert is_excluded(config, tmp_path / "legacy" / "a.yml")
    assert not is_excluded(Config(), tmp_path / "legacy" / "a.yml")


def test_the_keys_a_file_gives_are_known(tmp_path):
    config, _ = load_config(write(tmp_path / "job-lsp.toml", 'select = ["a"]\n[format]\nindent = 4\n'))
    assert config.given == {"select", "format.indent"}
    assert Config().given == frozenset()
