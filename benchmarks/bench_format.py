"""Speed of the serializer: `job-lsp format` over the whole corpus (a process, writing the
files of a copy) and format_text / Job.dump on a 5,000-line pipeline (in-process).

    python benchmarks/bench_format.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ruamel.yaml import YAML  # noqa: E402

from gen_pipeline import generate  # noqa: E402
from timing import print_table, timed  # noqa: E402
from job_lsp import load_job  # noqa: E402
from job_lsp.format import format_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "azureml-examples"






def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    rows = []

    big = generate(5000)
    rows.append(("format_text, 5,000-line pipeline (in-process)", *timed(lambda: format_text(big), runs)))
    already = format_text(big).text
    rows.append(("format_text, 5,000-line pipeline already formatted", *timed(lambda: format_text(already), runs)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yml"
        path.write_text(big)
        (Path(tmp) / "src").mkdir()  # the steps' `code: ./src`
        job = load_job(path)
        rows.append(("Job.dump, 5,000-line pipeline (in-process)", *timed(lambda: job.dump(io.StringIO()), runs)))
    rt = YAML(typ="rt")

    def ruamel_round_trip() -> None:
        out = io.StringIO()
        rt.dump(rt.load(big), out)

    rows.append(("for comparison: ruamel.yaml round trip, same file", *timed(ruamel_round_trip, max(1, runs // 2))))

    files = [p for p in CORPUS.rglob("*") if p.suffix in (".yml", ".yaml")]

    def format_corpus() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "corpus"
            shutil.copytree(CORPUS, copy)
            targets = [str(copy / p.relative_to(CORPUS)) for p in files]
            subprocess.run([sys.executable, "-m", "job_lsp.cli", "format", *targets], capture_output=True, cwd=ROOT, check=False)

    rows.append((f"`job-lsp format` on all {len(files)} corpus YAML files (process, incl. copying them)", *timed(format_corpus, runs)))

    print_table(rows)


if __name__ == "__main__":
    main()
