"""The cost of team policies: what the six worked examples of docs/policies/ add to a job
file's diagnostics, and the cost of selection (select/ignore/severity).

    python benchmarks/bench_policy.py [--runs N]

Prints a table (median and best of N runs; each run checks the file 100 times, and the
figures are per check). The goal: under 1 ms per policy on a typical job file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import print_table, timed  # noqa: E402
from job_lsp.config import Config  # noqa: E402
from job_lsp.policy import PolicyCache, check_policies, load_policies  # noqa: E402
from job_lsp.project import Project, project_problems  # noqa: E402
from job_lsp.diagnose import diagnose  # noqa: E402
from job_lsp.yamldoc import parse  # noqa: E402

POLICIES = ROOT / "docs" / "policies"
TYPICAL = ROOT / "examples" / "command-job.yml"
PIPELINE = ROOT.parent / "shared" / "corpus" / "azureml-examples" / "cli" / "jobs" / "pipelines-with-components" / "basics" / "1b_e2e_registered_components" / "pipeline.yml"
REPEAT = 100


def per_check(fn, runs: int) -> tuple[float, float]:
    median, best = timed(lambda: [fn() for _ in range(REPEAT)], runs)
    return median / REPEAT, best / REPEAT


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    names = sorted(p.name for p in POLICIES.glob("*.schema.json"))
    config = Config(root=str(POLICIES), policies=tuple(names))
    cache = PolicyCache()
    policies, problems = load_policies(config, cache)
    assert not problems and len(policies) == len(names), problems
    selecting = Config(select=("ALL",), ignore=("duplicate-key",), severity={"missing-path": "error", "undeclared-*": "warning"})
    rows = []
    for label, path in ((f"{TYPICAL.name} ({TYPICAL.read_text().count(chr(10))} lines)", TYPICAL), (f"pipeline.yml ({PIPELINE.read_text().count(chr(10))} lines)", PIPELINE)):
        if not path.exists():
            continue
        doc = parse(path.read_text())
        problems = diagnose(doc, path.parent)
        production = POLICIES / "production" / path.name  # where every policy applies
        rows.append((f"{label}: diagnose (for scale)", *per_check(lambda: diagnose(doc, path.parent), runs)))
        rows.append((f"{label}: {len(policies)} policies", *per_check(lambda: check_policies(doc, policies, production), runs)))
        for policy in policies:
            rows.append((f"{label}: policy {Path(policy.path).name}", *per_check(lambda: check_policies(doc, [policy], production), runs)))
        rows.append((f"{label}: selection (select, ignore, severity)", *per_check(lambda: project_problems(doc, problems, Project(selecting), path), runs)))
    rows.append(("load the 6 policies (cached: unchanged files)", *per_check(lambda: load_policies(config, cache), runs)))
    rows.append(("load the 6 policies (cold: read, check_schema, compile)", *per_check(lambda: load_policies(config, PolicyCache()), runs)))
    print_table(rows)


if __name__ == "__main__":
    main()
