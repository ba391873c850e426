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


OLD_FORMS = (
    "type: pipeline\nsettings: {default_compute: serverless}\ninputs: {lr: 1}\noutputs: {final: }\n"
    "jobs:\n"
    "  prep:\n    command: echo ${{inputs.a}} > ${{outputs.out}}\n    environment: azureml:e:1\n"
    "    inputs:\n      a: ${{inputs.lr}}\n    outputs:\n      out: ${{outputs.final}}\n"
    "  train:\n    command: ls ${{inputs.data}} ${{jobs.prep.outputs.out}}\n    environment: azureml:e:1\n"
    "    inputs:\n      data: ${{jobs.prep.outputs.out}}\n      spaced: ${{ jobs.prep.outputs.out }}\n"
)


def test_old_binding_forms_are_refused_as_a_step_input_or_output_and_flagged_elsewhere() -> None:
    from job_lsp.navigate import quick_fixes

    doc, a = analysis(OLD_FORMS)
    found = [(OLD_FORMS[p.start : p.end], p.severity, p.code) for p in a.problems]
    # What azure-ai-ml refuses when the job is created: a step input or output that is exactly
    # an old form; in a command, or spaced, it passes the text on.
    assert found == [
        ("${{inputs.lr}}", "error", "old-binding-form"),
        ("${{outputs.final}}", "error", "old-binding-form"),
        ("${{jobs.prep.outputs.out}}", "warning", "old-binding-form"),
        ("${{jobs.prep.outputs.out}}", "error", "old-binding-form"),
        ("${{ jobs.prep.outputs.out }}", "warning", "old-binding-form"),
    ]
    assert "refuses when the job is created" in a.problems[0].message and "`${{parent.inputs.lr}}`" in a.problems[0].message
    fixes = [(fix.title, [(c.start, c.end, c.new_text) for c in fix.changes]) for fix in quick_fixes(doc, a.problems, a)]
    assert ("Change to `${{parent.inputs.lr}}`", [(a.problems[0].start, a.problems[0].end, "${{parent.inputs.lr}}")]) in fixes
    assert "Change to `${{ parent.jobs.prep.outputs.out }}`" in [title for title, _ in fixes]
