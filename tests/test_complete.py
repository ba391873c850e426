"""Completion, hover and the outline as plain functions of the core."""

from __future__ import annotations

import pytest

from job_lsp.complete import Sources, complete
from job_lsp.context import ITEM, cursor_context, kind_at
from job_lsp.hover import hover
from job_lsp.outline import folding_ranges, symbols
from job_lsp.yamldoc import parse

SOURCES = Sources(computes=["cpu"], environments=["azureml:env:2"], experiments=["exp"], curated=[("AzureML-sklearn-1.5", None)], folder_name="proj")


def at(text: str) -> tuple[str, int, int]:
    i = text.index("|")
    return text.replace("|", "", 1), text[:i].count("\n"), len(text[:i].split("\n")[-1])


def labels(text: str, **kw) -> list[str]:
    return [item.label for item in complete(*at(text), SOURCES, **kw)]


@pytest.mark.parametrize(
    "text, path, in_value, key",
    [
        ("inputs:\n  data:\n    ty|", ["inputs", "data"], False, None),
        ("inputs:\n  data:\n    type: ur|", ["inputs", "data"], True, "type"),
        ("type: pipeline\njobs:\n  a:\n    resources:\n      |\n    compute: x\n", ["jobs", "a", "resources"], False, None),
        ("steps:\n  - name: a\n    inputs:\n      |", ["steps", ITEM, "inputs"], False, None),
        ("steps:\n  - inputs:\n      |", ["steps", ITEM, "inputs"], False, None),
        ("steps:\n  - name: a\n    |", ["steps", ITEM], False, None),
        ("co|", [], False, None),
    ],
)
def test_cursor_context(text: str, path: list, in_value: bool, key: str | None) -> None:
    ctx = cursor_context(*at(text))
    assert [level.key for level in ctx.path[1:]] == path
    assert (ctx.in_value, ctx.key) == (in_value, key)


def test_union_branches_are_chosen_from_sibling_values() -> None:
    ctx = cursor_context(*at("type: sweep\nearly_termination:\n  type: truncation_selection\n  |"))
    raw, kind = kind_at(ctx.path)
    assert kind.entity.__name__ == "TruncationSelectionPolicy"
    assert "truncation_percentage" in labels("type: sweep\nearly_termination:\n  type: truncation_selection\n  |")
    assert "slack_factor" not in labels("type: sweep\nearly_termination:\n  type: truncation_selection\n  |")


def test_keys_exclude_present_and_read_only_ones() -> None:
    got = labels("type: command\ncommand: x\n|")
    assert "command" not in got and "status" not in got and "id" not in got and "environment" in got


def test_values() -> None:
    assert labels("type: command\ncompute: |") == ["azureml:cpu", "local"]
    assert labels("type: pipeline\nsettings:\n  default_compute: |") == ["azureml:cpu", "serverless"]
    assert labels("type: command\nexperiment_name: |") == ["proj", "exp"]
    assert labels("type: command\nenvironment: |")[:2] == ["azureml:env:2", "azureml:AzureML-sklearn-1.5@latest"]
    assert labels("type: sweep\nobjective:\n  goal: |") == ["minimize", "maximize"]
    assert labels("type: command\nresources:\n  instance_count: |") == []
    assert "true" in labels("type: pipeline\nsettings:\n  force_rerun: |")
    assert "$schema" in labels("type: command\n|")
    assert labels("type: command\n$schema: |") == ["https://azuremlschemas.azureedge.net/latest/commandJob.schema.json"]


def test_list_items_and_snippets() -> None:
    assert "light_gbm" in labels("type: automl\ntask: classification\ntraining:\n  blocked_training_algorithms:\n    - |")
    item = next(i for i in complete(*at("type: command\n|"), SOURCES, snippets=False) if i.label == "distribution")
    assert item.insert_text == "distribution:\n  type: " and not item.snippet
    item = next(i for i in complete(*at("type: sweep\n|"), SOURCES, indent=4) if i.label == "objective")
    assert item.insert_text == "objective:\n    goal: ${1|minimize,maximize|}\n    primary_metric: $2"


def test_french_documentation() -> None:
    item = next(i for i in complete(*at("type: command\n|"), SOURCES, locale="fr") if i.label == "compute")
    assert "La cible de calcul" in item.documentation


def test_hover_plain() -> None:
    text = "type: command\ncommand: x\nresources:\n  instance_count: 2\n"
    doc = parse(text)
    result = hover(doc, text.index("instance_count") + 2)
    assert result is not None and "Default: `1`" in result.markdown
    assert (result.start, result.end) == (text.index("instance_count"), text.index("instance_count") + len("instance_count"))
    assert hover(doc, text.index("command: x") + 9).markdown.startswith("**command**")
    assert hover(parse("bogus: 1\n"), 2) is None


def test_outline_and_folds_plain() -> None:
    doc = parse("type: pipeline\njobs:\n  a:\n    type: command\n  b:\n    type: sweep\n# c1\n# c2\n")
    jobs = next(s for s in symbols(doc) if s.name == "jobs")
    assert [(c.name, c.kind, c.detail) for c in jobs.children] == [("a", "step", "command"), ("b", "step", "sweep")]
    assert {(f.start_line, f.end_line, f.kind) for f in folding_ranges(doc)} == {(1, 5, "region"), (2, 3, "region"), (4, 5, "region"), (6, 7, "comment")}


def test_a_key_line_with_only_a_comment_opens_its_block() -> None:
    # `evaluate: # a note` opens the step's mapping; what is under it is the step's, not the
    # previous step's (the comment was read as the key's value).
    text = "type: pipeline\njobs:\n  train:\n    type: command\n    outputs:\n      model:\n        type: uri_folder\n  evaluate: # a placeholder step\n    type: command\n    \n"
    from job_lsp.context import cursor_context

    assert [level.key for level in cursor_context(text, 9, 4).path] == [None, "jobs", "evaluate"]
    labels = [i.label for i in complete(text, 9, 4)]
    assert "command" in labels and "environment" in labels
    assert "type" not in labels  # already there
