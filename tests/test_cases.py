"""Broken (and tricky valid) job files, each with the diagnostics it must get.

A case is a YAML file in tests/cases/ whose first lines say what is expected:

    # expect: 7 unknown-key
    # expect: 12 invalid-value
    # sdk: rejects

Every `expect` is a 1-based line and a diagnostic code; the file must get exactly those
errors and warnings (no more, no fewer). A case with no `expect` line must get none.
`sdk:` records what azure-ai-ml 1.35 said of the file (`accepts` or `rejects`), checked
by tests/test_oracle_cases.py where azure-ai-ml is installed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from job_lsp.cli.check import check_file

CASES = Path(__file__).parent / "cases"
EXPECT = re.compile(rb"^#\s*expect:\s*(\d+)\s+([\w-]+)\s*$", re.M)


def case_files() -> list[Path]:
    """Every case; files in a `components/` folder are what cases refer to, not cases."""
    return sorted(
        p for p in CASES.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml") and "components" not in p.relative_to(CASES).parts
    )


def expectations(path: Path) -> set[tuple[int, str]]:
    return {(int(line), code.decode()) for line, code in EXPECT.findall(path.read_bytes()[:4096])}


@pytest.mark.parametrize("path", case_files(), ids=lambda p: str(p.relative_to(CASES)))
def test_case(path: Path) -> None:
    got = {(d.line, d.code) for d in check_file(path)}
    assert got == expectations(path), "\n".join(d.text() for d in check_file(path))


def test_there_are_cases() -> None:
    assert len(case_files()) >= 20
