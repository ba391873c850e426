"""`job-lsp` as a user runs it: a real process, its output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "job_lsp.cli", *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120)


def test_bundled_examples_are_clean() -> None:
    result = run("check", "examples")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "error" not in result.stdout
    checked = int(result.stderr.split()[0])
    assert checked >= 2


def test_errors_are_reported_as_path_line_col(tmp_path: Path) -> None:
    bad = tmp_path / "job.yml"
    bad.write_text("command: python x.py\nenvironment: azureml:e:1\nexperiment_nam: x\n")
    result = run("check", str(bad))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{bad}:3:1: error[unknown-key] Unknown key `experiment_nam` in a command job; did you mean `experiment_name`?"]


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    job = tmp_path / "job.yml"
    job.write_text("command: a\nenvironment: azureml:e:1\ncommand: b\n")
    result = run("check", str(job))
    assert result.returncode == 0 and "warning[duplicate-key]" in result.stdout


def test_json_output(tmp_path: Path) -> None:
    bad = tmp_path / "job.yml"
    bad.write_text("command: python x.py\n")
    result = run("check", "--format", "json", str(bad))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["checked"] == 1 and report["errors"] == 1
    (d,) = report["diagnostics"]
    assert (d["line"], d["column"], d["code"], d["severity"]) == (1, 1, "missing-required", "error")


def test_folders_check_job_and_component_files_and_count_the_others(tmp_path: Path) -> None:
    (tmp_path / "job.yml").write_text("$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: x\nenvironment: azureml:e:1\n")
    (tmp_path / "component.yml").write_text("$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\ntype: command\nname: c\n")
    (tmp_path / "conda.yaml").write_text("name: env\ndependencies: [python=3.11]\n")
    (tmp_path / "notes.txt").write_text("not yaml")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pipe.yaml").write_text("type: pipeline\njobs: {}\n")
    result = run("check", str(tmp_path))
    assert "3 file(s) checked (2 job, 1 component)" in result.stderr and "1 YAML file(s) skipped" in result.stderr
    assert "component.yml:2:1: error[missing-required] Missing required keys `environment`, `command` in a command component" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("check").returncode == 2
    assert run("check", str(tmp_path / "missing.yml")).returncode == 2
    assert run("frobnicate").returncode == 2


def test_binary_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    junk = tmp_path / "junk.yml"
    junk.write_bytes(bytes(range(256)) * 100)
    result = run("check", str(junk))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error[" in result.stdout


def test_schema_command_prints_writes_and_checks(tmp_path: Path) -> None:
    printed = run("schema", "--type", "command")
    assert printed.returncode == 0 and json.loads(printed.stdout)["title"] == "Azure ML command job"
    assert run("schema", "--type", "nope").returncode == 2
    assert run("schema", "--check", "--dir", str(tmp_path)).returncode == 1
    assert run("schema", "--write", "--dir", str(tmp_path)).returncode == 0
    assert run("schema", "--check", "--dir", str(tmp_path)).returncode == 0
    assert (tmp_path / "job.schema.json").exists()


def test_an_unknown_schema_type_lists_the_job_types_it_takes() -> None:
    result = run("schema", "--type", "commnd")
    assert result.returncode == 2
    assert "did you mean `command`?" in result.stderr
    assert "(job types: automl, command, distillation, finetuning, pipeline, spark, sweep)" in result.stderr
    assert ".schema.json" not in result.stderr  # file names are not what --type takes


def test_schema_check_without_a_schema_folder_says_so(tmp_path: Path) -> None:
    result = run("schema", "--check", cwd=tmp_path)
    assert result.returncode == 2 and "stale" not in result.stderr
    assert "no schema folder `schema` here" in result.stderr


def test_version() -> None:
    from job_lsp import __version__

    result = run("--version")
    assert result.returncode == 0 and result.stdout == f"job-lsp {__version__}\n"


STDIN_JOB = "command: python x.py\nenvironment: azureml:e:1\ncode: ./src\nexperiment_nme: x\n"


def test_check_reads_stdin_as_a_file_named_stdin() -> None:
    result = run("check", "-", stdin=STDIN_JOB, cwd=ROOT / "tests")  # tests/ has no src/
    assert result.returncode == 1
    assert [line.split(" ", 1)[0] for line in result.stdout.splitlines()] == ["<stdin>:3:7:", "<stdin>:4:1:"]
    assert "error[missing-path]" in result.stdout and "1 file(s) checked (1 job)" in result.stderr


def test_check_stdin_filename_names_it_and_anchors_its_local_paths() -> None:
    # tests/cases/command/src exists: `code: ./src` resolves beside the named file.
    result = run("check", "--stdin-filename", "tests/cases/command/job.yml", "-", stdin=STDIN_JOB)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "tests/cases/command/job.yml:4:1: error[unknown-key] Unknown key `experiment_nme` in a command job; did you mean `experiment_name`?"
    ]
    json_report = json.loads(run("check", "--format", "json", "--stdin-filename", "a/job.yml", "-", stdin=STDIN_JOB).stdout)
    assert {d["path"] for d in json_report["diagnostics"]} == {"a/job.yml"}


def test_check_stdin_with_only_azureml_skips_what_is_not_ours() -> None:
    result = run("check", "--only-azureml", "-", stdin="name: env\ndependencies: [python=3.11]\n")
    assert result.returncode == 0 and "0 file(s) checked, " in result.stderr and "1 YAML file(s) skipped" in result.stderr


def test_stdin_cannot_be_mixed_with_paths() -> None:
    result = run("check", "-", "examples", stdin=STDIN_JOB)
    assert result.returncode == 2 and "cannot be mixed" in result.stderr


def test_docs_document_every_setting_with_its_default() -> None:
    from job_lsp.lsp.settings import documentation

    readme = (ROOT / "docs" / "server.md").read_text(encoding="utf-8")
    for name, default in documentation().items():
        shown = {"()": "[]", "True": "true", "False": "false", "''": '""'}.get(default, default)
        assert f"| `jobLsp.{name}` | `{shown}` |" in readme, name


def test_check_reads_stdin_no_further_than_a_file() -> None:
    from job_lsp.files import MAX_FILE_BYTES

    result = run("check", "-", stdin="#" * (MAX_FILE_BYTES + 10))
    assert result.returncode == 1 and "error[file-too-large]" in result.stdout and "Traceback" not in result.stderr
