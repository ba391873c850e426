"""`job-lsp check` under a project configuration, `--output-format github`, `--statistics`,
`job-lsp rules`, and messages in French on the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from job_lsp.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "docs" / "policies"
JOB = "type: command\ncommand: echo\nenvironment: azureml:env:1\ncompute: azureml:big\nexperiment_nme: x\ncommand: again\n"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def project(tmp_path: Path, config: str | None) -> Path:
    (tmp_path / "policies").mkdir()
    for name in ("owner-tag.schema.json", "approved-compute.schema.json"):
        shutil.copy(POLICIES / name, tmp_path / "policies" / name)
    if config is not None:
        (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.job-lsp]\n{config}', encoding="utf-8")
    job = tmp_path / "jobs" / "train.yml"
    job.parent.mkdir()
    job.write_text(JOB, encoding="utf-8")
    return job


def check(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["check", *args])
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


def codes(lines: list[str]) -> list[str]:
    return [line.split("[", 1)[1].split("]", 1)[0] for line in lines]


def test_the_nearest_configuration_selects_ignores_and_adds_policies(tmp_path, capsys):
    job = project(tmp_path, 'policies = ["policies/*.schema.json"]\nignore = ["duplicate-key"]\n\n[tool.job-lsp.severity]\nunknown-key = "warning"\n')
    status, lines, _ = check(capsys, str(job))
    assert codes(lines) == ["team-owner", "team-compute", "unknown-key"]
    assert lines[0].startswith(f"{job}:1:1: error[team-owner] Every job carries tags.owner")
    assert lines[2].startswith(f"{job}:5:1: warning[unknown-key]")
    assert status == 1  # team-owner is an error


def test_command_line_overrides_the_file(tmp_path, capsys):
    job = project(tmp_path, 'policies = ["policies/*.schema.json"]\nignore = ["duplicate-key"]\n')
    status, lines, _ = check(capsys, str(job), "--select", "team-owner,unknown-key", "--severity", "team-owner=warning", "--severity", "unknown-key=hint")
    assert [line.split(" ", 2)[1] for line in lines] == ["warning[team-owner]", "hint[unknown-key]"]
    assert status == 0
    _, lines, _ = check(capsys, str(job), "--ignore", "team-owner", "--ignore", "team-compute")
    assert codes(lines) == ["unknown-key", "duplicate-key"]


def test_isolated_and_explicit_config(tmp_path, capsys):
    job = project(tmp_path, 'select = ["duplicate-key"]\n')
    assert codes(check(capsys, str(job))[1]) == ["duplicate-key"]
    assert codes(check(capsys, str(job), "--isolated")[1]) == ["unknown-key", "duplicate-key"]
    other = tmp_path / "other.toml"
    other.write_text('select = ["unknown-key"]\n')
    assert codes(check(capsys, str(job), "--config", str(other))[1]) == ["unknown-key"]
    status, _, err = check(capsys, str(job), "--config", str(tmp_path / "missing.toml"))
    assert status == 2 and "no such configuration file" in err


def test_a_bad_configuration_is_reported_with_file_and_line_and_checking_goes_on(tmp_path, capsys):
    job = project(tmp_path, 'selct = ["unknown-key"]\npolicies = ["policies/nothing.json"]\n')
    status, lines, _ = check(capsys, str(job))
    config = tmp_path / "pyproject.toml"
    assert lines[:2] == [
        f"{config}:5:1: error[invalid-config] unknown key `selct` in [tool.job-lsp] (ignored); did you mean `select`?",
        f"{config}:6:1: error[invalid-policy] the policy `policies/nothing.json` names no file (relative to {tmp_path}); it is not applied",
    ]
    assert codes(lines[2:]) == ["unknown-key", "duplicate-key"]
    assert status == 1


def test_not_toml_is_one_error_and_the_defaults(tmp_path, capsys):
    job = project(tmp_path, "select = [\n")
    status, lines, _ = check(capsys, str(job))
    assert lines[0].startswith(f"{tmp_path / 'pyproject.toml'}:") and "error[invalid-config] not valid TOML" in lines[0]
    assert codes(lines[1:]) == ["unknown-key", "duplicate-key"]


@pytest.mark.parametrize("bad", ["unknown-key", "unknown-key=fatal", "=error"])
def test_bad_severity_is_a_usage_error(tmp_path, capsys, bad):
    job = project(tmp_path, None)
    status, _, err = check(capsys, str(job), "--severity", bad)
    assert status == 2 and "--severity takes CODE=LEVEL" in err


def test_github_annotations(tmp_path, capsys):
    job = project(tmp_path, None)
    job.write_text("type: command\ncommand: echo\nenvironment: azureml:env:1\nexperiment_nme: a,b\ncommand: again\n")
    status, lines, err = check(capsys, str(job), "--output-format", "github")
    file = job.as_posix().replace(":", "%3A").replace(",", "%2C")
    assert lines == [
        f"::error file={file},line=4,col=1,endLine=4,endColumn=15,title=job-lsp unknown-key::Unknown key `experiment_nme` in a command job; did you mean `experiment_name`?",
        f"::warning file={file},line=5,col=1,endLine=5,endColumn=8,title=job-lsp duplicate-key::Duplicate key `command` (first on line 2): a YAML loader keeps only the last one and silently drops the other",
    ]
    assert status == 1 and "1 file(s) checked (1 job)" in err


def test_github_escapes_what_would_end_a_command(tmp_path, capsys):
    from job_lsp.cli.check import Diagnostic, Report, report_github

    report = Report([Diagnostic("a,b:c.yml", 1, 2, 1, 2, "hint", "x", "100% done\nnext")])
    assert report_github(report) == "::notice file=a%2Cb%3Ac.yml,line=1,col=2,endLine=1,title=job-lsp x::100%25 done%0Anext"


def test_statistics_count_by_code(tmp_path, capsys):
    job = project(tmp_path, None)
    second = job.parent / "eval.yml"
    second.write_text(JOB)
    status, lines, _ = check(capsys, str(job.parent), "--statistics")
    assert lines == ["    2  duplicate-key              warning", "    2  unknown-key                error"]
    assert status == 1


def test_rules_lists_and_explains(capsys):
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split()[:2] == ["unknown-key", "error"] for line in lines)
    assert len(lines) > 35
    assert main(["rules", "missing-path", "--locale", "fr"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("missing-path\n") and "Sévérité par défaut : erreur ou avertissement" in text and "code: ./srcc" in text
    assert main(["rules", "no-such-code"]) == 2
    assert main(["rules", "--markdown"]) == 0
    assert capsys.readouterr().out == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_french_from_the_locale_flag_the_configuration_and_lang(tmp_path, capsys, monkeypatch):
    job = project(tmp_path, None)
    french = "Clé inconnue `experiment_nme` dans un job command ; vouliez-vous dire `experiment_name` ?"
    _, lines, err = check(capsys, str(job), "--locale", "fr")
    assert french in lines[0]
    assert err.strip() == "1 fichier(s) vérifié(s) (1 job), 1 erreur(s), 1 avertissement(s)"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert french in check(capsys, str(job))[1][0]
    assert "Unknown key" in check(capsys, str(job), "--locale", "en")[1][0]
    monkeypatch.delenv("LANG")
    (tmp_path / "job-lsp.toml").write_text('locale = "fr"\n')
    assert french in check(capsys, str(job))[1][0]
    assert codes(check(capsys, str(job))[1]) == ["unknown-key", "duplicate-key"]  # codes stay


def test_a_real_process_speaks_french_with_lang(tmp_path):
    job = project(tmp_path, None)
    env = {**os.environ, "LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    result = subprocess.run([sys.executable, "-m", "job_lsp.cli", "check", str(job)], capture_output=True, text=True, env=env, timeout=120)
    assert "error[unknown-key] Clé inconnue" in result.stdout


def test_format_takes_its_options_from_the_configuration(tmp_path, capsys):
    (tmp_path / "job-lsp.toml").write_text("[format]\nindent = 4\nreorder-keys = false\n")
    job = tmp_path / "job.yml"
    job.write_text("command: echo\ntype: command\nresources:\n  instance_count: 2\n")
    assert main(["format", str(job)]) == 0
    assert job.read_text() == "command: echo\ntype: command\nresources:\n    instance_count: 2\n"
    assert main(["format", "--indent", "2", str(job)]) == 0  # the command line wins
    assert job.read_text() == "command: echo\ntype: command\nresources:\n  instance_count: 2\n"
    assert main(["format", "--isolated", str(job)]) == 0
    assert job.read_text().startswith("type: command\ncommand: echo\n")


def test_include_and_exclude_in_folders(tmp_path, capsys):
    (tmp_path / "job-lsp.toml").write_text('include = ["odd/*.yml"]\nexclude = ["legacy/**"]\n')
    for folder in ("odd", "legacy", "jobs"):
        (tmp_path / folder).mkdir()
    (tmp_path / "odd" / "job.yml").write_text("name: only-a-name\n")  # nothing says it is a job
    (tmp_path / "legacy" / "job.yml").write_text(JOB)
    (tmp_path / "jobs" / "job.yml").write_text(JOB)
    status, lines, err = check(capsys, str(tmp_path))
    assert sorted({line.split(":", 1)[0] for line in lines}) == [str(tmp_path / "jobs" / "job.yml"), str(tmp_path / "odd" / "job.yml")]
    assert "2 file(s) checked (2 job)" in err and "1 YAML file(s) skipped" in err
    assert "legacy" not in "".join(check(capsys, "--only-jobs", str(tmp_path / "legacy" / "job.yml"))[1])


def test_the_command_line_says_its_own_words_in_both_languages(tmp_path, capsys):
    from job_lsp.cli.texts import TEXTS as USAGE

    for english, french in USAGE.values():
        assert english != french and english.count("{") == french.count("{")
    assert main(["check", "--locale", "fr", str(tmp_path / "nowhere.yml")]) == 2
    assert "fichier ou dossier introuvable" in capsys.readouterr().err
    assert main(["rules", "nope", "--locale", "fr"]) == 2
    assert "code inconnu 'nope'" in capsys.readouterr().err


def test_format_schema_and_serve_speak_french_too(tmp_path, monkeypatch, capsys):
    job = tmp_path / "job.yml"
    job.write_text("command: python x.py\nenvironment:   azureml:e:1\ncompute: azureml:c\n")
    assert main(["format", "--check", "--locale", "fr", str(job)]) == 1
    out, err = capsys.readouterr()
    assert f"serait reformaté : {job}" in out and "1 fichier(s) seraient reformaté(s)" in err
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")  # the environment's locale, without the flag
    assert main(["format", str(job)]) == 0
    assert "1 fichier(s) reformaté(s), 0 laissé(s) tel(s) quel(s)" in capsys.readouterr().err
    assert main(["format", "--indent", "9", str(job)]) == 2
    assert "--indent doit être entre 2 et 8" in capsys.readouterr().err
    assert main(["schema", "--type", "commnd"]) == 2
    assert "type de travail inconnu `commnd` ; vouliez-vous dire `command` ?" in capsys.readouterr().err
    assert main(["serve", "--tcp", "nowhere"]) == 2
    assert "--tcp prend HÔTE:PORT" in capsys.readouterr().err
    monkeypatch.setenv("LC_ALL", "C")
    assert main(["format", "--check", str(job)]) == 0
    assert "0 file(s) would be reformatted, 1 left unchanged" in capsys.readouterr().err


def test_stdin_takes_the_configuration_of_its_stdin_filename(tmp_path, monkeypatch, capsys):
    import io

    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "job-lsp.toml").write_text('ignore = ["unknown-key"]\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(JOB.encode())))
    status, lines, _ = check(capsys, "--stdin-filename", "team/job.yml", "-")
    assert codes(lines) == ["duplicate-key"] and lines[0].startswith("team/job.yml:6:1:")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(JOB.encode())))
    assert codes(check(capsys, "-")[1]) == ["unknown-key", "duplicate-key"]
