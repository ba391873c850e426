"""Components: the reusable steps a pipeline runs (`az ml component create --file`).

A component declares its interface (`inputs` with a `type`, `optional`, `default`, `min`,
`max`, `enum`; `outputs`) and what it runs: a command (`command`), a pipeline of steps
(`pipeline`), a Spark application (`spark`) or a parallel task (`parallel`).

Facts follow azure-ai-ml 1.35's component schemas (ComponentSchema and its subclasses):
an input is a parameter (`string`, `integer`, `number`, `boolean`) or a data port; the type
names are exact (`Integer` is refused); a component loaded on its own must have a `name` of
lower-case letters, digits and `_` starting with a letter.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from ..yamldoc import ERROR, WARNING, Scalar, entries, key_text, resolve, to_data
from .command import CODE_DOC, COMMAND_DOC, RESOURCES_DOC
from .common import (
    CODE,
    DISTRIBUTION,
    DISTRIBUTION_DOC,
    ENVIRONMENT,
    ENVIRONMENT_DOC,
    OUTPUT_TYPE_DOCS,
    JobResources,
    CreationContext,
    QueueSettings,
)
from .entity import Entity, FileEntity
from .fields import Any_, Bool, Doc, Enum, Field, Float, Int, ListOf, LocalPath, MapOf, Obj, Str, Union
from .pipeline import STEP, ParallelTask, PipelineJob, RetrySettings
from .spark import SparkFields

# --- inputs and outputs -----------------------------------------------------------------------

PARAMETER_TYPE_DOCS = {
    "string": Doc("Text.", "Du texte."),
    "integer": Doc("A whole number.", "Un nombre entier."),
    "number": Doc("A number (integer or decimal).", "Un nombre (entier ou décimal)."),
    "boolean": Doc("`true` or `false`.", "`true` ou `false`."),
}
# The data types of a job's outputs, and the older `path`.
PORT_TYPE_DOCS = {
    **OUTPUT_TYPE_DOCS,
    "path": Doc("A file or a folder (the older name of `uri_folder`).", "Un fichier ou un dossier (l'ancien nom de `uri_folder`)."),
}
# The SDK compares these names exactly.
PARAMETER_TYPE = Enum(*PARAMETER_TYPE_DOCS, case_sensitive=True, docs=PARAMETER_TYPE_DOCS)
PORT_TYPE = Enum(*PORT_TYPE_DOCS, case_sensitive=True, docs=PORT_TYPE_DOCS)
PORT_MODE = Enum(
    "ro_mount", "rw_mount", "download", "upload", "direct", "mount", "eval_mount", "eval_download", "link",
    case_sensitive=True,
)

TYPE_DOC = Doc(
    "The type of the input: a parameter (`string`, `integer`, `number`, `boolean`) or data (`uri_folder`, `uri_file`, `mltable`, a model type).",
    "Le type de l'entrée : un paramètre (`string`, `integer`, `number`, `boolean`) ou des données (`uri_folder`, `uri_file`, `mltable`, un type de modèle).",
)
OPTIONAL_DOC = Doc(
    "Whether a step may leave the input out; a required input without `default` must be given by every step that runs the component.",
    "Indique si une étape peut omettre l'entrée ; une entrée obligatoire sans `default` doit être donnée par chaque étape qui exécute le composant.",
)
INPUT_DESCRIPTION_DOC = Doc("What the input is for.", "À quoi sert l'entrée.")


# Parameter values are free values, as a job's inputs are (64-bit integers).
class ParameterInput(Entity):
    DOC = Doc(
        "A parameter input: a string, integer, number or boolean given by the step (or its default).",
        "Une entrée paramètre : une chaîne, un entier, un nombre ou un booléen donné par l'étape (ou sa valeur par défaut).",
    )
    LABEL = "a parameter input"
    ORDER = ("type", "description", "optional", "default", "min", "max", "enum")
    type = Field(PARAMETER_TYPE, TYPE_DOC, required=True)
    description = Field(Str(), INPUT_DESCRIPTION_DOC)
    optional = Field(Bool(), OPTIONAL_DOC, default=False)
    default = Field(
        Union(Bool(), Int(bits=64), Float(), Str()),
        Doc("The value used when a step does not give the input.", "La valeur utilisée quand une étape ne donne pas l'entrée."),
    )
    min = Field(
        Union(Int(bits=64), Float(), Str()),
        Doc("The smallest value allowed (integer and number inputs).", "La plus petite valeur permise (entrées entières et nombres)."),
    )
    max = Field(
        Union(Int(bits=64), Float(), Str()),
        Doc("The largest value allowed (integer and number inputs).", "La plus grande valeur permise (entrées entières et nombres)."),
    )
    enum = Field(
        ListOf(Str()),
        Doc("The values allowed (string inputs).", "Les valeurs permises (entrées chaînes)."),
    )

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        values = {key_text(k): resolve(v) for k, v in entries(node)}
        kind, default = values.get("type"), values.get("default")
        if not (isinstance(kind, Scalar) and isinstance(default, Scalar)) or default.value is None:
            return
        # The SDK parses an integer's default as a number ("Default value of Input cannot be
        # parsed"): 1.5 passes.
        parsed_as = "number" if kind.value == "integer" else str(kind.value)
        expected = literal_problem(parsed_as, default.value)
        if expected:
            report(default, ERROR, "invalid-value", f"The default of an input of type `{kind.value}` must be {expected}, not `{default.text}`: Azure ML refuses the component")
            return
        spec = {k: to_data(v) for k, v in values.items() if k in ("enum", "min", "max")}
        outside = limits_problem(spec, default.value)
        if outside:
            report(default, WARNING, "invalid-value", f"The default `{default.text}` should be {outside}: the SDK lets it through, but it is likely a mistake")


def literal_problem(input_type: str, value: Any) -> str | None:
    """Why a literal (as YAML reads it) is not a value of a parameter type, or None. Numbers
    may be written as text, as the SDK parses them; a boolean must be `true` or `false`."""
    if isinstance(value, (date, datetime)):
        value = str(value)
    if input_type == "boolean":
        if isinstance(value, bool) or (isinstance(value, str) and value.strip().lower() in ("true", "false")):
            return None
        return "a boolean (true or false)"
    if input_type in ("integer", "number"):
        if isinstance(value, bool):
            return "an integer" if input_type == "integer" else "a number"
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                return "an integer" if input_type == "integer" else "a number"
        if isinstance(value, (int, float)) and input_type == "integer" and not float(value).is_integer():
            return "an integer"
        return None
    return None


def limits_problem(spec: dict[str, Any], value: Any) -> str | None:
    """Why a literal breaks an input's `enum`, `min` or `max`, or None."""
    enum = spec.get("enum")
    if isinstance(enum, list) and enum and str(value) not in {str(e) for e in enum}:
        return "one of " + ", ".join(f"`{e}`" for e in enum)
    try:
        number = float(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None:
        return None
    for key, word in (("min", "at least"), ("max", "at most")):
        try:
            bound = float(spec[key]) if key in spec and not isinstance(spec[key], bool) else None
        except (TypeError, ValueError):
            bound = None
        if bound is not None and (number < bound if key == "min" else number > bound):
            return f"{word} {spec[key]}"
    return None


class PortInput(Entity):
    DOC = Doc(
        "A data input: a file, a folder, a table or a model the step gives the component.",
        "Une entrée de données : un fichier, un dossier, une table ou un modèle que l'étape donne au composant.",
    )
    LABEL = "a data input"
    ORDER = ("type", "description", "optional", "default", "mode")
    type = Field(PORT_TYPE, TYPE_DOC, required=True)
    description = Field(Str(), INPUT_DESCRIPTION_DOC)
    optional = Field(Bool(), OPTIONAL_DOC, default=False)
    default = Field(Str(), Doc("The data used when a step does not give the input (a path or URI).", "Les données utilisées quand une étape ne donne pas l'entrée (un chemin ou une URI)."))
    mode = Field(PORT_MODE, Doc("How the data reaches the compute (`ro_mount`, `download`, `direct`...).", "Comment les données parviennent au calcul (`ro_mount`, `download`, `direct`...)."))


COMPONENT_INPUT = Union(Obj(ParameterInput), Obj(PortInput), discriminator="type", case_sensitive=True)
INPUTS_DOC = Doc(
    "The inputs the component declares, by name, each with its `type` (and `optional`, `default`, `min`, `max`, `enum`, `description`); the command reads them as `${{inputs.NAME}}`.",
    "Les entrées que déclare le composant, par nom, chacune avec son `type` (et `optional`, `default`, `min`, `max`, `enum`, `description`) ; la commande les lit par `${{inputs.NOM}}`.",
)

OUTPUT_DESCRIPTION_DOC = Doc("What the output holds.", "Ce que contient la sortie.")


class PortOutput(Entity):
    DOC = Doc("A data output: a file, a folder, a table or a model the component writes.", "Une sortie de données : un fichier, un dossier, une table ou un modèle qu'écrit le composant.")
    LABEL = "a data output"
    ORDER = ("type", "description", "mode")
    type = Field(PORT_TYPE, Doc("The type of the output.", "Le type de la sortie."), required=True)
    description = Field(Str(), OUTPUT_DESCRIPTION_DOC)
    mode = Field(PORT_MODE, Doc("How the output leaves the compute (`rw_mount`, `upload`, `direct`).", "Comment la sortie quitte le calcul (`rw_mount`, `upload`, `direct`)."))


class ParameterOutput(Entity):
    DOC = Doc("A parameter output: a value the component returns (command and pipeline components).", "Une sortie paramètre : une valeur que renvoie le composant (composants de commande et pipeline).")
    LABEL = "a parameter output"
    UNKNOWN_KEYS = "kept"  # the SDK keeps other keys (`is_control`, `early_available`)
    type = Field(PARAMETER_TYPE, Doc("The type of the output.", "Le type de la sortie."), required=True)
    description = Field(Str(), OUTPUT_DESCRIPTION_DOC)
    is_control = Field(Bool(), Doc("Whether the output controls which steps run next.", "Indique si la sortie décide des étapes exécutées ensuite."))


COMPONENT_OUTPUT = Union(Obj(PortOutput), Obj(ParameterOutput), discriminator="type", case_sensitive=True)
OUTPUTS_DOC = Doc(
    "The outputs the component declares, by name, each with its `type`; the command writes them through `${{outputs.NAME}}`.",
    "Les sorties que déclare le composant, par nom, chacune avec son `type` ; la commande y écrit par `${{outputs.NOM}}`.",
)


class ComponentResources(JobResources):
    DOC = Doc("The default compute resources of the component (a step may override them).", "Les ressources de calcul par défaut du composant (une étape peut les remplacer).")
    LABEL = "component resources"
    UNKNOWN_KEYS = "kept"  # the SDK keeps unknown keys here


# --- components -------------------------------------------------------------------------------

# What azure-ai-ml requires of a component loaded on its own.
COMPONENT_NAME = r"^[a-z][a-z0-9_]*$"


class Component(FileEntity):
    """The base of every component. Never instantiated: use a subclass."""

    DOC = Doc(
        "An Azure Machine Learning component: a reusable step with declared inputs and outputs.",
        "Un composant Azure Machine Learning : une étape réutilisable avec des entrées et des sorties déclarées.",
    )
    KWARGS = True
    TYPE: ClassVar[str | None] = None

    schema = Field(
        Str(),
        Doc("The JSON Schema of the file, for editors; Azure ML ignores it.", "Le schéma JSON du fichier, pour les éditeurs ; Azure ML l'ignore."),
        key="$schema",
    )
    name = Field(
        Str(pattern=COMPONENT_NAME, form="lower-case letters, digits and `_`, starting with a letter (Azure ML refuses other component names)", examples=("train_model",)),
        Doc(
            "The name of the component in the workspace: lower-case letters, digits and `_`, starting with a letter.",
            "Le nom du composant dans l'espace de travail : minuscules, chiffres et `_`, en commençant par une lettre.",
        ),
        required=True,
    )
    version = Field(
        Str(accepts_numbers=True, examples=("1",)),
        Doc("The version of the component; omitted, the service numbers it.", "La version du composant ; omise, le service la numérote."),
    )
    display_name = Field(Str(), Doc("The name shown for the component in the studio.", "Le nom affiché pour le composant dans le studio."))
    type = Field(
        Enum("command"),
        Doc("The type of the component; it decides which other keys are allowed.", "Le type du composant ; il détermine les autres clés autorisées."),
        frozen=True,
    )
    description = Field(Str(), Doc("A description of the component.", "Une description du composant."))
    tags = Field(MapOf(Str(), "tag name", nullable=True), Doc("Tags: name/value pairs.", "Des balises : paires nom/valeur."))
    is_deterministic = Field(
        Bool(),
        Doc(
            "Whether the same inputs always give the same outputs, so that a pipeline may reuse an earlier result.",
            "Indique si les mêmes entrées donnent toujours les mêmes sorties, de sorte qu'un pipeline peut réutiliser un résultat antérieur.",
        ),
        default=True,
    )
    inputs = Field(MapOf(COMPONENT_INPUT, "input name"), INPUTS_DOC)
    outputs = Field(MapOf(COMPONENT_OUTPUT, "output name"), OUTPUTS_DOC)

    id = Field(Str(), Doc("The ARM ID of the component.", "L'identifiant ARM du composant."), read_only=True)
    creation_context = Field(Obj(CreationContext), Doc("Who created the component, and when.", "Qui a créé le composant, et quand."), read_only=True)
    latest_version = Field(Str(), Doc("The latest version of the component.", "La dernière version du composant."), read_only=True)

    def __init__(self, **kwargs: Any) -> None:
        if type(self).TYPE is None:
            raise TypeError(f"{type(self).__name__} cannot be instantiated directly: use a component type such as CommandComponent")
        super().__init__(**kwargs)
        self._values["type"] = type(self).TYPE

    @classmethod
    def label(cls) -> str:
        return cls.LABEL or f"a {cls.TYPE} component"


ADDITIONAL_INCLUDES = Field(
    ListOf(LocalPath()),
    Doc(
        "Files or folders (relative to this file) copied next to `code` when the component is uploaded.",
        "Des fichiers ou dossiers (relatifs à ce fichier) copiés à côté de `code` quand le composant est envoyé.",
    ),
)
HEAD = ("$schema", "type", "name", "version", "display_name", "description", "tags", "is_deterministic")


class CommandComponent(Component):
    DOC = Doc(
        "A command component: runs a command in an environment, with declared inputs and outputs.",
        "Un composant de commande : exécute une commande dans un environnement, avec des entrées et des sorties déclarées.",
    )
    TYPE = "command"
    ORDER = (*HEAD, "inputs", "outputs", "code", "environment", "resources", "distribution", "additional_includes", "properties", "command")
    type = Field(Enum("command"), Component.type.doc, default="command", frozen=True)
    command = Field(Str(), COMMAND_DOC, required=True)
    code = Field(CODE, CODE_DOC)
    environment = Field(ENVIRONMENT, ENVIRONMENT_DOC, required=True)
    resources = Field(Obj(ComponentResources), RESOURCES_DOC)
    distribution = Field(DISTRIBUTION, DISTRIBUTION_DOC)
    additional_includes = ADDITIONAL_INCLUDES
    properties = Field(MapOf(Any_(), "property name", nullable=True), Doc("Properties of the component: name/value pairs.", "Les propriétés du composant : paires nom/valeur."))
    queue_settings = Field(Obj(QueueSettings), Doc("How the component's runs are queued on serverless compute.", "Comment les exécutions du composant sont mises en file d'attente sur le calcul serverless."))


class PipelineComponent(Component):
    DOC = Doc(
        "A pipeline component: steps (`jobs`) wired together, reusable as one step of another pipeline.",
        "Un composant pipeline : des étapes (`jobs`) reliées entre elles, réutilisables comme une seule étape d'un autre pipeline.",
    )
    TYPE = "pipeline"
    ORDER = (*HEAD, "inputs", "outputs", "jobs")
    type = Field(Enum("pipeline"), Component.type.doc, required=True, frozen=True)
    jobs = Field(
        MapOf(STEP, "step name"),
        Doc(
            "The steps, by name: each runs a component; they read the component's inputs as `${{parent.inputs.NAME}}`.",
            "Les étapes, par nom : chacune exécute un composant ; elles lisent les entrées du composant par `${{parent.inputs.NOM}}`.",
        ),
    )

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        PipelineJob.check_step_names(node, report)


class SparkComponent(Component, SparkFields):
    DOC = Doc(
        "A Spark component: a Spark application (code, entry file, configuration) with declared inputs and outputs.",
        "Un composant Spark : une application Spark (code, fichier d'entrée, configuration) avec des entrées et des sorties déclarées.",
    )
    TYPE = "spark"
    ORDER = (*HEAD, "inputs", "outputs", "code", "entry", "py_files", "jars", "files", "archives", "conf", "environment", "args", "additional_includes")
    type = Field(Enum("spark"), Component.type.doc, required=True, frozen=True)
    additional_includes = ADDITIONAL_INCLUDES


class ParallelComponent(Component):
    DOC = Doc(
        "A parallel component: splits its input data into mini-batches processed by many workers at once.",
        "Un composant parallèle : découpe ses données d'entrée en mini-lots traités par de nombreux workers à la fois.",
    )
    TYPE = "parallel"
    ORDER = (
        *HEAD, "inputs", "outputs", "resources", "input_data", "mini_batch_size", "partition_keys", "task", "logging_level",
        "max_concurrency_per_instance", "error_threshold", "mini_batch_error_threshold", "retry_settings",
    )
    type = Field(Enum("parallel"), Component.type.doc, required=True, frozen=True)
    resources = Field(Obj(ComponentResources), RESOURCES_DOC)
    task = Field(Obj(ParallelTask), Doc("What each worker runs.", "Ce qu'exécute chaque worker."))
    input_data = Field(Str(examples=("${{inputs.data}}",)), Doc("The input split into mini-batches, e.g. `${{inputs.data}}`.", "L'entrée découpée en mini-lots, par ex. `${{inputs.data}}`."))
    mini_batch_size = Field(Str(accepts_numbers=True, examples=("10", "10kb")), Doc("The size of a mini-batch: a number of files, or a size such as `10kb`.", "La taille d'un mini-lot : un nombre de fichiers, ou une taille comme `10kb`."))
    partition_keys = Field(ListOf(Str()), Doc("Columns whose values group the rows into mini-batches.", "Des colonnes dont les valeurs regroupent les lignes en mini-lots."))
    logging_level = Field(Enum("DEBUG", "INFO", "WARNING", case_sensitive=True), Doc("How much the workers log.", "Le niveau de détail des journaux des workers."), default="INFO")
    max_concurrency_per_instance = Field(Int(minimum=1), Doc("How many workers run on each node.", "Le nombre de workers sur chaque nœud."), default=1)
    error_threshold = Field(Int(minimum=-1), Doc("How many failed items are tolerated; -1 tolerates all.", "Le nombre d'éléments en échec tolérés ; -1 les tolère tous."), default=-1)
    mini_batch_error_threshold = Field(Int(minimum=-1), Doc("How many failed mini-batches are tolerated; -1 tolerates all.", "Le nombre de mini-lots en échec tolérés ; -1 les tolère tous."), default=-1)
    retry_settings = Field(Obj(RetrySettings), Doc("How failed mini-batches are retried.", "Comment les mini-lots en échec sont réessayés."))


# `type:` value -> the component class a file with that type is read as (absent: command).
COMPONENT_TYPES: dict[str, type[Component]] = {
    cls.TYPE: cls for cls in (CommandComponent, PipelineComponent, SparkComponent, ParallelComponent) if cls.TYPE
}
# Unlike a job's, a component's `type` is read in any case (`Command` is accepted).
COMPONENT = Union(*(Obj(cls) for cls in COMPONENT_TYPES.values()), discriminator="type", default="command")
