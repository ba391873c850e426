"""The AutoML job: Azure ML tries models and settings for a task and keeps the best one.

One `type: automl`, ten tasks told apart by `task:` — tabular (classification, regression,
forecasting), image (classification, multi-label classification, object detection,
instance segmentation) and text (classification, multi-label classification, named entity
recognition). `AutoMLJob` holds what every task shares; one subclass per task adds the
rest. `KIND` is what a file with `type: automl` is: a union of the ten, on `task`.

Facts follow what azure-ai-ml 1.35 accepts when it loads a job file (its marshmallow
schemas, checked against the SDK itself); the texts are our own.
"""

from __future__ import annotations

import re
from typing import Any

from ..yamldoc import ERROR, Mapping, entries, key_text, resolve
from .command import OUTPUTS, OUTPUTS_DOC, QUEUE_SETTINGS_DOC, RESOURCES_DOC
from ..names import BOOL_TEXTS
from .common import JobResources, QueueSettings
from .entity import Entity
from .fields import Any_, Bool, Doc, Enum, Field, Float, Int, Kind, ListOf, MapOf, Obj, Str, Union
from .fields import camel_to_snake as sdk_camel_to_snake
from .job import Job
from .sweep import EARLY_TERMINATION, SAMPLING, Normal, QNormal, QUniform, Randint, Uniform

# --- enums the way the SDK compares them ----------------------------------------------------


class CamelEnum(Enum):
    """An enum that azure-ai-ml reads through its `camel_to_snake`: `LightGBM`, `light_gbm`
    and `LIGHT_GBM` all name `light_gbm`, but `Light_GBM` names nothing. The framework's
    generic camel matching is simpler and would refuse `XGBoostClassifier` or
    `TCNForecaster`, which the SDK accepts, so the SDK's own conversion is used here."""

    def __init__(self, *values: str, docs: dict[str, Doc] | None = None):
        super().__init__(*values, docs=docs, camel=True)

    def match(self, value: str) -> str | None:
        if not isinstance(value, str) or not value:
            return None
        converted = sdk_camel_to_snake(value)
        return converted if converted in self.values else None


class AutoOrInt(Enum):
    """`auto`, in a union with an integer: the SDK reads such fields with a non-strict
    Integer after the enum, so integer text (`"5"`) is accepted too."""

    def __init__(self) -> None:
        super().__init__("auto", docs={"auto": Doc("Let AutoML choose.", "Laisser AutoML choisir.")})

    def match(self, value: str) -> str | None:
        if not isinstance(value, str):
            return None
        if value.lower() == "auto":
            return "auto"
        return value if re.fullmatch(r"\s*[+-]?\d+\s*", value) else None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^(?:[Aa][Uu][Tt][Oo]|\s*[+-]?\d+\s*)$"}


class BoolText(Enum):
    """A boolean written as text (`yes`, `True`, `off`...), in a union where the SDK's
    Boolean would read it: the union picks branches by shape, and text is not a boolean."""

    label = "a boolean written as text"  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(*sorted(BOOL_TEXTS))

    def match(self, value: str) -> str | None:
        return value if isinstance(value, str) and value.lower() in BOOL_TEXTS else None


class NumberText(Enum):
    """A number written as text (`"0.01"`), in a union where the SDK's Float would read it."""

    label = "a number written as text"  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()

    def match(self, value: str) -> str | None:
        try:
            float(value)
        except (TypeError, ValueError):
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"}


def auto_or_int() -> Union:
    return Union(AutoOrInt(), Int())


# --- data -----------------------------------------------------------------------------------


class AutoMLTableInput(Entity):
    DOC = Doc(
        "A table for AutoML: a folder holding an `MLTable` file, or a registered table (`azureml:name:version`).",
        "Une table pour AutoML : un dossier contenant un fichier `MLTable`, ou une table enregistrée (`azureml:nom:version`).",
    )
    LABEL = "a table input"
    type = Field(
        Enum("mltable", docs={"mltable": Doc("A table described by an MLTable file.", "Une table décrite par un fichier MLTable.")}),
        Doc("The type of the input: always `mltable` for AutoML.", "Le type de l'entrée : toujours `mltable` pour AutoML."),
        default="mltable",
    )
    path = Field(
        Str(examples=("./training-mltable-folder", "azureml:my-table:1")),
        Doc(
            "Where the table is: a local folder with an `MLTable` file (uploaded on submission), a datastore URI, or a registered data asset (`azureml:name:version`).",
            "Où se trouve la table : un dossier local avec un fichier `MLTable` (envoyé à la soumission), une URI de magasin de données, ou une ressource de données enregistrée (`azureml:nom:version`).",
        ),
    )
    mode = Field(
        Enum("ro_mount", "download", "direct", "eval_mount", "eval_download"),
        Doc(
            "How the table reaches the compute; `eval_mount` and `eval_download` also evaluate the MLTable first.",
            "Comment la table parvient au calcul ; `eval_mount` et `eval_download` évaluent aussi la MLTable d'abord.",
        ),
    )
    path_on_compute = Field(
        Str(),
        Doc("Where the data appears on the compute, instead of a generated path.", "L'emplacement des données sur le calcul, au lieu d'un chemin généré."),
    )
    datastore = Field(
        Str(),
        Doc("The datastore a local folder is uploaded to (the default one when omitted).", "Le magasin de données où un dossier local est envoyé (celui par défaut s'il est omis)."),
    )


TRAINING_DATA_DOC = Doc(
    "The data to train on: an MLTable (`type: mltable`, `path: ./folder-with-MLTable`).",
    "Les données d'entraînement : une MLTable (`type: mltable`, `path: ./dossier-avec-MLTable`).",
)
VALIDATION_DATA_DOC = Doc(
    "Data to validate the models on; without it AutoML splits the training data or cross-validates.",
    "Les données de validation des modèles ; sans elles, AutoML découpe les données d'entraînement ou fait une validation croisée.",
)
TEST_DATA_DOC = Doc(
    "Data to test the best model on, once training is over.",
    "Les données de test du meilleur modèle, une fois l'entraînement terminé.",
)
VALIDATION_DATA_SIZE_DOC = Doc(
    "The fraction of the training data held out for validation when no `validation_data` is given (e.g. `0.2`).",
    "La fraction des données d'entraînement réservée à la validation quand `validation_data` n'est pas fourni (par ex. `0.2`).",
)
TEST_DATA_SIZE_DOC = Doc(
    "The fraction of the training data held out for testing when no `test_data` is given.",
    "La fraction des données d'entraînement réservée au test quand `test_data` n'est pas fourni.",
)
TARGET_COLUMN_DOC = Doc(
    "The column of the data that holds what the model must predict (the label).",
    "La colonne des données qui contient ce que le modèle doit prédire (l'étiquette).",
)

# --- limits ---------------------------------------------------------------------------------

MAX_TRIALS_DOC = Doc("The most models (trials) to try.", "Le nombre maximal de modèles (essais) à essayer.")
MAX_CONCURRENT_DOC = Doc("The most trials running at once.", "Le nombre maximal d'essais simultanés.")
TIMEOUT_MINUTES_DOC = Doc("The most minutes the whole job may run.", "Le nombre maximal de minutes d'exécution du travail entier.")
TRIAL_TIMEOUT_DOC = Doc("The most minutes one trial may run.", "Le nombre maximal de minutes d'exécution d'un essai.")


class AutoMLTableLimits(Entity):
    DOC = Doc("Limits of a tabular AutoML job: trials, time, cores.", "Les limites d'un travail AutoML tabulaire : essais, durée, cœurs.")
    LABEL = "AutoML limits"
    enable_early_termination = Field(
        Bool(),
        Doc("Stop the job early when the score stops improving.", "Arrêter le travail tôt quand le score ne progresse plus."),
        default=True,
    )
    exit_score = Field(
        Float(),
        Doc("Stop the job once a model reaches this score on the primary metric.", "Arrêter le travail dès qu'un modèle atteint ce score sur la métrique principale."),
    )
    max_concurrent_trials = Field(Int(), MAX_CONCURRENT_DOC, default=1)
    max_cores_per_trial = Field(
        Int(),
        Doc("The most CPU cores one trial may use; `-1` means all the cores of the node.", "Le nombre maximal de cœurs CPU d'un essai ; `-1` signifie tous les cœurs du nœud."),
        default=-1,
    )
    max_nodes = Field(
        Int(),
        Doc("The most compute nodes the job may use (distributed training, experimental).", "Le nombre maximal de nœuds de calcul utilisables (entraînement distribué, expérimental)."),
    )
    max_trials = Field(Int(), MAX_TRIALS_DOC, default=1000)
    timeout_minutes = Field(Int(unit="minutes"), TIMEOUT_MINUTES_DOC, default=360)
    trial_timeout_minutes = Field(Int(unit="minutes"), TRIAL_TIMEOUT_DOC)


class ImageLimits(Entity):
    DOC = Doc("Limits of an image AutoML job.", "Les limites d'un travail AutoML d'images.")
    LABEL = "image limits"
    max_concurrent_trials = Field(Int(), MAX_CONCURRENT_DOC, default=1)
    max_trials = Field(Int(), MAX_TRIALS_DOC, default=1)
    timeout_minutes = Field(Int(unit="minutes"), TIMEOUT_MINUTES_DOC)


class NlpLimits(Entity):
    DOC = Doc("Limits of a text (NLP) AutoML job.", "Les limites d'un travail AutoML de texte (NLP).")
    LABEL = "NLP limits"
    max_concurrent_trials = Field(Int(), MAX_CONCURRENT_DOC)
    max_trials = Field(Int(), MAX_TRIALS_DOC, default=1)
    max_nodes = Field(
        Int(),
        Doc("The most compute nodes the job may use across its trials.", "Le nombre maximal de nœuds de calcul utilisés par l'ensemble des essais."),
        default=1,
    )
    timeout_minutes = Field(Int(unit="minutes"), TIMEOUT_MINUTES_DOC)
    trial_timeout_minutes = Field(Int(unit="minutes"), TRIAL_TIMEOUT_DOC)


# --- featurization --------------------------------------------------------------------------

TRANSFORMERS = CamelEnum("imputer", "tf_idf", "hash_one_hot_encoder")

BLOCKED_TRANSFORMERS = CamelEnum(
    "text_target_encoder",
    "one_hot_encoder",
    "cat_target_encoder",
    "tf_idf",
    "wo_e_target_encoder",
    "label_encoder",
    "word_embedding",
    "naive_bayes",
    "count_vectorizer",
    "hash_one_hot_encoder",
)


class ColumnTransformer(Entity):
    DOC = Doc(
        "A transformer applied to some columns, with its parameters (e.g. `strategy: median` for the imputer).",
        "Un transformateur appliqué à certaines colonnes, avec ses paramètres (par ex. `strategy: median` pour l'imputer).",
    )
    LABEL = "a column transformer"
    fields_ = Field(
        ListOf(Str()),
        Doc("The columns the transformer applies to.", "Les colonnes auxquelles le transformateur s'applique."),
        key="fields",
    )
    parameters = Field(
        MapOf(Union(Float(), Str()), "parameter name"),
        Doc(
            "The transformer's parameters, by name: numbers or text (e.g. `strategy: constant`, `fill_value: 0`).",
            "Les paramètres du transformateur, par nom : nombres ou texte (par ex. `strategy: constant`, `fill_value: 0`).",
        ),
    )


class TableFeaturization(Entity):
    DOC = Doc(
        "How AutoML turns the columns of a table into features.",
        "Comment AutoML transforme les colonnes d'une table en caractéristiques.",
    )
    LABEL = "featurization settings"
    mode = Field(
        Enum(
            "auto",
            "off",
            "custom",
            docs={
                "auto": Doc("AutoML chooses the featurization.", "AutoML choisit la transformation des caractéristiques."),
                "off": Doc("No featurization.", "Aucune transformation des caractéristiques."),
                "custom": Doc("Featurization tuned by the settings below.", "Transformation réglée par les paramètres ci-dessous."),
            },
        ),
        Doc("Whether and how features are engineered: `auto`, `off` or `custom`.", "Si et comment les caractéristiques sont construites : `auto`, `off` ou `custom`."),
        default="auto",
    )
    dataset_language = Field(
        Str(examples=("eng",)),
        Doc("The three-letter ISO 639-3 code of the language of text columns (e.g. `eng`).", "Le code ISO 639-3 à trois lettres de la langue des colonnes de texte (par ex. `eng`)."),
    )
    blocked_transformers = Field(
        ListOf(BLOCKED_TRANSFORMERS),
        Doc("Transformers AutoML must not use.", "Les transformateurs qu'AutoML ne doit pas utiliser."),
    )
    column_name_and_types = Field(
        MapOf(Str(examples=("Numeric", "Categorical", "Text", "DateTime")), "column name"),
        Doc(
            "Override the type AutoML infers for a column: column name to `Numeric`, `Categorical`, `Text` or `DateTime`.",
            "Remplace le type qu'AutoML déduit pour une colonne : nom de colonne vers `Numeric`, `Categorical`, `Text` ou `DateTime`.",
        ),
    )
    transformer_params = Field(
        MapOf(ListOf(Obj(ColumnTransformer)), "transformer (`imputer`, `tf_idf` or `hash_one_hot_encoder`)"),
        Doc(
            "Parameters of transformers, by transformer (`imputer`, `tf_idf`, `hash_one_hot_encoder`): a list of columns and parameters.",
            "Les paramètres des transformateurs, par transformateur (`imputer`, `tf_idf`, `hash_one_hot_encoder`) : une liste de colonnes et de paramètres.",
        ),
    )
    enable_dnn_featurization = Field(
        Bool(),
        Doc("Also use deep-learning featurizers (e.g. BERT for text).", "Utiliser aussi des transformateurs à base d'apprentissage profond (par ex. BERT pour le texte)."),
        default=False,
    )

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        # The keys of `transformer_params` name transformers: the SDK checks them.
        if not isinstance(node, Mapping):
            return
        for k, v in entries(node):
            if key_text(k) != "transformer_params":
                continue
            params = resolve(v)
            if not isinstance(params, Mapping):
                return
            for name_node, _ in entries(params):
                name = key_text(name_node)
                if TRANSFORMERS.match(name) is None:
                    valid = ", ".join(f"`{t}`" for t in TRANSFORMERS.values)
                    report(name_node, ERROR, "invalid-value", f"`{name}` is not a transformer that takes parameters; use one of {valid}")


class NlpFeaturization(Entity):
    DOC = Doc("Featurization settings of a text AutoML job.", "Les paramètres de transformation d'un travail AutoML de texte.")
    LABEL = "NLP featurization settings"
    dataset_language = Field(
        Str(examples=("eng", "mul")),
        Doc(
            "The three-letter ISO 639-3 code of the text's language (e.g. `eng`); `mul` for multilingual models.",
            "Le code ISO 639-3 à trois lettres de la langue du texte (par ex. `eng`) ; `mul` pour les modèles multilingues.",
        ),
        default="eng",
    )


# --- training settings (tabular) ------------------------------------------------------------

BOOL_DOCS = {
    "enable_dnn_training": Doc("Also try deep-learning models.", "Essayer aussi des modèles d'apprentissage profond."),
    "enable_model_explainability": Doc("Explain the best model (feature importance).", "Expliquer le meilleur modèle (importance des caractéristiques)."),
    "enable_onnx_compatible_models": Doc("Only try models that can be exported to ONNX.", "N'essayer que des modèles exportables au format ONNX."),
    "enable_stack_ensemble": Doc("Try a stack ensemble of the best models at the end.", "Essayer à la fin un ensemble empilé (stacking) des meilleurs modèles."),
    "enable_vote_ensemble": Doc("Try a voting ensemble of the best models at the end.", "Essayer à la fin un ensemble par vote des meilleurs modèles."),
}


class StackEnsembleSettings(Entity):
    DOC = Doc("How the stack ensemble is built.", "Comment l'ensemble empilé est construit.")
    LABEL = "stack ensemble settings"
    stack_meta_learner_kwargs = Field(
        MapOf(Any_(), "argument name"),
        Doc("Keyword arguments passed to the meta-learner.", "Les arguments nommés passés au méta-apprenant."),
    )
    stack_meta_learner_train_percentage = Field(
        Float(),
        Doc("The fraction of the training data kept to train the meta-learner.", "La fraction des données d'entraînement réservée au méta-apprenant."),
        default=0.2,
    )
    stack_meta_learner_type = Field(
        CamelEnum(
            "none",
            "logistic_regression",
            "logistic_regression_cv",
            "light_gbm_classifier",
            "elastic_net",
            "elastic_net_cv",
            "light_gbm_regressor",
            "linear_regression",
        ),
        Doc("The model that combines the ensemble's predictions.", "Le modèle qui combine les prédictions de l'ensemble."),
    )


class TrainingSettings(Entity):
    """The training settings every tabular task shares."""

    DOC = Doc("Which models AutoML tries and how.", "Quels modèles AutoML essaie, et comment.")
    LABEL = "training settings"
    enable_dnn_training = Field(Bool(), BOOL_DOCS["enable_dnn_training"], default=False)
    enable_model_explainability = Field(Bool(), BOOL_DOCS["enable_model_explainability"], default=True)
    enable_onnx_compatible_models = Field(Bool(), BOOL_DOCS["enable_onnx_compatible_models"], default=False)
    enable_stack_ensemble = Field(Bool(), BOOL_DOCS["enable_stack_ensemble"], default=True)
    enable_vote_ensemble = Field(Bool(), BOOL_DOCS["enable_vote_ensemble"], default=True)
    ensemble_model_download_timeout_minutes = Field(
        Int(unit="minutes"),
        Doc("The most minutes to download the fitted models while building an ensemble.", "Le nombre maximal de minutes pour télécharger les modèles lors de la construction d'un ensemble."),
        default=5,
    )
    stack_ensemble_settings = Field(
        Obj(StackEnsembleSettings),
        Doc("How the stack ensemble is built.", "Comment l'ensemble empilé est construit."),
    )
    training_mode = Field(
        CamelEnum(
            "auto",
            "distributed",
            "non_distributed",
            docs={
                "auto": Doc("AutoML decides.", "AutoML décide."),
                "distributed": Doc("Train across several nodes.", "Entraîner sur plusieurs nœuds."),
                "non_distributed": Doc("Train on one node.", "Entraîner sur un seul nœud."),
            },
        ),
        Doc("Whether models are trained across several nodes (experimental).", "Si les modèles sont entraînés sur plusieurs nœuds (expérimental)."),
    )


ALLOWED_DOC = Doc("Only try these algorithms.", "N'essayer que ces algorithmes.")
BLOCKED_DOC = Doc("Never try these algorithms.", "Ne jamais essayer ces algorithmes.")

CLASSIFICATION_MODELS = CamelEnum(
    "logistic_regression",
    "sgd",
    "multinomial_naive_bayes",
    "bernoulli_naive_bayes",
    "svm",
    "linear_svm",
    "knn",
    "decision_tree",
    "random_forest",
    "extreme_random_trees",
    "light_gbm",
    "gradient_boosting",
    "xg_boost_classifier",
)
REGRESSION_MODELS = CamelEnum(
    "elastic_net",
    "gradient_boosting",
    "decision_tree",
    "knn",
    "lasso_lars",
    "sgd",
    "random_forest",
    "extreme_random_trees",
    "light_gbm",
    "xg_boost_regressor",
)
FORECASTING_MODELS = CamelEnum(
    "auto_arima",
    "prophet",
    "naive",
    "seasonal_naive",
    "average",
    "seasonal_average",
    "exponential_smoothing",
    "arimax",
    "tcn_forecaster",
    "elastic_net",
    "gradient_boosting",
    "decision_tree",
    "knn",
    "lasso_lars",
    "sgd",
    "random_forest",
    "extreme_random_trees",
    "light_gbm",
    "xg_boost_regressor",
)


class ClassificationTrainingSettings(TrainingSettings):
    DOC = Doc("Which classification models AutoML tries and how.", "Quels modèles de classification AutoML essaie, et comment.")
    LABEL = "classification training settings"
    allowed_training_algorithms = Field(ListOf(CLASSIFICATION_MODELS), ALLOWED_DOC)
    blocked_training_algorithms = Field(ListOf(CLASSIFICATION_MODELS), BLOCKED_DOC)


class RegressionTrainingSettings(TrainingSettings):
    DOC = Doc("Which regression models AutoML tries and how.", "Quels modèles de régression AutoML essaie, et comment.")
    LABEL = "regression training settings"
    allowed_training_algorithms = Field(ListOf(REGRESSION_MODELS), ALLOWED_DOC)
    blocked_training_algorithms = Field(ListOf(REGRESSION_MODELS), BLOCKED_DOC)


class ForecastingTrainingSettings(TrainingSettings):
    DOC = Doc("Which forecasting models AutoML tries and how.", "Quels modèles de prévision AutoML essaie, et comment.")
    LABEL = "forecasting training settings"
    allowed_training_algorithms = Field(ListOf(FORECASTING_MODELS), ALLOWED_DOC)
    blocked_training_algorithms = Field(ListOf(FORECASTING_MODELS), BLOCKED_DOC)


# --- forecasting settings -------------------------------------------------------------------


class ForecastingSettings(Entity):
    DOC = Doc("What to forecast: the time axis, the horizon, the series.", "Ce qu'il faut prévoir : l'axe du temps, l'horizon, les séries.")
    LABEL = "forecasting settings"
    time_column_name = Field(
        Str(),
        Doc("The column holding the date or time of each row.", "La colonne qui contient la date ou l'heure de chaque ligne."),
    )
    forecast_horizon = Field(
        auto_or_int(),
        Doc("How many periods ahead to forecast, or `auto`.", "Le nombre de périodes à prévoir, ou `auto`."),
        default=1,
    )
    frequency = Field(
        Str(examples=("D", "H", "W-THU", "MS")),
        Doc("The frequency of the series as a pandas offset alias (e.g. `D`, `H`, `W-THU`); inferred when omitted.", "La fréquence de la série, en alias de décalage pandas (par ex. `D`, `H`, `W-THU`) ; déduite si omise."),
    )
    time_series_id_column_names = Field(
        Union(Str(), ListOf(Str())),
        Doc("The column(s) that tell the series apart, when the data holds several.", "La ou les colonnes qui distinguent les séries, quand les données en contiennent plusieurs."),
    )
    target_lags = Field(
        Union(AutoOrInt(), Int(), ListOf(Int())),
        Doc("How many past periods of the target to use as features: a number, a list, or `auto`.", "Le nombre de périodes passées de la cible à utiliser comme caractéristiques : un nombre, une liste, ou `auto`."),
    )
    target_rolling_window_size = Field(
        auto_or_int(),
        Doc("The size of the rolling window over past targets used as features, or `auto`.", "La taille de la fenêtre glissante sur les cibles passées utilisée comme caractéristiques, ou `auto`."),
    )
    feature_lags = Field(
        Enum("none", "auto"),
        Doc("Whether to add lags of the other numeric features: `auto` or `none`.", "S'il faut ajouter des retards des autres caractéristiques numériques : `auto` ou `none`."),
    )
    seasonality = Field(
        auto_or_int(),
        Doc("The length of a season in periods, or `auto`.", "La longueur d'une saison en périodes, ou `auto`."),
        default="auto",
    )
    country_or_region_for_holidays = Field(
        Str(examples=("US", "FR")),
        Doc("The country or region whose holidays become features (e.g. `US`).", "Le pays ou la région dont les jours fériés deviennent des caractéristiques (par ex. `US`)."),
    )
    cv_step_size = Field(
        Int(),
        Doc("The number of periods between the starts of two cross-validation folds.", "Le nombre de périodes entre les débuts de deux plis de validation croisée."),
    )
    short_series_handling_config = Field(
        Enum(
            "none",
            "auto",
            "pad",
            "drop",
            docs={
                "auto": Doc("Pad short series when needed, else drop them.", "Compléter les séries courtes si nécessaire, sinon les écarter."),
                "pad": Doc("Pad short series.", "Compléter les séries courtes."),
                "drop": Doc("Drop short series.", "Écarter les séries courtes."),
                "none": Doc("Leave short series as they are.", "Laisser les séries courtes telles quelles."),
            },
        ),
        Doc("What to do with series too short to train on.", "Que faire des séries trop courtes pour l'entraînement."),
        default="auto",
    )
    use_stl = Field(
        Enum("none", "season", "seasontrend"),
        Doc("Add an STL decomposition of the target: `season`, `seasontrend` or `none`.", "Ajouter une décomposition STL de la cible : `season`, `seasontrend` ou `none`."),
    )
    target_aggregate_function = Field(
        Enum("none", "sum", "max", "min", "mean"),
        Doc("How to aggregate the target when the data is finer than `frequency`.", "Comment agréger la cible quand les données sont plus fines que `frequency`."),
    )
    features_unknown_at_forecast_time = Field(
        Union(Str(), ListOf(Str())),
        Doc("Columns whose future values are not known when forecasting.", "Les colonnes dont les valeurs futures sont inconnues au moment de la prévision."),
    )


# --- sweeps (image and text tasks) ----------------------------------------------------------


class AutoMLSweepSettings(Entity):
    DOC = Doc(
        "How the hyperparameter sweep over `search_space` is run.",
        "Comment le balayage des hyperparamètres de `search_space` est conduit.",
    )
    LABEL = "sweep settings"
    sampling_algorithm = Field(
        SAMPLING,
        Doc("How trials are drawn from the search space: `random`, `grid` or `bayesian`.", "Comment les essais sont tirés de l'espace de recherche : `random`, `grid` ou `bayesian`."),
        required=True,
    )
    early_termination = Field(
        EARLY_TERMINATION,
        Doc("A policy that stops poorly performing trials early.", "Une politique qui arrête tôt les essais peu performants."),
    )


# --- search spaces --------------------------------------------------------------------------

CHOICE_TYPE_DOC = Doc("The distribution: `choice`.", "La distribution : `choice`.")


def _choice(name: str, item: Kind, what: Doc) -> type[Entity]:
    """A `choice` distribution whose values are of one kind (the SDK types each field's
    choices: integers for `number_of_epochs`, text for `model_name`...). `what` names the
    values, in English and in French (e.g. "integers", "entiers")."""
    cls = type(
        name,
        (Entity,),
        {
            "__module__": __name__,
            "DOC": Doc(f"Pick one of the listed {what.en}.", f"Choisir l'une des valeurs listées ({what.fr})."),
            "LABEL": "a choice",
            "type": Field(Enum("choice"), CHOICE_TYPE_DOC, required=True),
            "values": Field(ListOf(item), Doc(f"The {what.en} to choose from.", f"Les valeurs possibles ({what.fr}).")),
        },
    )
    return cls


class IntQUniform(Entity):
    DOC = Doc("Like `uniform`, rounded to a multiple of `q` (whole numbers).", "Comme `uniform`, arrondi à un multiple de `q` (nombres entiers).")
    LABEL = "a quantized uniform distribution"
    type = Field(Enum("quniform", "qloguniform"), Doc("The distribution to sample from.", "La distribution dans laquelle tirer."), required=True)
    min_value = Field(Int(), Doc("The lower bound.", "La borne inférieure."), required=True)
    max_value = Field(Int(), Doc("The upper bound.", "La borne supérieure."), required=True)
    q = Field(Int(), Doc("The quantization step.", "Le pas de quantification."), required=True)


class IntQNormal(Entity):
    DOC = Doc("Like `normal`, rounded to a multiple of `q` (whole numbers).", "Comme `normal`, arrondi à un multiple de `q` (nombres entiers).")
    LABEL = "a quantized normal distribution"
    type = Field(Enum("qnormal", "qlognormal"), Doc("The distribution to sample from.", "La distribution dans laquelle tirer."), required=True)
    mu = Field(Int(), Doc("The mean.", "La moyenne."), required=True)
    sigma = Field(Int(), Doc("The standard deviation.", "L'écart type."), required=True)
    q = Field(Int(), Doc("The quantization step.", "Le pas de quantification."), required=True)


AutoMLChoiceInt = _choice("AutoMLChoiceInt", Int(), Doc("integers", "entiers"))
AutoMLChoiceNumber = _choice("AutoMLChoiceNumber", Float(), Doc("numbers", "nombres"))
AutoMLChoiceText = _choice("AutoMLChoiceText", Str(), Doc("texts", "textes"))
AutoMLChoiceBool = _choice("AutoMLChoiceBool", Bool(), Doc("booleans", "booléens"))

IMAGE_LR_SCHEDULERS = CamelEnum("none", "warmup_cosine", "step")
OPTIMIZERS = CamelEnum("none", "sgd", "adam", "adamw")
MODEL_SIZES = CamelEnum("none", "small", "medium", "large", "extra_large")
VALIDATION_METRICS = CamelEnum(
    "none",
    "coco",
    "voc",
    "coco_voc",
    docs={
        "coco": Doc("COCO mean average precision.", "Précision moyenne COCO."),
        "voc": Doc("Pascal VOC mean average precision.", "Précision moyenne Pascal VOC."),
        "coco_voc": Doc("Both COCO and VOC.", "COCO et VOC à la fois."),
        "none": Doc("No validation metric.", "Aucune métrique de validation."),
    },
)
NLP_LR_SCHEDULERS = CamelEnum("none", "linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup")

AutoMLChoiceImageScheduler = _choice("AutoMLChoiceImageScheduler", IMAGE_LR_SCHEDULERS, Doc("schedulers", "planificateurs"))
AutoMLChoiceOptimizer = _choice("AutoMLChoiceOptimizer", OPTIMIZERS, Doc("optimizers", "optimiseurs"))
AutoMLChoiceModelSize = _choice("AutoMLChoiceModelSize", MODEL_SIZES, Doc("model sizes", "formats de modèle"))
AutoMLChoiceValidationMetric = _choice("AutoMLChoiceValidationMetric", VALIDATION_METRICS, Doc("metric types", "types de métrique"))
AutoMLChoiceNlpScheduler = _choice("AutoMLChoiceNlpScheduler", NLP_LR_SCHEDULERS, Doc("schedulers", "planificateurs"))

# A number: fixed, or drawn from any distribution.
FLOAT_SPACE = Union(
    Float(),
    NumberText(),
    Union(Obj(AutoMLChoiceNumber), Obj(Uniform), Obj(QUniform), Obj(Normal), Obj(QNormal), Obj(Randint), discriminator="type"),
)
# A whole number: fixed, or drawn from a distribution of whole numbers.
INT_SPACE = Union(
    Int(),
    Union(Obj(AutoMLChoiceInt), Obj(Randint), Obj(IntQUniform), Obj(IntQNormal), discriminator="type"),
)
NLP_INT_SPACE = Union(Int(), Union(Obj(AutoMLChoiceInt), Obj(Randint), discriminator="type"))
TEXT_SPACE = Union(Str(), Obj(AutoMLChoiceText))
BOOL_SPACE = Union(Bool(), BoolText(), Obj(AutoMLChoiceBool))


def _enum_space(enum: Enum, choice: type[Entity]) -> Union:
    return Union(enum, Obj(choice))


# Texts shared by the fixed training parameters and the search spaces.
P = {
    "advanced_settings": Doc("Advanced settings, as a JSON string.", "Des réglages avancés, sous forme de chaîne JSON."),
    "ams_gradient": Doc("Use the AMSGrad variant of Adam/AdamW.", "Utiliser la variante AMSGrad d'Adam/AdamW."),
    "beta1": Doc("Adam's beta1 (between 0 and 1).", "Le beta1 d'Adam (entre 0 et 1)."),
    "beta2": Doc("Adam's beta2 (between 0 and 1).", "Le beta2 d'Adam (entre 0 et 1)."),
    "checkpoint_frequency": Doc("Save a checkpoint every this many epochs.", "Enregistrer un point de contrôle toutes les N époques."),
    "checkpoint_run_id": Doc("The run whose checkpoint to start from (incremental training).", "L'exécution dont le point de contrôle sert de départ (entraînement incrémental)."),
    "distributed": Doc("Train on several GPUs/nodes.", "Entraîner sur plusieurs GPU ou nœuds."),
    "early_stopping": Doc("Stop a trial when the metric stops improving.", "Arrêter un essai quand la métrique ne progresse plus."),
    "early_stopping_delay": Doc("Epochs to wait before watching for early stopping.", "Le nombre d'époques à attendre avant de surveiller l'arrêt anticipé."),
    "early_stopping_patience": Doc("Epochs without improvement before stopping.", "Le nombre d'époques sans progrès avant l'arrêt."),
    "evaluation_frequency": Doc("Evaluate on the validation data every this many epochs.", "Évaluer sur les données de validation toutes les N époques."),
    "enable_onnx_normalization": Doc("Normalize inputs when exporting to ONNX.", "Normaliser les entrées lors de l'export ONNX."),
    "gradient_accumulation_step": Doc("Steps whose gradients are accumulated before an update.", "Le nombre de pas dont les gradients sont cumulés avant une mise à jour."),
    "layers_to_freeze": Doc("How many layers of the backbone to freeze.", "Le nombre de couches du réseau de base à figer."),
    "learning_rate": Doc("The initial learning rate.", "Le taux d'apprentissage initial."),
    "learning_rate_scheduler": Doc("How the learning rate changes during training.", "Comment le taux d'apprentissage évolue pendant l'entraînement."),
    "model_name": Doc("The model architecture to train (e.g. `resnet50`, `yolov5`).", "L'architecture de modèle à entraîner (par ex. `resnet50`, `yolov5`)."),
    "momentum": Doc("The SGD momentum.", "Le moment de SGD."),
    "nesterov": Doc("Use Nesterov momentum with SGD.", "Utiliser le moment de Nesterov avec SGD."),
    "number_of_epochs": Doc("How many passes over the training data.", "Le nombre de passes sur les données d'entraînement."),
    "number_of_workers": Doc("How many data loader workers.", "Le nombre de processus de chargement des données."),
    "optimizer": Doc("The optimizer: `sgd`, `adam` or `adamw`.", "L'optimiseur : `sgd`, `adam` ou `adamw`."),
    "random_seed": Doc("The random seed, for reproducible training.", "La graine aléatoire, pour un entraînement reproductible."),
    "step_lr_gamma": Doc("The factor of the `step` scheduler.", "Le facteur de la planification `step`."),
    "step_lr_step_size": Doc("The period in epochs of the `step` scheduler.", "La période en époques de la planification `step`."),
    "training_batch_size": Doc("The batch size for training.", "La taille de lot pour l'entraînement."),
    "validation_batch_size": Doc("The batch size for validation.", "La taille de lot pour la validation."),
    "warmup_cosine_lr_cycles": Doc("The cosine cycle of the `warmup_cosine` scheduler.", "Le cycle cosinus de la planification `warmup_cosine`."),
    "warmup_cosine_lr_warmup_epochs": Doc("The warm-up epochs of the `warmup_cosine` scheduler.", "Les époques de préchauffage de la planification `warmup_cosine`."),
    "weight_decay": Doc("The weight decay (L2 penalty).", "La décroissance des poids (pénalité L2)."),
    "training_crop_size": Doc("The crop size of training images, in pixels.", "La taille de recadrage des images d'entraînement, en pixels."),
    "validation_crop_size": Doc("The crop size of validation images, in pixels.", "La taille de recadrage des images de validation, en pixels."),
    "validation_resize_size": Doc("The size validation images are resized to before cropping.", "La taille à laquelle les images de validation sont redimensionnées avant recadrage."),
    "weighted_loss": Doc("Class weighting of the loss: 0 none, 1 sqrt, 2 full.", "Pondération des classes dans la perte : 0 aucune, 1 racine carrée, 2 complète."),
    "box_detections_per_image": Doc("The most detections kept per image.", "Le nombre maximal de détections conservées par image."),
    "box_score_threshold": Doc("The least score a detected box must have.", "Le score minimal d'une boîte détectée."),
    "image_size": Doc("The image size for training and validation (YOLO).", "La taille d'image pour l'entraînement et la validation (YOLO)."),
    "max_size": Doc("The largest size images are rescaled to.", "La plus grande taille à laquelle les images sont remises à l'échelle."),
    "min_size": Doc("The smallest size images are rescaled to.", "La plus petite taille à laquelle les images sont remises à l'échelle."),
    "model_size": Doc("The model size (YOLO): `small`, `medium`, `large`, `extra_large`.", "La taille du modèle (YOLO) : `small`, `medium`, `large`, `extra_large`."),
    "multi_scale": Doc("Vary the image size during training.", "Faire varier la taille des images pendant l'entraînement."),
    "nms_iou_threshold": Doc("The IoU threshold of non-maximum suppression.", "Le seuil d'IoU de la suppression des non-maxima."),
    "tile_grid_size": Doc("The grid images are cut into for small objects, e.g. `3x2`.", "La grille de découpe des images pour les petits objets, par ex. `3x2`."),
    "tile_overlap_ratio": Doc("How much adjacent tiles overlap.", "Le recouvrement entre tuiles voisines."),
    "tile_predictions_nms_threshold": Doc("The IoU threshold to merge predictions of tiles.", "Le seuil d'IoU pour fusionner les prédictions des tuiles."),
    "validation_iou_threshold": Doc("The IoU threshold of the validation metric.", "Le seuil d'IoU de la métrique de validation."),
    "validation_metric_type": Doc("How validation is scored: `coco`, `voc`, `coco_voc` or `none`.", "Comment la validation est notée : `coco`, `voc`, `coco_voc` ou `none`."),
    "log_training_metrics": Doc("Log training metrics: `Enable` or `Disable`.", "Journaliser les métriques d'entraînement : `Enable` ou `Disable`."),
    "log_validation_loss": Doc("Log the validation loss: `Enable` or `Disable`.", "Journaliser la perte de validation : `Enable` ou `Disable`."),
    "gradient_accumulation_steps": Doc("Steps whose gradients are accumulated before an update.", "Le nombre de pas dont les gradients sont cumulés avant une mise à jour."),
    "warmup_ratio": Doc("The fraction of training used to warm up the learning rate.", "La fraction de l'entraînement consacrée au préchauffage du taux d'apprentissage."),
    "nlp_model_name": Doc("The language model to fine-tune (e.g. `bert-base-cased`).", "Le modèle de langue à affiner (par ex. `bert-base-cased`)."),
}


def _space(name: str) -> Doc:
    d = P[name]
    return Doc(d.en + " A value, or a distribution to sweep over.", d.fr + " Une valeur, ou une distribution à balayer.")


class ImageSearchSpace(Entity):
    """The hyperparameters every image task may sweep over."""

    DOC = Doc(
        "One region of the hyperparameter space to sweep: each key a fixed value or a distribution (`choice`, `uniform`...).",
        "Une région de l'espace des hyperparamètres à balayer : chaque clé une valeur fixe ou une distribution (`choice`, `uniform`...).",
    )
    LABEL = "a search space"
    ams_gradient = Field(BOOL_SPACE, _space("ams_gradient"))
    augmentations = Field(TEXT_SPACE, Doc("Data augmentations to apply.", "Les augmentations de données à appliquer."))
    beta1 = Field(FLOAT_SPACE, _space("beta1"))
    beta2 = Field(FLOAT_SPACE, _space("beta2"))
    distributed = Field(BOOL_SPACE, _space("distributed"))
    early_stopping = Field(BOOL_SPACE, _space("early_stopping"))
    early_stopping_delay = Field(INT_SPACE, _space("early_stopping_delay"))
    early_stopping_patience = Field(INT_SPACE, _space("early_stopping_patience"))
    evaluation_frequency = Field(INT_SPACE, _space("evaluation_frequency"))
    enable_onnx_normalization = Field(BOOL_SPACE, _space("enable_onnx_normalization"))
    gradient_accumulation_step = Field(INT_SPACE, _space("gradient_accumulation_step"))
    layers_to_freeze = Field(INT_SPACE, _space("layers_to_freeze"))
    learning_rate = Field(FLOAT_SPACE, _space("learning_rate"))
    learning_rate_scheduler = Field(_enum_space(IMAGE_LR_SCHEDULERS, AutoMLChoiceImageScheduler), _space("learning_rate_scheduler"))
    model_name = Field(TEXT_SPACE, _space("model_name"))
    momentum = Field(FLOAT_SPACE, _space("momentum"))
    nesterov = Field(BOOL_SPACE, _space("nesterov"))
    number_of_epochs = Field(INT_SPACE, _space("number_of_epochs"))
    number_of_workers = Field(INT_SPACE, _space("number_of_workers"))
    optimizer = Field(_enum_space(OPTIMIZERS, AutoMLChoiceOptimizer), _space("optimizer"))
    random_seed = Field(INT_SPACE, _space("random_seed"))
    step_lr_gamma = Field(FLOAT_SPACE, _space("step_lr_gamma"))
    step_lr_step_size = Field(INT_SPACE, _space("step_lr_step_size"))
    training_batch_size = Field(INT_SPACE, _space("training_batch_size"))
    validation_batch_size = Field(INT_SPACE, _space("validation_batch_size"))
    warmup_cosine_lr_cycles = Field(FLOAT_SPACE, _space("warmup_cosine_lr_cycles"))
    warmup_cosine_lr_warmup_epochs = Field(INT_SPACE, _space("warmup_cosine_lr_warmup_epochs"))
    weight_decay = Field(FLOAT_SPACE, _space("weight_decay"))


class ImageClassificationSearchSpace(ImageSearchSpace):
    LABEL = "an image classification search space"
    training_crop_size = Field(INT_SPACE, _space("training_crop_size"))
    validation_crop_size = Field(INT_SPACE, _space("validation_crop_size"))
    validation_resize_size = Field(INT_SPACE, _space("validation_resize_size"))
    weighted_loss = Field(INT_SPACE, _space("weighted_loss"))


class ImageObjectDetectionSearchSpace(ImageSearchSpace):
    LABEL = "an object detection search space"
    box_detections_per_image = Field(INT_SPACE, _space("box_detections_per_image"))
    box_score_threshold = Field(FLOAT_SPACE, _space("box_score_threshold"))
    image_size = Field(INT_SPACE, _space("image_size"))
    max_size = Field(INT_SPACE, _space("max_size"))
    min_size = Field(INT_SPACE, _space("min_size"))
    model_size = Field(_enum_space(MODEL_SIZES, AutoMLChoiceModelSize), _space("model_size"))
    multi_scale = Field(BOOL_SPACE, _space("multi_scale"))
    nms_iou_threshold = Field(FLOAT_SPACE, _space("nms_iou_threshold"))
    tile_grid_size = Field(TEXT_SPACE, _space("tile_grid_size"))
    tile_overlap_ratio = Field(FLOAT_SPACE, _space("tile_overlap_ratio"))
    tile_predictions_nms_threshold = Field(FLOAT_SPACE, _space("tile_predictions_nms_threshold"))
    validation_iou_threshold = Field(FLOAT_SPACE, _space("validation_iou_threshold"))
    validation_metric_type = Field(_enum_space(VALIDATION_METRICS, AutoMLChoiceValidationMetric), _space("validation_metric_type"))


class NlpSearchSpace(Entity):
    DOC = Doc(
        "One region of the hyperparameter space to sweep for a text task: each key a fixed value or a distribution.",
        "Une région de l'espace des hyperparamètres à balayer pour une tâche de texte : chaque clé une valeur fixe ou une distribution.",
    )
    LABEL = "an NLP search space"
    gradient_accumulation_steps = Field(NLP_INT_SPACE, _space("gradient_accumulation_steps"))
    learning_rate = Field(FLOAT_SPACE, _space("learning_rate"))
    learning_rate_scheduler = Field(_enum_space(NLP_LR_SCHEDULERS, AutoMLChoiceNlpScheduler), _space("learning_rate_scheduler"))
    model_name = Field(TEXT_SPACE, _space("nlp_model_name"))
    number_of_epochs = Field(NLP_INT_SPACE, _space("number_of_epochs"))
    training_batch_size = Field(NLP_INT_SPACE, _space("training_batch_size"))
    validation_batch_size = Field(NLP_INT_SPACE, _space("validation_batch_size"))
    warmup_ratio = Field(FLOAT_SPACE, _space("warmup_ratio"))
    weight_decay = Field(FLOAT_SPACE, _space("weight_decay"))


# --- fixed training parameters (image and text tasks) ---------------------------------------


class ImageTrainingParameters(Entity):
    DOC = Doc(
        "Fixed hyperparameters for every trial of an image task (what `search_space` does not sweep).",
        "Les hyperparamètres fixes de chaque essai d'une tâche d'images (ce que `search_space` ne balaie pas).",
    )
    LABEL = "image training parameters"
    advanced_settings = Field(Str(), P["advanced_settings"])
    ams_gradient = Field(Bool(), P["ams_gradient"])
    beta1 = Field(Float(), P["beta1"])
    beta2 = Field(Float(), P["beta2"])
    checkpoint_frequency = Field(Int(), P["checkpoint_frequency"])
    checkpoint_run_id = Field(Str(), P["checkpoint_run_id"])
    distributed = Field(Bool(), P["distributed"])
    early_stopping = Field(Bool(), P["early_stopping"])
    early_stopping_delay = Field(Int(), P["early_stopping_delay"])
    early_stopping_patience = Field(Int(), P["early_stopping_patience"])
    evaluation_frequency = Field(Int(), P["evaluation_frequency"])
    enable_onnx_normalization = Field(Bool(), P["enable_onnx_normalization"])
    gradient_accumulation_step = Field(Int(), P["gradient_accumulation_step"])
    layers_to_freeze = Field(Int(), P["layers_to_freeze"])
    learning_rate = Field(Float(), P["learning_rate"])
    learning_rate_scheduler = Field(IMAGE_LR_SCHEDULERS, P["learning_rate_scheduler"])
    model_name = Field(Str(examples=("resnet50", "vitb16r224", "yolov5", "maskrcnn_resnet50_fpn")), P["model_name"])
    momentum = Field(Float(), P["momentum"])
    nesterov = Field(Bool(), P["nesterov"])
    number_of_epochs = Field(Int(), P["number_of_epochs"])
    number_of_workers = Field(Int(), P["number_of_workers"])
    optimizer = Field(OPTIMIZERS, P["optimizer"])
    random_seed = Field(Int(), P["random_seed"])
    step_lr_gamma = Field(Float(), P["step_lr_gamma"])
    step_lr_step_size = Field(Int(), P["step_lr_step_size"])
    training_batch_size = Field(Int(), P["training_batch_size"])
    validation_batch_size = Field(Int(), P["validation_batch_size"])
    warmup_cosine_lr_cycles = Field(Float(), P["warmup_cosine_lr_cycles"])
    warmup_cosine_lr_warmup_epochs = Field(Int(), P["warmup_cosine_lr_warmup_epochs"])
    weight_decay = Field(Float(), P["weight_decay"])


class ImageClassificationTrainingParameters(ImageTrainingParameters):
    LABEL = "image classification training parameters"
    training_crop_size = Field(Int(), P["training_crop_size"])
    validation_crop_size = Field(Int(), P["validation_crop_size"])
    validation_resize_size = Field(Int(), P["validation_resize_size"])
    weighted_loss = Field(Int(), P["weighted_loss"])


class ImageObjectDetectionTrainingParameters(ImageTrainingParameters):
    LABEL = "object detection training parameters"
    box_detections_per_image = Field(Int(), P["box_detections_per_image"])
    box_score_threshold = Field(Float(), P["box_score_threshold"])
    image_size = Field(Int(), P["image_size"])
    max_size = Field(Int(), P["max_size"])
    min_size = Field(Int(), P["min_size"])
    model_size = Field(MODEL_SIZES, P["model_size"])
    multi_scale = Field(Bool(), P["multi_scale"])
    nms_iou_threshold = Field(Float(), P["nms_iou_threshold"])
    tile_grid_size = Field(Str(examples=("3x2",)), P["tile_grid_size"])
    tile_overlap_ratio = Field(Float(), P["tile_overlap_ratio"])
    tile_predictions_nms_threshold = Field(Float(), P["tile_predictions_nms_threshold"])
    validation_iou_threshold = Field(Float(), P["validation_iou_threshold"])
    validation_metric_type = Field(VALIDATION_METRICS, P["validation_metric_type"])
    log_training_metrics = Field(Str(examples=("Enable", "Disable")), P["log_training_metrics"])
    log_validation_loss = Field(Str(examples=("Enable", "Disable")), P["log_validation_loss"])


class NlpTrainingParameters(Entity):
    DOC = Doc(
        "Fixed hyperparameters for every trial of a text task.",
        "Les hyperparamètres fixes de chaque essai d'une tâche de texte.",
    )
    LABEL = "NLP training parameters"
    gradient_accumulation_steps = Field(Int(), P["gradient_accumulation_steps"])
    learning_rate = Field(Float(), P["learning_rate"])
    learning_rate_scheduler = Field(NLP_LR_SCHEDULERS, P["learning_rate_scheduler"])
    model_name = Field(Str(examples=("bert-base-cased", "roberta-base")), P["nlp_model_name"])
    number_of_epochs = Field(Int(), P["number_of_epochs"])
    training_batch_size = Field(Int(), P["training_batch_size"])
    validation_batch_size = Field(Int(), P["validation_batch_size"])
    warmup_ratio = Field(Float(), P["warmup_ratio"])
    weight_decay = Field(Float(), P["weight_decay"])


# --- metrics --------------------------------------------------------------------------------

METRIC_DOCS = {
    "auc_weighted": Doc("Area under the ROC curve, averaged with class weights.", "Aire sous la courbe ROC, moyennée selon le poids des classes."),
    "accuracy": Doc("The share of correct predictions.", "La part de prédictions correctes."),
    "norm_macro_recall": Doc("Macro-averaged recall, normalized so that chance scores 0.", "Rappel en moyenne macro, normalisé pour que le hasard vaille 0."),
    "average_precision_score_weighted": Doc("Average precision, averaged with class weights.", "Précision moyenne, moyennée selon le poids des classes."),
    "precision_score_weighted": Doc("Precision, averaged with class weights.", "Précision, moyennée selon le poids des classes."),
    "iou": Doc("Intersection over union of predicted and true label sets.", "Intersection sur union des ensembles d'étiquettes prédits et réels."),
    "spearman_correlation": Doc("Spearman rank correlation.", "Corrélation de rang de Spearman."),
    "normalized_root_mean_squared_error": Doc("Root mean squared error, divided by the range of the target.", "Racine de l'erreur quadratique moyenne, divisée par l'étendue de la cible."),
    "r2_score": Doc("The coefficient of determination (R²).", "Le coefficient de détermination (R²)."),
    "normalized_mean_absolute_error": Doc("Mean absolute error, divided by the range of the target.", "Erreur absolue moyenne, divisée par l'étendue de la cible."),
    "mean_average_precision": Doc("Mean average precision (mAP) of the detections.", "Précision moyenne (mAP) des détections."),
}


def metrics(*names: str) -> CamelEnum:
    return CamelEnum(*names, docs={n: METRIC_DOCS[n] for n in names})


CLASSIFICATION_METRICS = ("auc_weighted", "accuracy", "norm_macro_recall", "average_precision_score_weighted", "precision_score_weighted")
REGRESSION_METRICS = ("spearman_correlation", "normalized_root_mean_squared_error", "r2_score", "normalized_mean_absolute_error")
PRIMARY_METRIC_DOC = Doc("The metric AutoML optimizes to pick the best model.", "La métrique qu'AutoML optimise pour choisir le meilleur modèle.")

TASK_DOCS = {
    "classification": Doc("Predict a category for each row of a table.", "Prédire une catégorie pour chaque ligne d'une table."),
    "regression": Doc("Predict a number for each row of a table.", "Prédire un nombre pour chaque ligne d'une table."),
    "forecasting": Doc("Predict future values of time series.", "Prédire les valeurs futures de séries temporelles."),
    "image_classification": Doc("Give each image one class.", "Attribuer une classe à chaque image."),
    "image_classification_multilabel": Doc("Give each image any number of labels.", "Attribuer à chaque image un nombre quelconque d'étiquettes."),
    "image_object_detection": Doc("Find objects in images, with bounding boxes.", "Trouver des objets dans les images, avec des boîtes englobantes."),
    "image_instance_segmentation": Doc("Find objects in images, with their exact outline (masks).", "Trouver des objets dans les images, avec leur contour exact (masques)."),
    "text_classification": Doc("Give each text one class.", "Attribuer une classe à chaque texte."),
    "text_classification_multilabel": Doc("Give each text any number of labels.", "Attribuer à chaque texte un nombre quelconque d'étiquettes."),
    "text_ner": Doc("Tag named entities (people, places...) in text.", "Étiqueter les entités nommées (personnes, lieux...) dans un texte."),
}
TASK_DOC = Doc(
    "The AutoML task; it decides which other keys are allowed.",
    "La tâche AutoML ; elle détermine les autres clés autorisées.",
)


def task_field(name: str) -> Field:
    # The SDK looks the task up as written: `Classification` is an unsupported task.
    return Field(Enum(name, case_sensitive=True, docs={name: TASK_DOCS[name]}), TASK_DOC, required=True, frozen=True)


# --- the jobs -------------------------------------------------------------------------------

LOG_VERBOSITY = CamelEnum("not_set", "debug", "info", "warning", "error", "critical")


class AutoMLJob(Job):
    """What every AutoML task shares. A file is read as one of the task classes below,
    chosen by `task` (see `KIND`)."""

    DOC = Doc(
        "An AutoML job: Azure ML trains many models for a task (tabular, image or text) and keeps the best one.",
        "Un travail AutoML : Azure ML entraîne de nombreux modèles pour une tâche (tabulaire, images ou texte) et garde le meilleur.",
    )
    TYPE = "automl"
    ORDER = AUTOML_ORDER = (
        "$schema", "type", "task", "name", "display_name", "experiment_name", "description", "tags", "properties",
        "compute", "resources", "queue_settings", "log_verbosity", "primary_metric", "positive_label",
        "target_column_name", "training_data", "validation_data", "validation_data_size", "test_data", "test_data_size",
        "n_cross_validations", "cv_split_column_names", "weight_column_name",
        "limits", "featurization", "forecasting", "training", "training_parameters", "sweep", "search_space",
        "environment_id", "environment_variables", "identity", "outputs", "services",
    )
    type = Field(Enum("automl"), Job.type.doc, required=True, frozen=True)
    task = Field(Enum(*TASK_DOCS, case_sensitive=True, docs=TASK_DOCS), TASK_DOC, required=True)
    log_verbosity = Field(
        LOG_VERBOSITY,
        Doc("How much AutoML writes to its logs.", "La quantité d'informations qu'AutoML écrit dans ses journaux."),
        default="info",
    )
    training_data = Field(Obj(AutoMLTableInput), TRAINING_DATA_DOC, required=True)
    resources = Field(Obj(JobResources), RESOURCES_DOC)
    queue_settings = Field(Obj(QueueSettings), QUEUE_SETTINGS_DOC)
    environment_id = Field(
        Str(),
        Doc("The environment the trials run in, instead of the one AutoML picks.", "L'environnement d'exécution des essais, à la place de celui qu'AutoML choisit."),
    )
    environment_variables = Field(
        MapOf(Str(), "variable name"),
        Doc("Environment variables set for the trials (text values).", "Les variables d'environnement définies pour les essais (valeurs textuelles)."),
    )
    outputs = Field(OUTPUTS, OUTPUTS_DOC)

    def __init__(self, **kwargs: Any) -> None:
        if type(self) is AutoMLJob:
            raise TypeError("AutoMLJob cannot be instantiated directly: use a task class such as AutoMLClassificationJob")
        super().__init__(**kwargs)
        task = type(self)._fields["task"].kind
        assert isinstance(task, Enum)
        self._values["task"] = task.values[0]

    @classmethod
    def label(cls) -> str:
        return cls.LABEL or "an AutoML job"


class TabularFields(Entity):
    """What the tabular tasks share."""

    target_column_name = Field(Str(), TARGET_COLUMN_DOC, required=True)
    validation_data = Field(Obj(AutoMLTableInput), VALIDATION_DATA_DOC)
    validation_data_size = Field(Float(), VALIDATION_DATA_SIZE_DOC)
    test_data = Field(Obj(AutoMLTableInput), TEST_DATA_DOC)
    test_data_size = Field(Float(), TEST_DATA_SIZE_DOC)
    n_cross_validations = Field(
        auto_or_int(),
        Doc("How many cross-validation folds when no validation data is given, or `auto`.", "Le nombre de plis de validation croisée quand aucune donnée de validation n'est fournie, ou `auto`."),
    )
    cv_split_column_names = Field(
        ListOf(Str()),
        Doc("Columns that define your own cross-validation splits.", "Les colonnes qui définissent vos propres découpages de validation croisée."),
    )
    weight_column_name = Field(
        Str(),
        Doc("The column that weights each row.", "La colonne qui pondère chaque ligne."),
    )
    limits = Field(Obj(AutoMLTableLimits), Doc("How many trials, how many at once, and timeouts.", "Combien d'essais, combien à la fois, et les délais."))
    featurization = Field(Obj(TableFeaturization), Doc("How columns become features.", "Comment les colonnes deviennent des caractéristiques."))


class ImageFields(Entity):
    """What the image tasks share."""

    target_column_name = Field(Str(), TARGET_COLUMN_DOC, required=True)
    validation_data = Field(Obj(AutoMLTableInput), VALIDATION_DATA_DOC)
    validation_data_size = Field(Float(), VALIDATION_DATA_SIZE_DOC)
    test_data = Field(Obj(AutoMLTableInput), TEST_DATA_DOC)
    test_data_size = Field(Float(), TEST_DATA_SIZE_DOC)
    limits = Field(Obj(ImageLimits), Doc("How many trials, how many at once, and the timeout.", "Combien d'essais, combien à la fois, et le délai."))
    sweep = Field(Obj(AutoMLSweepSettings), Doc("How `search_space` is swept: sampling and early termination.", "Comment `search_space` est balayé : tirage et arrêt anticipé."))


class NlpFields(Entity):
    """What the text tasks share."""

    validation_data = Field(Obj(AutoMLTableInput), VALIDATION_DATA_DOC)
    limits = Field(Obj(NlpLimits), Doc("How many trials, nodes, and timeouts.", "Combien d'essais, de nœuds, et les délais."))
    sweep = Field(Obj(AutoMLSweepSettings), Doc("How `search_space` is swept: sampling and early termination.", "Comment `search_space` est balayé : tirage et arrêt anticipé."))
    training_parameters = Field(Obj(NlpTrainingParameters), Doc("Fixed hyperparameters of every trial.", "Les hyperparamètres fixes de chaque essai."))
    search_space = Field(
        ListOf(Obj(NlpSearchSpace)),
        Doc("Regions of the hyperparameter space to sweep, each a mapping of hyperparameters.", "Les régions de l'espace des hyperparamètres à balayer, chacune un mappage d'hyperparamètres."),
    )
    featurization = Field(Obj(NlpFeaturization), Doc("The language of the text.", "La langue du texte."))


SEARCH_SPACE_DOC = Doc(
    "Regions of the hyperparameter space to sweep, each a mapping of hyperparameters to values or distributions.",
    "Les régions de l'espace des hyperparamètres à balayer, chacune un mappage d'hyperparamètres vers des valeurs ou des distributions.",
)
TRAINING_PARAMETERS_DOC = Doc("Fixed hyperparameters of every trial.", "Les hyperparamètres fixes de chaque essai.")
TRAINING_DOC = Doc("Which models AutoML tries, ensembles, explanations.", "Les modèles qu'AutoML essaie, les ensembles, les explications.")


class AutoMLClassificationJob(AutoMLJob, TabularFields):
    DOC = Doc("An AutoML classification job: predicts a category for each row of a table.", "Un travail AutoML de classification : prédit une catégorie pour chaque ligne d'une table.")
    LABEL = "an AutoML classification job"
    TOP_LEVEL = False
    task = task_field("classification")
    primary_metric = Field(metrics(*CLASSIFICATION_METRICS), PRIMARY_METRIC_DOC, default="auc_weighted")
    positive_label = Field(
        Str(),
        Doc("The label of the positive class, for binary metrics.", "L'étiquette de la classe positive, pour les métriques binaires."),
    )
    training = Field(Obj(ClassificationTrainingSettings), TRAINING_DOC)


class AutoMLRegressionJob(AutoMLJob, TabularFields):
    DOC = Doc("An AutoML regression job: predicts a number for each row of a table.", "Un travail AutoML de régression : prédit un nombre pour chaque ligne d'une table.")
    LABEL = "an AutoML regression job"
    TOP_LEVEL = False
    task = task_field("regression")
    primary_metric = Field(metrics(*REGRESSION_METRICS), PRIMARY_METRIC_DOC, default="normalized_root_mean_squared_error")
    training = Field(Obj(RegressionTrainingSettings), TRAINING_DOC)


class AutoMLForecastingJob(AutoMLJob, TabularFields):
    DOC = Doc("An AutoML forecasting job: predicts future values of time series.", "Un travail AutoML de prévision : prédit les valeurs futures de séries temporelles.")
    LABEL = "an AutoML forecasting job"
    TOP_LEVEL = False
    task = task_field("forecasting")
    primary_metric = Field(metrics(*REGRESSION_METRICS), PRIMARY_METRIC_DOC, default="normalized_root_mean_squared_error")
    training = Field(Obj(ForecastingTrainingSettings), TRAINING_DOC)
    forecasting = Field(Obj(ForecastingSettings), Doc("The time axis, horizon and series of the forecast.", "L'axe du temps, l'horizon et les séries de la prévision."))


class AutoMLImageClassificationJob(AutoMLJob, ImageFields):
    DOC = Doc("An AutoML image classification job: gives each image one class.", "Un travail AutoML de classification d'images : attribue une classe à chaque image.")
    LABEL = "an AutoML image classification job"
    TOP_LEVEL = False
    task = task_field("image_classification")
    primary_metric = Field(metrics(*CLASSIFICATION_METRICS), PRIMARY_METRIC_DOC, default="accuracy")
    training_parameters = Field(Obj(ImageClassificationTrainingParameters), TRAINING_PARAMETERS_DOC)
    search_space = Field(ListOf(Obj(ImageClassificationSearchSpace)), SEARCH_SPACE_DOC)


class AutoMLImageClassificationMultilabelJob(AutoMLJob, ImageFields):
    DOC = Doc("An AutoML multi-label image classification job: gives each image any number of labels.", "Un travail AutoML de classification d'images multi-étiquette : attribue à chaque image un nombre quelconque d'étiquettes.")
    LABEL = "an AutoML multi-label image classification job"
    TOP_LEVEL = False
    task = task_field("image_classification_multilabel")
    primary_metric = Field(metrics(*CLASSIFICATION_METRICS, "iou"), PRIMARY_METRIC_DOC, default="iou")
    training_parameters = Field(Obj(ImageClassificationTrainingParameters), TRAINING_PARAMETERS_DOC)
    search_space = Field(ListOf(Obj(ImageClassificationSearchSpace)), SEARCH_SPACE_DOC)


class AutoMLImageObjectDetectionJob(AutoMLJob, ImageFields):
    DOC = Doc("An AutoML object detection job: finds objects in images, with bounding boxes.", "Un travail AutoML de détection d'objets : trouve des objets dans les images, avec des boîtes englobantes.")
    LABEL = "an AutoML object detection job"
    TOP_LEVEL = False
    task = task_field("image_object_detection")
    primary_metric = Field(metrics("mean_average_precision"), PRIMARY_METRIC_DOC, default="mean_average_precision")
    training_parameters = Field(Obj(ImageObjectDetectionTrainingParameters), TRAINING_PARAMETERS_DOC)
    search_space = Field(ListOf(Obj(ImageObjectDetectionSearchSpace)), SEARCH_SPACE_DOC)


class AutoMLImageInstanceSegmentationJob(AutoMLJob, ImageFields):
    DOC = Doc("An AutoML instance segmentation job: finds objects in images, with their outlines.", "Un travail AutoML de segmentation d'instances : trouve des objets dans les images, avec leurs contours.")
    LABEL = "an AutoML instance segmentation job"
    TOP_LEVEL = False
    task = task_field("image_instance_segmentation")
    primary_metric = Field(metrics("mean_average_precision"), PRIMARY_METRIC_DOC, default="mean_average_precision")
    training_parameters = Field(Obj(ImageObjectDetectionTrainingParameters), TRAINING_PARAMETERS_DOC)
    search_space = Field(ListOf(Obj(ImageObjectDetectionSearchSpace)), SEARCH_SPACE_DOC)


class AutoMLTextClassificationJob(AutoMLJob, NlpFields):
    DOC = Doc("An AutoML text classification job: gives each text one class.", "Un travail AutoML de classification de texte : attribue une classe à chaque texte.")
    LABEL = "an AutoML text classification job"
    TOP_LEVEL = False
    task = task_field("text_classification")
    primary_metric = Field(metrics(*CLASSIFICATION_METRICS), PRIMARY_METRIC_DOC, default="accuracy")
    target_column_name = Field(Str(), TARGET_COLUMN_DOC, required=True)


class AutoMLTextClassificationMultilabelJob(AutoMLJob, NlpFields):
    DOC = Doc("An AutoML multi-label text classification job: gives each text any number of labels.", "Un travail AutoML de classification de texte multi-étiquette : attribue à chaque texte un nombre quelconque d'étiquettes.")
    LABEL = "an AutoML multi-label text classification job"
    TOP_LEVEL = False
    task = task_field("text_classification_multilabel")
    primary_metric = Field(metrics("accuracy"), PRIMARY_METRIC_DOC, default="accuracy")
    target_column_name = Field(Str(), TARGET_COLUMN_DOC, required=True)


class AutoMLTextNerJob(AutoMLJob, NlpFields):
    DOC = Doc("An AutoML named entity recognition job: tags people, places and other entities in text (CoNLL format).", "Un travail AutoML de reconnaissance d'entités nommées : étiquette personnes, lieux et autres entités dans un texte (format CoNLL).")
    LABEL = "an AutoML NER job"
    TOP_LEVEL = False
    task = task_field("text_ner")
    primary_metric = Field(metrics("accuracy"), PRIMARY_METRIC_DOC, default="accuracy")
    target_column_name = Field(
        Str(),
        Doc("Not needed for NER: the labels are in the CoNLL file itself.", "Inutile pour la NER : les étiquettes sont dans le fichier CoNLL lui-même."),
    )


TASK_JOBS: dict[str, type[AutoMLJob]] = {
    "classification": AutoMLClassificationJob,
    "regression": AutoMLRegressionJob,
    "forecasting": AutoMLForecastingJob,
    "image_classification": AutoMLImageClassificationJob,
    "image_classification_multilabel": AutoMLImageClassificationMultilabelJob,
    "image_object_detection": AutoMLImageObjectDetectionJob,
    "image_instance_segmentation": AutoMLImageInstanceSegmentationJob,
    "text_classification": AutoMLTextClassificationJob,
    "text_classification_multilabel": AutoMLTextClassificationMultilabelJob,
    "text_ner": AutoMLTextNerJob,
}

# What a file with `type: automl` is: one of the task jobs, chosen by `task:`.
KIND = Union(*(Obj(cls) for cls in TASK_JOBS.values()), discriminator="task", tag="automl")

__all__ = ["AutoMLJob", "KIND", "TASK_JOBS", *(cls.__name__ for cls in TASK_JOBS.values())]
