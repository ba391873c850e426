"""docs/configuration.md and docs/rules.md say what the code does."""

from __future__ import annotations

import json
import re
from pathlib import Path

from job_lsp.config import documentation
from job_lsp.rules import RULES, rules_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_reference_table_lists_every_key_with_its_type_and_default():
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    rows = {m.group(1): (m.group(2), m.group(3)) for m in re.finditer(r"^\| `([\w.-]+)` \| ([^|]+) \| `([^`]*)` \|", text, re.M)}
    assert rows == {key: (kind, default) for key, kind, default in documentation()}


def test_the_worked_policies_are_the_tested_files():
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)\n```", text, re.S)]
    files = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((DOCS / "policies").glob("*.schema.json"))]
    assert len(files) == 6
    assert sorted(map(json.dumps, blocks)) == sorted(map(json.dumps, files))


def test_rules_page_is_generated_from_the_registry():
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert text == rules_markdown()
    assert all(f"## {code}\n" in text for code in RULES)
