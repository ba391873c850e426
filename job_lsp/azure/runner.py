"""Run the Azure CLI (`az`) as a subprocess, with a timeout, and read its JSON. Never raises:
every failure (no `az` on PATH, not signed in, no `ml` extension, a timeout, text that is
not JSON) comes back as an AzResult with a one-line `error` for the log.

The caller decides where this runs (it blocks for up to `timeout`): the provider and the
run command call it from worker threads, never from the server's event loop.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import Any, Sequence

DEFAULT_TIMEOUT = 60.0
MAX_OUTPUT = 64 * 1024 * 1024  # bytes of JSON read from one call; more is refused

_CMD_SPECIAL = re.compile(r'["%!^&|<>\r\n]')
# The `az` processes running now, so that a server shutting down leaves none behind.
_running: set[subprocess.Popen] = set()
_running_lock = threading.Lock()
_stopped = threading.Event()  # set by stop_all(): no `az` is started after it


@dataclass(frozen=True)
class AzResult:
    ok: bool
    data: Any = None  # the parsed JSON (None for a command that prints nothing)
    error: str = ""  # one line saying what went wrong, for the log
    # A failure that will not go away by itself (no az, no ml extension, signed out):
    # the provider stops calling until the settings change or the cache lifetime passes.
    lasting: bool = False


def find_az() -> str | None:
    """The `az` executable on PATH (`az.cmd` on Windows: shutil.which reads PATHEXT)."""
    return shutil.which("az")


def run_az(args: Sequence[str], timeout: float = DEFAULT_TIMEOUT, az: str | None = None, expect_json: bool = True) -> AzResult:
    """`az ARGS -o json --only-show-errors`, parsed."""
    az = az or find_az()
    if az is None:
        return AzResult(False, error="the Azure CLI (`az`) is not on PATH", lasting=True)
    if sys.platform == "win32" and az.lower().endswith((".cmd", ".bat")) and any(_CMD_SPECIAL.search(a) for a in args):
        # az.cmd runs through cmd.exe, which would read these characters itself.
        return AzResult(False, error="a path or name holds a character cmd.exe would interpret (\" % ! ^ & | < >); rename it to use `az` from job-lsp")
    command = [az, *args, "--only-show-errors", "-o", "json"]
    kwargs: dict[str, Any] = {"stdin": subprocess.DEVNULL, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    if sys.platform == "win32":
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) | getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        kwargs["start_new_session"] = True  # its own process group: a timeout kills az's children too
    # No prompt may wait for an answer nobody gives (extension installs, telemetry notices).
    env = dict(os.environ, AZURE_CORE_ONLY_SHOW_ERRORS="true", AZURE_CORE_NO_COLOR="true", AZURE_EXTENSION_USE_DYNAMIC_INSTALL="no")
    with _running_lock:  # started and registered at once: stop_all() sees every process
        if _stopped.is_set():
            return AzResult(False, error="job-lsp is shutting down", lasting=True)
        try:
            process = subprocess.Popen(command, env=env, **kwargs)
        except OSError as exc:
            return AzResult(False, error=f"could not start `az`: {exc.strerror or exc}", lasting=True)
        _running.add(process)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        return AzResult(False, error=f"`az {' '.join(args[:3])}` did not answer within {timeout:g} s")
    except Exception as exc:  # an OS failure while reading, or the process killed by stop_all
        _kill(process)
        return AzResult(False, error=f"`az` failed: {exc}")
    finally:
        with _running_lock:
            _running.discard(process)
    if process.returncode != 0:
        return _failure(args, err)
    if not expect_json:
        return AzResult(True)
    if len(out) > MAX_OUTPUT:
        return AzResult(False, error=f"`az {' '.join(args[:3])}` printed more than {MAX_OUTPUT // (1024 * 1024)} MiB")
    text = out.decode("utf-8", "replace").strip()
    if not text:
        return AzResult(True, None)
    try:
        return AzResult(True, json.loads(text))
    except (ValueError, RecursionError):
        return AzResult(False, error=f"`az {' '.join(args[:3])}` printed something that is not JSON: {_first_line(text)!r}")


def _failure(args: Sequence[str], err: bytes) -> AzResult:
    text = err.decode("utf-8", "replace")
    lowered = text.lower()
    if "az login" in lowered or "please run 'az login'" in lowered:
        return AzResult(False, error="the Azure CLI is not signed in (run `az login`)", lasting=True)
    if "'ml' is misspelled or not recognized" in lowered or ("extension" in lowered and "not installed" in lowered):
        return AzResult(False, error="the Azure CLI has no `ml` extension (run `az extension add -n ml`)", lasting=True)
    return AzResult(False, error=f"`az {' '.join(args[:3])}` failed: {_first_line(text) or 'no message'}")


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:300]
    return ""


def stop_all() -> int:
    """Kill every `az` still running and start no other (the server is shutting down); how
    many were running."""
    with _running_lock:
        _stopped.set()
        running = list(_running)
    for process in running:
        _kill(process, wait=False)
    return len(running)


def _kill(process: subprocess.Popen, wait: bool = True) -> None:
    """Kill az and what it started (az is a script that starts Python)."""
    try:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/T", "/F", "/PID", str(process.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        process.kill()
    except OSError:
        pass
    if not wait:  # the thread waiting in communicate() reaps it
        return
    try:
        process.communicate(timeout=5)
    except (subprocess.SubprocessError, OSError, ValueError):
        pass
