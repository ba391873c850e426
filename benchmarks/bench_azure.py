"""Completion latency with the workspace provider on (cache cold and warm) against off, on the
typical command job (examples/command-job.yml), right after `compute: `.

    python benchmarks/bench_azure.py              # 30 requests per row, 5 fresh servers for "cold"
    python benchmarks/bench_azure.py --runs 10

The server is the real `job-lsp serve` over stdio (benchmarks/bench_server.py's client), with
the stand-in `az` of the tests (tests/fake_az/az) first on PATH, answering with the real CLI's
JSON shapes; no Azure access is needed or used. Rows:
  * off: `jobLsp.azure.enable: false` (what a user without the CLI gets): the first request
    of a fresh server (one sample per server), then later requests;
  * on, cold: an empty cache folder: the first completion of a fresh server, while its first
    `az ml compute list` runs in the background (az made slow, 2 s, so the request surely
    overlaps it) - one sample per fresh server;
  * on, cold, az hung: the same with an `az` that never answers in time (30 s);
  * on, warm: once the workspace's computes have arrived (the cache is fresh), repeated.
Times in ms, median / p95.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from bench_server import CLIENT_CAPABILITIES, LspClient, fmt_stats, locate  # noqa: E402
from fake_az import FakeAz  # noqa: E402

COMMAND_JOB = ROOT / "examples" / "command-job.yml"
SERVER = [sys.executable, "-m", "job_lsp.cli", "serve"]
TIMEOUT = 30.0


def settings(enable: bool) -> dict[str, Any]:
    return {"jobLsp": {"azure": {"enable": enable, "workspace": "ws", "resourceGroup": "rg"}}}


async def start(folder: Path, env: dict[str, str], options: dict[str, Any]) -> LspClient:
    def on_request(method: str, params: Any) -> Any:
        if method == "workspace/configuration":
            return [options["jobLsp"] for _ in (params or {}).get("items", [])]
        if method in ("client/registerCapability", "window/workDoneProgress/create", "workspace/codeLens/refresh", "workspace/diagnostic/refresh"):
            return None
        raise KeyError(method)

    client = LspClient("job-lsp", SERVER, ROOT, folder / "server.log", on_request)
    import os

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)  # the child inherits it
    try:
        await client.spawn()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    params = {
        "processId": None,
        "rootUri": folder.as_uri(),
        "workspaceFolders": [{"uri": folder.as_uri(), "name": "bench"}],
        "capabilities": CLIENT_CAPABILITIES,
        "initializationOptions": options,
    }
    await client.request("initialize", params, TIMEOUT)
    await client.notify("initialized", {})
    return client


async def open_job(client: LspClient, path: Path) -> tuple[str, dict]:
    text = path.read_text()
    uri = path.as_uri()
    await client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    line, col = locate(text, "compute")
    return uri, {"line": line, "character": col + len("compute: ")}


async def complete(client: LspClient, uri: str, position: dict) -> tuple[float, list[str]]:
    elapsed, result = await client.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position}, TIMEOUT)
    items = result.get("items", []) if isinstance(result, dict) else (result or [])
    return elapsed, [i["label"] for i in items]


async def cold_samples(base: Path, runs: int, delay: float, enable: bool = True) -> tuple[list[float], list[str]]:
    samples, labels = [], []
    for n in range(runs):
        folder = base / f"cold-{enable}-{delay}-{n}"
        folder.mkdir()
        fake = FakeAz(folder)
        fake.update(delay={"ml": delay})
        job = folder / "job.yml"
        shutil.copy(COMPUTE_SOURCE, job)
        client = await start(folder, fake.env(), settings(enable))
        try:
            uri, position = await open_job(client, job)
            elapsed, labels = await complete(client, uri, position)
            samples.append(elapsed)
        finally:
            await client.close()
    return samples, labels


async def warm_samples(base: Path, runs: int, enable: bool) -> tuple[list[float], list[str]]:
    folder = base / f"warm-{enable}"
    folder.mkdir()
    fake = FakeAz(folder)
    job = folder / "job.yml"
    shutil.copy(COMPUTE_SOURCE, job)
    client = await start(folder, fake.env(), settings(enable))
    try:
        uri, position = await open_job(client, job)
        deadline = time.monotonic() + TIMEOUT
        labels: list[str] = []
        while time.monotonic() < deadline:  # until the workspace's computes have arrived
            _, labels = await complete(client, uri, position)
            if not enable or "azureml:gpu-cluster" in labels:
                break
            await asyncio.sleep(0.1)
        samples = []
        for _ in range(runs):
            elapsed, labels = await complete(client, uri, position)
            samples.append(elapsed)
        return samples, labels
    finally:
        await client.close()


COMPUTE_SOURCE = COMMAND_JOB


async def main_async(args: argparse.Namespace) -> int:
    base = Path(tempfile.mkdtemp(prefix="job-lsp-bench-azure-"))
    try:
        rows = []
        off_cold, off_cold_labels = await cold_samples(base, args.servers, delay=0.0, enable=False)
        rows.append(("off, first request of a fresh server", off_cold, off_cold_labels))
        off, off_labels = await warm_samples(base, args.runs, enable=False)
        rows.append(("off (`jobLsp.azure.enable: false`), later requests", off, off_labels))
        cold, cold_labels = await cold_samples(base, args.servers, delay=2.0)
        rows.append(("on, cold cache (first request; az answering in 2 s)", cold, cold_labels))
        hung, hung_labels = await cold_samples(base, args.servers, delay=30.0)
        rows.append(("on, cold cache, az hung (30 s)", hung, hung_labels))
        warm, warm_labels = await warm_samples(base, args.runs, enable=True)
        rows.append(("on, warm cache", warm, warm_labels))
        print(f"Completion after `compute: ` in {COMMAND_JOB.relative_to(ROOT)} (median / p95; samples: {args.runs} warm, {args.servers} cold)\n")
        print("| provider | completion | items |")
        print("|---|---:|---|")
        for label, samples, labels in rows:
            shown = ", ".join(labels[:3]) + ("…" if len(labels) > 3 else "")
            print(f"| {label} | {fmt_stats(samples)} | {len(labels)}: {shown} |")
        if args.json:
            Path(args.json).write_text(json.dumps({label: samples for label, samples, _ in rows}))
        return 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="requests per warm row")
    parser.add_argument("--servers", type=int, default=5, help="fresh servers per cold row")
    parser.add_argument("--json", help="also write the samples to this file")
    args = parser.parse_args()
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
