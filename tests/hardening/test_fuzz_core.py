"""Property tests of the core as plain functions: `parse`, `validate` and `format_text` are
total (never raise, never hit their last-resort `internal-error`), every problem lies inside
the text, and formatting keeps the data and is idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hardening_util import corpus_jobs, examples
from job_lsp.format import FormatOptions, format_text
from job_lsp.diagnose import diagnose
from job_lsp.yamldoc import ERROR, parse, to_data

# Hundreds of examples and every corpus job: out of the quick run (-m 'not slow').
pytestmark = pytest.mark.slow

JOBS = corpus_jobs()
SOURCES = {p: p.read_text(encoding="utf-8") for p in JOBS}

# Pieces of YAML (and of job files) that random text is made of.
TOKENS = [
    "type", "command", "pipeline", "sweep", "inputs", "outputs", "jobs", "compute", "environment", "code",
    "resources", "instance_count", "distribution", "trial", "search_space", "settings", "services", "$schema",
    ": ", ":", "- ", "-", " ", "  ", "\n", "\r\n", "\r", "\t", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ", "*b",
    "<<: ", "!!python/object/apply:os.system ", "!!str ", "!!int ", "!foo ", "? ", "|", "|-", ">", "#", "# c\n",
    "'", '"', "---\n", "...\n", "%YAML 1.1\n", "yes", "null", "~", "1e3", "0755", "2024-01-01", ".nan", "-1",
    "${{", "}}", "${{inputs.x}}", "${{parent.jobs.a.outputs.b}}", "[[", "]]", "azureml:x:1", "./src", "\x00",
    "é", "日本", "😀", "\u2028", "\x85", "\ufeff", "\\", "x", "a", "b",
]
yamlish = st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), max_size=80).map("".join)

SCALARS = ["1", "1.5", "-3", "yes", "no", "null", "", "[]", "{}", "[a, b]", "{a: 1}", "x", "'1'", '"x"', "${{inputs.x}}", "${{", "azureml:x:1", "./nowhere", "&z v", "*z", "*undefined", "!!python/object:os.system {}", "|\n  x", ".inf", "2024-01-01", "0x1F", "😀"]
INSERTS = ["\t", "\x00", "${{", "}}", "  ", "- ", ":", "\n", "#", "[", "{", "&a ", "*a", "\ufeff", "\r"]


@st.composite
def mutated_job(draw: st.DrawFn) -> tuple[Path, str]:
    """A valid job file mutated key by key: keys renamed, scalars of another type, lines
    deleted or duplicated or re-indented, characters inserted (tabs, NUL, `${{`...)."""
    path = draw(st.sampled_from(JOBS))
    lines = SOURCES[path].split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        op = draw(st.sampled_from(["rename", "scalar", "delete", "duplicate", "indent", "dedent", "insert", "swap"]))
        key, colon, rest = line.partition(":")
        if op == "rename" and colon:
            stem = key.strip().lstrip("- ")
            new = draw(st.sampled_from([stem[:-1], stem + "x", stem.upper(), stem[::-1], "type", "inputs", "jobs", "<<", "", "a b", "😀"]))
            lines[i] = key.replace(stem, new, 1) + colon + rest if stem else line
        elif op == "scalar" and colon:
            lines[i] = key + ": " + draw(st.sampled_from(SCALARS))
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "indent":
            lines[i] = "  " + line
        elif op == "dedent":
            lines[i] = line[2:] if line.startswith("  ") else line
        elif op == "insert":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(INSERTS)) + line[at:]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return path, "\n".join(lines)


def check_document(source: str | bytes, folder: Path | None = None) -> None:
    doc = parse(source)
    assert isinstance(doc.text, str)
    n = len(doc.text)
    for p in doc.problems:
        assert p.code != "internal-error", p.message
        assert 0 <= p.start <= p.end <= n, (p, n)
    problems = diagnose(doc, folder)
    for p in problems:
        assert p.code != "internal-error", p.message
        assert 0 <= p.start <= p.end <= n, (p, n)
        doc.position(p.start), doc.position(p.end)  # line/column conversion works too
    if isinstance(source, str):
        check_format(source)


def check_format(text: str) -> None:
    """Formatting never raises; on a file without YAML errors the result reads back as the
    same data and is idempotent."""
    for options in (FormatOptions(), FormatOptions(indent=4, reorder=False)):
        result = format_text(text, options)
        assert "internal error" not in (result.error or ""), result.error
        if result.error:
            assert result.text == text and not result.changed
            continue
        before, after = parse(text), parse(result.text)
        assert not any(p.severity == ERROR for p in before.problems)
        assert not any(p.severity == ERROR for p in after.problems)
        assert to_data(after.root) == to_data(before.root)
        again = format_text(result.text, options)
        assert again.error is None and again.text == result.text and not again.changed


@settings(max_examples=examples(300))
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    check_document(data)


@settings(max_examples=examples(400))
@given(yamlish)
def test_random_yamlish_text(text: str) -> None:
    check_document(text)
    check_document(text.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=examples(400))
@given(mutated_job())
def test_mutated_jobs(case: tuple[Path, str]) -> None:
    path, text = case
    check_document(text, path.parent)


@settings(max_examples=examples(100))
@given(mutated_job(), st.binary(min_size=1, max_size=8), st.data())
def test_mutated_jobs_with_bytes_spliced_in(case: tuple[Path, str], junk: bytes, data: st.DataObject) -> None:
    path, text = case
    raw = text.encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    check_document(raw[:at] + junk + raw[at:], path.parent)


def test_every_corpus_job_formats_to_the_same_data() -> None:
    """The starting points themselves: the properties hold on every unmutated job file, and
    none is refused by the formatter (check_format skips what it refuses: a formatter that
    refused everything would pass it)."""
    for path, text in SOURCES.items():
        check_document(text, path.parent)
        assert format_text(text, FormatOptions()).error is None, path
