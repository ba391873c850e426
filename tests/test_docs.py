"""The README and docs/ stay true: every diagnostic code is documented, every relative link
leads somewhere, and the README's test command is what CI runs, deselecting nothing."""

from __future__ import annotations

import re
from pathlib import Path

from job_lsp.cli.check import RULES
from test_cases import EXPECT, case_files

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md")), *sorted((ROOT / "editors").glob("*README.md")), *sorted((ROOT / "editors").glob("*/README.md"))]
TEST_COMMAND = "python3 -m venv .venv && . .venv/bin/activate && pip install -q -e '.[test]' && python -m pytest"


def documented_codes() -> set[str]:
    """The codes in the first cell of the code tables of docs/diagnostics.md and docs/bindings.md."""
    codes: set[str] = set()
    for page in ("diagnostics.md", "bindings.md"):
        for cell in re.findall(r"^\| (`[^|]+) \|", (DOCS / page).read_text(encoding="utf-8"), re.M):
            codes.update(re.findall(r"`([a-z]+(?:-[a-z]+)*)`", cell))
    return codes


def test_every_code_is_documented() -> None:
    expected = {code.decode() for path in case_files() for _, code in EXPECT.findall(path.read_bytes()[:4096])}
    missing = (set(RULES) | expected) - documented_codes()
    assert missing == set(), f"codes not in docs/diagnostics.md or docs/bindings.md: {sorted(missing)}"


def heading_anchor(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_relative_links_lead_to_files_and_headings() -> None:
    broken = []
    for page in PAGES:
        for target, anchor in re.findall(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)", page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            path = (page.parent / target).resolve() if target else page
            if not path.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
            elif anchor and path.suffix == ".md":
                headings = {heading_anchor(h) for h in re.findall(r"^#+ (.*)$", path.read_text(encoding="utf-8"), re.M)}
                if anchor not in headings:
                    broken.append(f"{page.relative_to(ROOT)}: {target}#{anchor}")
    assert broken == []


def test_the_readme_test_command_is_what_ci_runs_and_deselects_nothing() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```sh\n{TEST_COMMAND}\n```" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == TEST_COMMAND
    # `slow` tests are left out only when asked (-m "not slow"), never by default.
    addopts = re.findall(r"^addopts\s*=\s*(.*)$", (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert addopts and not re.search(r"(^|[\s\"'])(-m|-k|--deselect|--ignore)", addopts[0]), addopts
