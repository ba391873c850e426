"""The VS Code extension in a real VS Code: the `.vsix` built from editors/vscode/ is installed
into a fresh code-server profile (VS Code for the browser), a workspace is opened in headless
Chromium, and Playwright checks through the UI what a user sees: problems and squiggles,
completion, hover, quick fixes, go to definition, format on save, the output channel, the
restart command, a settings change, and the message when `job-lsp` is missing.

`editors/vscode/e2e/install.sh` installs code-server, Chromium and Playwright (`.ci/run` calls
it). The extension starts the server of this checkout (`jobLsp.server.command` names this
venv's `job-lsp`); `job-lsp` is kept off code-server's PATH so that the default command is
missing when that setting goes.

Screenshots (diagnostics, completion, hover) are taken on every run; to refresh the ones in
docs/: `JOB_LSP_UPDATE_SCREENSHOTS=1 python -m pytest tests/test_vscode_real.py`."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_vscode_extension import EXTENSION, NPM, npm

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CODE_SERVER_VERSION = "4.100.3"  # as editors/vscode/e2e/install.sh installs it
CODE_SERVER_HOME = Path(
    os.environ.get("JOB_LSP_CODE_SERVER_HOME")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "job-lsp" / f"code-server-{CODE_SERVER_VERSION}"
)
CODE_SERVER = CODE_SERVER_HOME / "node_modules" / ".bin" / "code-server"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
JOB_LSP = Path(sys.executable).with_name("job-lsp")
# What Chromium needs as root in a sandbox with no network: no background connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous: the machine is shared; every wait ends as soon as what it waits for is there.
WAIT_MS = 60_000

SCHEMA = "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
TRAIN = (
    SCHEMA
    + """\
type: command
command: python train.py --data ${{inputs.data}}
environment: azureml:AzureML-sklearn-1.5@latest
compute: azureml:cpu-cluster
experiment_nme: demo
inputs:
  data:
    type: uri_folder
    path: azureml:my-data:1
"""
)
TRAIN_TYPO_LINE = 6  # experiment_nme
TRAIN_BINDING = (3, 41)  # line, column inside `data` of ${{inputs.data}}
TRAIN_INPUT_DATA_LINE = 8  # `  data:` under inputs
# Another job of the workspace: its compute is offered in train.yml's and complete.yml's.
OTHER = SCHEMA + "type: command\ncommand: echo hi\nenvironment: azureml:AzureML-sklearn-1.5@latest\ncompute: azureml:gpu-cluster-a100\n"
COMPLETE = (
    SCHEMA
    + """\
type: command
command: python train.py --data ${{inputs.}}
environment: azureml:AzureML-sklearn-1.5@latest
inputs:
  data:
    type: uri_folder
    path: azureml:my-data:1
compute: \n"""
)
COMPLETE_BINDING = (3, 43)  # right after `${{inputs.`
COMPLETE_COMPUTE_LINE = 9
# Keys out of order and indented by 4: format on save makes it canonical.
UNFORMATTED = """\
inputs:
    data:
        path: azureml:my-data:1
        type: uri_folder
compute: azureml:cpu-cluster
command: python train.py --data ${{inputs.data}}
type: command
environment: azureml:AzureML-sklearn-1.5@latest
"""


def require_installed() -> None:
    missing = [str(p) for p in (CODE_SERVER, Path(CHROMIUM), JOB_LSP) if not p.exists()]
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package")
    if NPM is None:
        missing.append("npm")
    if missing:
        message = f"not installed: {', '.join(missing)}; run editors/vscode/e2e/install.sh {sys.executable}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def write_json(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8")


def path_without_job_lsp() -> str:
    """PATH without the folders that hold a `job-lsp` (this venv's bin): the default server
    command is then missing, as on a machine where it is not installed."""
    folders = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(f for f in folders if f and not (Path(f) / "job-lsp").exists())


@pytest.fixture(scope="module")
def vsix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_installed()
    work = tmp_path_factory.mktemp("extension") / "vscode"
    shutil.copytree(EXTENSION, work, ignore=shutil.ignore_patterns("node_modules", "out", "dist", "*.vsix"))
    env = dict(os.environ, npm_config_audit="false", npm_config_fund="false", npm_config_update_notifier="false")
    npm("ci", cwd=work, env=env)
    npm("run", "package", cwd=work, env=env)
    return work / "job-lsp.vsix"


class Editor:
    """code-server with the extension installed, its user settings, and the workspace."""

    def __init__(self, base: Path, vsix: Path) -> None:
        self.base = base
        self.workspace = base / "workspace"
        self.user_data = base / "user-data"
        self.settings_file = self.user_data / "User" / "settings.json"
        self.extensions = base / "extensions"
        self.process: subprocess.Popen[str] | None = None
        self.url = ""
        self.settings: dict[str, object] = {
            "workbench.startupEditor": "none",
            "security.workspace.trust.enabled": False,
            "workbench.tips.enabled": False,
            "extensions.ignoreRecommendations": True,
            "extensions.autoCheckUpdates": False,
            "extensions.autoUpdate": False,
            "telemetry.telemetryLevel": "off",
            "update.mode": "none",
            # Format on save runs on an explicit save, not on code-server's auto save.
            "files.autoSave": "off",
            "editor.minimap.enabled": False,
            "workbench.colorTheme": "Default Light Modern",
            # What the test types into settings.json stays as typed.
            "[jsonc]": {"editor.autoClosingBrackets": "never", "editor.autoClosingQuotes": "never", "editor.autoIndent": "none"},
            "jobLsp.computeTargets": ["cpu-cluster"],
            "[yaml]": {"editor.formatOnSave": True, "editor.defaultFormatter": "job-lsp.job-lsp"},
        }
        for name, text in {"train.yml": TRAIN, "other.yml": OTHER, "complete.yml": COMPLETE, "format.yml": UNFORMATTED}.items():
            (self.workspace / name).parent.mkdir(parents=True, exist_ok=True)
            (self.workspace / name).write_text(text, encoding="utf-8")
        write_json(self.settings_file, self.settings)
        # The server command is a machine setting: in a remote window such as code-server's,
        # VS Code applies it from the remote settings (a change in user settings is ignored).
        self.remote_settings: dict[str, object] = {"jobLsp.server.command": str(JOB_LSP)}
        write_json(self.user_data / "Machine" / "settings.json", self.remote_settings)
        self.env = dict(
            os.environ,
            PATH=path_without_job_lsp(),
            XDG_DATA_HOME=str(base / "xdg-data"),
            XDG_CONFIG_HOME=str(base / "xdg-config"),
        )
        self.code_server(["--install-extension", str(vsix)])

    def code_server(self, args: list[str]) -> None:
        result = subprocess.run(
            [str(CODE_SERVER), *self.profile_args(), *args], env=self.env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def profile_args(self) -> list[str]:
        return ["--config", str(self.base / "config.yaml"), "--user-data-dir", str(self.user_data), "--extensions-dir", str(self.extensions)]

    def start(self) -> None:
        # Port 0: the system picks a free one, which code-server prints.
        self.process = subprocess.Popen(
            [str(CODE_SERVER), *self.profile_args(), "--auth", "none", "--bind-addr", "127.0.0.1:0",
             "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", str(self.workspace)],
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,  # its own process group: stop() ends its helpers and servers too
        )  # fmt: skip
        assert self.process.stdout is not None
        seen = []
        for line in self.process.stdout:  # ends when code-server exits
            seen.append(line)
            match = re.search(r"HTTP server listening on (http://127\.0\.0\.1:\d+)/", line)
            if match:
                self.url = f"{match[1]}/?folder={self.workspace}"
                # Keep reading its log, so that a full pipe never blocks it.
                threading.Thread(target=self.process.stdout.read, daemon=True).start()
                return
        raise AssertionError("code-server did not start:\n" + "".join(seen))

    def stop(self) -> None:
        if self.process is None:
            return
        group = self.process.pid  # it leads its own process group
        try:
            os.killpg(group, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:  # the whole group has already ended
            pass

    @staticmethod
    def changed(settings: dict[str, object], **changes: object) -> str:
        """`settings` with `changes` (`a__b` for `a.b`; None removes), as one line of JSON."""
        for key, value in changes.items():
            name = key.replace("__", ".")
            if value is None:
                settings.pop(name, None)
            else:
                settings[name] = value
        return json.dumps(settings)


class Window:
    """The VS Code window in the browser, driven by the keyboard as a user would."""

    def __init__(self, page, shots: Path) -> None:  # type: ignore[no-untyped-def]
        from playwright.sync_api import expect

        self.page = page
        self.expect = expect
        self.shots = shots

    def wait_for_workbench(self) -> None:
        self.page.wait_for_selector(".monaco-workbench .part.editor", timeout=WAIT_MS)
        # The explorer lists the workspace once the remote extension host is connected.
        self.expect(self.page.locator(".explorer-folders-view")).to_contain_text("train.yml", timeout=WAIT_MS)

    def quick_input(self, keys: str, text: str, *picks: str) -> None:
        """Opens a quick input (F1, Ctrl+P...), types, and picks the row that shows each of
        `picks` in turn (a command may ask a second question). No Escape first: it would
        close the notifications a test looks for."""
        self.page.keyboard.press(keys)
        box = self.page.locator(".quick-input-widget input")
        self.expect(box).to_be_focused(timeout=WAIT_MS)
        box.fill(text)
        for pick in picks:
            row = self.page.locator(".quick-input-list .monaco-list-row", has_text=pick).first
            self.expect(row).to_be_visible(timeout=WAIT_MS)
            row.click()
        self.expect(self.page.locator(".quick-input-widget")).to_be_hidden(timeout=WAIT_MS)

    def command(self, title: str, *then: str) -> None:
        self.quick_input("F1", ">" + title, title, *then)

    def open(self, name: str) -> None:
        self.quick_input("Control+p", name, name)
        tab = self.page.locator(".tabs-container .tab.active", has_text=name)
        self.expect(tab).to_be_visible(timeout=WAIT_MS)
        self.focus_editor()

    def focus_editor(self) -> None:
        self.page.locator(".editor-instance .monaco-editor textarea").first.focus()

    def go_to(self, line: int, column: int = 1) -> None:
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("Control+g")
        box = self.page.locator(".quick-input-widget input")
        self.expect(box).to_be_focused(timeout=WAIT_MS)
        box.fill(f":{line}:{column}")  # the `:` prefix is Go to Line
        box.press("Enter")
        self.expect_cursor(line, column)

    def expect_cursor(self, line: int, column: int | None = None) -> None:
        where = f"Ln {line}, Col {column}" if column else f"Ln {line},"
        self.expect(self.page.locator("#status\\.editor\\.selection")).to_contain_text(where, timeout=WAIT_MS)

    def editor_text(self) -> str:
        return self.page.locator(".editor-instance .monaco-editor .view-lines").first.inner_text().replace("\xa0", " ")

    def suggestions(self) -> list[str]:
        """Completion at the cursor (Ctrl+Space): the labels the list shows."""
        self.page.keyboard.press("Control+Space")
        rows = self.page.locator(".editor-widget.suggest-widget.visible .monaco-list-row .label-name")
        self.expect(rows.first).to_be_visible(timeout=WAIT_MS)
        return [r.inner_text() for r in rows.all()]

    def hover(self) -> str:
        """The hover at the cursor (Show or Focus Hover, Ctrl+K Ctrl+I)."""
        self.page.keyboard.press("Control+k")
        self.page.keyboard.press("Control+i")
        box = self.page.locator(".monaco-hover:not(.hidden) .hover-contents").first
        self.expect(box).to_be_visible(timeout=WAIT_MS)
        return box.inner_text()

    def problems(self):  # type: ignore[no-untyped-def]
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("Control+Shift+m")
        return self.page.locator(".markers-panel")

    def output(self, channel: str):  # type: ignore[no-untyped-def]
        self.command("Output: Show Output Channels...", channel)
        return self.page.locator(".part.panel .output-view .view-lines")

    OUTPUT_TEXT = "document.querySelector('.part.panel .output-view .view-lines')?.textContent.replaceAll('\\u00a0', ' ') ?? ''"

    def count_in_output(self, text: str) -> int:
        return int(self.page.evaluate(f"(text) => ({self.OUTPUT_TEXT}).split(text).length - 1", text))

    def wait_for_count_in_output(self, text: str, count: int) -> None:
        self.page.wait_for_function(f"([text, count]) => ({self.OUTPUT_TEXT}).split(text).length - 1 >= count", arg=[text, count], timeout=WAIT_MS)

    def notification(self, text: str):  # type: ignore[no-untyped-def]
        toast = self.page.locator(".notification-toast", has_text=text)
        self.expect(toast.first).to_be_visible(timeout=WAIT_MS)
        return toast.first

    def edit_settings(self, text: str, scope: str = "User") -> None:
        """Replaces the user (or remote) settings as a user does: in settings.json, saved."""
        self.command(f"Preferences: Open {scope} Settings (JSON)")
        self.expect(self.page.locator(".tabs-container .tab.active", has_text="settings.json")).to_be_visible(timeout=WAIT_MS)
        self.focus_editor()
        self.page.keyboard.press("Control+a")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(text)  # as pasted: no auto-closed brackets
        self.page.keyboard.press("Control+s")
        self.expect(self.page.locator(".tabs-container .tab.dirty")).to_have_count(0, timeout=WAIT_MS)
        self.command("View: Close Editor")

    def revert(self) -> None:
        self.command("File: Revert File")

    def screenshot(self, name: str) -> None:
        self.shots.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(self.shots / name), animations="disabled")  # hovers fade in
        if os.environ.get("JOB_LSP_UPDATE_SCREENSHOTS"):
            DOCS.mkdir(exist_ok=True)
            shutil.copyfile(self.shots / name, DOCS / name)


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory, vsix: Path) -> Iterator[Editor]:
    code = Editor(tmp_path_factory.mktemp("code-server"), vsix)
    code.start()
    yield code
    code.stop()


@pytest.fixture(scope="module")
def window(editor: Editor, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Window]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(editor.url)
        view = Window(page, tmp_path_factory.mktemp("screenshots"))
        view.wait_for_workbench()
        view.open("train.yml")
        # The server has started once the file's problem is shown.
        view.expect(view.problems()).to_contain_text("experiment_nme", timeout=WAIT_MS)
        yield view
        browser.close()


@pytest.fixture
def on(window: Window) -> Iterator[Window]:
    """The window, with train.yml open and focused; anything left open is closed after."""
    window.open("train.yml")
    yield window
    window.page.keyboard.press("Escape")


def test_diagnostics_in_the_problems_panel_and_as_squiggles(on: Window) -> None:
    panel = on.problems()
    on.expect(panel).to_contain_text("Unknown key `experiment_nme` in a command job; did you mean `experiment_name`?", timeout=WAIT_MS)
    # An error (not a warning), from job-lsp, at the key, with its code.
    row = panel.get_by_role("treeitem", name=re.compile(rf"^Error: Unknown key `experiment_nme`.* at line {TRAIN_TYPO_LINE} and character 1\. generated by job-lsp"))
    on.expect(row).to_be_visible()
    on.expect(row).to_contain_text("unknown-key")
    # The squiggle is under the key, in the editor.
    on.expect(on.page.locator(".editor-instance .squiggly-error")).to_have_count(1, timeout=WAIT_MS)
    # Nothing else in the file.
    on.expect(panel.get_by_role("treeitem", name=re.compile(r"^1 problems in file train\.yml"))).to_be_visible()
    on.screenshot("vscode-diagnostics.png")


def test_hover_on_a_key(on: Window) -> None:
    from job_lsp import CommandJob

    on.go_to(5, 3)  # compute
    text = on.hover()
    # The field's documentation, rendered from Markdown (its `code` spans lose their backticks).
    assert text.startswith("compute · string"), text
    assert CommandJob.fields()["compute"].doc.en.replace("`", "") in text, text
    on.screenshot("vscode-hover.png")


def test_completion_after_compute_offers_the_settings_and_the_workspace_targets(on: Window) -> None:
    on.open("complete.yml")
    on.go_to(COMPLETE_COMPUTE_LINE, len("compute: ") + 1)
    labels = on.suggestions()
    # `jobLsp.computeTargets` first, then the compute other.yml uses.
    assert labels.index("azureml:cpu-cluster") < labels.index("azureml:gpu-cluster-a100"), labels
    on.screenshot("vscode-completion.png")


def test_completion_inside_a_binding(on: Window) -> None:
    on.open("complete.yml")
    on.go_to(*COMPLETE_BINDING)
    assert "data" in on.suggestions()


def test_go_to_definition_from_a_binding(on: Window) -> None:
    on.go_to(*TRAIN_BINDING)
    on.page.keyboard.press("F12")
    on.expect_cursor(TRAIN_INPUT_DATA_LINE)


def test_quick_fix_on_a_typo(on: Window) -> None:
    on.go_to(TRAIN_TYPO_LINE, 3)
    on.page.keyboard.press("Control+.")
    actions = on.page.locator(".action-widget .monaco-list-row")
    fix = actions.filter(has_text="Change to `experiment_name`")
    on.expect(fix).to_be_visible(timeout=WAIT_MS)
    on.expect(actions.filter(has_text="Ignore `unknown-key` on this line")).to_be_visible()
    # The nearest key is the preferred fix: the one focused, applied by Enter.
    on.expect(actions.and_(on.page.locator(".focused"))).to_have_attribute("aria-label", "Change to `experiment_name`")
    on.page.keyboard.press("Enter")
    on.expect(on.page.locator(".editor-instance .view-lines").first).to_contain_text("experiment_name: demo", timeout=WAIT_MS)
    on.expect(on.problems()).not_to_contain_text("experiment_nme", timeout=WAIT_MS)
    on.open("train.yml")
    on.revert()
    on.expect(on.problems()).to_contain_text("experiment_nme", timeout=WAIT_MS)


def test_format_on_save(on: Window, editor: Editor) -> None:
    path = editor.workspace / "format.yml"
    edited = "# a job\n" + UNFORMATTED
    expected = subprocess.run([str(JOB_LSP), "format", "-"], input=edited, capture_output=True, text=True, timeout=60, check=True).stdout
    assert expected != edited
    on.open("format.yml")
    on.go_to(1, 1)
    on.page.keyboard.type("# a job\n")
    dirty = on.page.locator(".tabs-container .tab.active.dirty", has_text="format.yml")
    on.expect(dirty).to_be_visible(timeout=WAIT_MS)
    on.page.keyboard.press("Control+s")
    on.expect(dirty).to_have_count(0, timeout=WAIT_MS)
    # Saved as `job-lsp format` lays it out.
    assert path.read_text(encoding="utf-8") == expected


def test_the_output_channel_shows_the_server(on: Window) -> None:
    log = on.output("Job LSP")
    on.expect(log).to_contain_text(f"[job-lsp] starting {JOB_LSP} serve", timeout=WAIT_MS)


def test_restart_server(on: Window) -> None:
    log = on.output("Job LSP")
    on.expect(log).to_contain_text("[job-lsp] starting", timeout=WAIT_MS)
    started = on.count_in_output("[job-lsp] starting")
    on.command("Job LSP: Restart Server")
    on.output("Job LSP")
    on.wait_for_count_in_output("[job-lsp] starting", started + 1)
    # The new server checks the file again.
    on.open("train.yml")
    on.expect(on.problems()).to_contain_text("experiment_nme", timeout=WAIT_MS)


def test_a_settings_change_reaches_the_server(on: Window, editor: Editor) -> None:
    on.edit_settings(editor.changed(editor.settings, jobLsp__computeTargets=["fresh-cluster"]))
    try:
        on.open("complete.yml")
        on.go_to(COMPLETE_COMPUTE_LINE, len("compute: ") + 1)
        # The configuration reaches the server shortly after the file changes: ask again until
        # the new name is offered (each ask is a real completion request), within WAIT_MS.
        for _ in range(30):
            labels = on.suggestions()
            if "azureml:fresh-cluster" in labels:
                break
            on.page.keyboard.press("Escape")
            on.page.wait_for_timeout(1000)
        # The setting's target comes first now (cpu-cluster stays: train.yml uses it).
        assert labels[0] == "azureml:fresh-cluster", labels
    finally:
        on.edit_settings(editor.changed(editor.settings, jobLsp__computeTargets=["cpu-cluster"]))


def test_the_message_when_job_lsp_is_missing(on: Window, editor: Editor) -> None:
    # Without the setting, the extension looks for `job-lsp` on PATH, which has none.
    on.edit_settings(editor.changed(editor.remote_settings, jobLsp__server__command=None), "Remote")
    try:
        toast = on.notification("was not found")
        on.expect(toast).to_contain_text("Job LSP: the language server `job-lsp` was not found.")
        on.expect(toast).to_contain_text("pipx install job-lsp")
        for button in ("Open Settings", "Open README", "Copy Install Command"):
            on.expect(toast.locator(".monaco-button", has_text=button)).to_be_visible()
    finally:
        on.edit_settings(editor.changed(editor.remote_settings, jobLsp__server__command=str(JOB_LSP)), "Remote")
    # The setting back, the server starts again (the extension restarts on jobLsp.server.*).
    on.open("train.yml")
    on.expect(on.problems()).to_contain_text("experiment_nme", timeout=WAIT_MS)
