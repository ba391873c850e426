"""The architecture as a contract: layers that run one way (import-linter, configured in
pyproject.toml), no import cycle, and an import inside a function only with its reason."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "job_lsp"


def test_the_layers_contract_is_kept() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_no_import_cycles_but_the_declared_one() -> None:
    # Imports under TYPE_CHECKING are for annotations only: they never run.
    graph = grimp.build_graph("job_lsp", include_external_packages=False, exclude_type_checking_imports=True)
    declared = {("job_lsp.model.entity", "job_lsp.serialize"), ("job_lsp.model.job", "job_lsp.serialize")}
    for importer, imported in declared:
        graph.remove_import(importer=importer, imported=imported)
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            # A package imports its own submodules (its __init__): not a cycle of layers.
            if imported.startswith(module + ".") or module.startswith(imported + "."):
                continue
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None and not any(step.startswith(module + ".") for step in back[1:-1]):
                cycles.append((module, *back))
    assert cycles == [], cycles
    assert declared  # the exception is named in pyproject.toml's contract too


def imports_inside_functions() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.split("\n")
        for fn in ast.walk(ast.parse(source)):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        found.append((str(path.relative_to(ROOT)), node.lineno, lines[node.lineno - 1]))
    return sorted(set(found))


def test_every_import_inside_a_function_says_why_it_is_lazy() -> None:
    found = imports_inside_functions()
    unexplained = [f"{path}:{line}: {text.strip()}" for path, line, text in found if "# lazy:" not in text]
    assert unexplained == [], "an import inside a function keeps start-up light, and says so with `# lazy: reason`"
    assert len(found) <= 9, found  # few, each deliberate
