"""Our broken-file cases against the official SDK: each says (`# sdk:`) what azure-ai-ml
says of it, and that must be true, and we must agree (an error from us exactly when the SDK
rejects the file).

Needs a Python with azure-ai-ml 1.35.2: JOB_LSP_ORACLE_PYTHON names it (.ci/run installs one
into .venv-oracle). Without it the test is skipped locally, never in CI.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from job_lsp.cli.check import check_file
from job_lsp.detect import COMPONENT, SCHEDULE, document_kind
from job_lsp.yamldoc import parse
from test_cases import CASES, case_files

SDK = re.compile(rb"^#\s*sdk:\s*(accepts|rejects)\s*$", re.M)


def oracle_python() -> str | None:
    python = os.environ.get("JOB_LSP_ORACLE_PYTHON")
    if python:
        return python
    if os.environ.get("CI"):
        pytest.fail("CI must set JOB_LSP_ORACLE_PYTHON (see .ci/run)")
    return None


def test_every_case_says_what_the_sdk_says_of_it() -> None:
    missing = [str(p.relative_to(CASES)) for p in case_files() if not SDK.search(p.read_bytes()[:4096])]
    assert missing == []


def test_sdk_verdicts_are_true_and_we_agree(corpus: Path) -> None:
    python = oracle_python()
    if python is None:
        pytest.skip("no azure-ai-ml: set JOB_LSP_ORACLE_PYTHON")
    files = case_files()
    # Components and schedules go to the SDK's component and schedule loaders (oracle_family.py),
    # jobs to the job loader (oracle.py), as our detection tells them apart.
    family = [p for p in files if document_kind(parse(p.read_bytes())) in (COMPONENT, SCHEDULE)]
    jobs = [p for p in files if p not in family]
    verdicts = {}
    for oracle, group in (("oracle.py", jobs), ("oracle_family.py", family)):
        out = subprocess.run(
            [python, str(corpus / oracle), "--root", str(CASES), *map(str, group)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        verdicts.update({json.loads(line)["path"]: json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")})
    wrong = []
    for path in files:
        rel = str(path.relative_to(CASES))
        said = SDK.search(path.read_bytes()[:4096]).group(1).decode()
        sdk_ok = verdicts[rel]["ok"]
        if (said == "accepts") != sdk_ok:
            wrong.append(f"{rel}: the file says the SDK {said} it, but the SDK says ok={sdk_ok}: {verdicts[rel]['errors'][:2]}")
        we_flag = any(d.severity == "error" for d in check_file(path))
        if we_flag == sdk_ok:
            wrong.append(f"{rel}: SDK ok={sdk_ok} but we {'report' if we_flag else 'report no'} error")
    assert wrong == []
