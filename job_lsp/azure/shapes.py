"""The JSON the Azure CLI's `ml` extension prints (`-o json`), read in ONE place.

Each reader takes what `json.loads` gave and returns plain dataclasses, or raises ShapeError
when the shape is not the documented one (the provider then logs it once and knows nothing).
Only the fields below are read; anything else the CLI adds is ignored, and a missing
optional field is empty.

Where the shapes come from (the CLI prints the SDK entity's YAML form, so each command's
fields are those of the YAML reference of its asset, plus read-only ones such as
`creation_context` and `id`):

- computes: `az ml compute list`
  https://learn.microsoft.com/cli/azure/ml/compute#az-ml-compute-list ; fields from
  https://learn.microsoft.com/azure/machine-learning/reference-yaml-compute-aml (`name`,
  `type`, `size`, `min_instances`, `max_instances`, `location`, `provisioning_state`) and
  reference-yaml-compute-instance (`state` of an instance).
- environments, data, models, components: `az ml <kind> list` lists one entry per name with
  its `latest_version`; `az ml <kind> list --name NAME` lists that name's versions, each with
  `version` (https://learn.microsoft.com/cli/azure/ml/environment#az-ml-environment-list,
  .../ml/data#az-ml-data-list, .../ml/model#az-ml-model-list,
  .../ml/component#az-ml-component-list); fields `name`, `version`, `description`, `type`
  (data: uri_file, uri_folder, mltable; model: custom_model, mlflow_model, triton_model;
  component: command, pipeline...) and `creation_context` {`created_at`, `created_by`}
  (reference-yaml-environment, -data, -model, -component-command).
- a job: `az ml job create --file F` and `az ml job show --name N` print the job
  (https://learn.microsoft.com/cli/azure/ml/job#az-ml-job-show): `name`, `status`, `id`,
  `creation_context`, `services.Studio.endpoint` (the studio URL: the azureml-examples
  scripts read it with `--query services.Studio.endpoint`), and `log_files` when present.
- defaults: `az configure --list-defaults` prints `[{"name", "source", "value"}]`
  (https://learn.microsoft.com/cli/azure/reference-index#az-configure); Azure ML's docs set
  `group` and `workspace` there (`az configure --defaults group=G workspace=W`).
- an Azure ML `config.json` (what `MLClient.from_config` reads):
  `{"subscription_id", "resource_group", "workspace_name"}`
  (https://learn.microsoft.com/azure/machine-learning/how-to-configure-environment#local-and-dsvm-only-create-a-workspace-configuration-file).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..load import job_from_service
from ..model import Job

COMPUTES = "computes"
ENVIRONMENTS = "environments"
DATA = "data"
MODELS = "models"
COMPONENTS = "components"
ASSET_KINDS = (ENVIRONMENTS, DATA, MODELS, COMPONENTS)
KINDS = (COMPUTES, *ASSET_KINDS)

# The `az ml` command group of each kind.
GROUPS = {COMPUTES: "compute", ENVIRONMENTS: "environment", DATA: "data", MODELS: "model", COMPONENTS: "component"}
# What a kind is called in messages.
SINGULAR = {COMPUTES: "compute", ENVIRONMENTS: "environment", DATA: "data asset", MODELS: "model", COMPONENTS: "component"}

MAX_ITEMS = 10_000  # a list longer than this is cut (a workspace with more is not served whole)
MAX_TEXT = 2_000  # descriptions longer than this are cut


class ShapeError(ValueError):
    """The CLI printed JSON of a shape we do not know."""


@dataclass(frozen=True)
class Compute:
    name: str
    type: str = ""  # amlcompute, computeinstance, kubernetes...
    size: str = ""  # the VM size
    min_instances: int | None = None
    max_instances: int | None = None
    state: str = ""  # an instance's state (Running, Stopped), else the provisioning state
    location: str = ""

    def summary(self) -> str:
        """One line for a completion's detail: `STANDARD_DS3_V2 · 0-4 nodes · Succeeded`."""
        parts = [self.size or self.type]
        if self.min_instances is not None or self.max_instances is not None:
            parts.append(f"{self.min_instances or 0}-{self.max_instances if self.max_instances is not None else '?'} nodes")
        if self.state:
            parts.append(self.state)
        return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class Asset:
    """One name of an asset kind (from `list`: `version` is its latest), or one version of it
    (from `list --name`)."""

    kind: str
    name: str
    version: str = ""
    type: str = ""
    description: str = ""
    created_at: str = ""
    created_by: str = ""


@dataclass(frozen=True)
class JobInfo:
    """A submitted job: its name, status and studio URL, and the Job entity they come from
    (load.job_from_service: the one reading of what the service says of a job)."""

    name: str
    status: str
    studio_url: str
    job: Job


def to_plain(item: Compute | Asset) -> dict:
    return asdict(item)


def from_plain(kind: str, data: Any) -> Compute | Asset:
    """Back from the on-disk cache (which holds `to_plain` dicts)."""
    if not isinstance(data, dict):
        raise ShapeError("a cached item is not an object")
    try:
        return Compute(**data) if kind == COMPUTES else Asset(**data)
    except TypeError as exc:
        raise ShapeError(f"a cached item does not fit: {exc}") from None


# --- readers -------------------------------------------------------------------------------


def _text(item: dict, key: str) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ShapeError(f"`{key}` is {type(value).__name__}, not text")
    return str(value)[:MAX_TEXT]


def _int(item: dict, key: str) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ShapeError(f"`{key}` is {type(value).__name__}, not a number")
    try:
        return int(value)
    except ValueError:
        raise ShapeError(f"`{key}` is {value!r}, not a number") from None


def _items(data: Any, what: str) -> list[dict]:
    if not isinstance(data, list):
        raise ShapeError(f"{what}: expected a JSON list, got {type(data).__name__}")
    items = [item for item in data[:MAX_ITEMS]]
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
            raise ShapeError(f"{what}: an item has no `name`")
    return items


def _created(item: dict) -> tuple[str, str]:
    context = item.get("creation_context")
    if context is None:
        return "", ""
    if not isinstance(context, dict):
        raise ShapeError("`creation_context` is not an object")
    return _text(context, "created_at"), _text(context, "created_by")


def read_computes(data: Any) -> list[Compute]:
    """`az ml compute list`."""
    out = []
    for item in _items(data, "az ml compute list"):
        out.append(
            Compute(
                name=item["name"],
                type=_text(item, "type"),
                size=_text(item, "size"),
                min_instances=_int(item, "min_instances"),
                max_instances=_int(item, "max_instances"),
                state=_text(item, "state") or _text(item, "provisioning_state"),
                location=_text(item, "location"),
            )
        )
    return out


def read_assets(kind: str, data: Any) -> list[Asset]:
    """`az ml <kind> list` (one per name, `latest_version`) or `list --name N` (its versions)."""
    if kind not in ASSET_KINDS:
        raise ShapeError(f"unknown asset kind {kind!r}")
    out = []
    for item in _items(data, f"az ml {GROUPS[kind]} list"):
        created_at, created_by = _created(item)
        out.append(
            Asset(
                kind=kind,
                name=item["name"],
                version=_text(item, "version") or _text(item, "latest_version"),
                type=_text(item, "type"),
                description=_text(item, "description"),
                created_at=created_at,
                created_by=created_by,
            )
        )
    return out


def read(kind: str, data: Any) -> list[Compute | Asset]:
    return list(read_computes(data)) if kind == COMPUTES else list(read_assets(kind, data))


def read_job(data: Any) -> JobInfo:
    """`az ml job create` / `az ml job show`."""
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"]:
        raise ShapeError("az ml job: expected a JSON object with a `name`")
    try:
        job = job_from_service(data)
    except ValueError as exc:
        raise ShapeError(f"az ml job: {exc}") from None
    status, url = job.status, job.studio_url
    if not isinstance(status, (str, type(None))) or not isinstance(url, (str, type(None))):
        raise ShapeError("az ml job: `status` or the studio URL is not text")
    return JobInfo(data["name"], status or "", url or "", job)


def read_defaults(data: Any) -> dict[str, str]:
    """`az configure --list-defaults`: name -> value (`group`, `workspace`, `location`...)."""
    if not isinstance(data, list):
        raise ShapeError("az configure --list-defaults: expected a JSON list")
    out: dict[str, str] = {}
    for item in data:
        if isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("value"), str):
            out[item["name"]] = item["value"]
    return out


def read_config_json(data: Any) -> dict[str, str]:
    """An Azure ML config.json: subscription_id, resource_group, workspace_name (those given)."""
    if not isinstance(data, dict):
        raise ShapeError("config.json: expected a JSON object")
    return {k: data[k] for k in ("subscription_id", "resource_group", "workspace_name") if isinstance(data.get(k), str) and data[k]}
