"""Memory of `job-lsp serve` after opening the whole corpus.

    python benchmarks/bench_memory.py            # ../shared/corpus job files + examples/
    python benchmarks/bench_memory.py --json     # the row as JSON too

Starts the server over stdio (standard library JSON-RPC, no client library), initializes it
like VS Code (diagnostics pushed), measures its resident set size (VmRSS, /proc/PID/status)
when idle, then opens every job file of the corpus (manifest.json) and of examples/ with
didOpen, waits until each one's diagnostics are published, waits for the index scan to
settle, and measures again. Prints one Markdown table row:
documents, their size, RSS idle, RSS after, and the difference per document.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Server:
    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen([sys.executable, "-m", "job_lsp.cli", "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        out = self.proc.stdout
        while True:
            length = 0
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(out.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: dict) -> object:
        self.next_id += 1
        msg_id = self.next_id
        self.send({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
        while True:
            message = self.messages.get(timeout=60)
            if message.get("id") == msg_id and "method" not in message:
                return message.get("result")
            self.answer(message)

    def answer(self, message: dict) -> None:
        if "id" in message and "method" in message:  # a request from the server
            result = [None] * len(message["params"].get("items", [])) if message["method"] == "workspace/configuration" else None
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    def notify(self, method: str, params: dict) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    manifest = json.loads((CORPUS / "manifest.json").read_text())
    files = sorted((ROOT / "examples").glob("*.yml")) + [CORPUS / "azureml-examples" / p for p in manifest["jobs"]]
    files = [f for f in files if f.is_file()]
    server = Server()
    root = CORPUS / "azureml-examples"
    server.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "workspaceFolders": [{"uri": root.as_uri(), "name": "corpus"}], "capabilities": {"workspace": {"configuration": True}, "textDocument": {"publishDiagnostics": {"versionSupport": True}}}})
    server.notify("initialized", {})
    time.sleep(3)  # the workspace index scan (a thread) and start-up settle
    idle = rss_kib(server.proc.pid)
    pending = set()
    size = 0
    start = time.perf_counter()
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        size += len(text.encode())
        pending.add(f.as_uri())
        server.notify("textDocument/didOpen", {"textDocument": {"uri": f.as_uri(), "languageId": "yaml", "version": 1, "text": text}})
    while pending:
        message = server.messages.get(timeout=120)
        if message.get("method") == "textDocument/publishDiagnostics":
            pending.discard(message["params"]["uri"])
        else:
            server.answer(message)
    took = time.perf_counter() - start
    time.sleep(1)
    after = rss_kib(server.proc.pid)
    server.request("shutdown", {})
    server.notify("exit", {})
    server.proc.wait(10)
    per = (after - idle) / len(files)
    print("| documents | size | RSS idle | RSS after | per document | all diagnostics in |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(files)} | {size / 1024:,.0f} KiB | {idle / 1024:.1f} MiB | {after / 1024:.1f} MiB | {per:.0f} KiB | {took:.2f} s |")
    if args.json:
        print(json.dumps({"documents": len(files), "bytes": size, "rss_idle_kib": idle, "rss_after_kib": after, "per_document_kib": round(per, 1), "seconds": round(took, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
