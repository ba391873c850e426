"""The pre-commit hooks (.pre-commit-hooks.yaml) and `--only-azureml`, which keeps them to job,
component and schedule files when pre-commit names every staged YAML file."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

JOB = "type: command\ncommand: python x.py\nenvironment: azureml:e:1\ncompute: azureml:cpu\nexperiment_nam: x\n"
UNFORMATTED_JOB = "environment: azureml:e:1\ncommand: python x.py\ncompute: azureml:cpu\n"
# Without its `code: ../src`, which is not beside the copy, and with `type` last (out of the
# canonical order, for the format hook to mend).
COMPONENT = (ROOT / "examples" / "components" / "train.yml").read_text().replace("code: ../src\n", "").replace("type: command\n", "") + "type: command\n"
CONDA = "name: env\nchannels:\n    - conda-forge\ndependencies:\n    - python=3.10\n"
GITHUB_WORKFLOW = "on: push\njobs:\n    build:\n        runs-on: ubuntu-latest\n        steps: []\n"


def hooks() -> dict[str, dict]:
    return {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def run_hook(hook: dict, files: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """What pre-commit runs: the entry, then the file names."""
    entry = shlex.split(hook["entry"])
    assert entry[0] == "job-lsp"
    cmd = [sys.executable, "-m", "job_lsp.cli", *entry[1:], *(str(f.relative_to(cwd)) for f in files)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": ""})


def test_hooks_are_declared() -> None:
    declared = hooks()
    assert set(declared) == {"job-lsp-check", "job-lsp-format"}
    for hook in declared.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["yaml"]
        assert "--only-azureml" in hook["entry"]
        assert hook["name"]


def write_files(tmp_path: Path) -> dict[str, Path]:
    files = {"job": JOB, "unformatted": UNFORMATTED_JOB, "component": COMPONENT, "conda": CONDA, "workflow": GITHUB_WORKFLOW}
    out = {}
    for name, text in files.items():
        path = tmp_path / f"{name}.yml"
        path.write_text(text)
        out[name] = path
    return out


def test_check_hook_reports_job_files_only(tmp_path: Path) -> None:
    files = write_files(tmp_path)
    result = run_hook(hooks()["job-lsp-check"], list(files.values()), tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["job.yml:5:1: error[unknown-key] Unknown key `experiment_nam` in a command job; did you mean `experiment_name`?"]
    assert "3 file(s) checked (2 job, 1 component)" in result.stderr and "2 YAML file(s) skipped" in result.stderr


def test_check_hook_passes_when_only_other_yaml_is_staged(tmp_path: Path) -> None:
    files = write_files(tmp_path)
    result = run_hook(hooks()["job-lsp-check"], [files["component"], files["conda"], files["workflow"]], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_without_only_jobs_a_named_file_is_checked_as_what_it_is(tmp_path: Path) -> None:
    files = write_files(tmp_path)
    result = subprocess.run([sys.executable, "-m", "job_lsp.cli", "check", "component.yml"], capture_output=True, text=True, cwd=tmp_path, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    # As a component, not as a job with an unknown `version`.
    assert result.returncode == 0 and result.stdout == "" and "1 file(s) checked (1 component)" in result.stderr
    assert files["component"].exists()


def test_format_hook_formats_job_files_only(tmp_path: Path) -> None:
    files = write_files(tmp_path)
    before = {name: path.read_bytes() for name, path in files.items()}
    result = run_hook(hooks()["job-lsp-format"], list(files.values()), tmp_path)
    assert result.returncode == 0, result.stderr
    after = {name: path.read_bytes() for name, path in files.items()}
    changed = {name for name in files if before[name] != after[name]}
    assert changed == {"unformatted", "component"}  # conda files and workflows are not touched
    assert after["component"].startswith(b"$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\ntype: command\nname: train_iris\nversion: \"1\"\n")
    assert after["unformatted"] == b"command: python x.py\nenvironment: azureml:e:1\ncompute: azureml:cpu\n"
    # twice: nothing left to do, so pre-commit sees no change and passes
    again = run_hook(hooks()["job-lsp-format"], list(files.values()), tmp_path)
    assert again.returncode == 0 and {name: path.read_bytes() for name, path in files.items()} == after


def test_format_only_azureml_with_check(tmp_path: Path) -> None:
    files = write_files(tmp_path)
    # --only-jobs, the option's former name, is still accepted.
    cmd = [sys.executable, "-m", "job_lsp.cli", "format", "--only-jobs", "--check", "conda.yml", "workflow.yml"]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    cmd[-2:] = ["unformatted.yml", "conda.yml"]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert result.returncode == 1 and result.stdout == "would reformat unformatted.yml\n"
    assert files["unformatted"].read_text() == UNFORMATTED_JOB
