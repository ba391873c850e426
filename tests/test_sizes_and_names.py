"""Values azure-ai-ml lets through and users regret: integers no Azure service takes, and
invisible or look-alike characters in names and references (warnings); a duration the SDK
cannot convert (an error)."""

from __future__ import annotations

from pathlib import Path

import pytest

from job_lsp.diagnose import diagnose
from job_lsp.yamldoc import parse

JOB = "type: command\ncommand: python x.py\nenvironment: azureml:e:1\n"


def problems(extra: str, folder: Path | None = None) -> list[tuple[str, str]]:
    return [(p.severity, p.code) for p in diagnose(parse(JOB + extra), folder)]


@pytest.mark.parametrize(
    "value, expected",
    [
        (2**31 - 1, []),
        (2**31, [("warning", "out-of-range")]),
        (10**30, [("warning", "out-of-range")]),
    ],
)
def test_a_count_is_a_32_bit_integer(value: int, expected: list) -> None:
    assert problems(f"resources:\n  instance_count: {value}\n") == expected


def test_a_port_without_a_lower_bound_is_checked_both_ways() -> None:
    assert problems("distribution:\n  type: ray\n  port: -2147483649\n") == [("warning", "out-of-range")]
    assert problems("distribution:\n  type: ray\n  port: -2147483648\n") == []


def test_an_input_is_a_64_bit_integer() -> None:
    assert problems(f"inputs:\n  seed: {2**63 - 1}\n") == []
    (p,) = diagnose(parse(JOB + f"inputs:\n  seed: {2**63}\n"))
    assert (p.severity, p.code) == ("warning", "out-of-range") and "(2^63-1)" in p.message


def test_durations_are_bounded_by_the_service_and_by_the_sdk() -> None:
    assert problems("limits:\n  timeout: 922337203685\n") == []  # .NET TimeSpan's largest, in seconds
    assert problems("limits:\n  timeout: 922337203686\n") == [("warning", "out-of-range")]
    assert problems("limits:\n  timeout: 86399999999999\n") == [("warning", "out-of-range")]  # timedelta's largest
    assert problems("limits:\n  timeout: 86400000000000\n") == [("error", "out-of-range")]  # the SDK fails


def test_minutes_are_durations_too() -> None:
    text = "type: automl\ntask: classification\ntarget_column_name: y\ntraining_data: {type: mltable, path: azureml:d:1}\nlimits:\n  timeout_minutes: N\n"
    assert [p.severity for p in diagnose(parse(text.replace("N", str(1440000000000))))] == ["error"]
    assert [p.severity for p in diagnose(parse(text.replace("N", str(15372286729))))] == ["warning"]
    assert diagnose(parse(text.replace("N", str(15372286728)))) == []


def test_odd_characters_in_names_and_references_only(tmp_path: Path) -> None:
    (tmp_path / "données").mkdir()
    assert problems("compute: azureml:cpu\u200b-cluster\n") == [("warning", "odd-character")]
    assert problems("experiment_name: fraud\u2010detection\n") == [("warning", "odd-character")]
    assert problems("code: azureml:my-\u0441ode:1\n") == [("warning", "odd-character")]
    # Free text and local paths may hold any letter.
    assert problems("description: Entraînement\u200b « base »\ndisplay_name: Modèle\n") == []
    assert problems("code: ./données\n", tmp_path) == []
    message = diagnose(parse(JOB + "compute: azureml:cpu\u200b-cluster\n"))[0].message
    assert "ZERO WIDTH SPACE (U+200B) at character 12" in message


def test_the_quick_fix_drops_zero_width_characters_from_plain_text_only() -> None:
    from job_lsp.navigate import quick_fixes

    text = JOB + "compute: azureml:cpu\u200b-cluster\nexperiment_name: fraud\u2010detection\nname: \"a\u200bb\"\n"
    doc = parse(text)
    problems = diagnose(doc)
    fixes = [(a.title, [(text[c.start : c.end], c.new_text) for c in a.changes]) for a in quick_fixes(doc, problems, None) if a.title.startswith("Change")]
    # The look-alike hyphen has no fix (which ASCII character was meant is a guess); quoted text keeps its quotes.
    assert fixes == [("Change to `azureml:cpu-cluster`", [("azureml:cpu\u200b-cluster", "azureml:cpu-cluster")])]
