"""The on-disk cache of what a workspace has: one JSON file per workspace under the user's
cache folder, each entry stamped with when it was fetched (its lifetime is the provider's
business). Writes are atomic (files.write_atomically), so two servers sharing the
folder never read half a file; a file that cannot be read is an empty cache, never an error.

The folder is the platform's usual one (what the platformdirs library would give; ten lines
here do not need a dependency):
- Linux and others: `$XDG_CACHE_HOME/job-lsp`, else `~/.cache/job-lsp`
- macOS: `~/Library/Caches/job-lsp`
- Windows: `%LOCALAPPDATA%\\job-lsp\\Cache`
`JOB_LSP_CACHE_DIR` overrides it (the tests use it).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from ..files import write_atomically

FORMAT = 1
MAX_CACHE_BYTES = 32 * 1024 * 1024


def user_cache_dir(app: str = "job-lsp") -> Path:
    override = os.environ.get("JOB_LSP_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Local")
        return Path(base) / app / "Cache"
    if sys.platform == "darwin":
        return Path(os.path.expanduser("~/Library/Caches")) / app
    base = os.environ.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):
        base = os.path.expanduser("~/.cache")
    return Path(base) / app


class DiskCache:
    """`entries`: key ("computes", "environments", "environments/NAME"...) ->
    {"fetched_at": epoch seconds, "items": [plain dicts]}."""

    def __init__(self, folder: Path, workspace_key: str):
        self.path = Path(folder) / f"workspace-{workspace_key}.json"

    def load(self) -> dict[str, dict[str, Any]]:
        try:
            if self.path.stat().st_size > MAX_CACHE_BYTES:
                return {}
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
            return {}
        entries = {}
        for key, entry in data["entries"].items():
            if isinstance(entry, dict) and isinstance(entry.get("fetched_at"), (int, float)) and isinstance(entry.get("items"), list):
                entries[key] = entry
        return entries

    def save(self, entries: dict[str, dict[str, Any]]) -> bool:
        """Write all entries at once; False (and nothing changed) when the folder is not writable."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, json.dumps({"format": FORMAT, "entries": entries}).encode("utf-8"))
            return True
        except (OSError, TypeError, ValueError):
            return False
