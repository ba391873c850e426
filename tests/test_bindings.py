"""Bindings as plain functions of the core: parsing, scopes, resolution, counts."""

from __future__ import annotations

import json
from pathlib import Path

from job_lsp.bindings import analyze
from job_lsp.validate import model_map
from job_lsp.yamldoc import parse


def analysis(text: str, folder: str | None = None):
    doc = parse(text)
    return doc, analyze(doc, model_map(doc).entities, folder)


def test_exact_ranges_of_bindings_and_segments() -> None:
    text = "type: command\ncommand: >-\n  python x.py --lr ${{ inputs.lr }}\nenvironment: azureml:e:1\ninputs:\n  lr: 1\n"
    doc, a = analysis(text)
    (b,) = a.bindings
    assert text[b.start : b.end] == "${{ inputs.lr }}"
    assert [text[s.start : s.end] for s in b.segments] == ["inputs", "lr"]
    assert b.status == "resolved" and text[b.target.key.start : b.target.key.end] == "lr"


def test_scopes() -> None:
    text = (
        "type: sweep\n"
        "trial:\n  command: python x.py --lr ${{search_space.lr}} --d ${{inputs.d}} --o ${{outputs.o}}\n  environment: azureml:e:1\n"
        "inputs:\n  d: 1\noutputs:\n  o:\n"
        "search_space:\n  lr: {type: uniform, min_value: 0, max_value: 1}\n"
        "objective: {goal: maximize, primary_metric: acc}\nlimits: {max_total_trials: 2}\n"
    )
    _, a = analysis(text)
    assert [(b.expression, b.status, b.target.kind) for b in a.bindings] == [
        ("search_space.lr", "resolved", "parameter"),
        ("inputs.d", "resolved", "input"),
        ("outputs.o", "resolved", "output"),
    ]
    assert a.problems == []


def test_runtime_values_optional_parts_and_unknown_components() -> None:
    text = (
        "type: pipeline\nsettings: {default_compute: serverless}\noutputs:\n  o:\n    type: uri_folder\n"
        "    path: azureml://datastores/${{default_datastore}}/paths/${{name}}/${{output_name}}\n"
        "jobs:\n"
        "  remote:\n    component: azureml:thing:1\n"
        "  local:\n    command: echo ${{inputs.a}} [[--b ${{inputs.b}}]]\n    environment: azureml:e:1\n"
        "    inputs:\n      a: ${{parent.jobs.remote.outputs.x}}\n"
    )
    _, a = analysis(text)
    assert a.counts() == {"runtime": 3, "resolved": 1, "optional": 1, "missing": 1}
    # a step defined inline cannot bind to an output the remote step does not list
    assert [p.code for p in a.problems] == ["undeclared-output"]


def test_unknown_forms_and_unclosed() -> None:
    _, a = analysis("type: command\ncommand: echo ${{input.x}} ${{inputs.y\nenvironment: azureml:e:1\n")
    assert sorted(p.code for p in a.problems) == ["unclosed-binding", "unknown-binding"]


def test_the_corpus_resolves_or_knowingly_leaves_every_binding(corpus: Path, oracle: list[dict]) -> None:
    totals: dict[str, int] = {}
    for row in oracle:
        path = corpus / "azureml-examples" / row["path"]
        doc = parse(path.read_bytes())
        result = analyze(doc, model_map(doc).entities, str(path.parent))
        for status, n in result.counts().items():
            totals[status] = totals.get(status, 0) + n
    # Resolved to their declaration; filled in by Azure ML at run time; or unknowable here
    # (steps whose component is azureml:...). None missing, none unresolved by mistake.
    assert totals == {"resolved": 1105, "runtime": 863, "unknown": 20}, json.dumps(totals)


def test_inputs_declared_through_a_merge_key_resolve() -> None:
    """PyYAML (and so azure-ai-ml) reads `inputs: {<<: {lr: 1}}` as `inputs: {lr: 1}`: the
    binding resolves, and no `undeclared-input ... (declared: <<)` is reported."""
    text = "type: command\ncommand: python x.py --lr ${{inputs.lr}}\nenvironment: azureml:e:1\ncompute: c\ninputs:\n  <<: {lr: 1}\n"
    doc, a = analysis(text)
    (b,) = a.bindings
    assert b.status == "resolved" and text[b.target.key.start : b.target.key.end] == "lr"
    assert [p.code for p in a.problems] == []
