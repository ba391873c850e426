"""Azure ML curated environments: names for completion after `environment: azureml:`.

Made in 2026-11 from facts only, names and short facts (no text copied):

- the corpus `../shared/corpus/azureml-examples/` (its job files reference
  `azureml:AzureML-sklearn-1.5@latest`, `azureml:AzureML-lightgbm-3.3@latest`,
  `azureml:AzureML-tensorflow-2.16-cuda12@latest`, `azureml:AzureML-acpt-pytorch-2.8-cuda12.6@latest`,
  `azureml:AzureML-AutoML@prod`, and the registry forms
  `azureml://registries/azureml/environments/{sklearn-1.5,acpt-pytorch-2.8-cuda12.6,
  tensorflow-2.16-cuda12}/labels/latest`, `.../model-evaluation/versions/N`,
  `.../responsibleai-tabular/versions/N`);
- the asset definitions of the `azureml` registry (github.com/Azure/azureml-assets,
  `assets/**/environments/*/asset.yaml` names and `spec.yaml` tags: framework, CUDA, OS);
- Microsoft's docs (learn.microsoft.com "Azure Machine Learning curated environments",
  which now sends readers to the azureml registry for the list, and a troubleshooting page
  referencing `azureml:AzureML-acpt-pytorch-2.2-cuda12.1@latest`).

A curated environment of the `azureml` registry named `X` is visible in every workspace as
`AzureML-X` (`azureml:AzureML-sklearn-1.5@latest` and
`azureml://registries/azureml/environments/sklearn-1.5/labels/latest` name the same
environment); `registry_reference()` gives the second form. That correspondence is seen in
the corpus for sklearn-1.5, tensorflow-2.16-cuda12 and acpt-pytorch-2.8-cuda12.6 and in the
docs for acpt-pytorch-2.2-cuda12.1; `REGISTRY_ENVIRONMENTS` adds the registry names seen only
in their registry form (model-evaluation, responsibleai-*, the AutoML ai-ml-automl-*), whose
`AzureML-` workspace form is not attested and so is not offered.

Deliberately left out: the retired names with an OS/Python suffix
(`AzureML-sklearn-1.0-ubuntu20.04-py38-cpu`, `AzureML-ACPT-pytorch-1.13-py38-cuda11.7-gpu`,
`AzureML-Minimal`...), which workspaces created today no longer list, and names such as
`AzureML-sklearn-1.5-ubuntu22.04-py39-cpu` seen only in third-party text with varying
suffixes (py38/py39/py310/py311) and in no Microsoft source. The list goes stale: curated
environments come and go; a workspace's own list is `az ml environment list --registry-name azureml`.
"""

from __future__ import annotations

from .model.fields import Doc

__all__ = ["CURATED_ENVIRONMENTS", "CURATED_NAMES", "REGISTRY_ENVIRONMENTS", "REGISTRY_NAMES", "curated_doc", "registry_reference"]

PREFIX = "AzureML-"

def _doc(en: str, fr: str) -> Doc:
    return Doc(en, fr)


# (name as referenced from a workspace, short description). Most useful first. Facts from
# each environment's spec.yaml tags in the azureml registry (framework, CUDA, Python).
CURATED_ENVIRONMENTS: tuple[tuple[str, Doc], ...] = (
    ("AzureML-sklearn-1.5", _doc(
        "scikit-learn 1.5 on CPU, Python 3.10: regression, clustering, classification",
        "scikit-learn 1.5 sur CPU, Python 3.10 : régression, partitionnement, classification")),
    ("AzureML-acpt-pytorch-2.8-cuda12.6", _doc(
        "Azure Container for PyTorch: PyTorch 2.8 on GPU, CUDA 12.6, Python 3.10, DeepSpeed",
        "Azure Container for PyTorch : PyTorch 2.8 sur GPU, CUDA 12.6, Python 3.10, DeepSpeed")),
    ("AzureML-acpt-pytorch-2.2-cuda12.1", _doc(
        "Azure Container for PyTorch: PyTorch 2.2 on GPU, CUDA 12.1, Python 3.10, DeepSpeed, ONNX Runtime",
        "Azure Container for PyTorch : PyTorch 2.2 sur GPU, CUDA 12.1, Python 3.10, DeepSpeed, ONNX Runtime")),
    ("AzureML-tensorflow-2.16-cuda12", _doc(
        "TensorFlow 2.16 on GPU, CUDA 12, Python 3.10",
        "TensorFlow 2.16 sur GPU, CUDA 12, Python 3.10")),
    ("AzureML-tensorflow-2.16-cuda11", _doc(
        "TensorFlow 2.16 on GPU, CUDA 11, Python 3.9",
        "TensorFlow 2.16 sur GPU, CUDA 11, Python 3.9")),
    ("AzureML-lightgbm-3.3", _doc(
        "LightGBM on CPU, Python 3.10: regression, clustering, classification",
        "LightGBM sur CPU, Python 3.10 : régression, partitionnement, classification")),
    ("AzureML-AutoML", _doc(
        "Automated ML (AutoML) runtime, used by AutoML components; referenced with the `@prod` label",
        "Environnement du ML automatisé (AutoML), utilisé par ses composants ; référencé avec l'étiquette `@prod`")),
)

# Environments of the `azureml` registry referenced in their registry form
# (`azureml://registries/azureml/environments/NAME/labels/latest` or `/versions/N`): the
# registry names of the curated environments above, and names seen only in that form.
REGISTRY_ENVIRONMENTS: tuple[tuple[str, Doc], ...] = tuple(
    (name[len("AzureML-"):], doc) for name, doc in CURATED_ENVIRONMENTS if name != "AzureML-AutoML"
) + (
    ("model-evaluation", _doc(
        "Model evaluation components: metrics of a trained model",
        "Composants d'évaluation de modèles : métriques d'un modèle entraîné")),
    ("responsibleai-tabular", _doc(
        "Responsible AI dashboard components for tabular data",
        "Composants du tableau de bord Responsible AI pour données tabulaires")),
    ("responsibleai-text", _doc(
        "Responsible AI dashboard components for text data",
        "Composants du tableau de bord Responsible AI pour données textuelles")),
    ("responsibleai-vision", _doc(
        "Responsible AI dashboard components for image data",
        "Composants du tableau de bord Responsible AI pour images")),
    ("ai-ml-automl", _doc(
        "Automated ML (AutoML) training on CPU",
        "Entraînement en ML automatisé (AutoML) sur CPU")),
    ("ai-ml-automl-gpu", _doc(
        "Automated ML (AutoML) training on GPU",
        "Entraînement en ML automatisé (AutoML) sur GPU")),
    ("ai-ml-automl-dnn-gpu", _doc(
        "Automated ML with deep neural networks, on GPU",
        "ML automatisé avec réseaux de neurones profonds, sur GPU")),
    ("ai-ml-automl-dnn-text-gpu", _doc(
        "Automated ML for text (NLP) with deep neural networks, on GPU",
        "ML automatisé pour le texte (NLP) avec réseaux de neurones profonds, sur GPU")),
    ("ai-ml-automl-dnn-vision-gpu", _doc(
        "Automated ML for images with deep neural networks, on GPU",
        "ML automatisé pour les images avec réseaux de neurones profonds, sur GPU")),
    ("ai-ml-automl-dnn-forecasting-gpu", _doc(
        "Automated ML for time-series forecasting with deep neural networks, on GPU",
        "ML automatisé pour la prévision de séries chronologiques avec réseaux de neurones profonds, sur GPU")),
)

CURATED_NAMES: tuple[str, ...] = tuple(name for name, _ in CURATED_ENVIRONMENTS)
REGISTRY_NAMES: tuple[str, ...] = tuple(name for name, _ in REGISTRY_ENVIRONMENTS)
_DOCS = dict(CURATED_ENVIRONMENTS)
_REGISTRY_DOCS = dict(REGISTRY_ENVIRONMENTS)


def curated_doc(reference: str) -> Doc | None:
    """The description of the curated environment a reference names: a name
    (`AzureML-sklearn-1.5`), a workspace reference (`azureml:AzureML-sklearn-1.5@latest`,
    `azureml:AzureML-sklearn-1.5:3`) or a registry one
    (`azureml://registries/azureml/environments/sklearn-1.5/labels/latest`); else None."""
    ref = reference.strip()
    registry = "azureml://registries/azureml/environments/"
    if ref.lower().startswith(registry):
        bare = ref[len(registry):].split("/", 1)[0].split("@", 1)[0]
        return _find(_REGISTRY_DOCS, bare)
    if ref.lower().startswith("azureml:"):
        ref = ref[len("azureml:"):]
    return _find(_DOCS, ref.split("@", 1)[0].split(":", 1)[0])


def _find(docs: dict[str, Doc], name: str) -> Doc | None:
    # Matched without regard to case, for a hover on a slightly mistyped name.
    found = docs.get(name)
    if found is None:
        lowered = name.lower()
        found = next((doc for known, doc in docs.items() if known.lower() == lowered), None)
    return found


def registry_reference(name: str, label: str = "latest") -> str:
    """The registry form of a curated environment: `AzureML-sklearn-1.5` ->
    `azureml://registries/azureml/environments/sklearn-1.5/labels/latest`."""
    bare = name[len(PREFIX):] if name.startswith(PREFIX) else name
    return f"azureml://registries/azureml/environments/{bare}/labels/{label}"
