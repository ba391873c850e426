"""Speed of the foundation: parsing, validation and `job-lsp check` over the corpus.

    python benchmarks/bench_check.py [--runs N]

Prints a table (median and best of N runs). Needs ../shared/corpus beside the project.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import yaml  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402

from gen_pipeline import generate, write_component_pipeline  # noqa: E402
from timing import print_table, timed  # noqa: E402
from job_lsp.diagnose import diagnose  # noqa: E402
from job_lsp.yamldoc import parse  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SMALL = ROOT / "examples" / "command-job.yml"




def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = args.runs

    big = generate(5000)
    small = SMALL.read_text()
    rows: list[tuple[str, float, float]] = []
    for label, text in (("5,000-line pipeline", big), (f"{small.count(chr(10))}-line command job", small)):
        rt, safe = YAML(typ="rt"), YAML(typ="safe", pure=True)
        rows.append((f"{label}: ruamel.yaml round-trip load", *timed(lambda: rt.load(io.StringIO(text)), runs)))
        rows.append((f"{label}: ruamel.yaml safe load", *timed(lambda: safe.load(io.StringIO(text)), runs)))
        rows.append((f"{label}: PyYAML CSafeLoader compose", *timed(lambda: yaml.compose(text, Loader=yaml.CSafeLoader), runs)))
        rows.append((f"{label}: job_lsp parse (ours)", *timed(lambda: parse(text), runs)))
        doc = parse(text)
        rows.append((f"{label}: job_lsp diagnose (ours)", *timed(lambda: diagnose(doc), runs)))

    with tempfile.TemporaryDirectory() as folder:
        text = write_component_pipeline(folder, steps=200, components=20)
        doc = parse(text)
        label = "200-step pipeline over 20 local components"
        rows.append((f"{label}: job_lsp diagnose (components read once, as in the server)", *timed(lambda: diagnose(doc, folder), runs)))
        one = [sys.executable, "-m", "job_lsp.cli", "check", str(Path(folder) / "pipeline.yml")]
        rows.append((f"{label}: `job-lsp check` (whole process, components read cold)", *timed(lambda: subprocess.run(one, capture_output=True, cwd=ROOT), runs)))

    oracle = [json.loads(line) for line in (CORPUS / "oracle.jsonl").read_text().splitlines() if line.strip()]
    files = [str(CORPUS / "azureml-examples" / r["path"]) for r in oracle]
    command = [sys.executable, "-m", "job_lsp.cli", "check", *files]
    rows.append(
        (f"`job-lsp check` on the {len(files)} corpus job files (whole process)", *timed(lambda: subprocess.run(command, capture_output=True, cwd=ROOT), runs))
    )
    folder = [sys.executable, "-m", "job_lsp.cli", "check", str(CORPUS / "azureml-examples")]
    rows.append(("`job-lsp check` on the corpus folder (finds the job files)", *timed(lambda: subprocess.run(folder, capture_output=True, cwd=ROOT), runs)))

    print_table(rows)


if __name__ == "__main__":
    main()
