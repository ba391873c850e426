"""Files: `job-lsp format` never leaves a truncated or half-written file, even when killed
mid-write; never follows a path into a file it cannot read as YAML; writes through symbolic
links; refuses files over the size bound. (Permissions, line endings and `Job.dump` never
overwriting are tested in tests/test_format.py.)"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hardening_util import ROOT, env_for_subprocess
from job_lsp.format import FormatOptions, format_text

sys.path.insert(0, str(ROOT / "benchmarks"))
KILLS = 12


def start_format(path: Path, kill_at: str | None = None) -> subprocess.Popen:
    env = env_for_subprocess()
    if kill_at:
        env["JOB_LSP_TEST_KILL_AT"] = kill_at  # files.killed_at: SIGKILL itself there
    return subprocess.Popen([sys.executable, "-m", "job_lsp.cli", "format", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def old_and_new_pipeline(lines: int) -> tuple[bytes, bytes]:
    """A pipeline with every line re-indented (old) and what `job-lsp format` makes of it (new)."""
    from gen_pipeline import generate

    old = generate(lines).replace("\n  ", "\n    ").encode()
    new = format_text(old.decode(), FormatOptions()).text.encode()
    assert new != old
    return old, new


# Each stage of files.write_atomically -> what a SIGKILL there leaves: the file's bytes, and
# what the temporary file beside it holds (None: there is none).
KILL_STAGES = {
    "created": ("old", b""),  # the temporary file exists, empty
    "written": ("old", "new"),  # written and flushed to the OS, not yet fsync'ed
    "synced": ("old", "new"),  # on disk, not yet renamed
    "renamed": ("new", None),  # renamed over the file: nothing left behind
}


@pytest.mark.parametrize("stage", KILL_STAGES)
def test_sigkill_at_each_stage_of_the_write_leaves_the_old_or_the_new_file(tmp_path: Path, stage: str) -> None:
    """SIGKILL at each stage of the atomic write (the process kills itself there, through a
    test hook: no timing involved): the file is exactly the old or the new bytes, as the stage
    says. A kill between creating the temporary file and renaming it leaves that file behind
    (nothing can clean up after SIGKILL): `.job.yml.XXXXXXXX.tmp`, hidden, beside the target."""
    old, new = old_and_new_pipeline(200)
    path = tmp_path / "job.yml"
    path.write_bytes(old)
    proc = start_format(path, kill_at=stage)
    assert proc.wait(60) == -signal.SIGKILL, f"the process was not killed at {stage!r}: the hook is not on the write path"
    expected_file, expected_tmp = KILL_STAGES[stage]
    assert path.read_bytes() == {"old": old, "new": new}[expected_file]
    left = [p for p in tmp_path.iterdir() if p != path]
    if expected_tmp is None:
        assert left == []
    else:
        assert len(left) == 1 and left[0].name.startswith(".job.yml.") and left[0].name.endswith(".tmp"), left
        assert left[0].read_bytes() == {"new": new}.get(expected_tmp, expected_tmp)


@pytest.mark.slow
def test_sigkill_at_random_times_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    """SIGKILL `job-lsp format` at random moments, most of them near the end of the run where
    the write happens (wherever a signal lands, even inside a system call): the file is always
    exactly the old bytes or the new bytes. Which of the two each kill leaves depends on the
    machine's speed, so only the invariant is asserted; the test above covers both outcomes."""
    old, new = old_and_new_pipeline(12_000)
    path = tmp_path / "job.yml"
    path.write_bytes(old)
    start = time.perf_counter()
    assert start_format(path).wait(60) == 0
    full = time.perf_counter() - start
    assert path.read_bytes() == new
    rng = random.Random(7)
    outcomes = {"old": 0, "new": 0}
    for i in range(KILLS):
        path.write_bytes(old)
        when = full * (rng.uniform(0.0, 1.0) if i % 4 == 0 else rng.uniform(0.8, 1.05))
        proc = start_format(path)
        time.sleep(when)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        data = path.read_bytes()
        assert data in (old, new), f"kill {i} at {when:.3f} s left {len(data)} bytes that are neither the old nor the new file"
        outcomes["old" if data == old else "new"] += 1
        for other in tmp_path.iterdir():
            if other != path:
                assert other.name.startswith(".job.yml.") and other.name.endswith(".tmp"), other.name
                other.unlink()
    print(f"\nformat of 12,000 lines: {full:.2f} s; {KILLS} kills: {outcomes}")


def test_a_symlink_to_a_binary_file_is_left_untouched(tmp_path: Path) -> None:
    binary = tmp_path / "data.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    nuls = tmp_path / "nuls.bin"
    nuls.write_bytes(b"type: command\x00\x00\x00command: x\n" * 100)  # valid UTF-8, not YAML
    for target in (binary, nuls):
        link = tmp_path / "job.yml"
        if link.is_symlink():
            link.unlink()
        link.symlink_to(target)
        before = target.read_bytes()
        proc = subprocess.run([sys.executable, "-m", "job_lsp.cli", "format", str(link)], capture_output=True, env=env_for_subprocess())
        assert proc.returncode == 1, proc.stderr
        assert target.read_bytes() == before and link.is_symlink()
        assert b"left as it is" in proc.stderr or b"not formatted" in proc.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data.bin", "job.yml", "nuls.bin"]


def test_a_symlinked_job_file_is_formatted_through_the_link(tmp_path: Path) -> None:
    """Regression: the rename replaced the link itself by a regular file (the shared target
    stayed unformatted and the link was gone)."""
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "real.yml"
    target.write_text("type: command\ncommand: x\nenvironment:   azureml:e:1\n")
    target.chmod(0o640)
    link = tmp_path / "job.yml"
    link.symlink_to(target)
    proc = subprocess.run([sys.executable, "-m", "job_lsp.cli", "format", str(link)], capture_output=True, env=env_for_subprocess())
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "type: command\ncommand: x\nenvironment: azureml:e:1\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in shared.iterdir()) == ["real.yml"]


def test_files_over_the_size_bound_are_refused_unread(tmp_path: Path) -> None:
    """Regression: `format` read any file whole (`check` refused those over 20 MB)."""
    path = tmp_path / "job.yml"
    data = b"type: command\ncommand: x\n" + b"# padding line\n" * 1_500_000  # 22 MB
    path.write_bytes(data)
    proc = subprocess.run([sys.executable, "-m", "job_lsp.cli", "format", str(path)], capture_output=True, env=env_for_subprocess())
    assert proc.returncode == 1 and path.read_bytes() == data
    assert b"are not read; left as it is" in proc.stderr
