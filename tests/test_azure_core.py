"""The workspace provider's core as plain functions: the CLI's JSON shapes, the runner against
the stand-in `az`, discovery, the disk cache, the background provider (with an in-process
runner the test controls), and completion, hover and warnings from a snapshot."""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest

from fake_az import WORKSPACE, FakeAz
from job_lsp.azure import cache, discover, values
from job_lsp.azure.provider import Entry, Provider
from job_lsp.azure.runner import AzResult, run_az
from job_lsp.azure.shapes import COMPUTES, DATA, ENVIRONMENTS, MODELS, Asset, Compute, ShapeError, read_assets, read_computes, read_job
from job_lsp.yamldoc import parse

WS = discover.WorkspaceRef("ws", "rg", "", "test")


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeAz:
    az = FakeAz(tmp_path)
    for key, value in az.env().items():
        monkeypatch.setenv(key, value)
    return az


# --- shapes ----------------------------------------------------------------------------------


def test_shapes_read_what_the_cli_prints(fake: FakeAz) -> None:
    computes = read_computes(run_az(["ml", "compute", "list", *WS.args()]).data)
    assert [c.name for c in computes] == ["cpu-cluster", "gpu-cluster", "my-instance"]
    assert computes[0].summary() == "STANDARD_DS3_V2 · 0-4 nodes · Succeeded"
    assert computes[2].state == "Running"  # an instance's own state wins over provisioning
    envs = read_assets(ENVIRONMENTS, run_az(["ml", "environment", "list", *WS.args()]).data)
    assert {(a.name, a.version) for a in envs} == {("team-env", "3"), ("sklearn-env", "7")}
    team = next(a for a in envs if a.name == "team-env")
    assert (team.description, team.created_by, team.created_at[:10]) == ("Team training image", "Ada Lovelace", "2026-03-05")
    versions = read_assets(ENVIRONMENTS, run_az(["ml", "environment", "list", "--name", "team-env", *WS.args()]).data)
    assert [a.version for a in versions] == ["3", "2", "1"]


@pytest.mark.parametrize(
    "kind, data",
    [
        (COMPUTES, {"value": []}),
        (ENVIRONMENTS, {"value": []}),
        (COMPUTES, [{"no": "name"}]),
        (DATA, ["text"]),
        (COMPUTES, [{"name": "a", "min_instances": "many"}]),
        (COMPUTES, [{"name": "a", "size": {"x": 1}}]),
        (MODELS, [{"name": "a", "description": ["x"]}]),
        (ENVIRONMENTS, [{"name": "a", "creation_context": "x"}]),
    ],
)
def test_unexpected_shapes_are_refused(kind: str, data: object) -> None:
    with pytest.raises(ShapeError):
        read_computes(data) if kind == COMPUTES else read_assets(kind, data)


def test_a_job_from_show() -> None:
    info = read_job({"name": "j", "status": "Queued", "services": {"Studio": {"endpoint": "https://ml.azure.com/runs/j"}}})
    assert (info.name, info.status, info.studio_url) == ("j", "Queued", "https://ml.azure.com/runs/j")
    assert info.job.status == "Queued" and info.job.studio_url == info.studio_url  # one reading: job_from_service
    for junk in (["j"], {"name": "j", "type": "no-such-type"}, {"name": "j", "status": ["Queued"]}):
        with pytest.raises(ShapeError):
            read_job(junk)


# --- runner ----------------------------------------------------------------------------------


def test_runner_reports_each_failure_in_one_line(fake: FakeAz, monkeypatch: pytest.MonkeyPatch) -> None:
    fake.update(garbage={"ml model list": "<html>Service unavailable</html>"}, fail={"ml data list": "Workspace not found"})
    garbage = run_az(["ml", "model", "list"])
    assert not garbage.ok and "not JSON" in garbage.error and not garbage.lasting
    failed = run_az(["ml", "data", "list"])
    assert not failed.ok and "Workspace not found" in failed.error
    fake.update(signed_out=True)
    signed_out = run_az(["ml", "compute", "list"])
    assert not signed_out.ok and signed_out.lasting and "az login" in signed_out.error
    monkeypatch.setenv("PATH", str(fake.folder))  # no az anywhere
    missing = run_az(["ml", "compute", "list"])
    assert not missing.ok and missing.lasting and "not on PATH" in missing.error


def test_a_hung_az_is_killed_at_the_timeout(fake: FakeAz) -> None:
    fake.update(delay={"ml compute list": 30})
    result = run_az(["ml", "compute", "list"], timeout=0.5)
    assert not result.ok and "did not answer within 0.5 s" in result.error
    # Killed, not left running: the fake logs a call when it ends, and this one never ended.
    assert fake.calls() == []


# --- discovery -------------------------------------------------------------------------------


def test_discovery_order(tmp_path: Path) -> None:
    project = tmp_path / "project" / "jobs"
    project.mkdir(parents=True)
    (tmp_path / "project" / ".azureml").mkdir()
    (tmp_path / "project" / ".azureml" / "config.json").write_text(json.dumps({"subscription_id": "sub-1", "resource_group": "cfg-rg", "workspace_name": "cfg-ws"}))
    defaults = AzResult(True, [{"name": "group", "source": "x", "value": "def-rg"}, {"name": "workspace", "source": "x", "value": "def-ws"}])
    configured = discover.workspace_ref("set-ws", "set-rg", "", "settings")
    assert discover.discover(configured, str(project), lambda: defaults).workspace == "set-ws"
    assert discover.discover(None, str(project), lambda: defaults).workspace == "def-ws"
    found = discover.discover(None, str(project), lambda: AzResult(False, error="no az"))
    assert (found.workspace, found.resource_group, found.subscription) == ("cfg-ws", "cfg-rg", "sub-1")
    # A default without its group is passed over; no config.json: nothing.
    half = AzResult(True, [{"name": "workspace", "source": "x", "value": "def-ws"}])
    assert discover.discover(None, str(tmp_path), lambda: half) is None


@pytest.mark.parametrize("content", ["{", "[]", json.dumps({"workspace_name": "w"}), json.dumps({"workspace_name": "w --debug", "resource_group": "g"}), "\x00\x01"])
def test_a_config_json_that_is_not_one_names_nothing(tmp_path: Path, content: str) -> None:
    (tmp_path / "config.json").write_text(content)
    assert discover.discover(None, str(tmp_path), None) is None


def test_workspace_key_is_a_safe_file_name() -> None:
    key = discover.WorkspaceRef("My.WS(1)", "rg", "sub").key()
    assert key.startswith("my_ws_1_-") and all(c.isalnum() or c in "_-" for c in key)
    assert key != discover.WorkspaceRef("My.WS(1)", "other", "sub").key()


# --- cache -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "platform, env, expected",
    [
        ("linux", {"XDG_CACHE_HOME": "/xdg"}, "/xdg/job-lsp"),
        ("linux", {"XDG_CACHE_HOME": "relative"}, "~/.cache/job-lsp"),
        ("darwin", {}, "~/Library/Caches/job-lsp"),
        ("win32", {"LOCALAPPDATA": "C:/Users/u/AppData/Local"}, "C:/Users/u/AppData/Local/job-lsp/Cache"),
    ],
)
def test_user_cache_dir(monkeypatch: pytest.MonkeyPatch, platform: str, env: dict, expected: str) -> None:
    monkeypatch.delenv("JOB_LSP_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr(sys, "platform", platform)
    assert cache.user_cache_dir() == Path(os.path.expanduser(expected))


def test_disk_cache_round_trip_and_corruption(tmp_path: Path) -> None:
    disk = cache.DiskCache(tmp_path / "c", "ws-1")
    assert disk.load() == {}
    entries = {"computes": {"fetched_at": 5.0, "items": [{"name": "a"}]}}
    assert disk.save(entries) and disk.load() == entries
    for junk in ("{not json", json.dumps({"format": 99, "entries": {}}), json.dumps({"format": 1, "entries": {"computes": {"items": "x"}}})):
        disk.path.write_text(junk)
        assert disk.load() == {}
    (tmp_path / "file").write_text("")
    assert not cache.DiskCache(tmp_path / "file", "x").save(entries)  # a folder that is a file


# --- provider --------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


class ControlledAz:
    """An in-process runner: each call waits until the test releases it, and records how
    many calls of one kind ran at once."""

    def __init__(self, answers: dict[str, object]):
        self.answers = answers
        self.release = threading.Event()
        self.started = threading.Semaphore(0)
        self.lock = threading.Lock()
        self.running: dict[str, int] = {}
        self.most_at_once: dict[str, int] = {}
        self.calls: list[list[str]] = []

    def __call__(self, args: list[str], timeout: float = 0, **_: object) -> AzResult:
        group = args[1]
        with self.lock:
            self.calls.append(list(args))
            self.running[group] = self.running.get(group, 0) + 1
            self.most_at_once[group] = max(self.most_at_once.get(group, 0), self.running[group])
        self.started.release()
        self.release.wait(10)
        with self.lock:
            self.running[group] -= 1
        answer = self.answers.get(" ".join(a for a in args[:5] if not a.startswith("--ws")), self.answers.get(" ".join(args[:3])))
        return answer if isinstance(answer, AzResult) else AzResult(True, answer)


def provider(tmp_path: Path, runner, clock: Clock, **kw) -> Provider:
    return Provider(WS, tmp_path / "cache", run=runner, clock=clock, timeout=5, **kw)


def test_requests_answer_from_the_cache_while_a_refresh_runs(tmp_path: Path) -> None:
    runner = ControlledAz({"ml compute list": [{"name": "cpu-cluster", "size": "S"}]})
    changed = threading.Event()
    clock = Clock()
    p = provider(tmp_path, runner, clock, on_change=changed.set)
    assert p.snapshot([COMPUTES]) == {}  # nothing known yet: an empty answer, at once
    assert runner.started.acquire(timeout=10)  # the refresh is running...
    assert p.snapshot([COMPUTES]) == {}  # ...and a request still answers at once
    runner.release.set()
    assert changed.wait(10)
    entry = p.snapshot([COMPUTES])[COMPUTES]
    assert entry.fresh and [c.name for c in entry.items] == ["cpu-cluster"]
    # Stale after the lifetime: still answered (not fresh), and refreshed in the background.
    clock.now += 601
    changed.clear()
    stale = p.snapshot([COMPUTES])[COMPUTES]
    assert not stale.fresh and [c.name for c in stale.items] == ["cpu-cluster"]
    assert changed.wait(10) and p.snapshot([COMPUTES], refresh=False)[COMPUTES].fresh
    # Another server (or the next session) starts from the disk cache.
    again = provider(tmp_path, ControlledAz({}), clock)
    assert [c.name for c in again.snapshot([COMPUTES], refresh=False)[COMPUTES].items] == ["cpu-cluster"]


def test_one_call_per_kind_at_a_time(tmp_path: Path) -> None:
    answers = {"ml environment list": [{"name": "a", "latest_version": "1"}], "ml environment list --name a": [{"name": "a", "version": "1"}], "ml environment list --name b": [], "ml data list": []}
    runner = ControlledAz(answers)
    p = provider(tmp_path, runner, Clock())
    for _ in range(3):
        p.snapshot([ENVIRONMENTS, "environments/a", "environments/b", DATA])
    for _ in range(2):  # the first of each kind starts; the other environment keys wait
        assert runner.started.acquire(timeout=10)
    runner.release.set()
    assert p.wait_idle(10)
    assert runner.most_at_once == {"environment": 1, "data": 1}
    assert sorted(" ".join(c[:5]) for c in runner.calls) == sorted(
        ["ml environment list --workspace-name ws", "ml environment list --name a", "ml environment list --name b", "ml data list --workspace-name ws"]
    )


def test_failures_are_reported_once_and_not_retried_at_every_request(tmp_path: Path) -> None:
    runner = ControlledAz({"ml compute list": AzResult(False, error="the Azure CLI is not signed in (run `az login`)", lasting=True), "ml model list": {"not": "a list"}})
    runner.release.set()
    statuses: list[str] = []
    clock = Clock()
    p = provider(tmp_path, runner, clock, on_status=statuses.append)
    for _ in range(20):  # twenty keystrokes
        p.snapshot([COMPUTES, MODELS])
        p.wait_idle(10)
    assert len(runner.calls) == 2
    assert any("az login" in s for s in statuses) and any("unexpected JSON" in s for s in statuses)
    assert len(statuses) <= 3  # each message once (plus at most one change between them)
    clock.now += 61  # a passing failure is retried after a minute, a lasting one after the lifetime
    p.snapshot([COMPUTES, MODELS])
    p.wait_idle(10)
    assert [c[1] for c in runner.calls].count("model") == 2 and [c[1] for c in runner.calls].count("compute") == 1
    clock.now += 600
    p.snapshot([COMPUTES])
    p.wait_idle(10)
    assert [c[1] for c in runner.calls].count("compute") == 2


# --- values ----------------------------------------------------------------------------------

PIPELINE = """\
$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
settings:
  default_compute: azureml:cpu-clustr
jobs:
  train:
    type: command
    command: python train.py
    environment: azureml:team-env:9
    compute: azureml:gpu-cluster
    inputs:
      data:
        type: uri_file
        path: azureml:iris-csv:2
      model:
        type: mlflow_model
        path: azureml:iris-modl@latest
  score:
    component: azureml:train-step:1
    inputs:
      raw:
        path: azureml://datastores/workspaceblobstore/paths/raw
"""


def snapshot(fresh: bool = True, versions: bool = False) -> dict:
    def entry(items) -> Entry:
        return Entry(tuple(items), 0.0, fresh)

    snap = {
        COMPUTES: entry(Compute(c["name"], c["type"], c["size"], c.get("min_instances"), c.get("max_instances"), c.get("state", "Succeeded")) for c in WORKSPACE["computes"]),
    }
    for kind, names in WORKSPACE["assets"].items():
        snap[kind] = entry(Asset(kind, name, max(v["version"] for v in vs), description=vs[-1].get("description", "")) for name, vs in names.items())
    if versions:
        snap["environments/team-env"] = entry(Asset(ENVIRONMENTS, "team-env", v["version"]) for v in WORKSPACE["assets"]["environments"]["team-env"])
    return snap


def test_references_of_a_pipeline() -> None:
    assert values.references(parse("command: x\nenvironment: azureml:AzureML-sklearn-1.5@latest\n")) == []  # curated: Azure ML's own
    refs = values.references(parse(PIPELINE))
    assert [(r.kind, r.name, r.version, r.label) for r in refs] == [
        ("computes", "cpu-clustr", None, None),
        ("environments", "team-env", "9", None),
        ("computes", "gpu-cluster", None, None),
        ("data", "iris-csv", "2", None),
        ("models", "iris-modl", None, "latest"),
        ("components", "train-step", "1", None),
    ]
    # Only names the workspace has get their versions asked for, and only off the latest.
    assert values.wanted_keys(refs, snapshot()) == ["computes", "environments", "data", "models", "components", "environments/team-env"]


def test_unknown_assets_only_on_a_fresh_cache() -> None:
    doc = parse(PIPELINE)
    refs = values.references(doc)
    problems = values.unknown_assets(refs, snapshot(), "ws")
    found = {doc.text[p.start : p.end]: p.message for p in problems}
    assert all(p.severity == "warning" and p.code == "unknown-asset" for p in problems)
    assert found == {
        "azureml:cpu-clustr": "The workspace `ws` has no compute `cpu-clustr`; did you mean `cpu-cluster`?",
        "azureml:iris-modl@latest": "The workspace `ws` has no model `iris-modl`; did you mean `iris-model`?",
        "azureml:team-env:9": "The workspace `ws` has no version `9` of environment `team-env` (its newest is `3`)",
    }
    with_versions = values.unknown_assets(refs, snapshot(versions=True), "ws")
    assert "(it has: `3`, `2`, `1`)" in next(p.message for p in with_versions if "team-env" in p.message)
    assert values.unknown_assets(refs, snapshot(fresh=False), "ws") == []


def at(text: str) -> tuple[str, int, int]:
    i = text.index("|")
    return text.replace("|", "", 1), text[:i].count("\n"), len(text[:i].split("\n")[-1])


def labels_at(text: str, snap: dict) -> list[str]:
    items = values.completions(*at(text), lambda keys: {k: snap[k] for k in keys if k in snap})
    return [i.label for i in sorted(items, key=lambda i: i.sort)]


def test_completion_of_workspace_values() -> None:
    snap = snapshot(versions=True)
    assert labels_at("command: x\ncompute: |", snap) == ["azureml:cpu-cluster", "azureml:gpu-cluster", "azureml:my-instance"]
    assert labels_at("command: x\nenvironment: azureml:|", snap)[:4] == ["azureml:sklearn-env@latest", "azureml:sklearn-env:7", "azureml:team-env@latest", "azureml:team-env:3"]
    # After `azureml:NAME:`, every version of it, newest first.
    assert labels_at("command: x\nenvironment: azureml:team-env:|", snap)[2:6] == ["azureml:team-env@latest", "azureml:team-env:3", "azureml:team-env:2", "azureml:team-env:1"]
    assert labels_at("command: x\ninputs:\n  m:\n    type: mlflow_model\n    path: |", snap) == ["azureml:iris-model@latest", "azureml:iris-model:4"]
    assert labels_at("command: x\ninputs:\n  d:\n    path: azureml:|", snap) == ["azureml:iris-csv@latest", "azureml:iris-csv:2"]
    assert labels_at("type: pipeline\njobs:\n  a:\n    component: |", snap) == ["azureml:train-step@latest", "azureml:train-step:1"]
    assert labels_at("command: x\ndisplay_name: |", snap) == []
    assert labels_at("command: x\ncompute: |", {}) == []  # nothing known yet: nothing said


def test_hover_on_a_reference() -> None:
    doc = parse(PIPELINE)
    refs = values.references(doc)
    markdown, start, end = values.hover(refs, doc.text.index("gpu-cluster"), snapshot(), "ws")
    assert doc.text[start:end] == "azureml:gpu-cluster" and "STANDARD_NC6S_V3" in markdown and "0 – 2" in markdown
    markdown, _, _ = values.hover(refs, doc.text.index("train-step"), snapshot(), "ws")
    assert "**train-step** · component, version `1` (the latest)" in markdown and "Trains a model" in markdown
    assert values.hover(refs, doc.text.index("cpu-clustr"), snapshot(), "ws")[0] == "The workspace `ws` has no compute `cpu-clustr`"
    assert values.hover(refs, doc.text.index("cpu-clustr"), snapshot(fresh=False), "ws") is None
    assert values.hover(refs, doc.text.index("python train.py"), snapshot(), "ws") is None


# --- run -------------------------------------------------------------------------------------


def test_run_follows_the_statuses_in_order(fake: FakeAz, tmp_path: Path) -> None:
    from job_lsp.azure import run

    job_file = tmp_path / "job.yml"
    job_file.write_text("command: python train.py\n")
    job, error = run.submit(str(job_file), WS)
    assert error == "" and job.name == "quiet_lamp_0001" and job.studio_url.startswith("https://ml.azure.com/runs/quiet_lamp_0001")
    updates = list(run.follow(job, WS, interval=0.01))
    assert [u.status for u in updates] == ["Starting", "Preparing", "Queued", "Running", "Finalizing", "Completed"]
    assert updates[3].meaning == "The job has started running on the compute target."
    assert updates[-1].done and not updates[0].done


def test_cancel_ends_the_run(fake: FakeAz, tmp_path: Path) -> None:
    from job_lsp.azure import run

    fake.update(statuses=["Starting", "Queued", "Running"])
    job_file = tmp_path / "job.yml"
    job_file.write_text("command: python train.py\n")
    job, _ = run.submit(str(job_file), WS)
    seen = []
    for update in run.follow(job, WS, interval=0.01):
        seen.append(update.status)
        if update.status == "Running":
            assert run.cancel(job.name, WS) == ""
    assert seen == ["Starting", "Queued", "Running", "CancelRequested", "Canceled"]


def test_following_gives_up_when_show_keeps_failing(fake: FakeAz, tmp_path: Path) -> None:
    from job_lsp.azure import run

    job_file = tmp_path / "job.yml"
    job_file.write_text("command: python train.py\n")
    job, _ = run.submit(str(job_file), WS)
    fake.update(garbage={"ml job show": "Traceback (most recent call last):"})
    updates = list(run.follow(job, WS, interval=0.01))
    assert [u.status for u in updates] == ["Starting", "gave-up"] and "not JSON" in updates[-1].meaning
    # A stop request ends the following at once, without another call.
    stop = threading.Event()
    stop.set()
    assert [u.status for u in run.follow(job, WS, interval=0.01, stop=stop)] == ["Starting"]


def test_the_job_entity_from_the_service(fake: FakeAz, tmp_path: Path) -> None:
    from job_lsp import CommandJob, job_from_service

    shown = run_az(["ml", "job", "create", "--file", str(Path(__file__))]).data
    job = job_from_service(shown)
    assert isinstance(job, CommandJob)
    assert (job.status, job.name, job.compute) == ("Starting", "quiet_lamp_0001", "azureml:cpu-cluster")
    assert job.id.endswith("/jobs/quiet_lamp_0001") and job.studio_url.startswith("https://ml.azure.com/runs/")
    assert job.creation_context.created_by == "Test User"
    with pytest.raises(AttributeError):
        job.status = "Completed"
    with pytest.raises(ValueError):
        job_from_service({"name": "x", "type": "no-such-type"})


# --- session: what the server asks -----------------------------------------------------------


def test_session_answers_at_once_and_warns_once_the_cache_is_fresh(fake: FakeAz, tmp_path: Path) -> None:
    from job_lsp.azure.session import AzureSettings, WorkspaceSession

    changed = threading.Event()
    session = WorkspaceSession(AzureSettings(workspace="ws", resource_group="rg"), cache_folder=fake.cache_dir, on_change=changed.set)
    job = tmp_path / "job.yml"
    doc = parse("command: x\ncompute: azureml:cpu-clustr\nenvironment: azureml:team-env:3\n")
    assert session.problems(str(job), doc) == []  # nothing known yet: nothing said, at once
    assert changed.wait(30)
    session.provider_for(str(job)).wait_idle(30)
    assert [p.message for p in session.problems(str(job), doc)] == ["The workspace `ws` has no compute `cpu-clustr`; did you mean `cpu-cluster`?"]
    items = session.completions(str(job), "command: x\ncompute: ", 1, 9)
    assert [i.label for i in items][:2] == ["azureml:cpu-cluster", "azureml:gpu-cluster"]
    assert session.hover(str(job), doc, doc.text.index("team-env"))[0].startswith("**team-env** · environment, version `3`")


def test_session_finds_the_workspace_in_order(fake: FakeAz, tmp_path: Path) -> None:
    from job_lsp.azure.session import AzureSettings, WorkspaceSession

    project = tmp_path / "project"
    (project / "jobs").mkdir(parents=True)
    (project / "config.json").write_text(json.dumps({"subscription_id": "s", "resource_group": "cfg-rg", "workspace_name": "cfg-ws"}))
    job = str(project / "jobs" / "job.yml")
    off = WorkspaceSession(AzureSettings(enable=False, workspace="ws", resource_group="rg"), cache_folder=fake.cache_dir)
    assert off.provider_for(job) is None and off.completions(job, "compute: ", 0, 9) == []
    configured = WorkspaceSession(AzureSettings(workspace="ws", resource_group="rg"), cache_folder=fake.cache_dir)
    assert configured.workspace_for(job).source == "settings"
    found = threading.Event()
    from_cli = WorkspaceSession(AzureSettings(), cache_folder=fake.cache_dir, on_change=found.set)
    assert from_cli.workspace_for(job).workspace == "cfg-ws"  # the defaults are not known yet
    from_cli.start()
    assert found.wait(30) and from_cli.workspace_for(job).source == "az defaults"
    fake.update(defaults={})
    no_defaults = WorkspaceSession(AzureSettings(), cache_folder=fake.cache_dir)
    no_defaults.start()
    assert no_defaults.workspace_for(job).workspace == "cfg-ws"
    assert no_defaults.workspace_for(str(tmp_path / "elsewhere.yml")) is None


def test_check_waits_for_the_workspace(fake: FakeAz) -> None:
    from job_lsp.azure.provider import Provider
    from job_lsp.azure.session import problems_now

    provider = Provider(WS, fake.cache_dir)
    doc = parse("command: x\nenvironment: azureml:team-env:2\ninputs:\n  d:\n    path: azureml:iris-csv:5\n")
    assert [p.message for p in problems_now(provider, doc)] == ["The workspace `ws` has no version `5` of data asset `iris-csv` (it has: `2`, `1`)"]
    calls = len(fake.calls())
    silenced = parse(doc.text.replace(":5\n", ":5  # job-lsp: ignore[unknown-asset]\n"))
    assert problems_now(provider, silenced) == []  # silenced like any other warning
    assert len(fake.calls()) == calls  # fresh: no call the second time


def test_cmd_exe_never_reads_an_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    # On Windows, az is az.cmd, run through cmd.exe: an argument it would interpret is refused.
    monkeypatch.setattr(sys, "platform", "win32")
    refused = run_az(["ml", "job", "create", "--file", "C:\\jobs\\a&calc.yml"], az="C:\\az\\az.cmd")
    assert not refused.ok and "cmd.exe" in refused.error
