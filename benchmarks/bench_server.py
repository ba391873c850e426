"""Editor-side speed and memory: `job-lsp serve` against Red Hat's yaml-language-server.

    python benchmarks/bench_server.py                          # both servers, 20 runs
    python benchmarks/bench_server.py --runs 5                 # quicker
    python benchmarks/bench_server.py --only yaml-language-server
    python benchmarks/bench_server.py --only job-lsp --json results.json

Needs: Python 3.10+ (standard library only; the repo's package for job-lsp), and node + npm for
yaml-language-server. On first run the script installs the pinned yaml-language-server
(benchmarks/package.json, package-lock.json) with `npm ci --prefix benchmarks` (or
`npm install` when there is no lock file) into benchmarks/node_modules/ (git-ignored).

Each server is started over stdio by this script, which speaks JSON-RPC itself (asyncio +
subprocess, no client library), on the same documents written to a temporary folder
(--docs picks some):
  * cmd: examples/command-job.yml (~30 lines); cmd-unformatted: the same job as people write
    it (keys out of order, uneven spacing, a comment);
  * 5k, 5k-unformatted: a 5,000-line pipeline job from benchmarks/gen_pipeline.py, laid out
    as `job-lsp format` does, and not (keys out of order, uneven spacing, comments);
  * 50k: the 50,000-line pipeline (a job file at the edge of usable).

Measures (times in ms, "a / b" = median / p95 over --runs requests, nearest-rank p95; a measure
that takes longer than --budget seconds stops early and says how many runs it made, "n=7"):
  * start-up: process spawn -> `initialize` response (median / p95 over --runs spawns);
  * diagnostics after didOpen: until the first publishDiagnostics for that document, and until
    they settle (no new publishDiagnostics for that document for 300 ms; the time of the last
    one is reported). "cold" is the first document a fresh server sees; "warm" repeats open
    the same text under new URIs (the previous one is closed);
  * diagnostics after didChange: an edit that renames `command:` to `comand:` (an error),
    first / settled; the edit is reverted (and its diagnostics awaited) between samples;
  * completion right after `compute: `, at a new top-level key (the empty last line) and
    inside `${{inputs.` / `${{parent.`; the first and the last again right after an edit
    (a didChange that types or deletes a character on a `display_name` line, sent just
    before the request: what typing is);
  * hover on an `environment` key; formatting (textDocument/formatting, tabSize 2);
  * hover while the server checks after an edit: hovers sent one after the other from the
    didChange until its diagnostics arrive; the slowest of them per edit (what a request
    waits when the server is busy). A hover needs the edited version's analysis, so it waits
    for it; completion after `compute: ` is answered from the text, so the slowest of those
    is the event loop's longest stall (what any request waits behind the check);
  * memory: VmRSS of the server process and its children (/proc/PID/status) idle, with one
    5,000-line document open and with ten open (distinct URIs), in a fresh process.
job-lsp is measured as pip installs it: its modules compiled to byte-code first (the servers run
without PYTHONDONTWRITEBYTECODE). Every wait is bounded (--timeout, default 30 s). A request that is not answered, answered
with an error, or not advertised is said so in its cell, and not repeated after a time-out.

yaml-language-server is pointed at schema/job.schema.json: workspace/didChangeConfiguration
with yaml.schemas = {file://.../schema/job.schema.json: ["*.yml", "*.yaml"]}, and the same
`yaml` section answers its workspace/configuration requests. Two additions keep it off the
network (this benchmark must not fetch anything): yaml.schemaStore / kubernetesCRDStore are
disabled, and the client sends `yaml/registerContentRequest`, so that schemas named by URL —
the documents' own `$schema: https://azuremlschemas...` line, which yaml-language-server
prefers over yaml.schemas — are asked of this client (`vscode/content`), which answers with
the local schema/job.schema.json. http.proxy points at a closed loopback port as a backstop.
If the schema holds `{"enum": []}` (yaml-language-server 1.25.0 then rejects the whole schema
and checks nothing), it is given a copy in the temporary folder with those replaced by the
equivalent `{"not": {}}`, and the output says so (--schema-as-is: give it the file as is).
The notes under the table say what each server reported for the broken edit, what the schema
itself says of it (Python jsonschema), and check yaml.schemas alone on a file without `$schema`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_pipeline import generate  # noqa: E402

SCHEMA = ROOT / "schema" / "job.schema.json"
SCHEMA_URI = SCHEMA.as_uri()
COMMAND_JOB = ROOT / "examples" / "command-job.yml"
YLS_BIN = HERE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
SETTLE_S = 0.3
JOB_LSP = "job-lsp"
YLS = "yaml-language-server"
SERVERS = (JOB_LSP, YLS)

YAML_SETTINGS: dict[str, Any] = {
    "schemas": {SCHEMA_URI: ["*.yml", "*.yaml"]},
    "validate": True,
    "completion": True,
    "hover": True,
    "format": {"enable": True},
    # not in the brief's list, but needed to keep yaml-language-server off the network:
    "schemaStore": {"enable": False},
    "kubernetesCRDStore": {"enable": False},
}
HTTP_SETTINGS = {"proxy": "http://127.0.0.1:9", "proxyStrictSSL": False}

CLIENT_CAPABILITIES: dict[str, Any] = {
    "workspace": {
        "configuration": True,
        "didChangeConfiguration": {"dynamicRegistration": True},
        "workspaceFolders": True,
    },
    "textDocument": {
        "synchronization": {"dynamicRegistration": False, "didSave": False},
        "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
        "completion": {
            "dynamicRegistration": False,
            "completionItem": {"snippetSupport": True, "documentationFormat": ["markdown", "plaintext"]},
        },
        "hover": {"dynamicRegistration": False, "contentFormat": ["markdown", "plaintext"]},
        "formatting": {"dynamicRegistration": False},
    },
    "window": {"workDoneProgress": False},
    "general": {"positionEncodings": ["utf-16"]},
}


# --------------------------------------------------------------------------- JSON-RPC client


class ServerDied(Exception):
    pass


class ResponseError(Exception):
    def __init__(self, error: dict):
        self.code = error.get("code")
        self.text = str(error.get("message", ""))
        super().__init__(f"{self.code}: {self.text}")


@dataclass
class Publish:
    t: float
    uri: str
    version: int | None
    diagnostics: list


class LspClient:
    """A minimal LSP client over a child's stdio: requests, notifications, server requests."""

    def __init__(self, name: str, cmd: list[str], cwd: Path, stderr_path: Path,
                 on_request: Callable[[str, Any], Any]):
        self.name = name
        self.cmd = cmd
        self.cwd = cwd
        self.stderr_path = stderr_path
        self.on_request = on_request
        self.proc: asyncio.subprocess.Process | None = None
        self.t_spawn = 0.0
        self.next_id = 0
        self.pending: dict[int, asyncio.Future] = {}
        self.publishes: list[Publish] = []
        self.publish_event = asyncio.Event()
        self.server_requests: list[tuple[str, Any]] = []
        self.log_messages: list[tuple[int, str]] = []
        self.write_lock = asyncio.Lock()
        self.reader_task: asyncio.Task | None = None
        self.dead: str | None = None
        self.capabilities: dict = {}
        self.last_response_t = 0.0

    async def spawn(self) -> None:
        self._stderr = open(self.stderr_path, "ab")
        self.t_spawn = time.perf_counter()
        self.proc = await asyncio.create_subprocess_exec(
            *self.cmd, cwd=str(self.cwd), env=server_env(), stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=self._stderr, limit=2**24)
        self.reader_task = asyncio.create_task(self._read_loop())

    async def _read_loop(self) -> None:
        assert self.proc and self.proc.stdout
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = await out.readline()
                    if not line:
                        raise EOFError
                    line = line.strip()
                    if not line:
                        break
                    key, _, value = line.decode("ascii", "replace").partition(":")
                    if key.strip().lower() == "content-length":
                        length = int(value.strip())
                if length is None:
                    continue
                body = await out.readexactly(length)
                now = time.perf_counter()
                self._dispatch(json.loads(body), now)
        except (EOFError, asyncio.IncompleteReadError, ConnectionError):
            pass
        except Exception as exc:  # noqa: BLE001 - a broken frame ends the session, reported
            self.dead = f"client read error: {exc!r}"
        rc = None
        try:
            rc = await asyncio.wait_for(self.proc.wait(), 5)
        except asyncio.TimeoutError:
            pass
        self.dead = self.dead or f"server closed its output (exit code {rc})"
        for fut in self.pending.values():
            if not fut.done():
                fut.set_exception(ServerDied(self.dead))
        self.publish_event.set()

    def _dispatch(self, msg: dict, now: float) -> None:
        if "method" in msg and "id" in msg:  # server -> client request
            method, params = msg["method"], msg.get("params")
            self.server_requests.append((method, params))
            try:
                result = self.on_request(method, params)
                reply = {"jsonrpc": "2.0", "id": msg["id"], "result": result}
            except KeyError:
                reply = {"jsonrpc": "2.0", "id": msg["id"],
                         "error": {"code": -32601, "message": f"client does not handle {method}"}}
            asyncio.create_task(self._send(reply))
        elif "method" in msg:  # notification
            method, params = msg["method"], msg.get("params") or {}
            if method == "textDocument/publishDiagnostics":
                self.publishes.append(Publish(now, params.get("uri", ""), params.get("version"),
                                              params.get("diagnostics") or []))
                self.publish_event.set()
            elif method in ("window/logMessage", "window/showMessage"):
                self.log_messages.append((params.get("type", 0), str(params.get("message", ""))))
        elif "id" in msg:  # response
            fut = self.pending.pop(msg["id"], None)
            if fut is not None and not fut.done():
                if "error" in msg and msg["error"] is not None:
                    fut.set_exception(ResponseError(msg["error"]))
                else:
                    fut.set_result((now, msg.get("result")))

    async def _send(self, msg: dict) -> None:
        if self.dead or not self.proc or not self.proc.stdin:
            return
        body = json.dumps(msg).encode("utf-8")
        async with self.write_lock:
            try:
                self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                await self.proc.stdin.drain()
            except (ConnectionError, RuntimeError):
                pass

    async def request(self, method: str, params: Any, timeout: float) -> tuple[float, Any]:
        """Send a request; return (seconds from send to response, result)."""
        if self.dead:
            raise ServerDied(self.dead)
        self.next_id += 1
        rid = self.next_id
        fut = asyncio.get_running_loop().create_future()
        self.pending[rid] = fut
        start = time.perf_counter()
        await self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        try:
            t_resp, result = await asyncio.wait_for(fut, timeout)
        except asyncio.TimeoutError:
            self.pending.pop(rid, None)
            await self.notify("$/cancelRequest", {"id": rid})
            raise
        self.last_response_t = t_resp
        return t_resp - start, result

    async def notify(self, method: str, params: Any) -> None:
        await self._send({"jsonrpc": "2.0", "method": method, "params": params})

    async def wait_diagnostics(self, uri: str, since: float, timeout: float,
                               settle: float = SETTLE_S) -> tuple[Publish, Publish, int] | None:
        """First and last publishDiagnostics for uri after `since`, the last one followed by
        `settle` seconds of quiet; None if none came within `timeout`. Third item: how many."""
        deadline = since + timeout
        while True:
            mine = [p for p in self.publishes if p.uri == uri and p.t >= since]
            now = time.perf_counter()
            if mine:
                quiet_until = mine[-1].t + settle
                if now >= quiet_until or now >= deadline:
                    return mine[0], mine[-1], len(mine)
                wait = min(quiet_until, deadline) - now
            else:
                if now >= deadline or self.dead:
                    return None
                wait = deadline - now
            self.publish_event.clear()
            try:
                await asyncio.wait_for(self.publish_event.wait(), max(wait, 0.001))
            except asyncio.TimeoutError:
                pass

    def rss_kib(self) -> tuple[int, int]:
        """(VmRSS, VmHWM) in KiB of the server process and all its descendants."""
        if not self.proc:
            return 0, 0
        pids = descendants(self.proc.pid)
        rss = hwm = 0
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
                    elif line.startswith("VmHWM:"):
                        hwm += int(line.split()[1])
            except (OSError, ValueError):
                pass
        return rss, hwm

    async def initialize(self, root: Path, timeout: float) -> float:
        """Spawn-to-initialize-response time in seconds."""
        params = {
            "processId": os.getpid(),
            "clientInfo": {"name": "job-lsp-bench", "version": "1"},
            "rootUri": root.as_uri(),
            "rootPath": str(root),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": CLIENT_CAPABILITIES,
        }
        if self.dead:
            raise ServerDied(self.dead)
        _, result = await self.request("initialize", params, timeout)
        t_init = self.last_response_t  # stamped by the reader when the response arrived
        self.capabilities = (result or {}).get("capabilities", {}) or {}
        await self.notify("initialized", {})
        return t_init - self.t_spawn

    async def close(self) -> None:
        if self.proc and self.proc.returncode is None and not self.dead:
            try:
                await self.request("shutdown", None, 5)
            except Exception:  # noqa: BLE001 - best effort
                pass
            await self.notify("exit", None)
        if self.proc:
            try:
                if self.proc.stdin:
                    self.proc.stdin.close()
            except Exception:  # noqa: BLE001
                pass
            try:
                await asyncio.wait_for(self.proc.wait(), 5)
            except asyncio.TimeoutError:
                for pid in reversed(descendants(self.proc.pid)):
                    try:
                        os.kill(pid, 9)
                    except OSError:
                        pass
                await self.proc.wait()
        if self.reader_task:
            try:
                await asyncio.wait_for(self.reader_task, 5)
            except (asyncio.TimeoutError, Exception):  # noqa: BLE001
                self.reader_task.cancel()
        self._stderr.close()


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


# --------------------------------------------------------------------------- servers


# The schema yaml-language-server is given: schema/job.schema.json itself, unless it has
# `{"enum": []}`, which yaml-language-server 1.25.0 rejects ("Schema ... is not valid: .../enum :
# must NOT have less than 1 item"; Python jsonschema's draft-07 check_schema accepts it), and
# then it checks, completes and hovers nothing. Then main() writes a copy with each `{"enum": []}` replaced by
# the equivalent `{"not": {}}` (no value matches) and uses it, and says so (--schema-as-is: don't).
SCHEMA_USED = {"path": SCHEMA, "fixed": 0}


def fix_empty_enums(node: Any) -> tuple[Any, int]:
    if isinstance(node, dict):
        if node.get("enum") == [] and set(node) <= {"enum", "description"}:
            return {"not": {}}, 1
        total = 0
        out = {}
        for k, v in node.items():
            if k in ("enum", "const", "default", "examples"):
                out[k] = v
                continue
            out[k], n = fix_empty_enums(v)
            total += n
        return out, total
    if isinstance(node, list):
        items = [fix_empty_enums(v) for v in node]
        return [i for i, _ in items], sum(n for _, n in items)
    return node, 0


def prepare_schema(tmp: Path, as_is: bool) -> None:
    if as_is:
        return
    fixed, n = fix_empty_enums(json.loads(SCHEMA.read_text(encoding="utf-8")))
    if n:
        path = tmp / "job.schema.json"
        path.write_text(json.dumps(fixed), encoding="utf-8")
        SCHEMA_USED.update(path=path, fixed=n)
        YAML_SETTINGS["schemas"] = {path.as_uri(): ["*.yml", "*.yaml"]}


def schema_content_for(uri: str, asked: list[str]) -> str:
    asked.append(uri)
    return Path(SCHEMA_USED["path"]).read_text(encoding="utf-8")


def make_on_request(name: str, asked_content: list[str]) -> Callable[[str, Any], Any]:
    def on_request(method: str, params: Any) -> Any:
        if method == "workspace/configuration":
            out = []
            for item in (params or {}).get("items", []):
                section = item.get("section")
                if section == "yaml":
                    out.append(YAML_SETTINGS)
                elif section == "http" and name == YLS:
                    out.append(HTTP_SETTINGS)
                elif section in ("[yaml]", "editor"):
                    out.append({})
                else:
                    out.append(None)
            return out
        if method in ("vscode/content", "custom/schema/content"):
            uri = params if isinstance(params, str) else (params or [""])[0]
            return schema_content_for(uri, asked_content)
        if method == "custom/schema/request":
            return []
        if method in ("client/registerCapability", "client/unregisterCapability",
                      "window/workDoneProgress/create", "window/showMessageRequest",
                      "workspace/diagnostic/refresh", "workspace/semanticTokens/refresh",
                      "workspace/inlayHint/refresh", "workspace/codeLens/refresh",
                      "workspace/inlineValue/refresh", "workspace/foldingRange/refresh"):
            return None
        if method == "workspace/workspaceFolders":
            return None
        raise KeyError(method)
    return on_request


def server_cmd(name: str, args: argparse.Namespace) -> list[str]:
    if name == JOB_LSP:
        return args.job_lsp_cmd.split() if args.job_lsp_cmd else [sys.executable, "-m", "job_lsp.cli", "serve"]
    node = shutil.which("node") or "node"
    return [node, str(YLS_BIN), "--stdio"]


def server_env() -> dict[str, str]:
    """The servers' environment: this one, but byte-code is written and read as in an installed
    package (pip compiles what it installs; PYTHONDONTWRITEBYTECODE=1 in a shell would make
    every start compile job-lsp's modules anew)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def job_lsp_available(args: argparse.Namespace) -> str | None:
    if not args.job_lsp_cmd:  # the package this Python imports, compiled as pip would
        subprocess.run([sys.executable, "-c", "import compileall, os, job_lsp; "
                        "compileall.compile_dir(os.path.dirname(job_lsp.__file__), quiet=1)"],
                       cwd=ROOT, env=server_env(), capture_output=True, timeout=300)
    cmd = server_cmd(JOB_LSP, args) + ["--help"]
    try:
        res = subprocess.run(cmd, cwd=ROOT, env=server_env(), capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`{' '.join(cmd)}` failed: {exc}"
    if res.returncode != 0:
        last = (res.stderr.strip().splitlines() or [""])[-1]
        return f"`{' '.join(cmd)}` exited {res.returncode}: {last}"
    return None


def setup_yls() -> str | None:
    """Install the pinned yaml-language-server if needed; None when ready, else why not."""
    if YLS_BIN.exists():
        return None
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        return "node/npm not found"
    sub = "ci" if (HERE / "package-lock.json").exists() else "install"
    print(f"[setup] npm {sub} --prefix {HERE}", file=sys.stderr)
    try:
        res = subprocess.run([npm, sub, "--prefix", str(HERE), "--no-audit", "--no-fund"],
                             capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return f"npm {sub} timed out"
    if res.returncode != 0 or not YLS_BIN.exists():
        return f"npm {sub} failed: {res.stderr.strip()[-500:]}"
    return None


def yls_version() -> str:
    try:
        return json.loads((YLS_BIN.parent.parent / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "?"


# --------------------------------------------------------------------------- documents


@dataclass
class Doc:
    label: str
    text: str
    compute_pos: tuple[int, int]   # right after "compute: "
    toplevel_pos: tuple[int, int]  # empty last line, column 0
    hover_pos: tuple[int, int]     # on "environment"
    command_pos: tuple[int, int]   # start of "command" in a "command:" key
    binding_pos: tuple[int, int]   # right after `${{inputs.` or `${{parent.`
    edit_pos: tuple[int, int]      # end of a `display_name:` line, where "typing" happens
    key: str = ""                  # the name --docs knows it by

    @property
    def lines(self) -> int:
        return self.text.count("\n")


def locate(text: str, key: str) -> tuple[int, int]:
    """Position of `key:` as a mapping key, preferring the occurrence nearest the middle."""
    lines = text.split("\n")
    hits = [(i, len(ln) - len(ln.lstrip(" "))) for i, ln in enumerate(lines)
            if ln.lstrip(" ").startswith(key + ":")]
    if not hits:
        raise ValueError(f"no {key}: in document")
    mid = len(lines) // 2
    return min(hits, key=lambda h: abs(h[0] - mid))


def locate_text(text: str, needle: str) -> tuple[int, int]:
    """Position right after `needle`, on the line nearest the middle that has it."""
    lines = text.split("\n")
    hits = [(i, ln.index(needle) + len(needle)) for i, ln in enumerate(lines) if needle in ln]
    if not hits:
        raise ValueError(f"no {needle} in document")
    mid = len(lines) // 2
    return min(hits, key=lambda h: abs(h[0] - mid))


def make_doc(key: str, label: str, text: str) -> Doc:
    if not text.endswith("\n"):
        text += "\n"
    cl, cc = locate(text, "compute")
    el, ec = locate(text, "environment")
    kl, kc = locate(text, "command")
    needle = "${{parent." if "${{parent." in text else "${{inputs."
    dl, _ = locate(text, "display_name")
    edit_col = len(text.split("\n")[dl].rstrip())
    return Doc(label, text, (cl, cc + len("compute: ")), (text.count("\n"), 0),
               (el, ec + 3), (kl, kc), locate_text(text, needle), (dl, edit_col), key)


# The command job as people write it: keys out of canonical order, uneven spacing, a comment.
UNFORMATTED_COMMAND_JOB = """# trains the iris classifier
type: command
$schema:  https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
command: >-
  python train.py --data ${{inputs.data}} --lr ${{inputs.lr}}
  --epochs ${{inputs.epochs}} --model-dir ${{outputs.model}}
code: ./src
display_name:   train-iris
experiment_name: examples   
compute: azureml:cpu-cluster
environment: azureml:AzureML-sklearn-1.5@latest
inputs:
    data:
        path: https://azuremlexamples.blob.core.windows.net/datasets/iris.csv
        type: uri_file
    lr: 0.01
    epochs: 10
description: Train a classifier on the iris data set.
resources:
  instance_count: 1


outputs:
  model:
    mode: rw_mount
    type: uri_folder
tags:
  team: examples
services:
  notebook:
    type: jupyter_lab
  board:
    log_dir: outputs/tblogs
    type: tensor_board
"""

DOC_KEYS = ("cmd", "cmd-unformatted", "5k", "5k-unformatted", "50k")


def make_docs(wanted: list[str]) -> list[Doc]:
    docs = []
    for key in wanted:
        if key == "cmd":
            text = COMMAND_JOB.read_text(encoding="utf-8")
            docs.append(make_doc(key, f"command job ({text.count(chr(10))} lines)", text))
        elif key == "cmd-unformatted":
            text = UNFORMATTED_COMMAND_JOB
            docs.append(make_doc(key, f"command job, unformatted ({text.count(chr(10))} lines)", text))
        elif key == "5k":
            text = generate(5000)
            docs.append(make_doc(key, f"pipeline ({text.count(chr(10)):,} lines)", text))
        elif key == "5k-unformatted":
            text = generate(5000, formatted=False)
            docs.append(make_doc(key, f"pipeline, unformatted ({text.count(chr(10)):,} lines)", text))
        elif key == "50k":
            text = generate(50000)
            docs.append(make_doc(key, f"pipeline ({text.count(chr(10)):,} lines)", text))
    return docs


# --------------------------------------------------------------------------- measuring


def pct(samples: list[float], q: float) -> float:
    s = sorted(samples)
    return s[max(0, math.ceil(q * len(s)) - 1)]


def fmt_ms(sec: float) -> str:
    ms = sec * 1000
    if ms < 10:
        return f"{ms:.2f}"
    if ms < 100:
        return f"{ms:.1f}"
    return f"{ms:.0f}"


RUNS_WANTED = [20]  # --runs: a cell with fewer samples (stopped by --budget) says how many


def fmt_stats(samples: list[float], suffix: str = "") -> str:
    if not samples:
        return "n/a"
    if len(samples) == 1:
        return f"{fmt_ms(samples[0])} ms{suffix}"
    n = f" (n={len(samples)})" if len(samples) < RUNS_WANTED[0] else ""
    return f"{fmt_ms(statistics.median(samples))} / {fmt_ms(pct(samples, 0.95))} ms{n}{suffix}"


class Budget:
    """Runs of one measure: --runs of them, fewer when they take longer than --budget s."""

    def __init__(self, args: argparse.Namespace):
        self.runs = args.runs
        self.end = time.perf_counter() + args.budget

    def __iter__(self):
        for i in range(self.runs):
            if i and time.perf_counter() > self.end:
                return
            yield i


@dataclass
class Result:
    cells: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def diag_summary(diags: list) -> str:
    if not diags:
        return "0 diagnostics"
    first = diags[0]
    rng = first.get("range", {}).get("start", {})
    msg = str(first.get("message", "")).replace("\n", " ")
    if len(msg) > 110:
        msg = msg[:107] + "..."
    src = first.get("source")
    return (f"{len(diags)} diagnostic(s), first at {rng.get('line', '?')}:{rng.get('character', '?')}"
            f" [{src}] \"{msg}\"")


class Bench:
    def __init__(self, name: str, args: argparse.Namespace, tmp: Path):
        self.name = name
        self.args = args
        self.tmp = tmp
        self.res = Result()
        self.asked_content: list[str] = []
        self.uri_counter = 0
        self.stderr_path = tmp / f"{name}.stderr.log"
        self.clients: list[LspClient] = []
        self.ws = tmp

    # ---- helpers

    def new_client(self) -> LspClient:
        client = LspClient(self.name, server_cmd(self.name, self.args), ROOT, self.stderr_path,
                           make_on_request(self.name, self.asked_content))
        self.clients.append(client)
        return client

    async def started(self) -> tuple[LspClient, float]:
        client = self.new_client()
        self.ws = self.new_workspace()
        await client.spawn()
        t = await client.initialize(self.ws, self.args.timeout)
        if self.name == YLS:
            await client.notify("yaml/registerContentRequest", None)
            await client.notify("workspace/didChangeConfiguration", {"settings": {"yaml": YAML_SETTINGS, "http": HTTP_SETTINGS}})
            # let it pull (and get) its configuration before any document is opened
            deadline = time.perf_counter() + 5
            while time.perf_counter() < deadline and not any(
                    m == "workspace/configuration" for m, _ in client.server_requests):
                await asyncio.sleep(0.02)
            await asyncio.sleep(0.2)
        return client, t

    def new_workspace(self) -> Path:
        """A fresh workspace folder for one server process, with the examples' src/ (the
        documents say `code: ./src`). Documents are written there while they are open."""
        (self.tmp / self.name).mkdir(parents=True, exist_ok=True)
        ws = Path(tempfile.mkdtemp(prefix="ws-", dir=self.tmp / self.name))
        shutil.copytree(ROOT / "examples" / "src", ws / "src")
        return ws

    def new_uri(self, stem: str) -> str:
        self.uri_counter += 1
        return (self.ws / f"{stem}-{self.uri_counter}.yml").as_uri()

    async def close_doc(self, client: LspClient, uri: str) -> None:
        await client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        Path(uri[len("file://"):]).unlink(missing_ok=True)

    async def open(self, client: LspClient, uri: str, text: str) -> tuple[float, float, int, list] | None:
        path = Path(uri[len("file://"):])
        path.write_text(text, encoding="utf-8")
        since = time.perf_counter()
        await client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        got = await client.wait_diagnostics(uri, since, self.args.timeout)
        if got is None:
            return None
        first, last, n = got
        return first.t - since, last.t - since, n, last.diagnostics

    def sync_kind(self, client: LspClient) -> int:
        sync = client.capabilities.get("textDocumentSync", 1)
        if isinstance(sync, dict):
            return int(sync.get("change", 1) or 0)
        return int(sync or 0)

    async def change(self, client: LspClient, uri: str, version: int, new_text: str,
                     rng: tuple[int, int, int, int], insert: str) -> tuple[float, float, int, list] | None:
        if self.sync_kind(client) == 2:
            change = {"range": {"start": {"line": rng[0], "character": rng[1]},
                                "end": {"line": rng[2], "character": rng[3]}}, "text": insert}
        else:
            change = {"text": new_text}
        since = time.perf_counter()
        await client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        got = await client.wait_diagnostics(uri, since, self.args.timeout)
        if got is None:
            return None
        first, last, n = got
        return first.t - since, last.t - since, n, last.diagnostics

    def failure(self, client: LspClient | None, what: str) -> str:
        if client is not None and client.dead:
            return f"server died ({client.dead})"
        return what

    # ---- measures

    async def run(self, docs: list[Doc]) -> Result:
        try:
            await self.measure_startup()
            for doc in docs:
                await self.measure_doc(doc)
            five_k = [d for d in docs if d.key == "5k"]
            if five_k:
                await self.measure_memory(five_k[0])
        finally:
            self.collect_notes()
        return self.res

    async def measure_startup(self) -> None:
        samples = []
        err = None
        for _ in Budget(self.args):
            client = self.new_client()
            try:
                await client.spawn()
                samples.append(await client.initialize(self.new_workspace(), self.args.timeout))
                await asyncio.sleep(0.3)  # let it finish its post-`initialized` requests
            except asyncio.TimeoutError:
                err = f"no initialize response within {self.args.timeout:g} s"
            except (ServerDied, ResponseError) as exc:
                err = self.failure(client, str(exc))
            finally:
                await client.close()
            if err:
                break
        self.res.raw["startup_s"] = samples
        self.res.cells["start-up: spawn → initialize response"] = err or fmt_stats(samples)

    async def measure_doc(self, doc: Doc) -> None:
        L = doc.label
        cells = self.res.cells
        try:
            client, _ = await self.started()
        except (asyncio.TimeoutError, ServerDied, ResponseError) as exc:
            cells[f"{L}: all measures"] = f"server did not start: {exc or 'timeout'}"
            return
        try:
            await self._measure_doc(client, doc)
        except ServerDied as exc:
            self.res.notes.append(f"{L}: server died mid-run: {exc}")
        finally:
            await client.close()

    async def _measure_doc(self, client: LspClient, doc: Doc) -> None:
        L = doc.label
        cells, raw, args = self.res.cells, self.res.raw, self.args
        stem = "cmd" if "command" in L else "pipeline"

        # didOpen, cold then warm
        uri = self.new_uri(stem)
        got = await self.open(client, uri, doc.text)
        if got is None:
            msg = self.failure(client, f"no publishDiagnostics within {args.timeout:g} s")
            cells[f"{L}: didOpen → first diagnostics (cold)"] = msg
            cells[f"{L}: didOpen → diagnostics settled (cold)"] = msg
        else:
            cells[f"{L}: didOpen → first diagnostics (cold)"] = fmt_stats([got[0]])
            cells[f"{L}: didOpen → diagnostics settled (cold)"] = fmt_stats([got[1]], f" ({got[2]} msg)")
            self.res.notes.append(f"{L}: on open: {diag_summary(got[3])}")
        first_s, settle_s, counts = [], [], []
        if got is not None:
            for _ in Budget(args):
                await self.close_doc(client, uri)
                uri = self.new_uri(stem)
                g = await self.open(client, uri, doc.text)
                if g is None:
                    first_s = []
                    cells[f"{L}: didOpen → first diagnostics (warm)"] = self.failure(
                        client, f"no publishDiagnostics within {args.timeout:g} s")
                    break
                first_s.append(g[0])
                settle_s.append(g[1])
                counts.append(g[2])
            if first_s:
                cells[f"{L}: didOpen → first diagnostics (warm)"] = fmt_stats(first_s)
                cells[f"{L}: didOpen → diagnostics settled (warm)"] = fmt_stats(
                    settle_s, f" ({max(counts)} msg)" if max(counts) > 1 else "")
        raw[f"{L}/open_first_s"], raw[f"{L}/open_settled_s"] = first_s, settle_s

        # requests on the open document
        tdoc = {"uri": uri}
        requests = [
            ("completion after `compute: `", "textDocument/completion", "completionProvider",
             {"textDocument": tdoc, "position": pos(doc.compute_pos)}),
            ("completion at a new top-level key", "textDocument/completion", "completionProvider",
             {"textDocument": tdoc, "position": pos(doc.toplevel_pos)}),
            ("completion inside `${{`", "textDocument/completion", "completionProvider",
             {"textDocument": tdoc, "position": pos(doc.binding_pos)}),
            ("hover on `environment`", "textDocument/hover", "hoverProvider",
             {"textDocument": tdoc, "position": pos(doc.hover_pos)}),
            ("formatting", "textDocument/formatting", "documentFormattingProvider",
             {"textDocument": tdoc, "options": {"tabSize": 2, "insertSpaces": True}}),
        ]
        for title, method, cap, params in requests:
            cells[f"{L}: {title}"] = await self.measure_request(client, L, title, method, cap, params)
        version = 1
        for title, where in (("completion after `compute: `, right after an edit", doc.compute_pos),
                             ("completion inside `${{`, right after an edit", doc.binding_pos)):
            cells[f"{L}: {title}"], version = await self.measure_after_edit(
                client, doc, uri, version, title, "textDocument/completion",
                {"textDocument": tdoc, "position": pos(where)})
        cells[f"{L}: hover while it checks after an edit (slowest per edit)"], version = await self.measure_busy(
            client, doc, uri, version, "textDocument/hover", {"textDocument": tdoc, "position": pos(doc.hover_pos)})
        cells[f"{L}: completion after `compute: ` while it checks after an edit (slowest per edit)"], version = await self.measure_busy(
            client, doc, uri, version, "textDocument/completion", {"textDocument": tdoc, "position": pos(doc.compute_pos)})

        # didChange: command: -> comand:, and back
        line, col = doc.command_pos
        lines = doc.text.split("\n")
        broken_lines = list(lines)
        broken_lines[line] = lines[line][:col] + "comand" + lines[line][col + len("command"):]
        broken = "\n".join(broken_lines)
        f_s, s_s, counts = [], [], []
        last_diags: list = []
        fail = None
        for _ in Budget(args):
            version += 1
            g = await self.change(client, uri, version, broken, (line, col + 2, line, col + 3), "")
            if g is None:
                fail = self.failure(client, f"no publishDiagnostics within {args.timeout:g} s")
                break
            f_s.append(g[0])
            s_s.append(g[1])
            counts.append(g[2])
            last_diags = g[3]
            version += 1
            g2 = await self.change(client, uri, version, doc.text, (line, col + 2, line, col + 2), "m")
            if g2 is None:
                fail = self.failure(client, f"no publishDiagnostics after the revert within {args.timeout:g} s")
                break
        raw[f"{L}/change_first_s"], raw[f"{L}/change_settled_s"] = f_s, s_s
        cells[f"{L}: didChange (→ `comand:`) → first diagnostics"] = fmt_stats(f_s) if f_s else fail or "n/a"
        cells[f"{L}: didChange (→ `comand:`) → diagnostics settled"] = (
            fmt_stats(s_s, f" ({max(counts)} msg)" if max(counts) > 1 else "") if s_s else fail or "n/a")
        if f_s:
            mentions = [d for d in last_diags if "comand" in str(d.get("message", ""))
                        or d.get("range", {}).get("start", {}).get("line") == line]
            self.res.notes.append(
                f"{L}: after `comand:` edit: {diag_summary(last_diags)}"
                + ("" if mentions else " — NONE of them is on the edited line or names `comand`"))
            raw[f"{L}/broken_diagnostics"] = last_diags
        if fail and f_s:
            self.res.notes.append(f"{L}: didChange loop stopped early: {fail}")
        await self.close_doc(client, uri)

    def typing(self, doc: Doc, version: int) -> tuple[str, tuple[int, int, int, int], str]:
        """The edit that takes the document from `version` to the next: an `x` typed at the end
        of a `display_name` line, or deleted again. (new text, range, inserted text)"""
        line, col = doc.edit_pos
        if version % 2:  # odd versions hold the original text
            lines = doc.text.split("\n")
            lines[line] += "x"
            return "\n".join(lines), (line, col, line, col), "x"
        return doc.text, (line, col, line, col + 1), ""

    async def send_change(self, client: LspClient, uri: str, version: int, new_text: str,
                          rng: tuple[int, int, int, int], insert: str) -> None:
        if self.sync_kind(client) == 2:
            change = {"range": {"start": {"line": rng[0], "character": rng[1]},
                                "end": {"line": rng[2], "character": rng[3]}}, "text": insert}
        else:
            change = {"text": new_text}
        await client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})

    async def back_to_original(self, client: LspClient, doc: Doc, uri: str, version: int) -> int:
        """Undo a pending typed `x`, then wait until the diagnostics of the edits settle, so
        that the next measure starts on the original text and a quiet server."""
        if version % 2 == 0:
            text, rng, insert = self.typing(doc, version)
            version += 1
            await self.send_change(client, uri, version, text, rng, insert)
        await client.wait_diagnostics(uri, time.perf_counter(), self.args.timeout)
        return version

    async def measure_after_edit(self, client: LspClient, doc: Doc, uri: str, version: int,
                                 title: str, method: str, params: dict) -> tuple[str, int]:
        samples: list[float] = []
        shape = ""
        cell = None
        for _ in Budget(self.args):
            text, rng, insert = self.typing(doc, version)
            version += 1
            await self.send_change(client, uri, version, text, rng, insert)
            try:
                dt, result = await client.request(method, params, self.args.timeout)
            except asyncio.TimeoutError:
                cell = f"no answer within {self.args.timeout:g} s"
                break
            except ResponseError as exc:
                cell = f"error {exc.code}: {exc.text[:60]}"
                break
            samples.append(dt)
            shape = describe(method, result)
        version = await self.back_to_original(client, doc, uri, version)
        self.res.raw[f"{doc.label}/{title}_s"] = samples
        return cell or (fmt_stats(samples) + f" ({shape})"), version

    async def measure_busy(self, client: LspClient, doc: Doc, uri: str, version: int,
                           method: str, params: dict) -> tuple[str, int]:
        worst: list[float] = []
        for _ in Budget(self.args):
            text, rng, insert = self.typing(doc, version)
            version += 1
            since = time.perf_counter()
            before = len(client.publishes)
            await self.send_change(client, uri, version, text, rng, insert)
            slowest = 0.0
            while time.perf_counter() - since < self.args.timeout:
                try:
                    dt, _ = await client.request(method, params, self.args.timeout)
                except asyncio.TimeoutError:
                    return f"no answer within {self.args.timeout:g} s", await self.back_to_original(client, doc, uri, version)
                except ResponseError as exc:
                    return f"error {exc.code}: {exc.text[:60]}", await self.back_to_original(client, doc, uri, version)
                slowest = max(slowest, dt)
                if any(p.uri == uri and p.version in (version, None) for p in client.publishes[before:]):
                    break
            worst.append(slowest)
        version = await self.back_to_original(client, doc, uri, version)
        self.res.raw[f"{doc.label}/busy_{method.rsplit('/', 1)[-1]}_s"] = worst
        return fmt_stats(worst), version

    async def measure_request(self, client: LspClient, L: str, title: str, method: str,
                              cap: str, params: dict) -> str:
        advertised = bool(client.capabilities.get(cap))
        samples: list[float] = []
        shape = ""
        for _ in Budget(self.args):
            try:
                dt, result = await client.request(method, params, self.args.timeout)
            except asyncio.TimeoutError:
                return f"no answer within {self.args.timeout:g} s" + ("" if advertised else " (not advertised)")
            except ResponseError as exc:
                return f"error {exc.code}: {exc.text[:60]}" + ("" if advertised else " (not advertised)")
            except ServerDied as exc:
                return f"server died ({exc})"
            samples.append(dt)
            shape = describe(method, result)
        self.res.raw[f"{L}/{title}_s"] = samples
        note = "" if advertised else ", not advertised"
        return fmt_stats(samples) + f" ({shape}{note})"

    async def measure_memory(self, doc: Doc) -> None:
        cells = self.res.cells
        try:
            client, _ = await self.started()
        except (asyncio.TimeoutError, ServerDied, ResponseError) as exc:
            cells["memory: all"] = f"server did not start: {exc or 'timeout'}"
            return
        try:
            await asyncio.sleep(0.5)
            rss, _ = client.rss_kib()
            cells["memory: RSS idle (after initialize)"] = f"{rss / 1024:.0f} MiB"
            for i in range(10):
                got = await self.open(client, self.new_uri("mem"), doc.text)
                if got is None:
                    cells["memory: RSS, 10 documents open"] = self.failure(
                        client, f"document {i + 1}: no diagnostics within {self.args.timeout:g} s")
                    break
                if i in (0, 9):
                    await asyncio.sleep(0.5)
                    rss, hwm = client.rss_kib()
                    self.res.raw[f"rss_kib_{i + 1}"] = rss
                    key = ("memory: RSS, 1 document open (5,000 lines)" if i == 0
                           else "memory: RSS, 10 documents open (10 × 5,000 lines)")
                    cells[key] = f"{rss / 1024:.0f} MiB (peak {hwm / 1024:.0f})"
        finally:
            await client.close()

    def collect_notes(self) -> None:
        if self.name == YLS and self.asked_content:
            uniq = sorted(set(self.asked_content))
            self.res.notes.append("asked the client for schema(s) " + ", ".join(uniq)
                                  + " — answered with " + ("a fixed copy of " if SCHEMA_USED["fixed"] else "")
                                  + str(SCHEMA.relative_to(ROOT)))
        logged: dict[str, int] = {}
        for client in self.clients:
            for kind, message in client.log_messages:
                if kind in (1, 2):  # Error, Warning
                    key = f"{'error' if kind == 1 else 'warning'}: {message.strip()[:200]}"
                    logged[key] = logged.get(key, 0) + 1
        methods: dict[str, int] = {}
        for client in self.clients:
            for method, _ in client.server_requests:
                methods[method] = methods.get(method, 0) + 1
        if methods:
            self.res.notes.append("requests it sent to the client (all processes): "
                                  + ", ".join(f"{m} ×{n}" for m, n in methods.items()))
        for key, n in list(logged.items())[:5]:
            self.res.notes.append(f"window/logMessage {key}" + (f" (×{n})" if n > 1 else ""))
        try:
            err_text = self.stderr_path.read_text(errors="replace").strip()
        except OSError:
            err_text = ""
        if err_text:
            tail = err_text.splitlines()[-5:]
            self.res.notes.append("stderr (last lines): " + " | ".join(tail)[:600])


def short(text: str, n: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def pos(p: tuple[int, int]) -> dict:
    return {"line": p[0], "character": p[1]}


def describe(method: str, result: Any) -> str:
    if result is None:
        return "null"
    if method == "textDocument/completion":
        items = result.get("items", []) if isinstance(result, dict) else result
        labels = [short(str(i.get("label")), 40) for i in items[:3]]
        return f"{len(items)} items" + (f": {', '.join(labels)}…" if labels else "")
    if method == "textDocument/hover":
        contents = result.get("contents") if isinstance(result, dict) else None
        if isinstance(contents, dict):
            text = contents.get("value", "")
        elif isinstance(contents, list):
            text = " ".join(c if isinstance(c, str) else c.get("value", "") for c in contents)
        else:
            text = str(contents or "")
        return f"{len(text)} chars"
    if method == "textDocument/formatting":
        return f"{len(result)} edit(s)"
    return type(result).__name__


def schema_verdicts(docs: list[Doc]) -> list[str]:
    """What schema/job.schema.json itself says of each broken edit (Python jsonschema), so that
    a server's silence can be told from the schema's."""
    try:
        import jsonschema
        import yaml
    except ImportError:
        return []
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    out = []
    for doc in docs:
        line, col = doc.command_pos
        lines = doc.text.split("\n")
        lines[line] = lines[line][:col] + "comand" + lines[line][col + len("command"):]
        errors = list(validator.iter_errors(yaml.safe_load("\n".join(lines))))
        out.append(f"{doc.label}: schema/job.schema.json itself (Python jsonschema) finds "
                   f"{len(errors)} error(s) in the `comand:` edit"
                   + (": " + "; ".join(short(e.message, 80) for e in errors[:2]) if errors else ""))
    return out


async def schema_check(args: argparse.Namespace, tmp: Path) -> list[str]:
    """Does yaml-language-server apply schema/job.schema.json through yaml.schemas alone
    (a document without `$schema`)?"""
    bench = Bench(YLS, args, tmp)
    notes = []
    try:
        client, _ = await bench.started()
    except Exception as exc:  # noqa: BLE001
        return [f"schema check: server did not start: {exc}"]
    try:
        text = "type: command\ncomand: python train.py\nenvironment: azureml:env@latest\ncompute: azureml:cpu\n"
        got = await bench.open(client, bench.new_uri("no-dollar-schema"), text)
        if got is None:
            notes.append("schema check (doc without `$schema`, `comand:` key): no diagnostics")
        else:
            notes.append("schema check via yaml.schemas (doc without `$schema`, `comand:` key): "
                         + diag_summary(got[3]) + f"; sources: {sorted({str(d.get('source')) for d in got[3]})}")
    finally:
        await client.close()
    return notes


# --------------------------------------------------------------------------- main


async def main_async(args: argparse.Namespace) -> int:
    wanted = [args.only] if args.only else list(SERVERS)
    unavailable: dict[str, str] = {}
    if YLS in wanted:
        why = setup_yls()
        if why:
            unavailable[YLS] = why
    if JOB_LSP in wanted:
        why = job_lsp_available(args)
        if why:
            unavailable[JOB_LSP] = why

    docs = make_docs(args.docs.split(","))

    results: dict[str, Result] = {}
    extra_notes: dict[str, list[str]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="job-lsp-bench-"))
    prepare_schema(tmp, args.schema_as_is)
    try:
        for name in wanted:
            if name in unavailable:
                continue
            print(f"[run] {name} ...", file=sys.stderr)
            t0 = time.perf_counter()
            results[name] = await Bench(name, args, tmp).run(docs)
            if name == YLS:
                extra_notes[name] = await schema_check(args, tmp)
            print(f"[run] {name} done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    finally:
        if not args.keep_tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"[tmp] kept {tmp}", file=sys.stderr)

    # table
    rows: list[str] = []
    for r in results.values():
        for k in r.cells:
            if k not in rows:
                rows.append(k)
    cols = [JOB_LSP, YLS] if not args.only else [args.only]
    heads = [f"yaml-language-server {yls_version()}" if c == YLS else c for c in cols]
    print(f"Runs: {args.runs} (start-up: {args.runs} spawns; budget {args.budget:g} s a measure); times in ms, "
          f"\"a / b\" = median / p95; settle = no new publishDiagnostics for {SETTLE_S * 1000:.0f} ms.\n")
    print("| measure | " + " | ".join(heads) + " |")
    print("|---|" + "---|" * len(cols))
    for row in rows:
        cells = []
        for c in cols:
            if c in unavailable:
                cells.append("not run")
            else:
                cells.append(results[c].cells.get(row, "—") if c in results else "—")
        print(f"| {row} | " + " | ".join(cells) + " |")
    print()
    print("- Both servers debounce validation after an edit (job-lsp: `jobLsp.diagnosticsDelay`, "
          "default 200 ms; yaml-language-server: 200 ms, on open too): the didChange rows include it.")
    if SCHEMA_USED["fixed"] and YLS in results:
        print(f"- **yaml-language-server** was given a copy of {SCHEMA.relative_to(ROOT)} with "
              f"{SCHEMA_USED['fixed']} `{{\"enum\": []}}` (yaml-language-server rejects the whole schema "
              "for them: 'must NOT have less than 1 item') replaced by `{\"not\": {}}`; --schema-as-is gives it the file as is.")
    for c in cols:
        if c in unavailable:
            print(f"- **{c}** not run: {unavailable[c]}")
    for note in schema_verdicts(docs):
        print(f"- {note}")
    for name, r in results.items():
        for note in r.notes + extra_notes.get(name, []):
            print(f"- **{name}**: {note}")
    if args.json:
        Path(args.json).write_text(json.dumps(
            {n: {"cells": r.cells, "raw": r.raw, "notes": r.notes + extra_notes.get(n, [])}
             for n, r in results.items()} | {"unavailable": unavailable}, indent=1, default=str))
    return 0


def merged_table(files: list[str]) -> int:
    """One table from the --json files of several runs: a column per server per file (the
    file's name says which run), rows in the order they first appear."""
    columns: list[tuple[str, dict[str, str]]] = []
    for name in files:
        data = json.loads(Path(name).read_text())
        for server in SERVERS:
            if server in data:
                columns.append((f"{server} ({Path(name).stem})", data[server]["cells"]))
    rows: list[str] = []
    for _, cells in columns:
        rows += [k for k in cells if k not in rows]
    print("| measure | " + " | ".join(head for head, _ in columns) + " |")
    print("|---|" + "---|" * len(columns))
    for row in rows:
        print(f"| {row} | " + " | ".join(cells.get(row, "—") for _, cells in columns) + " |")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", choices=SERVERS, help="benchmark one server only")
    ap.add_argument("--runs", type=int, default=20, help="requests / edits / opens per measure (default 20)")
    ap.add_argument("--docs", default=",".join(DOC_KEYS), help=f"documents to measure (default {','.join(DOC_KEYS)})")
    ap.add_argument("--budget", type=float, default=120.0, help="seconds one measure may take before it "
                    "stops with fewer runs (default 120)")
    ap.add_argument("--timeout", type=float, default=30.0, help="bound on every wait, seconds (default 30)")
    ap.add_argument("--job-lsp-cmd", help="command that starts job-lsp on stdio "
                    "(default: the running python -m job_lsp.cli serve)")
    ap.add_argument("--json", help="also write cells, raw samples and notes to this JSON file")
    ap.add_argument("--schema-as-is", action="store_true",
                    help="give yaml-language-server schema/job.schema.json unmodified even if invalid")
    ap.add_argument("--keep-tmp", action="store_true", help="keep the temporary folder (server stderr logs)")
    ap.add_argument("--table", nargs="+", metavar="JSON", help="print one table from the --json files "
                    "of earlier runs (several servers, or a server before and after a change) and exit")
    args = ap.parse_args()
    if args.table:
        return merged_table(args.table)
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    unknown = set(args.docs.split(",")) - set(DOC_KEYS)
    if unknown:
        ap.error(f"--docs: unknown {', '.join(sorted(unknown))} (known: {','.join(DOC_KEYS)})")
    RUNS_WANTED[0] = args.runs
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
