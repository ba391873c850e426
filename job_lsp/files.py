"""Files on disk: which are YAML, which folders a scan skips, the one bounded reader every
part of job-lsp uses (the CLI, the workspace index, component files), and the one atomic
writer (`job-lsp format`, the workspace cache)."""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

YAML_SUFFIXES = (".yml", ".yaml")
# Larger files are refused unread: no job file comes near this, and reading one into memory
# on a wrong path (a data file named .yml) must not stall a CI run.
MAX_FILE_BYTES = 20 * 1024 * 1024
SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"})


@dataclass(frozen=True)
class Refused:
    """Why a file was not read: `code` (`file-too-large`, `unreadable`) and a message."""

    code: str
    message: str


def is_yaml_name(path: str | os.PathLike[str]) -> bool:
    return os.fspath(path).lower().endswith(YAML_SUFFIXES)


def read_bounded(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> bytes | Refused:
    """The bytes of a regular file of at most `max_bytes`, or why not. Never raises, never
    blocks: a FIFO, a device or a folder is refused unopened, and a file that grows while it
    is read is cut at the bound and refused."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return Refused("unreadable", "Cannot read the file: it is not a regular file")
        if st.st_size > max_bytes:
            return Refused("file-too-large", f"The file is {st.st_size:,} bytes; files over {max_bytes:,} bytes are not read")
        # O_NONBLOCK: if the path was replaced by a FIFO since the stat, open does not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return Refused("unreadable", "Cannot read the file: it is not a regular file")
            chunks, left = [], max_bytes + 1
            while left > 0:
                chunk = os.read(fd, min(left, 1 << 16))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        finally:
            os.close(fd)
    except (OSError, ValueError) as exc:
        return Refused("unreadable", f"Cannot read the file: {getattr(exc, 'strerror', None) or exc}")
    data = b"".join(chunks)
    if len(data) > max_bytes:
        return Refused("file-too-large", f"The file grew past {max_bytes:,} bytes while it was read; not read")
    return data


def read_stream(stream: BinaryIO, max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes, bool]:
    """Up to `max_bytes` + 1 bytes of a stream (stdin) and whether it went past the bound:
    `check -` and `format -` read what a file would be read, no more."""
    data = stream.read(max_bytes + 1) or b""
    return data, len(data) > max_bytes


def yaml_files(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """The YAML files under a folder, in a stable order, outside the folders scans skip."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            if is_yaml_name(name):
                yield Path(dirpath) / name


# --- local paths and remote references ---------------------------------------------------------

# `azureml:`, `azureml://`, `https://`, `wasbs://`, `abfss://`, `adl://`, `git+https://`...: a
# scheme of two letters or more (one letter is a Windows drive: `C:/data`).
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
# An ARM resource id (`/subscriptions/<id>/resourceGroups/<rg>/providers/...` or the
# workspace form `.../workspaces/<ws>/data/<name>/versions/1`), which azure-ai-ml accepts
# wherever it accepts `azureml:` references.
ARM_ID = re.compile(r"^/subscriptions/[^/]+/resourceGroups/[^/]+/", re.I)


def is_remote(value: str) -> bool:
    """Whether a path-like value names something that is not on this disk: a URI, an ARM id,
    or a `${{...}}` binding. The one place that knows the remote forms."""
    value = value.strip()
    if value.startswith("file:"):
        return value[5:].startswith("//")
    return bool(URI_SCHEME.match(value) or ARM_ID.match(value) or "${{" in value)


def local_path_of(value: str) -> str | None:
    """The local path a path value names (`./src`, `file:src`), or None when it is remote."""
    value = value.strip()
    if is_remote(value):
        return None
    if value.startswith("file:"):
        value = value[5:]
    return value or None


def killed_at(stage: str) -> None:
    """Test hook: JOB_LSP_TEST_KILL_AT=STAGE makes the process SIGKILL itself at that stage of
    write_atomically, so that tests/hardening/test_writes.py checks every stage, not luck."""
    if os.environ.get("JOB_LSP_TEST_KILL_AT") == stage:
        os.kill(os.getpid(), signal.SIGKILL)


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the file, then rename over it: a crash leaves the old file or the new
    one, never a mix or a truncated file. Permissions are kept. A symbolic link is written
    through (its target is replaced; the link stays a link)."""
    path = Path(os.path.realpath(path))
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None  # a new file: mkstemp's owner-only permissions
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        killed_at("created")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            killed_at("written")
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        killed_at("synced")
        os.replace(tmp, path)
        killed_at("renamed")
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
