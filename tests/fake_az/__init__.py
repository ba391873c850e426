"""Drive the stand-in `az` (tests/fake_az/az): a workspace in the real CLI's JSON shapes,
written to a config file the fake reads on every call, and the log of the calls it got."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent


def created(when: str, who: str = "Test User") -> dict:
    return {"created_at": when, "created_by": who, "created_by_type": "User"}


# A small workspace, in the fields the YAML reference pages document (see tests/fake_az/az).
WORKSPACE: dict[str, Any] = {
    "computes": [
        {"name": "cpu-cluster", "type": "amlcompute", "size": "STANDARD_DS3_V2", "min_instances": 0, "max_instances": 4, "tier": "dedicated", "idle_time_before_scale_down": 120},
        {"name": "gpu-cluster", "type": "amlcompute", "size": "STANDARD_NC6S_V3", "min_instances": 0, "max_instances": 2, "tier": "dedicated"},
        {"name": "my-instance", "type": "computeinstance", "size": "STANDARD_DS11_V2", "state": "Running"},
    ],
    "assets": {
        "environments": {
            "team-env": [
                {"version": "1", "image": "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04", "description": "First try", "creation_context": created("2026-01-05T10:00:00Z")},
                {"version": "2", "image": "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04", "description": "With pandas", "creation_context": created("2026-02-05T10:00:00Z")},
                {"version": "3", "image": "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04", "description": "Team training image", "creation_context": created("2026-03-05T10:00:00Z", "Ada Lovelace")},
            ],
            "sklearn-env": [{"version": "7", "description": "scikit-learn 1.5", "creation_context": created("2026-04-01T08:00:00Z")}],
        },
        "data": {
            "iris-csv": [
                {"version": "1", "type": "uri_file", "path": "azureml://datastores/workspaceblobstore/paths/iris.csv", "description": "The iris data set", "creation_context": created("2026-01-01T00:00:00Z")},
                {"version": "2", "type": "uri_file", "path": "azureml://datastores/workspaceblobstore/paths/iris2.csv", "description": "The iris data set, cleaned", "creation_context": created("2026-02-01T00:00:00Z")},
            ],
        },
        "models": {"iris-model": [{"version": "4", "type": "mlflow_model", "description": "A trained classifier", "creation_context": created("2026-03-01T00:00:00Z")}]},
        "components": {"train-step": [{"version": "1", "type": "command", "description": "Trains a model", "creation_context": created("2026-01-10T00:00:00Z")}]},
    },
    "defaults": {"group": "rg", "workspace": "ws"},
}


class FakeAz:
    """`setup(env)` puts the fake first on PATH in `env` (a dict or os.environ through
    monkeypatch), with its config, log and job-lsp's cache folder under `folder`."""

    def __init__(self, folder: Path, workspace: dict | None = None):
        self.folder = folder
        self.config_path = folder / "fake-az.json"
        self.log_path = folder / "fake-az.log"
        self.cache_dir = folder / "cache"
        self.write(json.loads(json.dumps(workspace if workspace is not None else WORKSPACE)))

    def write(self, config: dict) -> None:
        self.config = config
        tmp = self.config_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(config))
        os.replace(tmp, self.config_path)

    def update(self, **changes: Any) -> None:
        self.write({**self.config, **changes})

    def env(self, base: dict[str, str] | None = None, with_az: bool = True) -> dict[str, str]:
        env = dict(os.environ if base is None else base)
        path = env.get("PATH", "")
        env["PATH"] = os.pathsep.join([str(FOLDER), path]) if with_az else path
        env["FAKE_AZ_CONFIG"] = str(self.config_path)
        env["FAKE_AZ_LOG"] = str(self.log_path)
        env["JOB_LSP_CACHE_DIR"] = str(self.cache_dir)
        return env

    def calls(self) -> list[dict]:
        if not self.log_path.exists():
            return []
        return [json.loads(line) for line in self.log_path.read_text().splitlines() if line.strip()]

    def alive(self) -> list[int]:
        """The fakes started that still run (Linux: a zombie waiting to be reaped is over)."""
        pids_file = Path(f"{self.log_path}.pids")
        pids = [int(p) for p in pids_file.read_text().split()] if pids_file.exists() else []
        alive = []
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if state != "Z":
                alive.append(pid)
        return alive

    def commands(self) -> list[str]:
        return [" ".join(a for a in c["argv"] if not a.startswith("-") and a not in ("json",)) for c in self.calls()]
