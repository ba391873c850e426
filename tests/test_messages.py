"""Messages in English and French (job_lsp.messages): every message the checks produce has a
French text, and the French is not English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from job_lsp.cli.check import check_paths
from job_lsp.messages import CATALOG, LABELS, _compiled, _fill, french, label_fr, localize
from job_lsp.model.entity import Entity
from job_lsp.rules import RULES

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared"

# A value each kind of part may take, to build one message per template.
SAMPLES = {
    "did": "; did you mean `x`?",
    "dot": ".",
    "label": "a command job",
    "Label": "A command step",
    "what": "`compute`",
    "node": "a list",
    "kind": "an integer",
    "io": "input",
    "where": "component `train.yml`",
    "yaml": "Did not find expected key (while parsing a block mapping)",
    "table": "[tool.job-lsp]",
    "unit": "seconds",
    "has": " (it has ZERO WIDTH SPACE at character 3)",
    "read": "Cannot read the file: it is not a regular file",
}
# Words that give an English sentence away; none may be left in a French one (outside `code`
# and the values a message quotes).
ENGLISH = re.compile(r"\b(the|The|is|are|not|must|cannot|Cannot|requires?|expects?|[uU]nknown|[mM]issing|should|with|which|file|folder|key|step|Step|value|values|did you mean)\b")


def produced_messages() -> list[tuple[str, str]]:
    report = check_paths([str(CORPUS / "corpus"), str(CORPUS / "corpus-family"), str(HERE / "cases"), str(HERE / "hardening")])
    assert report.checked > 250 and len(report.diagnostics) > 100  # the corpus is there
    return sorted({(d.code, d.message) for d in report.diagnostics})


def english_words(text: str) -> list[str]:
    # Quoted parts (`...`, '...', and the parenthesised "Compute not set") are values, not words.
    bare = re.sub(r"`[^`]*`|'[^']*'|«[^»]*»|\([^)]*: [^)]*\)", "", text)
    return ENGLISH.findall(bare)


def test_every_message_of_the_corpus_and_cases_has_french():
    missing, english = [], []
    for code, message in produced_messages():
        text = french(code, message)
        if text is None or text == message:
            missing.append((code, message))
        elif english_words(text):
            english.append((text, english_words(text)))
    assert missing == []
    assert english == []


@pytest.mark.parametrize("code, en, fr", [(code, en, fr) for code, pairs in CATALOG.items() for en, fr in pairs])
def test_every_template_is_reachable_and_french(code, en, fr):
    assert code in RULES
    assert fr != en
    pattern, names = _compiled(en)
    values = {name: SAMPLES.get(re.sub(r"\d+$", "", name), f"v{i}") for i, name in enumerate(names)}
    message = re.sub(r"<<(\w+)>>", lambda m: values[m.group(1)], en)
    # The template itself answers (no more general one before it takes the message).
    assert french(code, message) == _fill(fr, pattern.fullmatch(message).groupdict())
    assert set(re.findall(r"<<(\w+)>>", fr)) == set(names)
    assert english_words(french(code, message)) == []


def all_entities() -> list[type]:
    found, stack = [], [Entity]
    while stack:
        cls = stack.pop()
        stack += cls.__subclasses__()
        found.append(cls)
    return found


def test_every_entity_label_has_french():
    labels = {cls.label() for cls in all_entities() if cls.LABEL or getattr(cls, "TYPE", None)}
    assert len(labels) > 100
    assert sorted(label for label in labels if label_fr(label) is None) == []
    assert set(LABELS) <= labels | {""}, set(LABELS) - labels  # no stale entries


def test_localize_keeps_english_and_codes_unless_french():
    message = "Unknown key `experiment_nme` in a command job; did you mean `experiment_name`?"
    assert localize("unknown-key", message, "en-US") == message
    assert localize("unknown-key", message, None) == message
    assert localize("unknown-key", message, "fr-FR") == "Clé inconnue `experiment_nme` dans un job command ; vouliez-vous dire `experiment_name` ?"
    assert localize("team-owner", "Owner please", "fr", {"message_fr": "Propriétaire SVP"}) == "Propriétaire SVP"
    assert localize("team-owner", "Owner please", "fr") == "Owner please"  # a message we do not know stays as written


BAD_CONFIGS = [
    'selct = ["a"]\n',
    'ignore = "unknown-key"\n',
    "[format]\nindent = 12\nwidth = 3\n",
    '[severity]\nunknown-key = "fatal"\n',
    "format = 3\n",
    "select = [\n",
    'ignore = ["unknwon-key"]\n',
    'policies = ["missing/*.json", "p1.json", "p2.json", "p3.json", "p4.json", "p5.json", "p6.json"]\n',
]
POLICY_FILES = {"p1.json": '{"a": ', "p2.json": "[1]", "p3.json": '{"type": "objekt"}', "p4.json": '{"x-job-lsp-files": "a"}', "p5.json": '{"x-job-lsp-severity": "fatal"}', "p6.json": '{"x-job-lsp-kinds": ["jobs"]}'}


def test_every_configuration_and_policy_problem_has_french(tmp_path):
    from job_lsp.project import Projects

    for name, text in POLICY_FILES.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "bad.toml").write_bytes(b"\xff\xfe")
    messages = []
    for n, text in enumerate(BAD_CONFIGS):
        (tmp_path / f"c{n}.toml").write_text(text)
    for path in sorted(tmp_path.glob("*.toml")):
        messages += [(p.code, p.message) for p in Projects().load(path).problems]
    assert len(messages) >= len(BAD_CONFIGS) + len(POLICY_FILES) + 2
    for code, message in messages:
        text = french(code, message)
        assert text is not None and text != message, message
        assert english_words(text) == [], text


# What a formatted value stands for in a sample message, by the words of its expression.
STAND_INS = [
    ("unit", "seconds"),
    ("did", "; did you mean `x`?"),
    ("plural", "key"),
    ("label", "a command job"),
    ("describe_node", "a list"),
    ("describe_kind", "an integer"),
    ("kind.label", "an integer"),
    ("expected", "of the form `x`"),
    ("where", "component `train.yml`"),
    ("what", "`compute`"),
    ("kind", "input"),
    ("why", "is not defined before this point"),
    ("odd", ""),
    ("form", "ASCII letters, digits and `_`, not starting with a digit"),
    ("section", "Input"),
]


def sample_messages() -> list[tuple[str, str, str]]:
    """(place, code, message) for every message written as a literal or an f-string at a
    report(...)/problem(...)/Problem(...) call in job_lsp/, with stand-ins for its values."""
    import ast

    found = []
    package = HERE.parent / "job_lsp"
    for path in sorted(package.rglob("*.py")):
        if path.parent.name == "lsp" or path.name in ("messages.py", "policy.py"):
            continue  # the server converts; policy texts are the team's own
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            at = {"report": 3, "problem": 4, "Problem": 4}.get(name)
            if at is None or len(call.args) <= at or not isinstance(call.args[at - 1], ast.Constant):
                continue
            code, message = call.args[at - 1].value, call.args[at]
            if isinstance(message, ast.Constant) and isinstance(message.value, str):
                text = message.value
            elif isinstance(message, ast.JoinedStr):
                parts = []
                for value in message.values:
                    if isinstance(value, ast.Constant):
                        parts.append(value.value)
                    else:
                        source = ast.unparse(value.value)
                        stand = "nothing" if code == "empty-document" else next((stand for words, stand in STAND_INS if words in source), "v1")
                        parts.append(stand)
                text = "".join(parts)
            else:
                continue  # built elsewhere: the corpus and the cases check those
            found.append((f"{path.name}:{call.lineno}", code, text))
    return found


def test_every_message_written_in_job_lsp_has_a_template():
    samples = sample_messages()
    assert len(samples) > 50  # the scan sees the call sites
    missing = [(place, code, message) for place, code, message in samples if french(code, message) is None]
    assert missing == []


def test_why_a_file_was_not_formatted_is_said_in_french():
    from job_lsp.format import FormatOptions, format_text
    from job_lsp.messages import FORMAT_REASONS_FR, format_reason

    assert format_reason("not formatted: a complex mapping key", "fr") == "non formaté : une clé de mapping complexe"
    assert format_reason("not formatted: a complex mapping key", "en") == "not formatted: a complex mapping key"
    broken = format_text("type: command\ncommand: [unclosed\n").error
    assert broken.startswith("not formatted: line ")
    french_text = format_reason(broken, "fr")
    assert french_text.startswith("non formaté : ligne 3 : YAML illisible : ") and english_words(french_text) == [], french_text
    assert format_reason(format_text("type: command\n", FormatOptions(indent=9)).error, "fr") == "l'indentation doit être entre 2 et 8"
    # Every reason format.py gives is in the table.
    source = (Path(__file__).resolve().parent.parent / "job_lsp" / "format.py").read_text(encoding="utf-8")
    reasons = set(re.findall(r'Refused\("([^"]+)"\)', source))
    assert reasons and reasons <= set(FORMAT_REASONS_FR)
    assert all(english_words(fr) == [] for fr in FORMAT_REASONS_FR.values())
