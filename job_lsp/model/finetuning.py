"""The fine-tuning job: adapt a foundation model to your data, by the model's provider.

Azure ML reads a `type: finetuning` file as one of two jobs, chosen by the exact value of
`model_provider` (absent or misspelled, the job is refused): `custom` (a model of the
catalog or of a registry, with free text hyperparameters) or `azure_open_ai` (an Azure
OpenAI model, with three known hyperparameters).
"""

from __future__ import annotations

import re
from typing import Any

from ..yamldoc import ERROR, Scalar, entries, key_text, resolve
from .common import DataInput, ModelInput, Output, QueueSettings
from .entity import Entity
from .fields import Doc, Enum, Field, Float, Int, ListOf, LocalPath, MapOf, Obj, Str, Union
from .job import Job

# --- shared with the distillation job ---------------------------------------------------------


class FoundationModelInput(ModelInput):
    DOC = Doc(
        "A model input: the model to start from, by `path` (a registry or workspace model, or a local folder) and `type`.",
        "Une entrée de modèle : le modèle de départ, par `path` (un modèle de registre ou d'espace de travail, ou un dossier local) et `type`.",
    )
    LABEL = "a model input"
    # Unlike a job's model input, `type` may be left out here (Azure ML then records `uri_folder`).
    type = Field(
        ModelInput.type.kind,
        Doc(
            "The format of the model, usually `mlflow_model` for catalog models.",
            "Le format du modèle, en général `mlflow_model` pour les modèles du catalogue.",
        ),
    )


DATA_DOC_EN = "a local JSON Lines file (uploaded on submission), a URI (`azureml://datastores/...`, `https://...`), a registered data asset (`azureml:name:version`), or a mapping with `type` and `path`"
DATA_DOC_FR = "un fichier JSON Lines local (envoyé à la soumission), une URI (`azureml://datastores/...`, `https://...`), une ressource de données enregistrée (`azureml:nom:version`), ou un mappage avec `type` et `path`"

# A data input written out (`type: uri_file`, `path: ...`) or just its path.
TRAINING_DATA = Union(
    LocalPath(missing="warning", examples=("./train.jsonl", "azureml:my-training-data:1")),
    Obj(DataInput),
)
TRAINING_DATA_DOC = Doc(
    f"The training data: {DATA_DOC_EN}.",
    f"Les données d'entraînement : {DATA_DOC_FR}.",
)
VALIDATION_DATA_DOC = Doc(
    f"The validation data, scored during training: {DATA_DOC_EN}.",
    f"Les données de validation, évaluées pendant l'entraînement : {DATA_DOC_FR}.",
)

# An empty output (`registered_model:`) takes the defaults.
OUTPUTS = MapOf(Obj(Output), "output name", nullable=True)

# Hyperparameters passed on as text: Azure ML refuses numbers here, so `"1"`, not `1`.
TEXT_HYPERPARAMETERS = MapOf(Str(), "hyperparameter name", nullable=True)




# --- fine-tuning ------------------------------------------------------------------------------

TASK_DOCS = {
    "chat_completion": Doc(
        "Chat: the model learns to answer in multi-turn conversations.",
        "Conversation : le modèle apprend à répondre dans des échanges à plusieurs tours.",
    ),
    "text_completion": Doc(
        "Text generation: the model learns to continue a prompt.",
        "Génération de texte : le modèle apprend à prolonger une invite.",
    ),
    "text_classification": Doc("Assign a label to a text.", "Attribuer une étiquette à un texte."),
    "question_answering": Doc(
        "Answer a question from a given passage.",
        "Répondre à une question à partir d'un passage donné.",
    ),
    "text_summarization": Doc("Write a short summary of a text.", "Écrire un résumé court d'un texte."),
    "token_classification": Doc(
        "Label each word of a text (e.g. named entities).",
        "Étiqueter chaque mot d'un texte (par ex. les entités nommées).",
    ),
    "text_translation": Doc("Translate text to another language.", "Traduire un texte dans une autre langue."),
    "image_classification": Doc("Assign one or more labels to an image.", "Attribuer une ou plusieurs étiquettes à une image."),
    "image_instance_segmentation": Doc(
        "Outline each object of an image, pixel by pixel.",
        "Délimiter chaque objet d'une image, pixel par pixel.",
    ),
    "image_object_detection": Doc(
        "Find objects in an image, with their bounding boxes.",
        "Trouver les objets d'une image, avec leurs rectangles englobants.",
    ),
    "video_multi_object_tracking": Doc(
        "Follow several objects from frame to frame in a video.",
        "Suivre plusieurs objets d'une image à l'autre dans une vidéo.",
    ),
}
# Azure ML turns `chat_completion` into `chatCompletion` and compares exactly: both forms are
# accepted, `ChatCompletion` and `CHAT_COMPLETION` are not. The enum is laxer (so that the
# JSON Schema accepts both forms); FineTuningJob.check_node refuses the other spellings.
TASK = Enum(*TASK_DOCS, camel=True, docs=TASK_DOCS)


def _snake_to_camel(text: str) -> str:
    return re.sub("_([a-zA-Z0-9])", lambda m: m.group(1).upper(), text)


_TASK_FORMS = {_snake_to_camel(t) for t in TASK_DOCS}

PROVIDER_DOCS = {
    "custom": Doc(
        "A model of the model catalog or of a registry, fine-tuned on Azure ML compute.",
        "Un modèle du catalogue de modèles ou d'un registre, affiné sur un calcul Azure ML.",
    ),
    "azure_open_ai": Doc(
        "An Azure OpenAI model, fine-tuned by the Azure OpenAI service.",
        "Un modèle Azure OpenAI, affiné par le service Azure OpenAI.",
    ),
}
PROVIDER_DOC = Doc(
    "Who provides the model, which decides the job's other keys: `custom` (catalog and registry models) or `azure_open_ai` (Azure OpenAI models). Written exactly so: Azure ML refuses other spellings.",
    "Le fournisseur du modèle, qui détermine les autres clés du travail : `custom` (modèles du catalogue et des registres) ou `azure_open_ai` (modèles Azure OpenAI). À écrire exactement ainsi : Azure ML refuse les autres graphies.",
)


class FineTuningResources(Entity):
    DOC = Doc(
        "The VM sizes a fine-tuning job may run on, for serverless compute.",
        "Les tailles de VM sur lesquelles un travail d'affinage peut s'exécuter, pour le calcul serverless.",
    )
    LABEL = "fine-tuning resources"
    instance_types = Field(
        ListOf(Str(examples=("Standard_NC96ads_A100_v4",))),
        Doc(
            "The VM sizes to choose from (e.g. `Standard_NC96ads_A100_v4`); the service picks one that fits the job.",
            "Les tailles de VM parmi lesquelles choisir (par ex. `Standard_NC96ads_A100_v4`) ; le service en choisit une qui convient au travail.",
        ),
        required=True,
    )


class AzureOpenAIHyperparameters(Entity):
    DOC = Doc(
        "The training settings of an Azure OpenAI fine-tuning job; the service picks those left out.",
        "Les réglages d'entraînement d'un travail d'affinage Azure OpenAI ; le service choisit ceux qui sont omis.",
    )
    LABEL = "Azure OpenAI hyperparameters"
    n_epochs = Field(
        Int(minimum=1),
        Doc("How many times training goes through the whole training data.", "Le nombre de passages de l'entraînement sur toutes les données d'entraînement."),
    )
    learning_rate_multiplier = Field(
        Float(minimum=0),
        Doc(
            "A factor applied to the learning rate used to pre-train the model; small values (0.02 to 0.2) are common.",
            "Un facteur appliqué au taux d'apprentissage utilisé pour le pré-entraînement du modèle ; de petites valeurs (0,02 à 0,2) sont courantes.",
        ),
    )
    batch_size = Field(
        Int(minimum=1),
        Doc("How many training examples make one step of training.", "Le nombre d'exemples d'entraînement traités à chaque pas d'entraînement."),
    )


class FineTuningJob(Job):
    """What every fine-tuning job has. A file is read as one of the subclasses, chosen by
    `model_provider` (see KIND)."""

    DOC = Doc(
        "A fine-tuning job: trains a foundation model further on your data, then registers the result.",
        "Un travail d'affinage : poursuit l'entraînement d'un modèle de fondation sur vos données, puis enregistre le résultat.",
    )
    LABEL = "a fine-tuning job"
    TYPE = "finetuning"
    # azure-ai-ml accepts `identity` in its schema, then fails to build the job that sets it.
    EXCLUDE = ("identity",)
    ORDER = (
        "$schema", "type", "name", "display_name", "experiment_name", "description", "tags", "properties",
        "model_provider", "task", "model", "training_data", "validation_data", "hyperparameters",
        "compute", "resources", "queue_settings", "outputs", "services",
    )
    type = Field(Enum("finetuning", case_sensitive=True), Job.type.doc, required=True, frozen=True)
    model_provider = Field(
        Enum(*PROVIDER_DOCS, case_sensitive=True, docs=PROVIDER_DOCS),
        PROVIDER_DOC,
        required=True,
    )
    task = Field(
        TASK,
        Doc(
            "What the model is fine-tuned for, e.g. `chat_completion` or `text_completion`; the training data must suit it.",
            "Ce pour quoi le modèle est affiné, par ex. `chat_completion` ou `text_completion` ; les données d'entraînement doivent s'y prêter.",
        ),
        required=True,
    )
    model = Field(
        Obj(FoundationModelInput),
        Doc(
            "The model to fine-tune, e.g. `path: azureml://registries/azureml/models/NAME/versions/N` with `type: mlflow_model`.",
            "Le modèle à affiner, par ex. `path: azureml://registries/azureml/models/NOM/versions/N` avec `type: mlflow_model`.",
        ),
        required=True,
    )
    training_data = Field(TRAINING_DATA, TRAINING_DATA_DOC)
    validation_data = Field(TRAINING_DATA, VALIDATION_DATA_DOC)
    hyperparameters = Field(
        TEXT_HYPERPARAMETERS,
        Doc("Training settings, by name.", "Les réglages d'entraînement, par nom."),
    )
    resources = Field(
        Obj(FineTuningResources),
        Doc(
            "The VM sizes the job may run on, when no `compute` is given (serverless).",
            "Les tailles de VM sur lesquelles le travail peut s'exécuter, sans `compute` (serverless).",
        ),
    )
    queue_settings = Field(
        Obj(QueueSettings),
        Doc(
            "How the job is queued on serverless compute (tier and priority).",
            "Comment le travail est mis en file d'attente sur le calcul serverless (niveau et priorité).",
        ),
    )
    outputs = Field(
        OUTPUTS,
        Doc(
            "The job's outputs, by name: `registered_model` (with a `name`) is the fine-tuned model, registered in the workspace.",
            "Les sorties du travail, par nom : `registered_model` (avec un `name`) est le modèle affiné, enregistré dans l'espace de travail.",
        ),
    )

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        super().check_node(node, report)
        for k, v in entries(node):
            value = resolve(v)
            if key_text(k) != "task" or not isinstance(value, Scalar) or not isinstance(value.value, str):
                continue
            text = value.value
            if TASK.match(text) is not None and _snake_to_camel(text) not in _TASK_FORMS:
                canonical = TASK.match(text)
                report(value, ERROR, "invalid-value", f"`task` must be written `{canonical}` (or `{_snake_to_camel(canonical)}`), not `{text}`: Azure ML compares it exactly")


class CustomModelFineTuningJob(FineTuningJob):
    DOC = Doc(
        "A fine-tuning job for a model of the catalog or of a registry (`model_provider: custom`), run on Azure ML compute.",
        "Un travail d'affinage d'un modèle du catalogue ou d'un registre (`model_provider: custom`), exécuté sur un calcul Azure ML.",
    )
    LABEL = "a fine-tuning job"
    TOP_LEVEL = False
    model_provider = Field(
        Enum("custom", case_sensitive=True, docs={"custom": PROVIDER_DOCS["custom"]}),
        PROVIDER_DOC,
        required=True,
    )
    hyperparameters = Field(
        TEXT_HYPERPARAMETERS,
        Doc(
            "Training settings, by name, all as text (e.g. `num_train_epochs: \"1\"`, `learning_rate: \"0.00002\"`): Azure ML refuses numbers here.",
            "Les réglages d'entraînement, par nom, tous sous forme de texte (par ex. `num_train_epochs: \"1\"`, `learning_rate: \"0.00002\"`) : Azure ML refuse les nombres ici.",
        ),
    )


class AzureOpenAIFineTuningJob(FineTuningJob):
    DOC = Doc(
        "A fine-tuning job for an Azure OpenAI model (`model_provider: azure_open_ai`).",
        "Un travail d'affinage d'un modèle Azure OpenAI (`model_provider: azure_open_ai`).",
    )
    LABEL = "an Azure OpenAI fine-tuning job"
    TOP_LEVEL = False
    model_provider = Field(
        Enum("azure_open_ai", case_sensitive=True, docs={"azure_open_ai": PROVIDER_DOCS["azure_open_ai"]}),
        PROVIDER_DOC,
        required=True,
    )
    hyperparameters = Field(
        Obj(AzureOpenAIHyperparameters),
        Doc(
            "Training settings: `n_epochs`, `learning_rate_multiplier` and `batch_size`.",
            "Les réglages d'entraînement : `n_epochs`, `learning_rate_multiplier` et `batch_size`.",
        ),
    )


# What a `type: finetuning` file is: Azure ML picks the job class by the exact value of
# `model_provider`. Absent, the file is checked as a custom model job, whose
# `model_provider` is required (so its absence is reported).
KIND = Union(
    Obj(CustomModelFineTuningJob),
    Obj(AzureOpenAIFineTuningJob),
    discriminator="model_provider",
    tag="finetuning",
    default="custom",
    case_sensitive=True,
)
