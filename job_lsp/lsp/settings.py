"""The server's settings, typed, with defaults. They come from `initializationOptions` and
`workspace/configuration` (section `jobLsp`); a bad value is reported and replaced by its
default, never a crash."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

SECTION = "jobLsp"


@dataclass(frozen=True)
class Settings:
    # Compute targets offered by completion (bare names or `azureml:NAME`), before the
    # workspace's own.
    compute_targets: tuple[str, ...] = ()
    # Environments offered by completion (`azureml:NAME:VERSION`, `azureml:NAME@latest`).
    environments: tuple[str, ...] = ()
    # Glob patterns (matched against the file's path) of files served as job files even
    # when nothing in them says so.
    job_files: tuple[str, ...] = ()
    # Diagnostics on/off.
    validate: bool = True
    # Milliseconds to wait after a change before checking (typing stays fluid).
    diagnostics_delay: int = 200
    format_enable: bool = True
    format_indent: int = 2
    format_reorder_keys: bool = True
    # Leave completion and hover to another YAML server (e.g. Red Hat's) for job files.
    defer_to_yaml_extension: bool = False
    # The Azure ML workspace through the Azure CLI (job_lsp.azure): on when a workspace is
    # known (these settings, `az configure` defaults, or a config.json above the file).
    azure_enable: bool = True
    azure_workspace: str = ""
    azure_resource_group: str = ""
    azure_subscription: str = ""
    azure_cache_minutes: int = 10  # how long what the workspace said is fresh
    azure_timeout_seconds: int = 60  # one `az` call at most
    azure_poll_seconds: float = 5.0  # between two `az ml job show` of a running job


# setting name in the client's JSON -> (attribute, type, check)
_SPEC: dict[str, tuple[str, type, Any]] = {
    "computeTargets": ("compute_targets", list, None),
    "environments": ("environments", list, None),
    "jobFiles": ("job_files", list, None),
    "validate": ("validate", bool, None),
    "diagnosticsDelay": ("diagnostics_delay", int, lambda v: 0 <= v <= 10_000),
    "format.enable": ("format_enable", bool, None),
    "format.indent": ("format_indent", int, lambda v: 2 <= v <= 8),
    "format.reorderKeys": ("format_reorder_keys", bool, None),
    "deferToYamlExtension": ("defer_to_yaml_extension", bool, None),
    "azure.enable": ("azure_enable", bool, None),
    "azure.workspace": ("azure_workspace", str, None),
    "azure.resourceGroup": ("azure_resource_group", str, None),
    "azure.subscription": ("azure_subscription", str, None),
    "azure.cacheMinutes": ("azure_cache_minutes", int, lambda v: 1 <= v <= 1440),
    "azure.timeoutSeconds": ("azure_timeout_seconds", int, lambda v: 5 <= v <= 600),
    "azure.pollSeconds": ("azure_poll_seconds", float, lambda v: 0.05 <= v <= 600),
}


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            name = f"{prefix}{k}"
            if isinstance(v, dict) and name in ("format", "azure"):
                out.update(_flatten(v, name + "."))
            else:
                out[name] = v
    return out


def parse_settings(raw: Any, base: Settings | None = None) -> tuple[Settings, list[str]]:
    """Settings from the client's JSON (the `jobLsp` section, or a dict holding it), and the
    problems found (unknown names, wrong types), each already replaced by the default."""
    base = base or Settings()
    problems: list[str] = []
    if raw is None:
        return base, problems
    if isinstance(raw, dict) and SECTION in raw:
        raw = raw[SECTION]
    if not isinstance(raw, dict):
        return base, [f"{SECTION} settings must be an object, not {type(raw).__name__}; defaults are used"]
    values: dict[str, Any] = {}
    defaults = Settings()
    for name, value in _flatten(raw).items():
        spec = _SPEC.get(name)
        if spec is None:
            problems.append(f"unknown setting {SECTION}.{name} (ignored)")
            continue
        attribute, expected, check = spec
        if value is None:
            continue
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if ok and expected is list:
            ok = all(isinstance(v, str) for v in value)
            value = tuple(value)
        if ok and check is not None and not check(value):
            ok = False
        if not ok:
            problems.append(f"{SECTION}.{name}: {value!r} is not valid; the default {getattr(defaults, attribute)!r} is used")
            continue
        values[attribute] = value
    current = {f.name: getattr(base, f.name) for f in fields(Settings)}
    current.update(values)
    return Settings(**current), problems


def documentation() -> dict[str, str]:
    """Setting name -> its default, for the settings table of docs/server.md (kept honest by a test)."""
    defaults = Settings()
    return {name: repr(getattr(defaults, attribute)) for name, (attribute, _, _) in _SPEC.items()}


__all__ = ["Settings", "parse_settings", "SECTION"]
