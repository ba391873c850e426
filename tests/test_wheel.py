"""The package as users get it: `python -m build` makes an sdist and a wheel (built from the
sdist), the wheel installs in a fresh venv with its dependencies from the registry, and the
installed `job-lsp` checks, prints a schema and answers an LSP initialize/shutdown over stdio,
without the source tree anywhere on its path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def frames(data: bytes) -> list[dict]:
    out = []
    while data:
        header, _, rest = data.partition(b"\r\n\r\n")
        length = next(int(line.split(b":")[1]) for line in header.split(b"\r\n") if line.lower().startswith(b"content-length"))
        out.append(json.loads(rest[:length]))
        data = rest[length:]
    return out


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The venv's bin folder, with the built wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    build = subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = dist.glob("job_lsp-*.whl")
    (sdist,) = dist.glob("job_lsp-*.tar.gz")

    # Everything the server needs at run time is in the wheel: every module of the source tree
    # (a new subpackage must be added to [tool.setuptools] packages) and schema/ as package data.
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "job_lsp").rglob("*.py")}
    assert modules <= names, f"missing from the wheel: {sorted(modules - names)}"
    schemas = {f"job_lsp/schema/{p.name}" for p in (ROOT / "schema").glob("*.json")}
    assert schemas and schemas <= names, f"missing from the wheel: {sorted(schemas - names)}"
    with tarfile.open(sdist) as tar:
        sdist_names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {f"schema/{p.name}" for p in (ROOT / "schema").glob("*.json")} <= sdist_names

    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True, timeout=300, env=clean_env())
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    return bin_dir


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bin_dir / "job-lsp"), *args], capture_output=True, text=True, cwd=cwd, env=clean_env(), timeout=120)


def test_installed_package_is_the_wheel(installed: Path, tmp_path: Path) -> None:
    code = (
        "import json, job_lsp, importlib.resources as r;"
        "print(json.dumps([job_lsp.__file__, sorted(p.name for p in r.files('job_lsp.schema').iterdir() if p.name.endswith('.json'))]))"
    )
    proc = subprocess.run([str(installed / "python"), "-c", code], capture_output=True, text=True, cwd=tmp_path, env=clean_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    module_file, schema_files = json.loads(proc.stdout)
    assert Path(module_file).is_relative_to(installed.parent), module_file
    assert schema_files == sorted(p.name for p in (ROOT / "schema").glob("*.json"))
    # the packaged schema is the committed one, byte for byte
    code = "import importlib.resources as r, sys; sys.stdout.write(r.files('job_lsp.schema').joinpath('job.schema.json').read_text())"
    proc = subprocess.run([str(installed / "python"), "-c", code], capture_output=True, text=True, cwd=tmp_path, env=clean_env(), timeout=60)
    assert proc.stdout == (ROOT / "schema" / "job.schema.json").read_text()


def test_installed_check_and_schema(installed: Path, tmp_path: Path) -> None:
    check = run(installed, "check", str(ROOT / "examples"), cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 error(s)" in check.stderr
    schema = run(installed, "schema", "--type", "command", cwd=tmp_path)
    assert schema.returncode == 0, schema.stderr
    assert schema.stdout == (ROOT / "schema" / "commandJob.schema.json").read_text()


def test_installed_server_initialize_and_shutdown(installed: Path, tmp_path: Path) -> None:
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None},
        {"jsonrpc": "2.0", "method": "exit", "params": None},
    ]
    proc = subprocess.Popen([str(installed / "job-lsp"), "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=clean_env())
    try:
        out, err = proc.communicate(b"".join(frame(m) for m in messages), timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("job-lsp serve did not exit after shutdown/exit within 60 s")
    responses = {m["id"]: m for m in frames(out) if "id" in m}
    capabilities = responses[1]["result"]["capabilities"]
    assert capabilities["completionProvider"] and capabilities["documentFormattingProvider"] and capabilities["hoverProvider"]
    assert responses[1]["result"]["serverInfo"]["name"] == "job-lsp"
    assert responses[2] == {"jsonrpc": "2.0", "id": 2, "result": None}
    assert proc.returncode == 0, err.decode(errors="replace")
