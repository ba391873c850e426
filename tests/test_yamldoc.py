"""The YAML core: whatever the input, a tree plus problems, never an exception."""

from __future__ import annotations

import pytest

from job_lsp import yamldoc
from job_lsp.yamldoc import Alias, Mapping, Scalar, Sequence, parse, to_data


def codes(doc: yamldoc.Document) -> list[str]:
    return [p.code for p in doc.problems]


def line_of(doc: yamldoc.Document, problem: yamldoc.Problem) -> int:
    return doc.position(problem.start)[0] + 1


def test_every_node_has_its_range() -> None:
    text = "name: job\ninputs:\n  lr: 0.01\n  data:\n    path: ./d\nlist: [a, b]\n"
    doc = parse(text)
    assert doc.problems == []
    root = doc.root
    assert isinstance(root, Mapping)
    keys = [text[k.start : k.end] for k, _ in root.pairs]
    assert keys == ["name", "inputs", "list"]
    lr = doc.get("inputs", "lr")
    assert isinstance(lr, Scalar) and lr.value == 0.01 and text[lr.start : lr.end] == "0.01"
    path = doc.get("inputs", "data", "path")
    assert isinstance(path, Scalar) and doc.position(path.start) == (4, 10)
    seq = doc.get("list")
    assert isinstance(seq, Sequence) and [i.value for i in seq.items] == ["a", "b"]


def test_yaml_1_1_scalars_as_azure_ml_reads_them() -> None:
    data = to_data(parse("a: yes\nb: off\nc: 0755\nd: 1e3\ne: 1.5e+3\nf: ~\ng: 0x10\nh: 1_000\ni: 1.5e3\n").root)
    assert data == {"a": True, "b": False, "c": 493, "d": "1e3", "e": 1500.0, "f": None, "g": 16, "h": 1000, "i": "1.5e3"}


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n# and another\n"])
def test_empty_and_comment_only_files(text: str) -> None:
    doc = parse(text)
    assert doc.root is None and doc.problems == [] and not doc.had_content


def test_duplicate_keys_are_reported_on_the_second_key() -> None:
    doc = parse("name: a\ncompute: x\nname: b\n")
    assert codes(doc) == ["duplicate-key"]
    assert line_of(doc, doc.problems[0]) == 3 and "line 1" in doc.problems[0].message
    assert to_data(doc.root) == {"name": "b", "compute": "x"}  # the last wins, as in PyYAML


def test_tab_indentation_says_so() -> None:
    doc = parse("inputs:\n\tlr: 1\n")
    assert codes(doc) == ["yaml-syntax"]
    assert "Tab" in doc.problems[0].message and line_of(doc, doc.problems[0]) == 2


def test_syntax_error_keeps_the_tree_before_it() -> None:
    doc = parse("name: job\ncompute: azureml:cpu\ninputs: [a, b\nlater: 1\n")
    assert codes(doc) == ["yaml-syntax"]
    assert doc.get("name").value == "job" and doc.get("compute").value == "azureml:cpu"


def test_invalid_utf8_is_reported_and_the_rest_read() -> None:
    doc = parse(b"name: caf\xe9\ncompute: x\n")
    assert codes(doc) == ["invalid-encoding"]
    assert line_of(doc, doc.problems[0]) == 1
    assert doc.get("compute").value == "x"


def test_binary_junk_never_raises() -> None:
    junk = bytes(range(256)) * 20
    doc = parse(junk)
    assert doc.problems  # something is said
    assert all(p.severity == "error" for p in doc.problems)


def test_nul_bytes_are_refused_and_located() -> None:
    doc = parse("name: a\x00b\n")
    assert codes(doc) == ["invalid-character"]
    assert doc.problems[0].start == 7


def test_utf8_bom_is_accepted() -> None:
    doc = parse("\ufeffname: x\n".encode("utf-8"))
    assert doc.problems == [] and to_data(doc.root) == {"name": "x"}


def test_second_document_is_reported() -> None:
    doc = parse("name: a\n---\nname: b\n")
    assert codes(doc) == ["multiple-documents"] and line_of(doc, doc.problems[0]) == 2
    assert to_data(doc.root) == {"name": "a"}


def test_top_level_scalar_and_list_parse() -> None:
    assert isinstance(parse("just text\n").root, Scalar)
    assert isinstance(parse("- a\n").root, Sequence)


def test_anchors_aliases_and_merge_keys() -> None:
    doc = parse("base: &b\n  compute: x\n  tags: {a: b}\njob:\n  <<: *b\n  compute: y\nref: *b\n")
    assert doc.problems == []
    assert to_data(doc.root)["job"] == {"compute": "y", "tags": {"a": "b"}}
    ref = doc.root.pairs[2][1]
    assert isinstance(ref, Alias) and doc.position(ref.start) == (6, 5)


def test_undefined_and_recursive_aliases() -> None:
    assert codes(parse("a: *nowhere\n")) == ["undefined-alias"]
    assert codes(parse("a: &x [1, *x]\n")) == ["undefined-alias"]


def test_alias_bomb_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    doc = parse("\n".join(lines) + "\n")  # 10**12 nodes if expanded
    budget = yamldoc.ExpansionBudget(10_000)
    to_data(doc.root, budget)
    assert budget.exceeded


def test_unsafe_tags_are_refused_not_executed() -> None:
    doc = parse("name: !!python/object/apply:os.system ['echo pwned']\n")
    assert "unsafe-tag" in codes(doc)


def test_deep_nesting_is_bounded() -> None:
    doc = parse("[" * 10_000 + "]" * 10_000)
    assert "too-deep" in codes(doc)
    block = "".join("  " * i + f"k{i}:\n" for i in range(1000)) + "  " * 1000 + "leaf: 1\n"
    doc = parse(block)
    assert codes(doc) == ["too-deep"] and line_of(doc, doc.problems[0]) == 201


def test_long_lines_and_large_files() -> None:
    doc = parse("command: " + "x" * 1_000_000 + "\n")
    assert doc.problems == [] and len(doc.get("command").value) == 1_000_000
    big = "jobs:\n" + "".join(f"  s{i}:\n    type: command\n" for i in range(20_000))
    doc = parse(big)
    assert doc.problems == [] and len(doc.get("jobs").pairs) == 20_000


def test_positions_map_back_and_forth() -> None:
    text = "a: 1\nbé: 2\n"
    doc = parse(text)
    for offset in range(len(text)):
        line, col = doc.position(offset)
        assert doc.offset(line, col) == offset


def test_key_path_of_an_offset() -> None:
    text = "type: command\ninputs:\n  data:\n    mode: ro_mout\nargs:\n  - a\n  - {x: 1}\nempty:\n"
    doc = parse(text)
    at = text.index
    assert yamldoc.key_path(doc.root, at("type")) == ("type",)
    assert yamldoc.key_path(doc.root, at("ro_mout")) == ("inputs", "data", "mode")
    assert yamldoc.key_path(doc.root, at("mode")) == ("inputs", "data", "mode")
    assert yamldoc.key_path(doc.root, at("- a") + 2) == ("args", 0)
    assert yamldoc.key_path(doc.root, at("x: 1")) == ("args", 1, "x")
    assert yamldoc.key_path(doc.root, at("empty")) == ("empty",)
    assert yamldoc.key_path(parse("- 1\n").root, 2) == (0,)
    assert yamldoc.key_path(None, 0) == ()
