"""The curated environments offered for completion."""

from __future__ import annotations

import re
from pathlib import Path

from job_lsp.curated import CURATED_ENVIRONMENTS, CURATED_NAMES, REGISTRY_ENVIRONMENTS, REGISTRY_NAMES, curated_doc, registry_reference
from job_lsp.model.fields import Doc

NAME = re.compile(r"^AzureML-[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$")
REGISTRY_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*[a-z0-9]$")


def test_names_are_unique_and_well_formed() -> None:
    assert CURATED_NAMES and len(set(CURATED_NAMES)) == len(CURATED_NAMES)
    assert len({n.lower() for n in CURATED_NAMES}) == len(CURATED_NAMES)
    for name in CURATED_NAMES:
        assert NAME.match(name), name
    assert len(set(REGISTRY_NAMES)) == len(REGISTRY_NAMES)
    for name in REGISTRY_NAMES:
        assert REGISTRY_NAME.match(name), name


def test_docs_in_both_languages() -> None:
    for name, doc in CURATED_ENVIRONMENTS + REGISTRY_ENVIRONMENTS:
        assert isinstance(doc, Doc), name
        for text in (doc.en, doc.fr):
            assert text.strip() and "\n" not in text and len(text) < 160, (name, text)
        assert doc.en != doc.fr, name


def test_the_examples_corpus_uses_only_listed_names(corpus: Path) -> None:
    examples = corpus / "azureml-examples"
    workspace = re.compile(r"azureml:(AzureML-[A-Za-z0-9._-]+?)(?=[@:\s\"']|$)")
    registry = re.compile(r"azureml://registries/azureml/environments/([A-Za-z0-9._-]+)/")
    seen_workspace, seen_registry = set(), set()
    for path in examples.rglob("*"):
        if path.suffix in {".yml", ".yaml", ".py", ".ipynb"} and path.is_file():
            text = path.read_text(errors="replace")
            seen_workspace.update(workspace.findall(text))
            seen_registry.update(registry.findall(text))
    assert seen_workspace and seen_registry
    assert seen_workspace <= set(CURATED_NAMES), seen_workspace - set(CURATED_NAMES)
    assert seen_registry <= set(REGISTRY_NAMES), seen_registry - set(REGISTRY_NAMES)


def test_lookups() -> None:
    assert curated_doc("azureml:AzureML-sklearn-1.5@latest") is curated_doc("AzureML-sklearn-1.5")
    assert curated_doc("azureml:azureml-sklearn-1.5:3") is curated_doc("AzureML-sklearn-1.5")
    assert curated_doc(registry_reference("AzureML-sklearn-1.5")) is not None
    assert curated_doc("azureml://registries/azureml/environments/model-evaluation/versions/6") is not None
    assert curated_doc("azureml:my-env:1") is None
    assert registry_reference("AzureML-acpt-pytorch-2.8-cuda12.6") == "azureml://registries/azureml/environments/acpt-pytorch-2.8-cuda12.6/labels/latest"
