from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "oracle.jsonl").exists():
        pytest.fail(f"the corpus is missing: {CORPUS} (see DEVELOPERS.md)")
    return CORPUS


@pytest.fixture(scope="session")
def oracle(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in (corpus / "oracle.jsonl").read_text().splitlines() if line.strip()]
