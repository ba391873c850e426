"""The rule registry (job_lsp.rules): every code job_lsp reports is explained, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from job_lsp.rules import RULES, explain, is_french, rule_url, rules_table

PACKAGE = Path(__file__).resolve().parent.parent / "job_lsp"
# A code right after a severity in a report(...)/problem(...)/Problem(...) call.
CODE_AFTER_SEVERITY = re.compile(r"""(?:ERROR|WARNING|INFO|severity|"error"|"warning")\s*,\s*(f?)"([a-z][a-z{}-]*)"\s*,""")
# Codes chosen by an expression rather than written in the call.
# A code a reader gives with its refusal (files.Refused).
CODE_OF_REFUSAL = re.compile(r'Refused\(\s*"([a-z][a-z-]*)"')
COMPUTED_CODES = {"too-deep", "yaml-syntax", "undeclared-input", "undeclared-output", "unknown-step", "undeclared-parameter"}


def codes_in_sources() -> set[str]:
    found = set()
    for source in PACKAGE.rglob("*.py"):
        found |= set(CODE_OF_REFUSAL.findall(source.read_text(encoding="utf-8")))
        for is_f, code in CODE_AFTER_SEVERITY.findall(source.read_text(encoding="utf-8")):
            if is_f and "{kind}" in code:  # f"unknown-component-{kind}", kind in input/output
                found |= {code.replace("{kind}", "input"), code.replace("{kind}", "output")}
            elif code not in ("error", "warning", "information", "hint"):  # a list of levels
                found.add(code)
    return found


def test_the_scan_finds_the_codes():
    # The scan must see the calls it is meant to see, or the next test proves nothing.
    found = codes_in_sources()
    assert {"unknown-key", "unknown-component-input", "file-too-large", "deprecated"} <= found
    assert len(found) > 25


def test_every_code_used_in_job_lsp_is_registered():
    assert (codes_in_sources() | COMPUTED_CODES) - set(RULES) == set()


def test_every_rule_has_both_texts_a_severity_and_an_example():
    for rule in RULES.values():
        assert rule.severity in ("error", "warning", "error or warning"), rule.code
        assert rule.en and rule.fr and rule.example.strip(), rule.code
        assert rule.fr != rule.en, rule.code
        assert not rule.en.endswith(".") and not rule.fr.endswith("."), rule.code


def test_french_is_chosen_by_the_locale_family():
    assert is_french("fr") and is_french("fr-CA") and is_french("fr_FR.UTF-8")
    assert not is_french("en-US") and not is_french(None) and not is_french("")
    table = dict((code, text) for code, _, text in rules_table("fr_FR"))
    assert table["unknown-key"] == RULES["unknown-key"].fr


def test_explain_one_code_with_its_example():
    text = explain("unknown-key")
    assert text.startswith("unknown-key\n")
    assert "Default severity: error" in text
    assert "    experiment_nme: demo" in text
    assert "Sévérité par défaut : erreur" in explain("unknown-key", "fr")
    assert explain("no-such-code") is None


def test_links_only_for_known_codes():
    assert rule_url("unknown-key").endswith("docs/rules.md#unknown-key")
    assert rule_url("team-owner") is None
