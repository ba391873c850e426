"""The workspace as the language server sees it: which workspace serves a file (discovered
once in the background, then per folder), one Provider per workspace, and the three things
a request asks of them, each answered from memory at once: completion items, a hover, and
`unknown-asset` warnings. Nothing here blocks on `az`.

Off (no provider, no `az` call) when `enable` is false or no workspace is known: settings,
the CLI's defaults and a config.json above the file all name none.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..complete import Item
from ..diagnose import suppress
from ..yamldoc import Document, Problem
from . import values
from .cache import user_cache_dir
from .discover import WorkspaceRef, discover, find_config_json, from_config_json, workspace_ref
from .provider import DEFAULT_LIFETIME, Provider
from .runner import DEFAULT_TIMEOUT, AzResult, run_az

MAX_FOLDERS = 1_000  # folders whose config.json lookup is remembered


@dataclass(frozen=True)
class AzureSettings:
    enable: bool = True
    workspace: str = ""
    resource_group: str = ""
    subscription: str = ""
    cache_seconds: float = DEFAULT_LIFETIME
    timeout_seconds: float = DEFAULT_TIMEOUT

    def configured(self) -> WorkspaceRef | None:
        return workspace_ref(self.workspace, self.resource_group, self.subscription, "settings")


class WorkspaceSession:
    def __init__(
        self,
        settings: AzureSettings,
        *,
        cache_folder: str | Path | None = None,
        run: Callable[..., AzResult] = run_az,
        clock: Callable[[], float] = time.time,
        on_change: Callable[[], None] | None = None,
        on_status: Callable[[str, str], None] | None = None,
    ):
        self.settings = settings
        self.cache_folder = Path(cache_folder) if cache_folder is not None else user_cache_dir()
        self._run = run
        self._clock = clock
        self.on_change = on_change
        self.on_status = on_status  # (workspace label, message); message "" when all is well
        self._lock = threading.Lock()
        self._global: WorkspaceRef | None = settings.configured()
        self._global_done = self._global is not None or not settings.enable
        self._folders: dict[str, WorkspaceRef | None] = {}
        self._providers: dict[str, Provider] = {}
        self.closed = False

    def start(self) -> None:
        """Ask the CLI for its defaults in the background (settings name none)."""
        if self._global_done or self.closed:
            return

        def work() -> None:
            self.discover_now()
            if self._global is not None and self.on_change is not None and not self.closed:
                self.on_change()

        threading.Thread(target=work, name="job-lsp-az-defaults", daemon=True).start()

    def discover_now(self) -> None:
        """Ask the CLI for its defaults and wait (the command line's way)."""
        if self._global_done or self.closed:
            return
        found = discover(None, None, lambda: self._run(["configure", "--list-defaults"], timeout=self.settings.timeout_seconds))
        with self._lock:
            self._global, self._global_done = found, True

    def workspace_for(self, path: str | None) -> WorkspaceRef | None:
        if not self.settings.enable or self.closed:
            return None
        with self._lock:
            if self._global is not None:
                return self._global
        folder = os.path.dirname(os.path.abspath(path)) if path else None
        if folder is None:
            return None
        with self._lock:
            if folder in self._folders:
                return self._folders[folder]
        config = find_config_json(folder)
        found = from_config_json(config) if config else None
        with self._lock:
            if len(self._folders) >= MAX_FOLDERS:
                self._folders.clear()
            self._folders[folder] = found
        return found

    def provider_for(self, path: str | None) -> Provider | None:
        ref = self.workspace_for(path)
        if ref is None:
            return None
        with self._lock:
            provider = self._providers.get(ref.key())
            if provider is None:
                label = ref.label()
                provider = Provider(
                    ref,
                    self.cache_folder,
                    lifetime=self.settings.cache_seconds,
                    timeout=self.settings.timeout_seconds,
                    run=self._run,
                    clock=self._clock,
                    on_change=self.on_change,
                    on_status=(lambda message, label=label: self.on_status(label, message)) if self.on_status else None,
                )
                self._providers[ref.key()] = provider
            return provider

    # --- what requests ask -----------------------------------------------------------------
    def completions(self, path: str | None, text: str, line: int, column: int, locale: str = "en") -> list[Item]:
        provider = self.provider_for(path)
        if provider is None:
            return []
        return values.completions(text, line, column, provider.snapshot, locale)

    def hover(self, path: str | None, doc: Document, offset: int, locale: str = "en") -> tuple[str, int, int] | None:
        provider = self.provider_for(path)
        if provider is None:
            return None
        refs = values.references(doc)
        if not any(r.start <= offset <= r.end for r in refs):
            return None
        snapshot = provider.snapshot(values.wanted_keys(refs, provider.snapshot([r.kind for r in refs])))
        return values.hover(refs, offset, snapshot, provider.workspace.workspace, locale)

    def problems(self, path: str | None, doc: Document) -> list[Problem]:
        provider = self.provider_for(path)
        if provider is None:
            return []
        refs = values.references(doc)
        if not refs:
            return []
        snapshot = provider.snapshot(values.wanted_keys(refs, provider.snapshot([r.kind for r in refs])))
        return suppress(doc, values.unknown_assets(refs, snapshot, provider.workspace.workspace))

    def close(self) -> None:
        self.closed = True
        with self._lock:
            for provider in self._providers.values():
                provider.close()


def problems_now(provider: Provider, doc: Document) -> list[Problem]:
    """`unknown-asset` warnings after fetching what is stale (waiting for `az`): for
    `job-lsp check --workspace`, where nothing else waits. Fresh keys cost no call."""
    refs = values.references(doc)
    if not refs:
        return []
    snapshot = provider.fetch_now(dict.fromkeys(r.kind for r in refs))
    snapshot = provider.fetch_now(values.wanted_keys(refs, snapshot))
    return suppress(doc, values.unknown_assets(refs, snapshot, provider.workspace.workspace))
