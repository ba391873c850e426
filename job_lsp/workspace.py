"""What the user's workspace already uses: compute names, environment references and
experiment names found in its job files, counted, for completion in the language server.

Plain data, no LSP: `WorkspaceIndex(roots).scan()` reads the job files under the roots once;
`update(path, text)` re-indexes one file when the editor saves or changes it (None: deleted).
Accessors give `Usage(name, count, files)` lists, most used first, then by name.

What is collected, from job files only (`detect.is_job_document`; components are ignored):

- computes: top-level `compute`, a pipeline's `settings.default_compute`, each step's
  `jobs.<name>.compute`; normalized to the bare name (`azureml:cpu-cluster` and an ARM id
  `/subscriptions/.../computes/cpu-cluster` both give `cpu-cluster`). `serverless` and
  `local` are not workspace computes and are left out, as are `${{...}}` bindings and
  sample placeholders (`<compute-name>`; any value with `<>{}` is ignored, of every kind).
- environments: top-level `environment`, `trial.environment`, and the same two in each
  pipeline step, when they are strings (`azureml:name:version`, `azureml:name@latest`,
  `azureml://registries/...`), kept as written (an inline environment is a mapping: skipped).
- experiments: top-level `experiment_name`.
- components: each step's local `component:` file, as written (`./train.yml`); the index says
  which job files run a component (`component_users`), for a rename of its inputs and outputs
  across files.

A value is counted once per file that uses it, whatever the number of steps using it there.

Bounds (the index must never stall the server or grow without limit, whatever the tree):

- MAX_FILES (5,000): YAML files read by one scan; past it the scan stops (`truncated`).
  The index never holds more files than this, `update()` included.
- MAX_FILE_BYTES (1 MiB): larger files are skipped unread; only regular files are opened
  (never a FIFO or a device), and reads are bounded, so a file growing meanwhile is cut.
- MAX_DIR_ENTRIES (200,000): directory entries looked at by one scan (a data folder of
  millions of files is not walked to the end). Symbolic links to folders are not followed
  (no loops); `files.SKIP_DIRS` (.git, node_modules, venvs, caches) are not entered.
- SCAN_SECONDS (20 s): wall-clock budget of one scan.
- MAX_VALUES_PER_FILE (200) per kind, MAX_VALUE_CHARS (256): longer values are ignored.

It never raises on a bad file: binary junk, broken YAML, unreadable or vanished files are
skipped (parse is total; everything else is guarded).
"""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .files import SKIP_DIRS, YAML_SUFFIXES, Refused, local_path_of, read_bounded
from .detect import is_job_document
from .yamldoc import Document, Mapping, Scalar, entries, key_text, lookup, parse, resolve

MAX_FILES = 5_000
MAX_FILE_BYTES = 1024 * 1024
MAX_DIR_ENTRIES = 200_000
SCAN_SECONDS = 20.0
MAX_VALUES_PER_FILE = 200
MAX_VALUE_CHARS = 256

COMPUTES = "computes"
ENVIRONMENTS = "environments"
EXPERIMENTS = "experiments"
# Local component files the steps run, as written (`./train.yml`): who uses a component, for a
# rename of its inputs and outputs across files.
COMPONENTS = "components"
KINDS = (COMPUTES, ENVIRONMENTS, EXPERIMENTS, COMPONENTS)

# Compute values that are not compute targets of the workspace (the server offers them itself).
NOT_WORKSPACE_COMPUTES = {"serverless", "local"}
# Characters no Azure ML name or reference holds, but `${{...}}` bindings and the
# placeholders of samples (`<compute>`) do.
_PLACEHOLDER = re.compile(r"[<>{}]")
_ARM_COMPUTE = re.compile(r"/computes/([^/]+)/?$", re.I)


@dataclass(frozen=True)
class Usage:
    """A value used in the workspace: `count` files use it (listed in `files`, sorted)."""

    name: str
    count: int
    files: tuple[str, ...]


@dataclass(frozen=True)
class FileFacts:
    """What one job file contributes."""

    computes: frozenset[str] = frozenset()
    environments: frozenset[str] = frozenset()
    experiments: frozenset[str] = frozenset()
    components: frozenset[str] = frozenset()

    def of(self, kind: str) -> frozenset[str]:
        return getattr(self, kind)


def path_key(path: str | os.PathLike[str]) -> str:
    """The key a file is indexed under: absolute, normalized (and case-folded where the
    platform's file names are)."""
    return os.path.normcase(os.path.abspath(os.fspath(path)))


# --- extraction ------------------------------------------------------------------------------


def _string(node) -> str | None:
    node = resolve(node)
    if isinstance(node, Scalar) and isinstance(node.value, str):
        value = node.value.strip()
        if value and len(value) <= MAX_VALUE_CHARS and not _PLACEHOLDER.search(value) and not any(c.isspace() for c in value):
            return value
    return None


def normalize_compute(value: str) -> str | None:
    """The bare compute name of a `compute:` value, or None when it is not a workspace
    compute (`serverless`, `local`, a binding, an odd string)."""
    value = value.strip()
    if not value or _PLACEHOLDER.search(value):
        return None
    arm = _ARM_COMPUTE.search(value)
    if arm:
        value = arm.group(1)
    elif value.lower().startswith("azureml:"):
        value = value[len("azureml:"):]
    if not value or len(value) > MAX_VALUE_CHARS or any(c.isspace() or c in "/:" for c in value):
        return None
    if value.lower() in NOT_WORKSPACE_COMPUTES:
        return None
    return value


def _get(mapping, key: str):
    mapping = resolve(mapping)
    return resolve(lookup(mapping, key)) if isinstance(mapping, Mapping) else None


def extract(doc: Document) -> FileFacts | None:
    """The facts of a parsed document, or None when it is not a job file."""
    if not is_job_document(doc):
        return None
    root = resolve(doc.root)
    if not isinstance(root, Mapping):
        return None
    computes: list[str] = []
    environments: list[str] = []
    experiments: list[str] = []
    components: list[str] = []

    def add_compute(node) -> None:
        raw = _string(node)
        name = normalize_compute(raw) if raw else None
        if name and len(computes) < MAX_VALUES_PER_FILE:
            computes.append(name)

    def add_environment(node) -> None:
        value = _string(node)
        if value and len(environments) < MAX_VALUES_PER_FILE:
            environments.append(value)

    def job_facts(job) -> None:
        add_compute(_get(job, "compute"))
        add_environment(_get(job, "environment"))
        add_environment(_get(_get(job, "trial"), "environment"))

    job_facts(root)
    add_compute(_get(_get(root, "settings"), "default_compute"))
    experiment = _string(_get(root, "experiment_name"))
    if experiment:
        experiments.append(experiment)
    jobs = _get(root, "jobs")
    if isinstance(jobs, Mapping):
        for step_key, step in entries(jobs)[: MAX_VALUES_PER_FILE * 4]:
            if isinstance(resolve(step), Mapping) and key_text(step_key):
                job_facts(step)
                reference = _string(_get(step, "component"))
                if reference and local_path_of(reference) and len(components) < MAX_VALUES_PER_FILE:
                    components.append(reference)
    return FileFacts(frozenset(computes), frozenset(environments), frozenset(experiments), frozenset(components))


def facts_of_source(source: str | bytes | Refused | None, max_bytes: int = MAX_FILE_BYTES) -> FileFacts | None:
    """Facts of a file's content (None: not a job file, too large, unread, or no content).
    Never raises."""
    if source is None or isinstance(source, Refused):
        return None
    try:
        if len(source) > max_bytes:
            return None
        return extract(parse(source))
    except Exception:  # the core is total; this guards the index against its own bugs too
        return None


# --- the index -------------------------------------------------------------------------------


class WorkspaceIndex:
    """Values used by the job files under a set of root folders. Thread-safe: the server may
    scan in a worker thread while the editor's changes arrive through `update()`; updates
    made during a scan are kept over what the scan read from disk."""

    def __init__(
        self,
        roots: Iterable[str | os.PathLike[str]],
        *,
        max_files: int = MAX_FILES,
        max_file_bytes: int = MAX_FILE_BYTES,
        max_dir_entries: int = MAX_DIR_ENTRIES,
        scan_seconds: float = SCAN_SECONDS,
    ):
        self.roots: list[str] = []
        for root in roots:
            key = path_key(root)
            if key not in self.roots:
                self.roots.append(key)
        self.max_files = max_files
        self.max_file_bytes = max_file_bytes
        self.max_dir_entries = max_dir_entries
        self.scan_seconds = scan_seconds
        self._lock = threading.RLock()
        self._files: dict[str, FileFacts] = {}
        self._users: dict[str, dict[str, set[str]]] = {kind: {} for kind in KINDS}
        self._cache: dict[str, list[Usage]] = {}
        self._pending: dict[str, FileFacts | None] | None = None  # updates during a scan
        # What the last scan did (for logs): files read, job files kept, and whether a bound
        # stopped it ("files", "entries", "time") or None.
        self.files_read = 0
        self.truncated: str | None = None

    # --- building ----------------------------------------------------------------------------
    def scan(self) -> None:
        """(Re)build the index from the files on disk under the roots. Bounded; never raises."""
        with self._lock:
            self._pending = {}
        files: dict[str, FileFacts] = {}
        read = 0
        truncated = None
        deadline = time.monotonic() + self.scan_seconds
        seen_real: set[str] = set()
        entries_left = [self.max_dir_entries]
        try:
            for root in self.roots:
                for path in self._walk(root, entries_left, deadline):
                    if read >= self.max_files:
                        truncated = "files"
                        break
                    if time.monotonic() > deadline:
                        truncated = "time"
                        break
                    try:
                        real = os.path.realpath(path)
                    except (OSError, ValueError):
                        continue
                    if real in seen_real:  # nested roots, or a file linked twice
                        continue
                    seen_real.add(real)
                    read += 1
                    facts = facts_of_source(read_bounded(path, self.max_file_bytes), self.max_file_bytes)
                    if facts is not None:
                        files[path_key(path)] = facts
                if truncated:
                    break
            if not truncated and entries_left[0] < 0:
                truncated = "entries"
            if not truncated and time.monotonic() > deadline:
                truncated = "time"
        except Exception:  # pragma: no cover - the walk and the reads are guarded already
            truncated = truncated or "error"
        with self._lock:
            pending, self._pending = self._pending or {}, None
            self._files = {}
            self._users = {kind: {} for kind in KINDS}
            for key, facts in files.items():
                self._add(key, facts)
            for key, facts in pending.items():  # the editor's view wins over the disk's
                self._set(key, facts)
            self.files_read = read
            self.truncated = truncated
            self._cache.clear()

    def update(self, path: str | os.PathLike[str], text: str | bytes | None) -> None:
        """Re-index one file from its new content (None: the file was deleted, or is no
        longer to be indexed). Cheap: only that file's contribution changes. Never raises."""
        try:
            key = path_key(path)
        except (TypeError, ValueError):
            return
        facts = facts_of_source(text, self.max_file_bytes)
        with self._lock:
            if self._pending is not None:
                self._pending[key] = facts
            self._set(key, facts)

    def _set(self, key: str, facts: FileFacts | None) -> None:
        old = self._files.get(key)
        if old == facts:
            return
        if old is not None:
            self._remove(key, old)
        if facts is not None and len(self._files) < self.max_files:
            self._add(key, facts)
        self._cache.clear()

    def _add(self, key: str, facts: FileFacts) -> None:
        self._files[key] = facts
        for kind in KINDS:
            users = self._users[kind]
            for value in facts.of(kind):
                users.setdefault(value, set()).add(key)

    def _remove(self, key: str, facts: FileFacts) -> None:
        del self._files[key]
        for kind in KINDS:
            users = self._users[kind]
            for value in facts.of(kind):
                holders = users.get(value)
                if holders is not None:
                    holders.discard(key)
                    if not holders:
                        del users[value]

    def _walk(self, root: str, entries_left: list[int], deadline: float) -> Iterator[str]:
        """YAML files under a folder (or the root itself if it is a YAML file), in sorted
        order, skipping files.SKIP_DIRS, not following links to folders, within the bounds."""
        if os.path.isfile(root):
            if root.lower().endswith(YAML_SUFFIXES):
                yield root
            return
        stack = [root]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as it:
                    found = []
                    for entry in it:
                        entries_left[0] -= 1
                        if entries_left[0] < 0:
                            break
                        found.append(entry)
            except (OSError, ValueError):
                continue
            if time.monotonic() > deadline:
                return
            folders, files = [], []
            for entry in found:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name not in SKIP_DIRS:
                            folders.append(entry.path)
                    elif entry.name.lower().endswith(YAML_SUFFIXES):
                        files.append(entry.path)
                except OSError:
                    continue
            yield from sorted(files)
            if entries_left[0] < 0:
                return
            stack.extend(sorted(folders, reverse=True))  # visited in sorted order

    # --- reading -----------------------------------------------------------------------------
    def computes(self) -> list[Usage]:
        """Compute names (bare), most used first."""
        return self._usages(COMPUTES)

    def environments(self) -> list[Usage]:
        """Environment references as written (`azureml:name:version`...), most used first."""
        return self._usages(ENVIRONMENTS)

    def experiments(self) -> list[Usage]:
        """Experiment names, most used first."""
        return self._usages(EXPERIMENTS)

    def component_users(self, component: str | os.PathLike[str]) -> list[str]:
        """The indexed job files (keys) with a step that runs this local component file."""
        target = path_key(component)
        with self._lock:
            return sorted(
                holder
                for reference, holders in self._users[COMPONENTS].items()
                for holder in holders
                if path_key(os.path.join(os.path.dirname(holder), local_path_of(reference) or "")) == target
            )

    def facts(self, path: str | os.PathLike[str]) -> FileFacts | None:
        """What an indexed file contributes (None: not indexed)."""
        with self._lock:
            return self._files.get(path_key(path))

    def __len__(self) -> int:
        """The number of job files indexed."""
        with self._lock:
            return len(self._files)

    def _usages(self, kind: str) -> list[Usage]:
        with self._lock:
            cached = self._cache.get(kind)
            if cached is None:
                cached = sorted(
                    (Usage(name, len(holders), tuple(sorted(holders))) for name, holders in self._users[kind].items()),
                    key=lambda u: (-u.count, u.name.lower(), u.name),
                )
                self._cache[kind] = cached
            return list(cached)


def index_folders(roots: Iterable[str | Path], **bounds) -> WorkspaceIndex:
    """A scanned index of the given folders (a convenience for scripts and tests)."""
    index = WorkspaceIndex(roots, **bounds)
    index.scan()
    return index
