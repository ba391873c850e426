"""The pipeline job: steps (`jobs:`) wired together by `${{parent...}}` bindings, each step
running a component (a file, a registered component, an inline definition) or an inline
job; or a whole pipeline component (`component:`).

Facts follow azure-ai-ml 1.35 (PipelineJobSchema and its `jobs` union: a step is chosen by
its `type`, a step without `type` is read as a command step). Step schemas that run a
component accept unknown keys (they are kept on the step and ignored): those are reported
as warnings; a step without `component` is read as an inline job, which refuses them.
"""

from __future__ import annotations

import copy
import re
from typing import Any, ClassVar

from ..yamldoc import ERROR, Mapping, Scalar, entries, key_nodes, key_text, resolve
from .command import (
    CODE_DOC,
    COMMAND_DOC,
    INPUTS,
    OUTPUTS,
    RESOURCES_DOC,
    CommandFields,
)
from .common import (
    CODE,
    DISTRIBUTION,
    DISTRIBUTION_DOC,
    ENVIRONMENT,
    ENVIRONMENT_DOC,
    ENVIRONMENT_VARIABLES,
    ENVIRONMENT_VARIABLES_DOC,
    IDENTITY,
    IDENTITY_DOC,
    SERVICES,
    SERVICES_DOC,
    CommandJobLimits,
    CreationContext,
    JobResources,
    Output,
)
from .entity import Entity
from .fields import Any_, Bool, Doc, Enum, Field, Int, ListOf, LocalPath, MapOf, Obj, Str, Union
from .job import IO_NAME_FORM, JOB_STATUS, Job
from .spark import (
    CONF_DOC,
    ENTRY_DOC,
    FILES_DOC,
    RESOURCES_DOC as SPARK_RESOURCES_DOC,
    SparkConf,
    SparkEntry,
    SparkResources,
    check_compute_or_resources,
    check_conf,
    check_no_duplicates,
)
from .sweep import SweepFields

# --- references and bindings ------------------------------------------------------------------

# A step's `code` is plain text to the SDK when the pipeline loads (no form is refused).
STEP_CODE = LocalPath(examples=("./src",))

COMPONENT_REF = LocalPath(
    examples=("./train.yml", "azureml:train_model:1", "azureml:train_model@latest", "azureml://registries/azureml/components/train/versions/1"),
    folder=False,
)
COMPONENT_REF_DOC = Doc(
    "The component the step runs: a local YAML file (`./train.yml`, `file:./train.yml`), a registered component (`azureml:name:version`, `azureml:name@latest`), a registry component (`azureml://registries/...`), or an inline definition.",
    "Le composant qu'exécute l'étape : un fichier YAML local (`./train.yml`, `file:./train.yml`), un composant enregistré (`azureml:nom:version`, `azureml:nom@latest`), un composant de registre (`azureml://registries/...`) ou une définition en ligne.",
)

# A step output is bound to a pipeline output (`${{parent.outputs.NAME}}`) or configured here.
OUTPUT_BINDING = Str(pattern=r"^\s*\$\{\{.*\}\}\s*$", examples=("${{parent.outputs.model}}",))
STEP_OUTPUTS = MapOf(Union(OUTPUT_BINDING, Obj(Output)), "output name", nullable=True)
STEP_INPUTS_DOC = Doc(
    "The step's inputs, by name: literals, bindings to pipeline inputs or to other steps' outputs (`${{parent.inputs.NAME}}`, `${{parent.jobs.STEP.outputs.NAME}}`), or data with a `type` and a `path`.",
    "Les entrées de l'étape, par nom : des littéraux, des liaisons aux entrées du pipeline ou aux sorties d'autres étapes (`${{parent.inputs.NOM}}`, `${{parent.jobs.ÉTAPE.outputs.NOM}}`), ou des données avec un `type` et un `path`.",
)
STEP_OUTPUTS_DOC = Doc(
    "The step's outputs, by name: a binding to a pipeline output (`${{parent.outputs.NAME}}`), or a `type`, `mode` and `path` of their own; empty takes the component's defaults.",
    "Les sorties de l'étape, par nom : une liaison à une sortie du pipeline (`${{parent.outputs.NOM}}`), ou un `type`, un `mode` et un `path` propres ; vide, les valeurs par défaut du composant s'appliquent.",
)
STEP_COMPUTE_DOC = Doc(
    "The compute target of this step, overriding the pipeline's `settings.default_compute`.",
    "La cible de calcul de cette étape, qui remplace `settings.default_compute` du pipeline.",
)
STEP_TYPE_DOC = Doc(
    "The kind of step: `command` (the default), `sweep`, `parallel`, `pipeline`, `spark`, `automl`, `data_transfer` or `import`.",
    "Le type d'étape : `command` (par défaut), `sweep`, `parallel`, `pipeline`, `spark`, `automl`, `data_transfer` ou `import`.",
)
# In a step, a field whose value is a mapping of several kinds (distribution, identity, spark
# entry) may be bound as a whole to a pipeline input.
WHOLE_BINDING = Str(pattern=r"^\s*\$\{\{.*\}\}\s*$", examples=("${{parent.inputs.NAME}}",))
STEP_DISTRIBUTION = Union(WHOLE_BINDING, DISTRIBUTION)
STEP_IDENTITY = Union(WHOLE_BINDING, IDENTITY)
NODE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class InlineComponent(Entity):
    """A component defined inside the step. Modelled by its main keys only: the SDK keeps
    other keys of an inline component."""

    DOC = Doc(
        "A component defined in the step itself: its command, code, environment, inputs and outputs.",
        "Un composant défini dans l'étape même : sa commande, son code, son environnement, ses entrées et ses sorties.",
    )
    LABEL = "an inline component"
    UNKNOWN_KEYS = "ignored"
    schema = Field(Str(), Doc("The JSON Schema of the component, for editors.", "Le schéma JSON du composant, pour les éditeurs."), key="$schema")
    type = Field(Str(), Doc("The kind of component; it must match the step's type.", "Le type de composant ; il doit correspondre au type de l'étape."))
    name = Field(Str(), Doc("The name of the component.", "Le nom du composant."))
    version = Field(Str(accepts_numbers=True), Doc("The version of the component.", "La version du composant."))
    display_name = Field(Str(), Doc("The name shown for the component.", "Le nom affiché pour le composant."))
    description = Field(Str(), Doc("A description of the component.", "Une description du composant."))
    tags = Field(MapOf(Any_(), "tag name", nullable=True), Doc("Tags of the component.", "Les balises du composant."))
    is_deterministic = Field(
        Bool(),
        Doc("Whether the same inputs always give the same outputs (so a result can be reused).", "Indique si les mêmes entrées donnent toujours les mêmes sorties (un résultat peut alors être réutilisé)."),
        default=True,
    )
    command = Field(Str(), COMMAND_DOC)
    code = Field(CODE, CODE_DOC)
    environment = Field(ENVIRONMENT, ENVIRONMENT_DOC)
    inputs = Field(
        MapOf(Any_(), "input name", nullable=True),
        Doc("The inputs the component declares (type, default, optional...).", "Les entrées que déclare le composant (type, valeur par défaut, facultative...)."),
    )
    outputs = Field(
        MapOf(Any_(), "output name", nullable=True),
        Doc("The outputs the component declares.", "Les sorties que déclare le composant."),
    )


COMPONENT = Union(COMPONENT_REF, Obj(InlineComponent))


class InlineCommandComponent(InlineComponent):
    DOC = Doc(
        "A command component defined in the step itself: its command, environment, code, inputs and outputs.",
        "Un composant de commande défini dans l'étape même : sa commande, son environnement, son code, ses entrées et ses sorties.",
    )
    LABEL = "an inline command component"
    type = Field(Enum("command"), Doc("The kind of component.", "Le type de composant."), default="command")
    name = Field(Str(), Doc("Ignored: an inline component is anonymous.", "Ignoré : un composant en ligne est anonyme."), read_only=True)
    version = Field(Str(accepts_numbers=True), Doc("Ignored: an inline component is anonymous.", "Ignoré : un composant en ligne est anonyme."), read_only=True)
    command = Field(Str(), COMMAND_DOC, required=True)
    environment = Field(ENVIRONMENT, ENVIRONMENT_DOC, required=True)
    environment_variables = Field(ENVIRONMENT_VARIABLES, ENVIRONMENT_VARIABLES_DOC)
    resources = Field(MapOf(Any_(), "setting"), Doc("Default compute resources of the component.", "Les ressources de calcul par défaut du composant."))
    distribution = Field(DISTRIBUTION, DISTRIBUTION_DOC)
    properties = Field(MapOf(Any_(), "property name", nullable=True), Doc("Properties of the component.", "Les propriétés du composant."))
    additional_includes = Field(
        ListOf(Str()),
        Doc("Extra files or folders copied next to the code.", "Des fichiers ou dossiers supplémentaires copiés à côté du code."),
    )



COMMAND_COMPONENT = Union(COMPONENT_REF, Obj(InlineCommandComponent))


# --- steps ------------------------------------------------------------------------------------


class Step(Entity):
    """What every pipeline step has. A step that runs a component keeps unknown keys unused
    (a warning); an inline job (no `component`) refuses them."""

    DOC = Doc("A step of the pipeline.", "Une étape du pipeline.")
    LABEL = "a step"
    UNKNOWN_KEYS = "ignored"
    # Whether a step without `component` is read as an inline job, which refuses unknown keys.
    INLINE_JOB: ClassVar[bool] = False
    # Keys the inline job requires when `component` is absent.
    INLINE_REQUIRED: ClassVar[tuple[str, ...]] = ()

    inputs = Field(INPUTS, STEP_INPUTS_DOC)
    outputs = Field(STEP_OUTPUTS, STEP_OUTPUTS_DOC)
    compute = Field(Str(examples=("azureml:cpu-cluster",), name=True), STEP_COMPUTE_DOC)
    properties = Field(
        MapOf(Str(accepts_numbers=True), "property name", nullable=True),
        Doc("Properties of the step: name/value pairs.", "Les propriétés de l'étape : paires nom/valeur."),
    )
    comment = Field(Str(), Doc("A comment on the step, shown in the studio.", "Un commentaire sur l'étape, affiché dans le studio."))
    display_name = Field(Str(), Doc("The name shown for the step in the studio.", "Le nom affiché pour l'étape dans le studio."))
    description = Field(Str(), Doc("A description of the step.", "Une description de l'étape."))
    tags = Field(MapOf(Str(), "tag name", nullable=True), Doc("Tags of the step.", "Les balises de l'étape."))
    name = Field(Str(), Doc("The name of the step (the key under `jobs` is used).", "Le nom de l'étape (la clé sous `jobs` est utilisée)."))
    experiment_name = Field(Str(), Doc("Ignored in a step: the pipeline's experiment is used.", "Ignoré dans une étape : l'expérience du pipeline est utilisée."))
    id = Field(Str(), Doc("The ARM ID of the step's run.", "L'identifiant ARM de l'exécution de l'étape."), read_only=True)
    status = Field(JOB_STATUS, Doc("The status of the step.", "L'état de l'étape."), read_only=True)
    creation_context = Field(Obj(CreationContext), Doc("Who created the step, and when.", "Qui a créé l'étape, et quand."), read_only=True)
    log_files = Field(MapOf(Str(), "log name"), Doc("The step's log files.", "Les fichiers journaux de l'étape."), read_only=True)

    @classmethod
    def is_inline_job(cls, keys: Any) -> bool:
        return cls.INLINE_JOB and "component" not in keys

    @classmethod
    def unknown_key_rule(cls, keys: Any) -> tuple[str, str]:
        if cls.is_inline_job(keys):
            return "refused", f"{cls.label()} without `component` (an inline job)"
        return super().unknown_key_rule(keys)

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        keys = key_nodes(node)
        inline = cls.is_inline_job(keys)
        if inline:
            label = f"{cls.label()[0].upper()}{cls.label()[1:]}"
            anchor = node.pairs[0][0] if node.pairs else node
            first, *others = cls.INLINE_REQUIRED
            if first not in keys:
                report(anchor, ERROR, "missing-required", f"{label} requires `component` or `{first}`")
            else:
                missing = [k for k in others if k not in keys]
                if missing:
                    names = ", ".join(f"`{m}`" for m in missing)
                    report(anchor, ERROR, "missing-required", f"{label} without `component` requires {names}")


class CommandStep(Step, CommandFields):
    DOC = Doc(
        "A command step: runs a command component (`component`), or a command defined here (`command`, `environment`).",
        "Une étape de commande : exécute un composant de commande (`component`), ou une commande définie ici (`command`, `environment`).",
    )
    LABEL = "a command step"
    INLINE_JOB = True
    INLINE_REQUIRED = ("command", "environment")
    ORDER = (
        "type", "component", "display_name", "description", "code", "command", "environment", "environment_variables",
        "compute", "resources", "distribution", "limits", "queue_settings", "identity", "inputs", "outputs", "services",
    )
    type = Field(Enum("command"), STEP_TYPE_DOC, default="command")
    component = Field(COMMAND_COMPONENT, COMPONENT_REF_DOC)
    # The `code` of a step that runs a component is not checked when the pipeline loads, only
    # when it is uploaded; a step without `component` is an inline job, whose `code` is.
    code = Field(LocalPath(missing="warning"), CODE_DOC)
    command = Field(Str(), COMMAND_DOC)
    environment = Field(ENVIRONMENT, ENVIRONMENT_DOC)
    distribution = Field(STEP_DISTRIBUTION, DISTRIBUTION_DOC)
    limits = Field(Obj(CommandJobLimits), Doc("Limits of the step (its timeout).", "Les limites de l'étape (son délai d'expiration)."))
    identity = Field(STEP_IDENTITY, IDENTITY_DOC)
    services = Field(SERVICES, SERVICES_DOC)

    @classmethod
    def fields_for(cls, keys: Any) -> dict[str, Field]:
        if "component" in keys or "code" not in keys:
            return cls.fields()
        inline = cls.__dict__.get("_inline_fields")
        if inline is None:
            inline = dict(cls.fields())
            inline["code"] = copy.copy(inline["code"])
            inline["code"].kind = STEP_CODE  # Azure ML refuses an inline step whose code is missing
            cls._inline_fields = inline  # type: ignore[attr-defined]
        return inline


class SweepStep(Step, SweepFields):
    DOC = Doc(
        "A sweep step: tunes hyperparameters by running a command component (`trial`) over a search space.",
        "Une étape de balayage : ajuste des hyperparamètres en exécutant un composant de commande (`trial`) sur un espace de recherche.",
    )
    LABEL = "a sweep step"
    ORDER = (
        "type", "trial", "display_name", "description", "compute", "resources", "sampling_algorithm", "search_space",
        "objective", "early_termination", "limits", "queue_settings", "inputs", "outputs",
    )
    type = Field(Enum("sweep"), STEP_TYPE_DOC, required=True)
    trial = Field(
        COMMAND_COMPONENT,
        Doc(
            "The command component each trial runs: a local file, a registered component, or an inline definition.",
            "Le composant de commande qu'exécute chaque essai : un fichier local, un composant enregistré ou une définition en ligne.",
        ),
        required=True,
    )
    search_space = Field(
        SweepFields.search_space.kind,
        SweepFields.search_space.doc,
    )


class ParallelTask(Entity):
    DOC = Doc(
        "What each parallel worker runs: an entry script with its code and environment.",
        "Ce qu'exécute chaque worker parallèle : un script d'entrée avec son code et son environnement.",
    )
    LABEL = "a parallel task"
    UNKNOWN_KEYS = "kept"
    type = Field(
        Enum("run_function", "model", "function"),
        Doc("The kind of task; `run_function` runs `entry_script` on each mini-batch.", "Le type de tâche ; `run_function` exécute `entry_script` sur chaque mini-lot."),
        required=True,
    )
    code = Field(STEP_CODE, CODE_DOC)
    entry_script = Field(
        Str(examples=("score.py",)),
        Doc("The script with `init()` and `run(mini_batch)`, relative to `code`.", "Le script avec `init()` et `run(mini_batch)`, relatif à `code`."),
    )
    program_arguments = Field(Str(), Doc("Arguments passed to the entry script.", "Les arguments passés au script d'entrée."))
    model = Field(Str(), Doc("The model the task uses.", "Le modèle utilisé par la tâche."))
    append_row_to = Field(
        Str(examples=("${{outputs.results}}",)),
        Doc("The output the rows returned by `run()` are appended to.", "La sortie à laquelle sont ajoutées les lignes renvoyées par `run()`."),
    )
    environment = Field(ENVIRONMENT, ENVIRONMENT_DOC, required=True)


class RetrySettings(Entity):
    DOC = Doc("How failed mini-batches are retried.", "Comment les mini-lots en échec sont réessayés.")
    LABEL = "retry settings"
    UNKNOWN_KEYS = "kept"
    max_retries = Field(Int(minimum=0), Doc("How many times a failed mini-batch is retried.", "Le nombre de nouvelles tentatives pour un mini-lot en échec."), default=3)
    timeout = Field(Int(minimum=0), Doc("The most seconds `run()` may take on one mini-batch.", "Le nombre maximal de secondes de `run()` sur un mini-lot."), default=60)


class ParallelStep(Step):
    DOC = Doc(
        "A parallel step: splits its input data into mini-batches processed by many workers at once.",
        "Une étape parallèle : découpe ses données d'entrée en mini-lots traités par de nombreux workers à la fois.",
    )
    LABEL = "a parallel step"
    ORDER = (
        "type", "component", "display_name", "description", "compute", "resources", "inputs", "outputs", "input_data",
        "mini_batch_size", "partition_keys", "task", "logging_level", "max_concurrency_per_instance", "error_threshold",
        "mini_batch_error_threshold", "retry_settings", "environment_variables",
    )
    type = Field(Enum("parallel"), STEP_TYPE_DOC, required=True)
    component = Field(COMPONENT, COMPONENT_REF_DOC)
    task = Field(Obj(ParallelTask), Doc("What each worker runs.", "Ce qu'exécute chaque worker."))
    input_data = Field(
        Str(examples=("${{inputs.data}}",)),
        Doc("The input split into mini-batches, e.g. `${{inputs.data}}`.", "L'entrée découpée en mini-lots, par ex. `${{inputs.data}}`."),
    )
    mini_batch_size = Field(
        Str(examples=("10", "10kb")),
        Doc(
            "The size of a mini-batch, as text: a number of files for a folder, or a size such as `10kb` or `1mb` for a table.",
            "La taille d'un mini-lot, en texte : un nombre de fichiers pour un dossier, ou une taille comme `10kb` ou `1mb` pour une table.",
        ),
    )
    partition_keys = Field(
        ListOf(Str()),
        Doc("Columns whose values group the rows into mini-batches (instead of `mini_batch_size`).", "Des colonnes dont les valeurs regroupent les lignes en mini-lots (au lieu de `mini_batch_size`)."),
    )
    logging_level = Field(
        Enum("DEBUG", "INFO", "WARNING", case_sensitive=True),
        Doc("How much the workers log.", "Le niveau de détail des journaux des workers."),
        default="INFO",
    )
    max_concurrency_per_instance = Field(Int(minimum=1), Doc("How many workers run on each node.", "Le nombre de workers sur chaque nœud."), default=1)
    error_threshold = Field(
        Int(minimum=-1),
        Doc("How many failed items are tolerated before the step fails; -1 tolerates all.", "Le nombre d'éléments en échec tolérés avant l'échec de l'étape ; -1 les tolère tous."),
        default=-1,
    )
    mini_batch_error_threshold = Field(
        Int(minimum=-1),
        Doc("How many failed mini-batches are tolerated; -1 tolerates all.", "Le nombre de mini-lots en échec tolérés ; -1 les tolère tous."),
        default=-1,
    )
    retry_settings = Field(Obj(RetrySettings), Doc("How failed mini-batches are retried.", "Comment les mini-lots en échec sont réessayés."))
    resources = Field(Obj(JobResources), RESOURCES_DOC)
    environment_variables = Field(ENVIRONMENT_VARIABLES, ENVIRONMENT_VARIABLES_DOC)
    environment = Field(ENVIRONMENT, ENVIRONMENT_DOC)
    identity = Field(STEP_IDENTITY, IDENTITY_DOC)


class PipelineStep(Step):
    DOC = Doc(
        "A pipeline step: runs a pipeline component, a pipeline nested in this one.",
        "Une étape pipeline : exécute un composant pipeline, un pipeline imbriqué dans celui-ci.",
    )
    LABEL = "a pipeline step"
    ORDER = ("type", "component", "display_name", "description", "inputs", "outputs")
    type = Field(Enum("pipeline"), STEP_TYPE_DOC, required=True)
    component = Field(
        COMPONENT_REF,
        Doc(
            "The pipeline component: a local YAML file or a registered component (`azureml:name:version`); it cannot be defined inline.",
            "Le composant pipeline : un fichier YAML local ou un composant enregistré (`azureml:nom:version`) ; il ne peut pas être défini en ligne.",
        ),
        required=True,
    )


class SparkStep(Step):
    DOC = Doc(
        "A spark step: runs a Spark component (`component`), or a Spark application defined here (`entry`, `code`...).",
        "Une étape Spark : exécute un composant Spark (`component`), ou une application Spark définie ici (`entry`, `code`...).",
    )
    LABEL = "a spark step"
    INLINE_JOB = True
    INLINE_REQUIRED = ("entry",)
    ORDER = (
        "type", "component", "display_name", "description", "code", "entry", "py_files", "jars", "files", "archives",
        "conf", "environment", "args", "compute", "resources", "identity", "inputs", "outputs",
    )
    type = Field(Enum("spark"), STEP_TYPE_DOC, required=True)
    component = Field(COMPONENT, COMPONENT_REF_DOC)
    code = Field(STEP_CODE, CODE_DOC)
    # A whole binding is accepted for the entry of a step.
    entry = Field(Union(WHOLE_BINDING, Obj(SparkEntry)), ENTRY_DOC)
    py_files = Field(ListOf(Str()), Doc("Python files put on the `PYTHONPATH` of the application.", "Des fichiers Python ajoutés au `PYTHONPATH` de l'application."))
    jars = Field(ListOf(Str()), Doc("`.jar` files added to the classpaths.", "Des fichiers `.jar` ajoutés aux classpaths."))
    files = Field(ListOf(Str()), FILES_DOC)
    archives = Field(ListOf(Str()), Doc("Archives extracted for each executor.", "Des archives extraites pour chaque exécuteur."))
    conf = Field(Obj(SparkConf), CONF_DOC)
    environment = Field(ENVIRONMENT, ENVIRONMENT_DOC, nullable=True)
    args = Field(Str(), Doc("The command-line arguments of the entry file.", "Les arguments en ligne de commande du fichier d'entrée."))
    resources = Field(Obj(SparkResources), SPARK_RESOURCES_DOC)
    identity = Field(STEP_IDENTITY, IDENTITY_DOC)

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        super().check_node(node, report)
        check_compute_or_resources(node, report, "A spark step")
        check_no_duplicates(node, report)
        if "component" not in key_nodes(node):
            check_conf(node, report)


class AutoMLStep(Step):
    """Modelled shallowly: the AutoML settings of a step are those of an AutoML job."""

    DOC = Doc(
        "An AutoML step: trains and compares models automatically for a task (classification, regression, forecasting, vision, NLP).",
        "Une étape AutoML : entraîne et compare des modèles automatiquement pour une tâche (classification, régression, prévision, vision, NLP).",
    )
    LABEL = "an AutoML step"
    UNKNOWN_KEYS = "kept"  # the AutoML settings are not modelled here: say nothing of other keys
    type = Field(Enum("automl"), STEP_TYPE_DOC, required=True)
    task = Field(
        Enum(
            "classification", "regression", "forecasting", "image_classification", "image_classification_multilabel",
            "image_object_detection", "image_instance_segmentation", "text_classification", "text_classification_multilabel",
            "text_ner", camel=True,
        ),
        Doc("The machine learning task.", "La tâche d'apprentissage automatique."),
        required=True,
    )


DATA_COPY_MODE = Enum(
    "merge_with_overwrite",
    "fail_if_conflict",
    docs={
        "merge_with_overwrite": Doc("Existing files at the destination are overwritten.", "Les fichiers existants à la destination sont écrasés."),
        "fail_if_conflict": Doc("The copy fails if a file already exists.", "La copie échoue si un fichier existe déjà."),
    },
)


class DataTransferCopyStep(Step):
    DOC = Doc("A data transfer step that copies data between storages.", "Une étape de transfert de données qui copie des données entre stockages.")
    LABEL = "a copy data step"
    type = Field(Enum("data_transfer"), STEP_TYPE_DOC, required=True)
    task = Field(Enum("copy_data"), Doc("The data transfer task.", "La tâche de transfert de données."), required=True)
    component = Field(COMPONENT, COMPONENT_REF_DOC, required=True)
    data_copy_mode = Field(DATA_COPY_MODE, Doc("What happens when a file already exists at the destination.", "Ce qui se passe quand un fichier existe déjà à la destination."))


class DataTransferImportStep(Step):
    DOC = Doc("A data transfer step that imports data from a database or a file system.", "Une étape de transfert de données qui importe des données d'une base ou d'un système de fichiers.")
    LABEL = "an import data step"
    type = Field(Enum("data_transfer"), STEP_TYPE_DOC, required=True)
    task = Field(Enum("import_data"), Doc("The data transfer task.", "La tâche de transfert de données."), required=True)
    component = Field(Str(), COMPONENT_REF_DOC)
    source = Field(MapOf(Any_(), "setting"), Doc("Where the data comes from (a database query or a file system path, with its connection).", "D'où viennent les données (une requête de base ou un chemin de système de fichiers, avec sa connexion)."), required=True)


class DataTransferExportStep(Step):
    DOC = Doc("A data transfer step that exports data to a database.", "Une étape de transfert de données qui exporte des données vers une base.")
    LABEL = "an export data step"
    type = Field(Enum("data_transfer"), STEP_TYPE_DOC, required=True)
    task = Field(Enum("export_data"), Doc("The data transfer task.", "La tâche de transfert de données."))
    component = Field(Str(), COMPONENT_REF_DOC)
    sink = Field(MapOf(Any_(), "setting"), Doc("Where the data goes (a database table, with its connection).", "Où vont les données (une table de base, avec sa connexion)."), required=True)


DATA_TRANSFER_STEP = Union(
    Obj(DataTransferCopyStep),
    Obj(DataTransferImportStep),
    Obj(DataTransferExportStep),
    discriminator="task",
    default="export_data",
    tag="data_transfer",
)


class ImportStep(Step):
    DOC = Doc("An import step: brings external data (a database, a file system) into Azure ML.", "Une étape d'import : apporte des données externes (une base, un système de fichiers) dans Azure ML.")
    LABEL = "an import step"
    type = Field(Enum("import"), STEP_TYPE_DOC, required=True)
    component = Field(COMPONENT, COMPONENT_REF_DOC)
    source = Field(MapOf(Any_(), "setting"), Doc("Where the data comes from, with its connection.", "D'où viennent les données, avec leur connexion."))
    output = Field(Obj(Output), Doc("Where the imported data is written.", "Où les données importées sont écrites."))


STEP = Union(
    Obj(CommandStep),
    Obj(SweepStep),
    Obj(ParallelStep),
    Obj(PipelineStep),
    Obj(AutoMLStep),
    Obj(SparkStep),
    DATA_TRANSFER_STEP,
    Obj(ImportStep),
    discriminator="type",
    default="command",
)


# --- settings and the job ---------------------------------------------------------------------


class PipelineJobSettings(Entity):
    DOC = Doc("Settings that apply to every step of the pipeline.", "Des réglages qui s'appliquent à toutes les étapes du pipeline.")
    LABEL = "pipeline settings"
    UNKNOWN_KEYS = "ignored"
    default_compute = Field(
        Str(pattern=r"^([Aa][Zz][Uu][Rr][Ee][Mm][Ll]:.+|[Ss][Ee][Rr][Vv][Ee][Rr][Ll][Ee][Ss][Ss])$", examples=("azureml:cpu-cluster", "serverless"), name=True),
        Doc(
            "The compute target of steps that name none: `azureml:NAME` or `serverless`.",
            "La cible de calcul des étapes qui n'en indiquent pas : `azureml:NOM` ou `serverless`.",
        ),
    )
    default_datastore = Field(
        Str(pattern=r"^azureml:.+", examples=("azureml:workspaceblobstore",), name=True),
        Doc(
            "The datastore outputs are written to by default: `azureml:NAME`.",
            "Le magasin de données où les sorties sont écrites par défaut : `azureml:NOM`.",
        ),
    )
    continue_on_step_failure = Field(
        Bool(),
        Doc(
            "Whether the steps that do not depend on a failed step still run.",
            "Indique si les étapes qui ne dépendent pas d'une étape en échec s'exécutent quand même.",
        ),
        default=False,
    )
    force_rerun = Field(
        Bool(),
        Doc(
            "Whether every step runs again instead of reusing earlier results.",
            "Indique si toutes les étapes s'exécutent de nouveau au lieu de réutiliser des résultats antérieurs.",
        ),
        default=False,
    )
    on_init = Field(
        Str(),
        Doc("A step run before the others (set up).", "Une étape exécutée avant les autres (initialisation)."),
    )
    on_finalize = Field(
        Str(),
        Doc("A step run after the others, even when they fail (clean up).", "Une étape exécutée après les autres, même en cas d'échec (nettoyage)."),
    )



class PipelineJob(Job):
    DOC = Doc(
        "A pipeline job: steps (`jobs`) that pass data to each other, or a pipeline component (`component`).",
        "Un travail pipeline : des étapes (`jobs`) qui se passent des données, ou un composant pipeline (`component`).",
    )
    TYPE = "pipeline"
    ORDER = (
        "$schema", "type", "name", "display_name", "experiment_name", "description", "tags", "properties",
        "settings", "compute", "identity", "inputs", "outputs", "jobs", "component", "services",
    )
    type = Field(Enum("pipeline"), Job.type.doc, required=True, frozen=True)
    settings = Field(Obj(PipelineJobSettings), Doc("Settings for every step: default compute and datastore, rerun, failure handling.", "Les réglages de toutes les étapes : calcul et magasin par défaut, réexécution, gestion des échecs."))
    inputs = Field(
        INPUTS,
        Doc(
            "The pipeline's inputs, by name: literals or data; steps read them as `${{parent.inputs.NAME}}`.",
            "Les entrées du pipeline, par nom : des littéraux ou des données ; les étapes les lisent par `${{parent.inputs.NOM}}`.",
        ),
    )
    outputs = Field(
        OUTPUTS,
        Doc(
            "The pipeline's outputs, by name; steps write to them through `${{parent.outputs.NAME}}`. Empty takes the defaults.",
            "Les sorties du pipeline, par nom ; les étapes y écrivent par `${{parent.outputs.NOM}}`. Vide, les valeurs par défaut s'appliquent.",
        ),
    )
    jobs = Field(
        MapOf(STEP, "step name"),
        Doc(
            "The steps, by name (lower-case letters, digits, `_`): each runs a component or an inline job.",
            "Les étapes, par nom (minuscules, chiffres, `_`) : chacune exécute un composant ou un travail en ligne.",
        ),
    )
    component = Field(
        COMPONENT_REF,
        Doc(
            "Instead of `jobs`: a pipeline component to run (a local YAML file or `azureml:name:version`).",
            "À la place de `jobs` : un composant pipeline à exécuter (un fichier YAML local ou `azureml:nom:version`).",
        ),
    )

    INPUT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\Z")
    INPUT_NAME_FORM = IO_NAME_FORM + " (dots join a parameter group: `group.name`)"

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        super().check_node(node, report)
        values = {key_text(k): (k, resolve(v)) for k, v in entries(node)}
        jobs = values.get("jobs", (None, None))[1]
        comp = values.get("component", (None, None))
        if isinstance(comp[1], Scalar) and isinstance(comp[1].value, str) and isinstance(jobs, Mapping) and jobs.pairs:
            report(comp[0], ERROR, "invalid-value", "`jobs` and `component` cannot both be given: a pipeline job runs its own steps or a pipeline component")
        if isinstance(jobs, Mapping):
            cls.check_step_names(node, report)
            cls.check_compute(values, jobs, report)

    @staticmethod
    def check_step_names(node: Any, report: Any) -> None:
        """Step names (also those of a pipeline component) are Python identifiers in lower case."""
        jobs = next((resolve(v) for k, v in entries(node) if key_text(k) == "jobs"), None)
        if not isinstance(jobs, Mapping):
            return
        for k, _ in entries(jobs):
            name = key_text(k)
            if not NODE_NAME.match(name) or not name.isidentifier():
                report(k, ERROR, "invalid-value", f"Step name `{name}` must use lower-case letters, digits and `_`, and not start with a digit")

    @classmethod
    def check_compute(cls, values: dict, jobs: Any, report: Any) -> None:
        """Azure ML refuses a pipeline whose command, sweep or parallel step has no compute
        when the pipeline gives no default ("Compute not set")."""
        settings = values.get("settings", (None, None))[1]
        has_default = "compute" in values and not _empty(values["compute"][1])
        if isinstance(settings, Mapping):
            has_default = has_default or any(key_text(k) == "default_compute" and not _empty(resolve(v)) for k, v in entries(settings))
        if has_default:
            return
        for k, step in entries(jobs):
            step = resolve(step)
            if not isinstance(step, Mapping):
                continue
            keys = {key_text(sk): resolve(sv) for sk, sv in entries(step)}
            step_type = keys.get("type")
            kind = step_type.value.lower() if isinstance(step_type, Scalar) and isinstance(step_type.value, str) else "command"
            if kind in ("command", "sweep", "parallel") and _empty(keys.get("compute")):
                report(k, ERROR, "missing-required", f"Step `{key_text(k)}` has no `compute`, and the pipeline sets neither `compute` nor `settings.default_compute`: Azure ML refuses it (\"Compute not set\")")


def _empty(node: Any) -> bool:
    return node is None or (isinstance(node, Scalar) and node.value is None)
