"""The serializer: format-on-save and Job.dump, one layout."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from job_lsp import CommandJob, load_job
from job_lsp.format import FormatOptions, apply_edits, comments, format_text, minimal_edits
from job_lsp.yamldoc import parse, to_data

ROOT = Path(__file__).resolve().parent.parent


def fmt(text: str, **options) -> str:
    result = format_text(text, FormatOptions(**options))
    assert result.error is None, result.error
    return result.text


def test_every_corpus_yaml_file_keeps_its_data_and_comments_and_is_idempotent(corpus: Path) -> None:
    files = sorted(p for p in (corpus / "azureml-examples").rglob("*") if p.suffix in (".yml", ".yaml") or p.name == "MLTable")
    assert len(files) > 300
    refused, broken = [], []
    total_comments = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        before = parse(text)
        result = format_text(text)
        if result.error:
            if before.root is not None and not any(p.severity == "error" for p in before.problems):
                refused.append(f"{path}: {result.error}")
            continue
        after = parse(result.text)
        total_comments += len(comments(before))
        if to_data(after.root) != to_data(before.root):
            broken.append(f"{path}: data changed")
        if Counter(comments(after)) != Counter(comments(before)):
            broken.append(f"{path}: comments changed")
        if format_text(result.text).text != result.text:
            broken.append(f"{path}: not idempotent")
    assert broken == []
    assert refused == []
    assert total_comments > 600  # the corpus is full of comments (664): this test sees them


def test_family_corpus_files_are_laid_out_in_their_order_and_read_the_same(family: Path) -> None:
    """Every component and schedule file formats (none refused), in its kind's order: its
    data and comments kept, idempotent, and the checker says the same of it afterwards."""
    from job_lsp.diagnose import diagnose

    files = sorted(p for p in (family / "azureml-examples").rglob("*") if p.suffix in (".yml", ".yaml"))
    wrong = []
    reordered = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        result = format_text(text)
        before, after = parse(text), parse(result.text)
        if result.error or to_data(after.root) != to_data(before.root) or Counter(comments(after)) != Counter(comments(before)):
            wrong.append(f"{path}: {result.error or 'changed'}")
        elif format_text(result.text).text != result.text:
            wrong.append(f"{path}: not idempotent")
        elif sorted((p.code, p.message) for p in diagnose(after, path.parent)) != sorted((p.code, p.message) for p in diagnose(before, path.parent)):
            wrong.append(f"{path}: checked differently")
        reordered += list(to_data(after.root) or {}) != list(to_data(before.root) or {})
    assert wrong == []
    assert reordered > 100  # most examples are not in the canonical order: this test moves keys


def test_canonical_layout() -> None:
    text = (
        "# yaml-language-server: $schema=../schema/job.schema.json\n"
        "environment: azureml:env:1   # pinned\n"
        "inputs:\n"
        "    zeta: 1\n"
        "    alpha:\n"
        "        path: ./data\n"
        "        type: uri_folder\n"
        "command: |\n"
        "    python train.py \\\n"
        "      --lr 1\n"
        "\n\n\n"
        "tags:\n"
        "- not a map\n"
        "type: command\n"
        "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json   \n"
    )
    assert fmt(text) == (
        "# yaml-language-server: $schema=../schema/job.schema.json\n"
        "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n"
        "type: command\n"
        "\n"  # the blank lines before `tags` go with it, collapsed to one
        "tags:\n"
        "  - not a map\n"
        "command: |\n"
        "  python train.py \\\n"
        "    --lr 1\n"
        "environment: azureml:env:1   # pinned\n"
        "inputs:\n"
        "  zeta: 1\n"  # a map of free names keeps the user's order
        "  alpha:\n"
        "    type: uri_folder\n"
        "    path: ./data\n"
    )


def test_comments_move_with_their_key_and_blank_lines_collapse() -> None:
    text = "command: x\n\n\n# about the environment\nenvironment: azureml:e:1\n\n# compute to use\ncompute: azureml:c  # cheap one\ntype: command\n# the end\n"
    assert fmt(text) == (
        "type: command\n"
        "command: x\n"
        "\n"
        "# about the environment\n"
        "environment: azureml:e:1\n"
        "\n"
        "# compute to use\n"
        "compute: azureml:c  # cheap one\n"
        "# the end\n"
    )


def test_anchors_aliases_and_flow_collections_are_kept() -> None:
    text = "tags: &t {team: a, owner: b}\nproperties: *t\ncommand: x\nenvironment: azureml:e:1\n"
    out = fmt(text)
    assert "tags: &t {team: a, owner: b}\n" in out and "properties: *t\n" in out


def test_options_indent_and_order() -> None:
    text = "inputs:\n  lr: 1\ncommand: x\nenvironment: azureml:e:1\n"
    assert fmt(text, indent=4) == "command: x\nenvironment: azureml:e:1\ninputs:\n    lr: 1\n"
    assert fmt(text, reorder=False) == text
    assert format_text(text, FormatOptions(indent=1)).error


def test_components_and_schedules_get_their_own_order() -> None:
    component = "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\nname: c\nversion: 1\ntype: command\n"
    assert fmt(component) == "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\ntype: command\nname: c\nversion: 1\n"
    schedule = "create_job: ./p.yml\ntrigger:\n  expression: 0 8 * * *\n  type: cron\nname: s\n"
    assert fmt(schedule) == "name: s\ntrigger:\n  type: cron\n  expression: 0 8 * * *\ncreate_job: ./p.yml\n"


def test_other_yaml_keeps_its_order() -> None:
    text = "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: e\nversion: 1\nimage: x\n"
    assert fmt(text) == text


def test_files_with_errors_are_left_untouched_and_say_why() -> None:
    for text in ("command: [a, b\nenvironment: x\n", "a:\n\tb: 1\n", "a: 1\n---\nb: 2\n", "x: !!python/object:os.system a\n"):
        result = format_text(text)
        assert result.text == text and not result.changed and result.error.startswith("not formatted: line")


def test_crlf_line_endings_are_kept() -> None:
    text = "command: x\r\nenvironment: azureml:e:1\r\ntype: command\r\n"
    assert fmt(text) == "type: command\r\ncommand: x\r\nenvironment: azureml:e:1\r\n"


def test_minimal_edits_touch_only_changed_lines() -> None:
    old = "".join(f"k{i}: {i}\n" for i in range(100)) + "command: x   \n"
    new = fmt(old, reorder=False)
    edits = minimal_edits(old, new)
    assert apply_edits(old, edits) == new
    assert len(edits) == 1 and old[edits[0].start : edits[0].end] == "command: x   \n"
    assert minimal_edits(new, new) == []


# --- Job.dump -----------------------------------------------------------------------------------


def make_job() -> CommandJob:
    return CommandJob(
        command="python train.py \\\n  --lr ${{inputs.lr}}\n",
        environment="azureml:env:1",
        inputs={"lr": 0.1, "flag": "yes"},
        tags={"v": "1"},
        display_name="demo",
    )


def test_dump_to_a_new_path_and_never_over_an_existing_one(tmp_path: Path) -> None:
    dest = tmp_path / "job.yml"
    make_job().dump(dest)
    text = dest.read_text()
    assert text.startswith("type: command\ndisplay_name: demo\n")
    assert "command: |\n  python train.py \\\n    --lr ${{inputs.lr}}\n" in text  # a multi-line command is a literal block
    assert "flag: 'yes'" in text and "v: '1'" in text  # quoted only where YAML 1.1 needs it
    with pytest.raises(FileExistsError):
        make_job().dump(dest)
    assert dest.read_text() == text
    with pytest.raises(FileExistsError):
        make_job().dump(str(dest))


def test_dump_to_streams(tmp_path: Path) -> None:
    text_stream = io.StringIO()
    make_job().dump(text_stream)
    binary = io.BytesIO()
    make_job().dump(binary)
    assert binary.getvalue().decode() == text_stream.getvalue()
    (tmp_path / "ro.yml").write_text("")
    with open(tmp_path / "ro.yml") as read_only, pytest.raises(io.UnsupportedOperation):
        make_job().dump(read_only)


def test_dump_kwargs_reach_the_serializer() -> None:
    job = CommandJob(command="x", environment="azureml:e:1", resources={"instance_count": 2})
    out = io.StringIO()
    job.dump(out, indent=4)
    assert "resources:\n    instance_count: 2\n" in out.getvalue()
    out = io.StringIO()
    job.dump(out, default_style='"')
    assert 'command: "x"' in out.getvalue()
    with pytest.raises(TypeError, match="no_such_option"):
        job.dump(io.StringIO(), no_such_option=1)


def test_dump_leaves_read_only_fields_out() -> None:
    job = load_job(io.StringIO("command: x\nenvironment: azureml:e:1\n"))
    job._values["status"] = "Completed"
    job._values["id"] = "/subscriptions/x"
    out = io.StringIO()
    job.dump(out)
    assert "status" not in out.getvalue() and "/subscriptions" not in out.getvalue()


@pytest.mark.parametrize(
    "text",
    [
        "python main.py " + " ".join(f"--argument-{i} value-{i}" for i in range(12)),  # wrapped past the width
        "\n  Premise: {{premise}}\nHypothesis: {{hypothesis}}\n",  # a first line of content that starts with spaces
        "\n\n",
    ],
)
def test_dump_writes_long_and_oddly_indented_text_that_loads_back(text: str) -> None:
    job = CommandJob(command=text, environment="azureml:e:1", inputs={"note": text})  # at the top, and nested
    out = io.StringIO()
    job.dump(out)  # raised "cannot serialize this job" for 16 of the corpus's jobs
    again = load_job(io.StringIO(out.getvalue()))
    assert (again.command, again.inputs["note"]) == (text, text)


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "examples").glob("*-job.yml")))
def test_load_dump_load_round_trip(name: str, tmp_path: Path) -> None:
    original = load_job(ROOT / "examples" / name)
    dest = ROOT / "examples" / f".roundtrip-{os.getpid()}-{name}"  # beside the example: same relative paths
    try:
        original.dump(dest)
        again = load_job(dest)
        assert again == original
        assert dest.read_text() == format_text(dest.read_text()).text  # a dumped job is formatted
    finally:
        dest.unlink(missing_ok=True)


# --- job-lsp format -----------------------------------------------------------------------------


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "job_lsp.cli", "format", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=120)


def test_format_in_place_keeps_mode_endings_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "job.yml"
    path.write_bytes(b"\xef\xbb\xbfcommand: x\r\nenvironment: azureml:e:1\r\ntype: command\r\n")
    path.chmod(0o640)
    result = cli(str(path))
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == b"\xef\xbb\xbftype: command\r\ncommand: x\r\nenvironment: azureml:e:1\r\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["job.yml"]  # no temporary file left behind


def test_format_check_and_diff_change_nothing(tmp_path: Path) -> None:
    path = tmp_path / "job.yml"
    path.write_text("command: x\nenvironment: azureml:e:1\ntype: command\n")
    before = path.read_bytes()
    check = cli("--check", str(path))
    assert check.returncode == 1 and f"would reformat {path}".encode() in check.stdout
    diff = cli("--diff", str(path))
    assert diff.returncode == 1 and b"+type: command" in diff.stdout and b"-type: command" in diff.stdout
    assert path.read_bytes() == before
    cli(str(path))
    assert cli("--check", str(path)).returncode == 0


def test_format_stdin_to_stdout() -> None:
    result = cli("-", stdin=b"command: x\nenvironment: azureml:e:1\ntype: command\n")
    assert result.returncode == 0 and result.stdout == b"type: command\ncommand: x\nenvironment: azureml:e:1\n"
    broken = b"command: [x\n"
    result = cli("-", stdin=broken)
    assert result.returncode == 1 and result.stdout == broken and b"not formatted" in result.stderr


def test_format_check_of_stdin_prints_nothing_and_says_by_its_exit_code() -> None:
    unformatted = b"command: x\nenvironment: azureml:e:1\ntype: command\n"
    result = cli("--check", "-", stdin=unformatted)
    assert (result.returncode, result.stdout) == (1, b"")
    result = cli("--check", "-", stdin=b"type: command\ncommand: x\nenvironment: azureml:e:1\n")
    assert (result.returncode, result.stdout) == (0, b"")


def test_format_diff_of_stdin_prints_a_unified_diff() -> None:
    unformatted = b"command: x\nenvironment: azureml:e:1\ntype: command\n"
    result = cli("--diff", "-", stdin=unformatted)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [b"--- <stdin>", b"+++ <stdin> (formatted)"]
    assert b"+type: command" in result.stdout and b"-type: command" in result.stdout
    named = cli("--diff", "--stdin-filename", "jobs/train.yml", "-", stdin=unformatted)
    assert named.stdout.splitlines()[:2] == [b"--- jobs/train.yml", b"+++ jobs/train.yml (formatted)"]
    formatted = cli("--diff", "-", stdin=b"type: command\ncommand: x\nenvironment: azureml:e:1\n")
    assert (formatted.returncode, formatted.stdout) == (0, b"")


def test_format_check_of_broken_stdin_echoes_nothing() -> None:
    result = cli("--check", "-", stdin=b"command: [x\n")
    assert result.returncode == 1 and result.stdout == b"" and b"not formatted" in result.stderr


def test_format_leaves_a_broken_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "job.yml"
    path.write_bytes(b"command: [x\nenvironment: y\n")
    result = cli(str(path))
    assert result.returncode == 1 and path.read_bytes() == b"command: [x\nenvironment: y\n"
    assert b"not formatted: line" in result.stderr


def test_bundled_examples_are_formatted() -> None:
    assert cli("--check", "examples").returncode == 0
