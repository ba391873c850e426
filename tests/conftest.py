from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

# Every server the tests start (and they inherit this) raises a handler's failure to the
# client instead of answering empty, so that no test passes on a hidden crash.
os.environ["JOB_LSP_STRICT"] = "1"

ROOT = Path(__file__).resolve().parent.parent
# Test modules in every folder import the shared helpers by name (`from lsp_helpers import ...`),
# whatever pytest's import mode and whichever files are selected.
sys.path.insert(0, str(Path(__file__).resolve().parent))
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "oracle.jsonl").exists():
        pytest.fail(f"the corpus is missing: {CORPUS} (see README.md: it belongs beside this folder)")
    return CORPUS


@pytest.fixture(scope="session")
def oracle(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in (corpus / "oracle.jsonl").read_text().splitlines() if line.strip()]


FAMILY = ROOT.parent / "shared" / "corpus-family"


@pytest.fixture(scope="session")
def family() -> Path:
    """The component and schedule corpus (../shared/corpus-family)."""
    if not (FAMILY / "oracle.jsonl").exists():
        pytest.fail(f"the component and schedule corpus is missing: {FAMILY}")
    return FAMILY


@pytest.fixture(scope="session")
def family_oracle(family: Path) -> list[dict]:
    return [json.loads(line) for line in (family / "oracle.jsonl").read_text().splitlines() if line.strip()]
