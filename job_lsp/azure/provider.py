"""What a workspace has, answered at once from memory (loaded from the disk cache), refreshed
in the background: a request never waits for the CLI.

Keys: a kind ("computes", "environments", "data", "models", "components": `az ml KIND list`)
or "KIND/NAME" (the versions of one asset: `az ml KIND list --name NAME`).

- `snapshot(keys)` returns what is known of each key, with whether it is fresh (fetched less
  than `lifetime` seconds ago), and queues a refresh of the keys that are stale or unknown.
- Refreshes run in worker threads, at most one `az` call per kind at a time (a kind's keys
  queue behind each other); every call has a timeout. When one finishes, `on_change()` is
  called (from that thread), so the caller can look again.
- A failure keeps what was known (stale: used for completion, not for warnings), is
  reported once through `on_status(message)` (not once per request), and that key is not
  asked again for `retry_after` seconds (for the whole lifetime when the failure lasts: no
  `az`, signed out, no `ml` extension).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .cache import DiskCache
from .discover import WorkspaceRef
from .runner import DEFAULT_TIMEOUT, AzResult, run_az
from .shapes import ASSET_KINDS, GROUPS, KINDS, Asset, Compute, ShapeError, from_plain, read, to_plain

DEFAULT_LIFETIME = 600.0
RETRY_AFTER = 60.0
MAX_VERSION_KEYS = 500  # names whose versions are kept (each costs one call)

Runner = Callable[..., AzResult]


@dataclass(frozen=True)
class Entry:
    items: tuple[Compute | Asset, ...]
    fetched_at: float
    fresh: bool


Snapshot = dict  # key -> Entry (keys never fetched are absent)


def kind_of(key: str) -> str:
    return key.split("/", 1)[0]


def command_for(key: str, workspace: WorkspaceRef) -> list[str]:
    kind, _, name = key.partition("/")
    args = ["ml", GROUPS[kind], "list"]
    if name:
        args += ["--name", name]
    return args + workspace.args()


def valid_key(key: str) -> bool:
    kind, slash, name = key.partition("/")
    if kind not in KINDS:
        return False
    return not slash or (kind in ASSET_KINDS and 0 < len(name) <= 255 and not name.startswith("-") and "\n" not in name)


class Provider:
    def __init__(
        self,
        workspace: WorkspaceRef,
        cache_folder: str | Path,
        *,
        lifetime: float = DEFAULT_LIFETIME,
        timeout: float = DEFAULT_TIMEOUT,
        retry_after: float = RETRY_AFTER,
        run: Runner = run_az,
        clock: Callable[[], float] = time.time,
        on_change: Callable[[], None] | None = None,
        on_status: Callable[[str], None] | None = None,
    ):
        self.workspace = workspace
        self.lifetime = lifetime
        self.timeout = timeout
        self.retry_after = retry_after
        self._run = run
        self._clock = clock
        self.on_change = on_change
        self.on_status = on_status
        self._disk = DiskCache(Path(cache_folder), workspace.key())
        self._lock = threading.Lock()
        self._disk_lock = threading.Lock()
        self._raw = self._disk.load()  # key -> {"fetched_at", "items": [plain]}
        self._decoded: dict[str, tuple[float, tuple]] = {}
        self._queued: dict[str, list[str]] = {}  # kind -> keys waiting
        self._busy: set[str] = set()  # kinds with a worker running
        self._failed: dict[str, tuple[float, bool]] = {}  # key -> (when, lasting)
        self._workers: list[threading.Thread] = []
        self.status = ""  # the last failure, "" when the last call succeeded
        self.calls = 0  # `az` calls made (for tests and logs)
        self.closed = False

    # --- reading ---------------------------------------------------------------------------
    def snapshot(self, keys: Iterable[str], refresh: bool = True) -> Snapshot:
        now = self._clock()
        out: Snapshot = {}
        stale: list[str] = []
        with self._lock:
            for key in dict.fromkeys(keys):
                if not valid_key(key):
                    continue
                entry = self._entry(key, now)
                if entry is not None:
                    out[key] = entry
                if entry is None or not entry.fresh:
                    stale.append(key)
        if refresh:
            for key in stale:
                self.refresh(key)
        return out

    def _entry(self, key: str, now: float) -> Entry | None:
        raw = self._raw.get(key)
        if raw is None:
            return None
        fetched_at = float(raw["fetched_at"])
        decoded = self._decoded.get(key)
        if decoded is None or decoded[0] != fetched_at:
            items = []
            for plain in raw["items"]:
                try:
                    items.append(from_plain(kind_of(key), plain))
                except ShapeError:
                    continue
            decoded = (fetched_at, tuple(items))
            self._decoded[key] = decoded
        return Entry(decoded[1], fetched_at, 0 <= now - fetched_at < self.lifetime)

    # --- refreshing ------------------------------------------------------------------------
    def refresh(self, key: str) -> bool:
        """Queue a background refresh of `key` (True), unless one is queued or running, the
        key failed lately, or the provider is closed (False). Never blocks."""
        if not valid_key(key) or self.closed:
            return False
        kind = kind_of(key)
        now = self._clock()
        with self._lock:
            failed = self._failed.get(key) or self._failed.get(kind)
            if failed is not None:
                when, lasting = failed
                if now - when < (self.lifetime if lasting else self.retry_after):
                    return False
            queue = self._queued.setdefault(kind, [])
            if key in queue or (key != kind and key not in self._raw and sum("/" in k for k in self._raw) >= MAX_VERSION_KEYS):
                return False
            queue.append(key)
            if kind in self._busy:
                return True
            self._busy.add(kind)
            worker = threading.Thread(target=self._work, args=(kind,), name=f"job-lsp-az-{kind}", daemon=True)
            self._workers = [w for w in self._workers if w.is_alive()] + [worker]
        worker.start()
        return True

    def _work(self, kind: str) -> None:
        while True:
            with self._lock:
                queue = self._queued.get(kind) or []
                if not queue or self.closed:
                    self._busy.discard(kind)
                    self._queued.pop(kind, None)
                    return
                key = queue[0]
            try:
                self._fetch(key)
            except Exception as exc:  # pragma: no cover - _fetch guards its steps already
                self._report(f"{key}: {type(exc).__name__}: {exc}")
            with self._lock:
                queue = self._queued.get(kind) or []
                if key in queue:
                    queue.remove(key)

    def _fetch(self, key: str) -> None:
        self.calls += 1
        result = self._run(command_for(key, self.workspace), timeout=self.timeout)
        now = self._clock()
        if result.ok:
            try:
                items = read(kind_of(key), result.data)
            except ShapeError as exc:
                result = AzResult(False, error=f"unexpected JSON from `az {' '.join(command_for(key, self.workspace)[:3])}`: {exc}")
        if not result.ok:
            with self._lock:
                # A lasting failure (no az, signed out) holds for every key of the kind.
                self._failed[kind_of(key) if result.lasting else key] = (now, result.lasting)
            self._report(result.error)
            return
        plain = [to_plain(item) for item in items]
        with self._lock:
            self._raw[key] = {"fetched_at": now, "items": plain}
            self._failed.pop(key, None)
            self._failed.pop(kind_of(key), None)
            known = dict(self._raw)
        # The disk outside the lock: requests read memory meanwhile. Another server may have
        # written other keys since: they are kept.
        with self._disk_lock:
            on_disk = self._disk.load()
            on_disk.update(known)
            self._disk.save(on_disk)
        self._report("")
        if self.on_change is not None and not self.closed:
            try:
                self.on_change()
            except Exception:  # the caller's callback must not kill the worker
                pass

    def _report(self, message: str) -> None:
        if message == self.status:
            return
        self.status = message
        if self.on_status is not None and not self.closed:
            try:
                self.on_status(message)
            except Exception:
                pass

    # --- for the command line and the tests ------------------------------------------------
    def fetch_now(self, keys: Iterable[str]) -> Snapshot:
        """Refresh the stale keys and wait for them (bounded by the timeout of each call):
        what `job-lsp check --workspace` does, where nothing else is waiting."""
        keys = list(keys)
        self.snapshot(keys)
        self.wait_idle(self.timeout * (len(keys) + 1))
        return self.snapshot(keys, refresh=False)

    def wait_idle(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self._busy:
                    return True
            time.sleep(0.01)
        return False

    def close(self) -> None:
        """No more refreshes; running workers finish their call (each bounded) and stop."""
        self.closed = True
