"""The test suite itself collects whatever is selected: test modules have unique names (pytest's
default `prepend` import mode imports them by their bare name), and none imports `conftest`
(each folder has its own; shared helpers are in lsp_helpers.py)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_module_names_are_unique() -> None:
    places = defaultdict(list)
    for path in TESTS.rglob("*.py"):
        if path.name != "conftest.py" and "node_modules" not in path.parts:
            places[path.stem].append(str(path.relative_to(TESTS)))
    assert {name: paths for name, paths in places.items() if len(paths) > 1} == {}


def test_no_module_imports_conftest() -> None:
    importing = [str(p.relative_to(TESTS)) for p in TESTS.rglob("*.py") if re.search(r"^\s*(from conftest import|import conftest)", p.read_text(encoding="utf-8"), re.M)]
    assert importing == []
