"""The workspace index: values used by the job files of a folder, counted, for completion."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from job_lsp.workspace import (
    MAX_FILE_BYTES,
    Usage,
    WorkspaceIndex,
    index_folders,
    normalize_compute,
    path_key,
)

COMMAND_A = """\
$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
command: python train.py
environment: azureml:AzureML-sklearn-1.5@latest
compute: azureml:cpu-cluster
experiment_name: iris
"""

COMMAND_B = """\
command: python train.py
environment: azureml:my-env:3
compute: cpu-cluster
experiment_name: iris
"""

COMMAND_SERVERLESS = """\
type: command
command: echo hi
environment: azureml:my-env:3
compute: serverless
experiment_name: hello
"""

SWEEP = """\
type: sweep
trial:
  command: python train.py
  environment: azureml:AzureML-sklearn-1.5@latest
compute: azureml:gpu-cluster
sampling_algorithm: random
search_space: {lr: {type: uniform, min_value: 0.01, max_value: 0.1}}
objective: {goal: maximize, primary_metric: acc}
limits: {max_total_trials: 2}
experiment_name: tune
"""

PIPELINE = """\
$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
experiment_name: iris
settings:
  default_compute: azureml:cpu-cluster
defaults: &step
  type: command
  environment: azureml:AzureML-acpt-pytorch-2.8-cuda12.6@latest
jobs:
  prep:
    <<: *step
    command: python prep.py
    compute: azureml:big-cluster
  train:
    type: command
    command: python train.py
    environment: azureml:my-env@latest
    compute: ${{parent.inputs.compute}}
  local_step:
    type: command
    command: echo
    compute: local
    environment:
      image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04
  sweep_step:
    type: sweep
    trial:
      command: python t.py
      environment: azureml:sweep-env:1
    compute: /subscriptions/x/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/arm-cluster
"""

COMPONENT = """\
$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
type: command
name: train_component
command: python train.py
environment: azureml:component-env:1
"""

BROKEN = """\
command: python x.py
compute: broken-cluster
environment: [unclosed
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "a.yml").write_text(COMMAND_A)
    (tmp_path / "jobs" / "b.yaml").write_text(COMMAND_B)
    (tmp_path / "jobs" / "serverless.yml").write_text(COMMAND_SERVERLESS)
    (tmp_path / "sweep.yml").write_text(SWEEP)
    (tmp_path / "pipelines").mkdir()
    (tmp_path / "pipelines" / "pipeline.yml").write_text(PIPELINE)
    (tmp_path / "components").mkdir()
    (tmp_path / "components" / "train.yml").write_text(COMPONENT)
    (tmp_path / "broken.yml").write_text(BROKEN)
    (tmp_path / "binary.yml").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "empty.yml").write_text("")
    (tmp_path / "notes.txt").write_text(COMMAND_A)  # not a YAML file name
    skipped = tmp_path / "node_modules" / "pkg"
    skipped.mkdir(parents=True)
    (skipped / "job.yml").write_text(COMMAND_A.replace("cpu-cluster", "hidden-cluster"))
    return tmp_path


def names(usages: list[Usage]) -> list[str]:
    return [u.name for u in usages]


def counts(usages: list[Usage]) -> dict[str, int]:
    return {u.name: u.count for u in usages}


def test_computes_are_counted_per_file_normalized_and_ordered(workspace: Path) -> None:
    index = index_folders([workspace])
    computes = index.computes()
    # cpu-cluster: a.yml (azureml:), b.yaml (bare), the pipeline's default_compute.
    assert counts(computes) == {"cpu-cluster": 3, "big-cluster": 1, "gpu-cluster": 1, "arm-cluster": 1, "broken-cluster": 1}
    # Most used first, then by name.
    assert names(computes) == ["cpu-cluster", "arm-cluster", "big-cluster", "broken-cluster", "gpu-cluster"]
    assert "serverless" not in names(computes) and "local" not in names(computes)
    assert not any(n.startswith("azureml:") or "${{" in n for n in names(computes))
    cpu = computes[0]
    assert cpu.files == tuple(sorted(path_key(workspace / p) for p in ("jobs/a.yml", "jobs/b.yaml", "pipelines/pipeline.yml")))


def test_environments_and_experiments(workspace: Path) -> None:
    index = index_folders([workspace])
    envs = counts(index.environments())
    assert envs == {
        "azureml:AzureML-sklearn-1.5@latest": 2,  # a.yml, the sweep's trial
        "azureml:my-env:3": 2,
        "azureml:AzureML-acpt-pytorch-2.8-cuda12.6@latest": 1,  # via a merge key in the pipeline
        "azureml:my-env@latest": 1,
        "azureml:sweep-env:1": 1,  # a sweep step's trial
    }
    assert names(index.environments())[:2] == ["azureml:AzureML-sklearn-1.5@latest", "azureml:my-env:3"]
    # The component's environment is not a job's.
    assert "azureml:component-env:1" not in envs
    assert counts(index.experiments()) == {"iris": 3, "hello": 1, "tune": 1}
    assert names(index.experiments()) == ["iris", "hello", "tune"]


def test_components_bad_files_and_skipped_folders_are_ignored(workspace: Path) -> None:
    index = index_folders([workspace])
    assert index.facts(workspace / "components" / "train.yml") is None
    assert index.facts(workspace / "binary.yml") is None
    assert index.facts(workspace / "empty.yml") is None
    assert "hidden-cluster" not in names(index.computes())
    # The broken file is a job file; what was read before the syntax error counts.
    broken = index.facts(workspace / "broken.yml")
    assert broken is not None and broken.computes == frozenset({"broken-cluster"})
    assert len(index) == 6
    assert index.truncated is None


def test_update_add_change_delete(workspace: Path) -> None:
    index = index_folders([workspace])
    new = workspace / "jobs" / "new.yml"
    index.update(new, COMMAND_B.replace("cpu-cluster", "new-cluster"))
    assert counts(index.computes())["new-cluster"] == 1
    assert counts(index.environments())["azureml:my-env:3"] == 3
    # Change: the file now uses another compute; the old value disappears when unused.
    index.update(new, COMMAND_B.replace("cpu-cluster", "other-cluster"))
    assert "new-cluster" not in names(index.computes())
    assert counts(index.computes())["other-cluster"] == 1
    # Bytes are accepted too; changing a counted file moves its count.
    index.update(workspace / "jobs" / "a.yml", COMMAND_A.replace("cpu-cluster", "other-cluster").encode())
    assert counts(index.computes())["other-cluster"] == 2
    assert counts(index.computes())["cpu-cluster"] == 2
    # A job file edited into a component, or broken into junk, stops counting.
    index.update(new, COMPONENT)
    assert counts(index.computes())["other-cluster"] == 1
    index.update(workspace / "sweep.yml", b"\x00\xff" * 1000)
    assert "gpu-cluster" not in names(index.computes())
    assert "tune" not in names(index.experiments())
    # Deleted.
    index.update(workspace / "pipelines" / "pipeline.yml", None)
    assert "big-cluster" not in names(index.computes())
    assert counts(index.experiments())["iris"] == 2
    assert index.facts(workspace / "pipelines" / "pipeline.yml") is None
    # Deleting what is not indexed is harmless.
    index.update(workspace / "nowhere.yml", None)
    index.update(workspace / "components" / "train.yml", None)
    # All counts are now 1: the order is by name.
    assert names(index.computes()) == ["broken-cluster", "cpu-cluster", "other-cluster"]
    index.update(new, COMMAND_B.replace("cpu-cluster", "other-cluster"))
    assert names(index.computes()) == ["other-cluster", "broken-cluster", "cpu-cluster"]


def test_update_refuses_oversized_text(tmp_path: Path) -> None:
    index = WorkspaceIndex([tmp_path])
    index.update(tmp_path / "j.yml", COMMAND_A)
    assert names(index.computes()) == ["cpu-cluster"]
    huge = COMMAND_A + "#" * (MAX_FILE_BYTES + 1)
    index.update(tmp_path / "j.yml", huge)
    assert index.computes() == []


def test_a_scan_replaces_the_index_and_reads_the_disk(workspace: Path) -> None:
    index = index_folders([workspace])
    index.update(workspace / "elsewhere.yml", COMMAND_B.replace("cpu-cluster", "ghost"))
    (workspace / "jobs" / "b.yaml").unlink()
    index.scan()
    assert "ghost" not in names(index.computes())
    assert counts(index.computes())["cpu-cluster"] == 2


def test_the_file_cap(workspace: Path) -> None:
    for i in range(20):
        (workspace / f"extra{i:02}.yml").write_text(COMMAND_B.replace("cpu-cluster", f"c{i:02}"))
    index = WorkspaceIndex([workspace], max_files=5)
    index.scan()
    assert index.files_read == 5
    assert index.truncated == "files"
    assert len(index) <= 5
    # The index never holds more than the cap, even through updates.
    for i in range(10):
        index.update(workspace / f"more{i}.yml", COMMAND_A)
    assert len(index) <= 5


def test_the_size_cap(tmp_path: Path) -> None:
    (tmp_path / "big.yml").write_text(COMMAND_A + "#" * 2000)
    (tmp_path / "small.yml").write_text(COMMAND_B.replace("cpu-cluster", "small-cluster"))
    index = index_folders([tmp_path], max_file_bytes=1000)
    assert names(index.computes()) == ["small-cluster"]


def test_the_directory_entry_cap(tmp_path: Path) -> None:
    data = tmp_path / "a_data"
    data.mkdir()
    for i in range(300):
        (data / f"{i}.csv").write_text("")
    (tmp_path / "z_job.yml").write_text(COMMAND_A)
    index = index_folders([tmp_path], max_dir_entries=100)
    assert index.truncated == "entries"


def test_the_time_budget(workspace: Path) -> None:
    index = index_folders([workspace], scan_seconds=0.0)
    assert index.truncated == "time"


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symlinks")
def test_symlink_loops_and_special_files(workspace: Path) -> None:
    os.symlink(workspace, workspace / "jobs" / "loop")  # a folder linking to its ancestor
    os.symlink(workspace / "jobs" / "a.yml", workspace / "link.yml")  # the same file twice
    os.symlink(workspace / "missing.yml", workspace / "dangling.yml")
    if hasattr(os, "mkfifo"):
        os.mkfifo(workspace / "fifo.yml")  # opening it for reading would block
    start = time.monotonic()
    index = index_folders([workspace, workspace / "jobs"])  # nested roots too
    assert time.monotonic() - start < 10
    assert counts(index.computes())["cpu-cluster"] == 3  # each file counted once
    assert index.truncated is None


@pytest.mark.skipif(sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0), reason="permissions")
def test_unreadable_files_and_folders(workspace: Path) -> None:
    locked_file = workspace / "locked.yml"
    locked_file.write_text(COMMAND_A.replace("cpu-cluster", "locked"))
    locked_file.chmod(0)
    locked_dir = workspace / "locked_dir"
    locked_dir.mkdir()
    (locked_dir / "job.yml").write_text(COMMAND_A.replace("cpu-cluster", "locked"))
    locked_dir.chmod(0)
    try:
        index = index_folders([workspace])
        assert "locked" not in names(index.computes())
        assert counts(index.computes())["cpu-cluster"] == 3
    finally:
        locked_dir.chmod(0o755)
        locked_file.chmod(0o644)


def test_missing_roots_and_a_file_root(tmp_path: Path) -> None:
    job = tmp_path / "job.yml"
    job.write_text(COMMAND_A)
    index = index_folders([tmp_path / "missing", job])
    assert names(index.computes()) == ["cpu-cluster"]
    assert index_folders([]).computes() == []


def test_hostile_documents_do_not_raise(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    cases = {
        "bomb.yml": "command: x\ncompute: c1\n" + bomb,
        "deep.yml": "command: x\ncompute: c2\nx: " + "[" * 5000 + "]" * 5000 + "\n",
        "tabs.yml": "command: x\n\tcompute: c\n",
        "list.yml": "- command: x\n- compute: y\n",
        "scalar.yml": "just text\n",
        "weird.yml": "command: x\ncompute: [a, b]\nenvironment: {image: x}\nexperiment_name: 12\njobs: [1, 2]\nsettings: 3\n",
        "many_steps.yml": "type: pipeline\njobs:\n" + "".join(f"  s{i}:\n    type: command\n    command: x\n    compute: c{i}\n" for i in range(3000)),
        "nul.yml": "command: x\x00\ncompute: nul-cluster\n",
        "bad_utf8.yml": "command: x\ncompute: caf\xe9\n",
        "placeholders.yml": "command: x\ncompute: <COMPUTE>\nenvironment: azureml:<ENV>@latest\nexperiment_name: '{name}'\n",
    }
    for name, text in cases.items():
        (tmp_path / name).write_bytes(text.encode("latin-1"))
    index = index_folders([tmp_path])
    found = names(index.computes())
    assert "c1" in found
    assert not any(c in n for n in found + names(index.environments()) + names(index.experiments()) for c in "<>{}")
    # A pipeline with thousands of steps contributes a bounded number of values.
    assert sum(1 for n in found if n.startswith("c") and n[1:].isdigit()) <= 201
    for text in cases.values():
        index.update(tmp_path / "x.yml", text)


@pytest.mark.parametrize(
    "raw, bare",
    [
        ("cpu-cluster", "cpu-cluster"),
        ("azureml:cpu-cluster", "cpu-cluster"),
        ("AzureML:cpu-cluster", "cpu-cluster"),
        ("/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/computes/gpu", "gpu"),
        ("serverless", None),
        ("azureml:serverless", None),
        ("Local", None),
        ("${{parent.inputs.compute}}", None),
        ("", None),
        ("two words", None),
        ("<COMPUTE_NAME>", None),
        ("azureml:<compute>", None),
    ],
)
def test_normalize_compute(raw: str, bare: str | None) -> None:
    assert normalize_compute(raw) == bare
