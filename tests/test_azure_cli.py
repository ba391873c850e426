"""`job-lsp run` and `job-lsp check --workspace` against the stand-in `az` (tests/fake_az)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fake_az import FakeAz

JOB = "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: python -c 'print(1)'\nenvironment: azureml:team-env:3\ncompute: azureml:cpu-cluster\n"


@pytest.fixture
def fake(tmp_path: Path) -> FakeAz:
    (tmp_path / "az").mkdir()
    return FakeAz(tmp_path / "az")


def job_lsp(fake: FakeAz, cwd: Path, *args: str, with_az: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "job_lsp.cli", *args], env=fake.env(with_az=with_az), cwd=cwd, capture_output=True, text=True, timeout=120)


def test_run_stream_prints_each_status_and_exits_0_when_completed(fake: FakeAz, tmp_path: Path) -> None:
    (tmp_path / "job.yml").write_text(JOB)
    result = job_lsp(fake, tmp_path, "run", "job.yml", "--stream", "--poll-seconds", "0.05")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("quiet_lamp_0001: submitted · https://ml.azure.com/runs/quiet_lamp_0001")
    assert [line.split(": ", 1)[1].split(" · ")[0] for line in lines[1:]] == ["Starting", "Preparing", "Queued", "Running", "Finalizing", "Completed"]
    assert "from az defaults" in result.stderr  # `az configure --list-defaults` named the workspace
    assert [c for c in fake.commands() if c.startswith("ml job create")] == ["ml job create job.yml ws rg"]


def test_run_without_stream_submits_and_returns(fake: FakeAz, tmp_path: Path) -> None:
    (tmp_path / "job.yml").write_text(JOB)
    result = job_lsp(fake, tmp_path, "run", "job.yml", "-w", "other-ws", "-g", "other-rg")
    assert result.returncode == 0 and result.stdout.startswith("quiet_lamp_0001: submitted")
    assert not any(c.startswith("ml job show") for c in fake.commands())
    assert "ml job create job.yml other-ws other-rg" in fake.commands()


def test_a_failed_job_exits_1(fake: FakeAz, tmp_path: Path) -> None:
    fake.update(statuses=["Starting", "Running", "Failed"])
    (tmp_path / "job.yml").write_text(JOB)
    result = job_lsp(fake, tmp_path, "run", "job.yml", "--stream", "--poll-seconds", "0.05")
    assert result.returncode == 1 and "Failed · The run failed" in result.stdout


def test_run_refuses_a_file_with_errors_and_says_why_it_cannot_run(fake: FakeAz, tmp_path: Path) -> None:
    (tmp_path / "job.yml").write_text(JOB + "comand: typo\n")
    refused = job_lsp(fake, tmp_path, "run", "job.yml")
    assert refused.returncode == 1 and "unknown-key" in refused.stderr and "not submitted" in refused.stderr
    assert not any(c.startswith("ml job") for c in fake.commands())
    (tmp_path / "job.yml").write_text(JOB)
    fake.update(defaults={})
    nowhere = job_lsp(fake, tmp_path, "run", "job.yml")
    assert nowhere.returncode == 2 and "no workspace known" in nowhere.stderr
    fake.update(defaults={"group": "rg", "workspace": "ws"}, fail={"ml job create": "Compute cpu-cluster not found"})
    failed = job_lsp(fake, tmp_path, "run", "job.yml")
    assert failed.returncode == 1 and "Compute cpu-cluster not found" in failed.stderr
    assert job_lsp(fake, tmp_path, "run", "no-such.yml").returncode == 2


def test_check_workspace_warns_about_what_the_workspace_lacks(fake: FakeAz, tmp_path: Path) -> None:
    (tmp_path / "job.yml").write_text(JOB.replace("team-env:3", "team-env:9").replace("cpu-cluster", "cpu-clustr"))
    plain = job_lsp(fake, tmp_path, "check", "job.yml")
    assert plain.returncode == 0 and plain.stdout == "" and fake.calls() == []  # no --workspace: no az
    result = job_lsp(fake, tmp_path, "check", "--workspace", "job.yml")
    assert result.returncode == 0  # warnings only: the cache can be stale, the SDK accepts the file
    assert result.stdout.splitlines() == [
        "job.yml:3:14: warning[unknown-asset] The workspace `ws` has no version `9` of environment `team-env` (it has: `3`, `2`, `1`)",
        "job.yml:4:10: warning[unknown-asset] The workspace `ws` has no compute `cpu-clustr`; did you mean `cpu-cluster`?",
    ]
    as_json = job_lsp(fake, tmp_path, "check", "--workspace", "--format", "json", "job.yml")
    assert '"unknown-asset"' in as_json.stdout


def test_check_workspace_without_a_signed_in_cli_says_so_once(fake: FakeAz, tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"job{n}.yml").write_text(JOB)
    fake.update(signed_out=True)
    result = job_lsp(fake, tmp_path, "check", "--workspace", "-w", "ws", "-g", "rg", ".")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.count("not signed in (run `az login`)") == 1
    gone = job_lsp(fake, tmp_path, "check", "--workspace", ".", with_az=False)
    assert gone.returncode == 0 and gone.stderr.count("no workspace known") == 1
