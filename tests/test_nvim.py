"""job-lsp in a real Neovim (`nvim --headless`), set up by editors/nvim/ as a user would:
diagnostics reach vim.diagnostic, completion goes through Neovim's client, and format on save
changes the buffer exactly as `job-lsp format` changes the file.

`.ci/run` installs Neovim from Debian (0.7.2 on Debian 12); JOB_LSP_NVIM names another
binary to test (a newer Neovim runs the `lsp/job_lsp.lua` variant too)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NVIM_DIR = ROOT / "editors" / "nvim"
DRIVER = ROOT / "tests" / "nvim" / "driver.lua"
NVIM = os.environ.get("JOB_LSP_NVIM", "nvim")
# A real Neovim and a real server per test: out of the quick run (-m 'not slow').
pytestmark = pytest.mark.slow

BROKEN = """\
command: python train.py --epochs 3
experiment_nme: demo
environment: azureml:AzureML-sklearn-1.5@latest
type: command
inputs:
    epochs: 3
compute: 
"""


def nvim_version() -> tuple[int, int]:
    if shutil.which(NVIM) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{NVIM} is not installed; .ci/run installs it (apt-get install neovim)")
        pytest.skip(f"{NVIM} is not installed (apt-get install neovim; .ci/run does)")
    out = subprocess.run([NVIM, "--version"], capture_output=True, text=True, timeout=30).stdout
    match = re.search(r"NVIM v(\d+)\.(\d+)", out)
    assert match, out
    return int(match[1]), int(match[2])


def lua_str(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal for these paths


def plugin_init(tmp_path: Path) -> str:
    """require('job_lsp').setup(): the setup for every Neovim from 0.7."""
    return f"""
vim.opt.runtimepath:append({lua_str(str(NVIM_DIR))})
require('job_lsp').setup({{
  cmd = {{ {lua_str(sys.executable)}, '-m', 'job_lsp.cli', 'serve' }},
  settings = {{ jobLsp = {{ computeTargets = {{ 'gpu-a100-cluster' }} }} }},
}})
"""


def lsp_config_init(tmp_path: Path) -> str:
    """Neovim 0.11's vim.lsp.config + vim.lsp.enable with editors/nvim/lsp/job_lsp.lua."""
    return f"""
vim.opt.runtimepath:append({lua_str(str(NVIM_DIR))})
vim.lsp.config('job_lsp', {{
  cmd = {{ {lua_str(sys.executable)}, '-m', 'job_lsp.cli', 'serve' }},
  settings = {{ jobLsp = {{ computeTargets = {{ 'gpu-a100-cluster' }} }} }},
}})
vim.lsp.enable('job_lsp')
"""


def run_nvim(tmp_path: Path, init: str) -> dict:
    project = tmp_path / "project"
    (project / "jobs").mkdir(parents=True)
    (project / "pyproject.toml").write_text("")
    job = project / "jobs" / "train.yml"
    job.write_text(BROKEN)
    init_file = tmp_path / "init.lua"
    init_file.write_text(init)
    out = tmp_path / "result.json"
    env = {
        **os.environ,
        "JOB_LSP_NVIM_OUT": str(out),
        "JOB_LSP_NVIM_JOB": str(job),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # the LSP log and shada stay in tmp
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    cmd = [NVIM, "--headless", "--clean", "-u", str(init_file), "-c", f"luafile {DRIVER}"]
    try:
        proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"nvim did not finish in 120 s: {exc.stdout!r} {exc.stderr!r}")
    assert out.exists(), f"nvim wrote no result (exit {proc.returncode}): {proc.stdout}\n{proc.stderr}"
    result = json.loads(out.read_text())
    assert result["ok"], result.get("error")
    result["job"] = job
    result["project"] = project
    return result


def expected_format(text: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-m", "job_lsp.cli", "format", "-"], input=text, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def assert_neovim_saw_job_lsp(result: dict) -> None:
    assert result["filetype"] == "yaml"
    assert result["attached"], "job-lsp did not attach to the buffer"
    assert result["root_dir"] == str(result["project"]), "the root is the folder with pyproject.toml"
    assert result["got_diagnostics"], "no diagnostics reached vim.diagnostic"
    unknown = [d for d in result["diagnostics"] if d["code"] == "unknown-key"]
    assert unknown, result["diagnostics"]
    assert (unknown[0]["lnum"], unknown[0]["col"]) == (1, 0)  # experiment_nme, 0-based
    assert "experiment_name" in unknown[0]["message"]
    assert unknown[0]["severity"] == 1  # vim.diagnostic.severity.ERROR

    texts = [item["text"] for item in result["completion"]]
    assert "azureml:gpu-a100-cluster" in texts, texts  # from the computeTargets setting
    assert texts[0] == "azureml:gpu-a100-cluster", texts  # computeTargets come first
    assert "local" in texts

    assert result["original"] == BROKEN.splitlines()
    expected = expected_format(BROKEN)
    assert expected != BROKEN.splitlines()  # the case must exercise formatting
    assert result["formatted"] == expected, "format on save must give what `job-lsp format` gives"
    assert result["saved"] == expected
    assert result["job"].read_text() == "\n".join(expected) + "\n"


def test_plugin_setup_in_neovim(tmp_path: Path) -> None:
    nvim_version()
    result = run_nvim(tmp_path, plugin_init(tmp_path))
    assert_neovim_saw_job_lsp(result)


def test_lsp_config_file_in_neovim_0_11(tmp_path: Path) -> None:
    version = nvim_version()
    if version < (0, 11):
        pytest.skip(f"Neovim {version[0]}.{version[1]} has no vim.lsp.config (0.11+); the plugin setup is tested instead")
    result = run_nvim(tmp_path, lsp_config_init(tmp_path))
    assert_neovim_saw_job_lsp(result)
