"""Types across the wire: literals and step outputs against a local component's inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from job_lsp.model.component import limits_problem, literal_problem
from job_lsp.wire import check_wire_types, fits
from job_lsp.yamldoc import parse


@pytest.mark.parametrize(
    "input_type, value, problem",
    [
        ("integer", 3, None),
        ("integer", "3", None),
        ("integer", 1.5, "an integer"),
        ("integer", True, "an integer"),
        ("number", "2.5", None),
        ("number", "fast", "a number"),
        ("boolean", False, None),
        ("boolean", "True", None),
        ("boolean", 1, "a boolean (true or false)"),
        ("string", 3, None),
    ],
)
def test_literals_against_parameter_types(input_type: str, value: object, problem: str | None) -> None:
    assert literal_problem(input_type, value) == problem


def test_limits() -> None:
    assert limits_problem({"enum": ["a", "b"]}, "c") == "one of `a`, `b`"
    assert limits_problem({"enum": ["True", "False"]}, True) is None
    assert limits_problem({"min": 1, "max": "5"}, 9) == "at most 5"
    assert limits_problem({"min": 1}, 0) == "at least 1"
    assert limits_problem({"min": 1}, "abc") is None


def test_which_data_fits_which_input() -> None:
    assert fits("uri_folder", "uri_folder") and fits("mlflow_model", "uri_folder") and fits("path", "uri_file")
    assert not fits("uri_folder", "uri_file") and not fits("mlflow_model", "uri_file") and not fits("uri_file", "uri_folder")


COMPONENT = """\
name: c
type: command
version: 1
inputs:
  n: {type: integer}
  f: {type: uri_file}
outputs:
  out: {type: uri_folder}
command: echo ${{inputs.n}} ${{inputs.f}} ${{outputs.out}}
environment: azureml:e:1
"""


def problems(tmp_path: Path, pipeline: str) -> list[tuple[int, str]]:
    (tmp_path / "c.yml").write_text(COMPONENT)
    doc = parse(pipeline)
    return [(doc.position(p.start)[0] + 1, p.code) for p in check_wire_types(doc, str(tmp_path))]


def test_a_step_output_into_an_input_of_another_type(tmp_path: Path) -> None:
    pipeline = "type: pipeline\njobs:\n  a:\n    component: ./c.yml\n    inputs: {n: 1}\n  b:\n    component: ./c.yml\n    inputs:\n      n: two\n      f: ${{parent.jobs.a.outputs.out}}\n"
    assert problems(tmp_path, pipeline) == [(9, "input-type-mismatch"), (10, "input-type-mismatch")]


def test_the_step_own_output_type_wins(tmp_path: Path) -> None:
    pipeline = "type: pipeline\njobs:\n  a:\n    component: ./c.yml\n    outputs: {out: {type: uri_file}}\n  b:\n    component: ./c.yml\n    inputs:\n      f: ${{parent.jobs.a.outputs.out}}\n"
    assert problems(tmp_path, pipeline) == []


def test_bindings_to_the_pipeline_and_unknown_components_are_left_alone(tmp_path: Path) -> None:
    pipeline = "type: pipeline\njobs:\n  a:\n    component: azureml:c:1\n    inputs: {n: two}\n  b:\n    component: ./c.yml\n    inputs:\n      n: ${{parent.inputs.n}}\n      f: ${{parent.jobs.a.outputs.out}}\n"
    assert problems(tmp_path, pipeline) == []
