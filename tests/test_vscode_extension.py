"""The VS Code extension (editors/vscode): built, unit-tested, bundled and packaged as CI would,
from a clean copy (node_modules, out/ and dist/ are not committed), and its contributed settings
checked against the server's. Needs node and npm (CI has Node 20) and the npm registry for
`npm ci`. The extension in a real VS Code: tests/test_vscode_real.py."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from job_lsp.lsp.settings import SECTION, documentation

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "editors" / "vscode"
NODE = shutil.which("node")
NPM = shutil.which("npm")

needs_node = pytest.mark.skipif(NODE is None or NPM is None, reason="node and npm are not installed (CI has Node 20)")


def manifest() -> dict:
    return json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))


def python_default(text: str) -> object:
    value = ast.literal_eval(text)
    return list(value) if isinstance(value, tuple) else value


def test_contributed_settings_match_the_server() -> None:
    properties = manifest()["contributes"]["configuration"]["properties"]
    server = {f"{SECTION}.{name}": python_default(default) for name, default in documentation().items()}
    client_only = {f"{SECTION}.server.command", f"{SECTION}.server.args", f"{SECTION}.trace.server"}
    assert set(properties) == set(server) | client_only
    for name, default in server.items():
        assert properties[name]["default"] == default, name
        assert type(properties[name]["default"]) is type(default), name


def test_contributed_descriptions_match_the_docs() -> None:
    """The server's settings table (docs/server.md) is the reference for each description."""
    readme = (ROOT / "docs" / "server.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(jobLsp\.[\w.]+)` \| [^|]+ \| (.+?) \|$", readme, re.M))
    properties = manifest()["contributes"]["configuration"]["properties"]
    for name in documentation():
        key = f"{SECTION}.{name}"
        assert properties[key]["markdownDescription"] == rows[key], key


def test_manifest_is_ready_for_the_marketplace_and_open_vsx() -> None:
    """What both registries read: a publisher ID (lowercase letters, digits, hyphens), a
    version, a license file, a public repository, and the engine the extension needs."""
    m = manifest()
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", m["publisher"]) and re.fullmatch(r"[a-z0-9][a-z0-9-]*", m["name"])
    assert re.fullmatch(r"\d+\.\d+\.\d+", m["version"])
    assert m["license"] == "MIT" and (EXTENSION / "LICENSE").is_file()
    assert m["repository"]["url"].startswith("https://") and m["bugs"]["url"].startswith("https://")
    assert m["engines"]["vscode"].startswith("^") and m["displayName"] and m["description"]


def npm(*args: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run([NPM, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)  # type: ignore[list-item]
    assert result.returncode == 0, f"npm {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@needs_node
@pytest.mark.slow
def test_build_test_and_package(tmp_path: Path) -> None:
    work = tmp_path / "vscode"
    shutil.copytree(EXTENSION, work, ignore=shutil.ignore_patterns("node_modules", "out", "dist", "*.vsix"))
    env = dict(os.environ)
    env.update(
        npm_config_audit="false",
        npm_config_fund="false",
        npm_config_update_notifier="false",
        # The node tests start the real server as the extension does: this Python, this job_lsp.
        JOB_LSP_SERVER_COMMAND=sys.executable,
        JOB_LSP_SERVER_ARGS=json.dumps(["-m", "job_lsp.cli", "serve"]),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    npm("ci", cwd=work, env=env)
    npm("run", "compile", cwd=work, env=env)
    tests = npm("test", cwd=work, env=env)
    assert re.search(r"^# fail 0$", tests, re.M) and re.search(r"^# skipped 0$", tests, re.M), tests
    npm("run", "package", cwd=work, env=env)

    vsix = work / "job-lsp.vsix"
    assert vsix.is_file()
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        packaged = json.loads(archive.read("extension/package.json"))
        archive.extractall(tmp_path / "unpacked")
    # One bundle (esbuild: the extension and vscode-languageclient) and the manifest's files;
    # no node_modules, sources or tests.
    assert names == {
        "extension.vsixmanifest",
        "[Content_Types].xml",
        "extension/package.json",
        "extension/readme.md",
        "extension/changelog.md",
        "extension/LICENSE.txt",
        "extension/dist/extension.js",
    }
    assert packaged["main"] == "./dist/extension.js"

    # The bundle loads with nothing beside it but a stand-in for the `vscode` module (which only
    # VS Code provides) and exports activate/deactivate.
    stub = tmp_path / "unpacked" / "node_modules" / "vscode"
    stub.mkdir(parents=True)
    (stub / "index.js").write_text(
        "const make = () => new Proxy(class {}, { get: (t, p) => (p in t ? t[p] : make()) });\nmodule.exports = make();\n"
    )
    load = subprocess.run(
        [NODE, "-e", "const e = require(process.argv[1]); console.log(typeof e.activate, typeof e.deactivate)", str(tmp_path / "unpacked" / "extension" / "dist" / "extension.js")],  # type: ignore[list-item]
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert load.returncode == 0, load.stderr
    assert load.stdout.split() == ["function", "function"]
