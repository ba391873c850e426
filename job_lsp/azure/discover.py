"""Which Azure ML workspace a job file belongs to, in this order:

1. the settings (`jobLsp.azure.workspace`, `.resourceGroup`, `.subscription`; or
   `job-lsp check --workspace NAME --resource-group G`);
2. the Azure CLI's defaults (`az configure --list-defaults`: `workspace` and `group`);
3. an Azure ML `config.json` in the file's folder or a folder above it (also in a `.azureml`
   folder there), as `MLClient.from_config` finds it.

A source that names a workspace without its resource group is passed over. The subscription
may stay empty: the CLI then uses its current one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from typing import Callable

from ..files import Refused, read_bounded
from .runner import AzResult
from .shapes import ShapeError, read_config_json, read_defaults

MAX_CONFIG_BYTES = 64 * 1024
MAX_LEVELS = 64  # folders walked up looking for config.json
# What Azure allows in these names; anything else is not passed to `az` as an argument.
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.()-]{0,89}$")


@dataclass(frozen=True)
class WorkspaceRef:
    workspace: str
    resource_group: str
    subscription: str = ""
    source: str = ""  # where it was found, for the log: "settings", "az defaults", a path

    def key(self) -> str:
        """A file-name-safe key of the workspace (for its cache file)."""
        ident = f"{self.subscription.lower()}/{self.resource_group.lower()}/{self.workspace.lower()}"
        safe = re.sub(r"[^a-z0-9_-]", "_", self.workspace.lower())[:40]
        return f"{safe}-{hashlib.sha256(ident.encode()).hexdigest()[:16]}"

    def args(self) -> list[str]:
        """The `az ml` arguments naming it."""
        args = ["--workspace-name", self.workspace, "--resource-group", self.resource_group]
        return args + (["--subscription", self.subscription] if self.subscription else [])

    def label(self) -> str:
        return f"{self.workspace} (resource group {self.resource_group}, from {self.source})"


def workspace_ref(workspace: str | None, resource_group: str | None, subscription: str | None = "", source: str = "") -> WorkspaceRef | None:
    """A WorkspaceRef when the names are complete and plausible, else None."""
    workspace, resource_group, subscription = (workspace or "").strip(), (resource_group or "").strip(), (subscription or "").strip()
    if not workspace or not resource_group or not _NAME.match(workspace) or not _NAME.match(resource_group):
        return None
    if subscription and not re.match(r"^[A-Za-z0-9-]{1,64}$", subscription):
        subscription = ""
    return WorkspaceRef(workspace, resource_group, subscription, source)


def from_defaults(result: AzResult) -> WorkspaceRef | None:
    if not result.ok:
        return None
    try:
        defaults = read_defaults(result.data)
    except ShapeError:
        return None
    return workspace_ref(defaults.get("workspace"), defaults.get("group"), "", "az defaults")


def find_config_json(folder: str | os.PathLike[str] | None) -> str | None:
    """The nearest config.json (or .azureml/config.json) at or above `folder`."""
    if not folder:
        return None
    current = os.path.abspath(os.fspath(folder))
    for _ in range(MAX_LEVELS):
        for candidate in (os.path.join(current, "config.json"), os.path.join(current, ".azureml", "config.json")):
            if os.path.isfile(candidate):
                return candidate
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent
    return None


def from_config_json(path: str) -> WorkspaceRef | None:
    """The workspace an Azure ML config.json names (None for any other config.json)."""
    raw = read_bounded(path, MAX_CONFIG_BYTES)
    if isinstance(raw, Refused):
        return None
    try:
        values = read_config_json(json.loads(raw.decode("utf-8-sig")))
    except (OSError, ValueError, ShapeError, RecursionError):
        return None
    return workspace_ref(values.get("workspace_name"), values.get("resource_group"), values.get("subscription_id"), path)


def discover(configured: WorkspaceRef | None, folder: str | None, az_defaults: Callable[[], AzResult] | None) -> WorkspaceRef | None:
    """Settings, then the CLI's defaults, then a config.json above `folder`. `az_defaults`
    runs `az configure --list-defaults` (None: do not ask the CLI)."""
    if configured is not None:
        return configured
    if az_defaults is not None:
        found = from_defaults(az_defaults())
        if found is not None:
            return found
    path = find_config_json(folder)
    return from_config_json(path) if path else None
