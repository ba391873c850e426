"""The file helpers: one bounded reader that never waits, and the one place that knows which
path values are remote."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from job_lsp.cli.check import check_file
from job_lsp.files import Refused, local_path_of, read_bounded, read_stream

ROOT = Path(__file__).resolve().parent.parent


def test_a_regular_file_is_read_and_a_bound_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "job.yml"
    path.write_bytes(b"command: x\n")
    assert read_bounded(path) == b"command: x\n"
    refused = read_bounded(path, max_bytes=4)
    assert isinstance(refused, Refused) and refused.code == "file-too-large"
    assert isinstance(read_bounded(tmp_path / "missing.yml"), Refused)
    assert read_bounded(tmp_path).code == "unreadable"  # a folder


def test_a_stream_is_read_to_its_bound_and_no_further() -> None:
    import io

    stream = io.BytesIO(b"0123456789")
    assert read_stream(stream, max_bytes=4) == (b"01234", True)
    assert stream.read() == b"56789"  # the rest is left for a filter to pass through
    assert read_stream(io.BytesIO(b"0123"), max_bytes=4) == (b"0123", False)
    assert read_stream(io.BytesIO(b""), max_bytes=4) == (b"", False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_unopened(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yml"
    os.mkfifo(fifo)
    refused = read_bounded(fifo)  # returns at once: nothing writes to the FIFO
    assert isinstance(refused, Refused) and "not a regular file" in refused.message
    assert [d.code for d in check_file(fifo)] == ["unreadable"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("command", ["check", "format"])
def test_check_and_format_of_a_folder_with_a_fifo_do_not_hang(tmp_path: Path, command: str) -> None:
    """They used to wait forever on a FIFO named x.yml."""
    os.mkfifo(tmp_path / "x.yml")
    (tmp_path / "job.yml").write_text("command: python x.py\nenvironment: azureml:e:1\ncompute: azureml:c\n")
    result = subprocess.run([sys.executable, "-m", "job_lsp.cli", command, str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "1 file(s) checked (1 job)" in result.stderr or "1 left unchanged" in result.stderr or "reformatted" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("value", "local"),
    [
        ("./src", "./src"),
        ("src/train.py", "src/train.py"),
        ("file:src", "src"),
        ("C:/data/train.csv", "C:/data/train.csv"),  # a drive letter is not a scheme
        ("file://server/share", None),
        ("azureml:data:1", None),
        ("azureml://datastores/d/paths/x", None),
        ("https://example.com/x.csv", None),
        ("wasbs://c@a.blob.core.windows.net/x", None),
        ("abfss://c@a.dfs.core.windows.net/x", None),
        ("adl://a.azuredatalakestore.net/x", None),
        ("git+https://github.com/a/b", None),
        ("${{parent.inputs.data}}", None),
        ("/subscriptions/0000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/data/iris/versions/1", None),
    ],
)
def test_remote_forms_are_known_in_one_place(value: str, local: str | None) -> None:
    assert local_path_of(value) == local


def test_an_input_given_as_an_arm_id_is_not_a_missing_local_path(tmp_path: Path) -> None:
    """azure-ai-ml accepts an ARM asset id as an input path; it used to get `missing-path`."""
    job = tmp_path / "job.yml"
    job.write_text(
        "command: python x.py --d ${{inputs.d}}\nenvironment: azureml:e:1\ncompute: azureml:c\n"
        "inputs:\n  d:\n    type: uri_folder\n"
        "    path: /subscriptions/0000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/data/iris/versions/1\n"
    )
    assert [d.code for d in check_file(job)] == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_every_reader_of_the_package_refuses_a_fifo_without_waiting(tmp_path: Path) -> None:
    """load_job, the configuration lookup and the workspace's config.json go through the one
    bounded reader too: a FIFO in their place is refused at once, never waited on."""
    from job_lsp import load_job
    from job_lsp.azure.discover import from_config_json
    from job_lsp.config import find_config

    os.mkfifo(tmp_path / "job.yml")
    with pytest.raises(OSError, match="not a regular file"):
        load_job(tmp_path / "job.yml")
    with pytest.raises(FileNotFoundError):
        load_job(tmp_path / "missing.yml")
    os.mkfifo(tmp_path / "config.json")
    assert from_config_json(str(tmp_path / "config.json")) is None
    project = tmp_path / "project"
    project.mkdir()
    os.mkfifo(project / "pyproject.toml")
    assert find_config(project) is None
