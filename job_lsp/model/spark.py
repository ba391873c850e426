"""The spark job: a Spark application (a Python file and its dependencies) run on serverless
Spark compute or an attached Synapse Spark pool.

Facts follow azure-ai-ml 1.35 (SparkJobSchema, SparkSchema for the pipeline step, and the
checks SparkJob._validate runs before submission); the texts are our own.
"""

from __future__ import annotations

import re
from typing import Any

from ..yamldoc import ERROR, Mapping, Scalar, Sequence, entries, key_text, resolve
from .command import INPUTS_DOC, OUTPUTS_DOC
from .common import (
    CODE,
    ENVIRONMENT,
    ENVIRONMENT_DOC,
    DataInput,
    LiteralInput,
    MLTableInput,
    ModelInput,
    Output,
)
from .entity import Entity
from .fields import Any_, Bool, Doc, Enum, Field, Float, Int, ListOf, MapOf, Obj, Str, Union
from .job import Job

# --- entry ------------------------------------------------------------------------------------


class SparkEntry(Entity):
    DOC = Doc(
        "What Spark runs: a Python file of the code folder (`file`).",
        "Ce que Spark exécute : un fichier Python du dossier de code (`file`).",
    )
    LABEL = "a spark entry"
    file = Field(
        Str(examples=("main.py",)),
        Doc(
            "The entry file, relative to `code` (e.g. `main.py`).",
            "Le fichier d'entrée, relatif à `code` (par ex. `main.py`).",
        ),
    )
    class_name = Field(
        Str(),
        Doc(
            "A JVM class to run. Azure ML rejects it when the job is validated: use `file`.",
            "Une classe JVM à exécuter. Azure ML la refuse à la validation du travail : utilisez `file`.",
        ),
    )
    spark_job_entry_type = Field(
        Str(),
        Doc("The kind of entry, as recorded by the service.", "Le type d'entrée, tel qu'enregistré par le service."),
        read_only=True,
    )

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        keys = {key_text(k): k for k, _ in entries(node)}
        if "file" in keys and "class_name" in keys:
            report(keys["class_name"], ERROR, "invalid-value", "A spark entry is either `file` or `class_name`, not both")
        elif "class_name" in keys:
            report(
                keys["class_name"],
                ERROR,
                "invalid-value",
                "Azure ML does not support `class_name` entries (no classpath entry); give the entry `file` instead",
            )
        elif "file" not in keys:
            report(node, ERROR, "missing-required", "A spark entry requires `file`")


ENTRY_DOC = Doc(
    "The entry point of the Spark application: `file: main.py` (a file of the code folder).",
    "Le point d'entrée de l'application Spark : `file: main.py` (un fichier du dossier de code).",
)

# --- conf -------------------------------------------------------------------------------------

# Azure ML passes conf values on as they are and checks only that the sizes are present: a
# value of the wrong shape is refused by the service, not before submission.
MEMORY = Any_()
COUNT = Any_()


class SparkConf(Entity):
    """Spark properties. Free-form (any `spark.*` property is passed on); the driver and
    executor sizes below are the ones Azure ML reads itself."""

    DOC = Doc(
        "Spark configuration properties (`spark.*`), passed to the application; driver and executor sizes are required.",
        "Les propriétés de configuration Spark (`spark.*`), transmises à l'application ; les tailles du driver et des exécuteurs sont obligatoires.",
    )
    LABEL = "spark conf"
    UNKNOWN_KEYS = "kept"
    driver_cores = Field(
        COUNT,
        Doc("Cores of the driver.", "Le nombre de cœurs du driver."),
        key="spark.driver.cores",
    )
    driver_memory = Field(
        MEMORY,
        Doc("Memory of the driver, with a unit (e.g. `2g`).", "La mémoire du driver, avec une unité (par ex. `2g`)."),
        key="spark.driver.memory",
    )
    executor_cores = Field(
        COUNT,
        Doc("Cores of each executor.", "Le nombre de cœurs de chaque exécuteur."),
        key="spark.executor.cores",
    )
    executor_memory = Field(
        MEMORY,
        Doc("Memory of each executor, with a unit (e.g. `2g`).", "La mémoire de chaque exécuteur, avec une unité (par ex. `2g`)."),
        key="spark.executor.memory",
    )
    executor_instances = Field(
        COUNT,
        Doc(
            "How many executors run (without dynamic allocation).",
            "Le nombre d'exécuteurs lancés (sans allocation dynamique).",
        ),
        key="spark.executor.instances",
    )
    dynamic_allocation_enabled = Field(
        Any_(),
        Doc(
            "Whether the number of executors scales with the workload (then give the minimum and maximum).",
            "Indique si le nombre d'exécuteurs suit la charge (donnez alors le minimum et le maximum).",
        ),
        key="spark.dynamicAllocation.enabled",
        default=False,
    )
    dynamic_allocation_min_executors = Field(
        COUNT,
        Doc("The fewest executors, with dynamic allocation.", "Le nombre minimal d'exécuteurs, avec l'allocation dynamique."),
        key="spark.dynamicAllocation.minExecutors",
    )
    dynamic_allocation_max_executors = Field(
        COUNT,
        Doc("The most executors, with dynamic allocation.", "Le nombre maximal d'exécuteurs, avec l'allocation dynamique."),
        key="spark.dynamicAllocation.maxExecutors",
    )


CONF_DOC = Doc(
    "Spark properties: `spark.driver.cores`, `spark.driver.memory`, `spark.executor.cores`, `spark.executor.memory` and `spark.executor.instances` are required (or dynamic allocation with its bounds); any other `spark.*` property is passed on.",
    "Les propriétés Spark : `spark.driver.cores`, `spark.driver.memory`, `spark.executor.cores`, `spark.executor.memory` et `spark.executor.instances` sont obligatoires (ou l'allocation dynamique avec ses bornes) ; toute autre propriété `spark.*` est transmise.",
)


def _truthy(value: Any) -> bool:
    return value is True or value in ("True", "true")


def check_conf(job_node: Any, report: Any) -> None:
    """SparkJob._validate's rules on the sizes in `conf` (run before submission)."""
    conf_key = conf = None
    for k, v in entries(job_node):
        if key_text(k) == "conf":
            conf_key, conf = k, resolve(v)
    values: dict[str, Any] = {}
    keys: dict[str, Any] = {}
    if isinstance(conf, Mapping):
        for k, v in entries(conf):
            v = resolve(v)
            name = key_text(k)
            keys[name] = k
            values[name] = v.value if isinstance(v, Scalar) else v
    if any(isinstance(v, str) and v.strip().startswith("${{") for v in values.values()):
        return  # bound at run time: nothing to say
    anchor = conf_key if conf_key is not None else (job_node.pairs[0][0] if job_node.pairs else job_node)
    sizes = ["spark.driver.cores", "spark.driver.memory", "spark.executor.cores", "spark.executor.memory"]
    lo, hi = "spark.dynamicAllocation.minExecutors", "spark.dynamicAllocation.maxExecutors"
    if _truthy(values.get("spark.dynamicAllocation.enabled")):
        missing = [k for k in sizes if values.get(k) is None]
        if missing:
            report(anchor, ERROR, "missing-required", "A spark job's `conf` requires " + ", ".join(f"`{m}`" for m in missing))
            return
        missing = [k for k in (lo, hi) if values.get(k) is None]
        if missing:
            report(anchor, ERROR, "missing-required", "With dynamic allocation, `conf` requires " + ", ".join(f"`{m}`" for m in missing))
            return
        try:
            low, high = int(values[lo]), int(values[hi])
        except (TypeError, ValueError):
            return
        if not (0 < low <= high):
            report(keys[lo], ERROR, "invalid-value", f"`{lo}` must be above 0 and at most `{hi}`")
            return
        inst = values.get("spark.executor.instances")
        if inst is not None:
            try:
                n = int(inst)
            except (TypeError, ValueError):
                return
            if n and not (low <= n <= high):
                report(keys["spark.executor.instances"], ERROR, "invalid-value", f"`spark.executor.instances` must lie between `{lo}` and `{hi}`")
        return
    missing = [k for k in sizes + ["spark.executor.instances"] if values.get(k) is None]
    if missing:
        report(anchor, ERROR, "missing-required", "A spark job's `conf` requires " + ", ".join(f"`{m}`" for m in missing))
        return
    for k in (lo, hi):
        if values.get(k) is not None:
            report(keys[k], ERROR, "invalid-value", f"`{k}` is only allowed when `spark.dynamicAllocation.enabled` is true")


def check_compute_or_resources(job_node: Any, report: Any, what: str) -> None:
    found = {}
    for k, v in entries(job_node):
        name = key_text(k)
        value = resolve(v)
        if name in ("compute", "resources") and not (isinstance(value, Scalar) and value.value is None):
            found[name] = k
    if not found:
        anchor = job_node.pairs[0][0] if job_node.pairs else job_node
        report(anchor, ERROR, "missing-required", f"{what} requires `compute` (a Spark pool) or `resources` (serverless Spark)")
    elif len(found) == 2:
        report(found["resources"], ERROR, "invalid-value", f"{what} takes either `compute` or `resources`, not both")


# --- resources --------------------------------------------------------------------------------

SPARK_INSTANCE_TYPES = Enum(
    "standard_e4s_v3",
    "standard_e8s_v3",
    "standard_e16s_v3",
    "standard_e32s_v3",
    "standard_e64s_v3",
    docs={
        "standard_e4s_v3": Doc("4 cores, 32 GiB.", "4 cœurs, 32 Gio."),
        "standard_e8s_v3": Doc("8 cores, 64 GiB.", "8 cœurs, 64 Gio."),
        "standard_e16s_v3": Doc("16 cores, 128 GiB.", "16 cœurs, 128 Gio."),
        "standard_e32s_v3": Doc("32 cores, 256 GiB.", "32 cœurs, 256 Gio."),
        "standard_e64s_v3": Doc("64 cores, 432 GiB.", "64 cœurs, 432 Gio."),
    },
)
RUNTIME_VERSION = Str(pattern=r"^\d+(\.\d+)*$", accepts_numbers=True, examples=("3.4",))


class SparkResources(Entity):
    DOC = Doc(
        "The serverless Spark compute the job runs on.",
        "Le calcul Spark serverless sur lequel le travail s'exécute.",
    )
    LABEL = "spark resources"
    instance_type = Field(
        SPARK_INSTANCE_TYPES,
        Doc(
            "The VM size of the Spark nodes (a memory-optimized `standard_eNs_v3`).",
            "La taille de VM des nœuds Spark (une `standard_eNs_v3` optimisée pour la mémoire).",
        ),
        required=True,
    )
    runtime_version = Field(
        RUNTIME_VERSION,
        Doc("The Spark runtime version, e.g. `3.4`.", "La version du runtime Spark, par ex. `3.4`."),
        required=True,
    )


RESOURCES_DOC = Doc(
    "Serverless Spark compute (instance type and runtime version); give either this or `compute`.",
    "Le calcul Spark serverless (type d'instance et version du runtime) ; à donner à la place de `compute`.",
)

# --- inputs and outputs: Spark reads and writes its data itself, so only `direct` -------------

DIRECT = Enum("direct", docs={"direct": Doc("The URI is passed to the application, which reads it itself.", "L'URI est transmise à l'application, qui la lit elle-même.")})
DIRECT_DOC = Doc(
    "How the data reaches Spark: only `direct` (its URI is passed to the application).",
    "Comment les données parviennent à Spark : uniquement `direct` (l'URI est transmise à l'application).",
)


class SparkDataInput(DataInput):
    DOC = Doc(
        "A file or folder input of a spark job, passed by URI (`mode: direct`).",
        "Une entrée fichier ou dossier d'un travail Spark, transmise par URI (`mode: direct`).",
    )
    LABEL = "a spark data input"
    mode = Field(DIRECT, DIRECT_DOC, required=True)


class SparkModelInput(ModelInput):
    DOC = Doc(
        "A model input of a spark job, passed by URI (`mode: direct`).",
        "Une entrée de modèle d'un travail Spark, transmise par URI (`mode: direct`).",
    )
    LABEL = "a spark model input"
    mode = Field(DIRECT, DIRECT_DOC, required=True)


class SparkMLTableInput(MLTableInput):
    DOC = Doc(
        "A table input of a spark job, passed by URI (`mode: direct`).",
        "Une entrée tabulaire d'un travail Spark, transmise par URI (`mode: direct`).",
    )
    LABEL = "a spark table input"
    mode = Field(DIRECT, DIRECT_DOC, required=True)


SPARK_INPUT_OBJECT = Union(
    Obj(SparkDataInput),
    Obj(SparkModelInput),
    Obj(SparkMLTableInput),
    Obj(LiteralInput),
    discriminator="type",
    default="uri_folder",
    when_absent={"value": "literal"},
)
SPARK_INPUTS = MapOf(Union(SPARK_INPUT_OBJECT, Bool(), Int(bits=64), Float(), Str()), "input name")


class SparkOutput(Output):
    DOC = Doc(
        "An output of a spark job, written by the application to its URI (`mode: direct`).",
        "Une sortie d'un travail Spark, écrite par l'application à son URI (`mode: direct`).",
    )
    LABEL = "a spark output"
    mode = Field(DIRECT, DIRECT_DOC)


SPARK_OUTPUTS = MapOf(Obj(SparkOutput), "output name")


def check_output_modes(job_node: Any, report: Any) -> None:
    """Every output but one named `default` must say `mode: direct`."""
    for k, v in entries(job_node):
        if key_text(k) != "outputs":
            continue
        outs = resolve(v)
        if not isinstance(outs, Mapping):
            return
        for name, out in entries(outs):
            out = resolve(out)
            if key_text(name) == "default":
                continue
            if out is None or not isinstance(out, Mapping) or "mode" not in {key_text(x) for x, _ in entries(out)}:
                report(name, ERROR, "missing-required", f"Spark output `{key_text(name)}` requires `mode: direct`")


# --- the job ----------------------------------------------------------------------------------

FILES_DOC = Doc(
    "Files copied to the working folder of each executor.",
    "Des fichiers copiés dans le dossier de travail de chaque exécuteur.",
)


class SparkFields(Entity):
    """What a Spark application is, whether a job of its own or a pipeline step."""

    DOC = Doc("A Spark application: its code, entry file, dependencies and configuration.", "Une application Spark : son code, son fichier d'entrée, ses dépendances et sa configuration.")

    code = Field(
        CODE,
        Doc(
            "The folder of the application's source code (a local path, uploaded on submission, or a registered code asset).",
            "Le dossier du code source de l'application (un chemin local, envoyé à la soumission, ou une ressource de code enregistrée).",
        ),
    )
    entry = Field(Obj(SparkEntry), ENTRY_DOC, required=True)
    py_files = Field(
        ListOf(Str()),
        Doc(
            "Python files (`.py`, `.zip`, `.egg`) put on the `PYTHONPATH` of the application.",
            "Des fichiers Python (`.py`, `.zip`, `.egg`) ajoutés au `PYTHONPATH` de l'application.",
        ),
    )
    jars = Field(
        ListOf(Str()),
        Doc("`.jar` files added to the driver and executor classpaths.", "Des fichiers `.jar` ajoutés aux classpaths du driver et des exécuteurs."),
    )
    files = Field(ListOf(Str()), FILES_DOC)
    archives = Field(
        ListOf(Str()),
        Doc("Archives extracted in the working folder of each executor.", "Des archives extraites dans le dossier de travail de chaque exécuteur."),
    )
    conf = Field(Obj(SparkConf), CONF_DOC)
    environment = Field(ENVIRONMENT, ENVIRONMENT_DOC, nullable=True)
    args = Field(
        Str(),
        Doc(
            "The command-line arguments of the entry file; `${{inputs.NAME}}` and `${{outputs.NAME}}` give the data URIs.",
            "Les arguments en ligne de commande du fichier d'entrée ; `${{inputs.NOM}}` et `${{outputs.NOM}}` donnent les URI des données.",
        ),
    )


class SparkJob(Job, SparkFields):
    DOC = Doc(
        "A spark job: runs a Spark application on serverless Spark compute or an attached Synapse Spark pool.",
        "Un travail Spark : exécute une application Spark sur du calcul Spark serverless ou un pool Spark Synapse attaché.",
    )
    TYPE = "spark"
    ORDER = (
        "$schema", "type", "name", "display_name", "experiment_name", "description", "tags", "properties",
        "code", "entry", "py_files", "jars", "files", "archives", "conf", "environment", "args",
        "compute", "resources", "identity", "inputs", "outputs", "services",
    )
    type = Field(Enum("spark"), Job.type.doc, required=True, frozen=True)
    properties = Field(MapOf(Any_(), "property name"), Job.properties.doc)
    compute = Field(
        Str(examples=("azureml:my-spark-pool",)),
        Doc(
            "An attached Synapse Spark pool to run on; give either this or `resources`.",
            "Un pool Spark Synapse attaché sur lequel s'exécuter ; à donner à la place de `resources`.",
        ),
    )
    resources = Field(Obj(SparkResources), RESOURCES_DOC)
    inputs = Field(SPARK_INPUTS, INPUTS_DOC)
    outputs = Field(SPARK_OUTPUTS, OUTPUTS_DOC)

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        super().check_node(node, report)
        check_compute_or_resources(node, report, "A spark job")
        check_conf(node, report)
        check_output_modes(node, report)
        check_no_duplicates(node, report)
        check_args_inputs(node, report)


def check_no_duplicates(node: Any, report: Any) -> None:
    """`py_files`, `jars`, `files` and `archives` must not list an entry twice."""
    for k, v in entries(node):
        name = key_text(k)
        seq = resolve(v)
        if name not in ("py_files", "jars", "files", "archives") or not isinstance(seq, Sequence):
            continue
        seen: set[Any] = set()
        for item in seq.items:
            item = resolve(item)
            if isinstance(item, Scalar) and isinstance(item.value, str):
                if item.value in seen:
                    report(item, ERROR, "invalid-value", f"`{name}` lists `{item.value}` twice")
                seen.add(item.value)


_INPUT_REF = re.compile(r"\$\{\{inputs\.([\w\.-]+)\}\}")
_OPTIONAL_REF = re.compile(r"\[[\w\.\s-]*\$\{\{inputs\.([\w\.-]+)\}\}\]")


def check_args_inputs(node: Any, report: Any) -> None:
    """Every `${{inputs.NAME}}` in `args` must name a declared input (unless in `[...]`)."""
    args = None
    declared: set[str] = set()
    for k, v in entries(node):
        name = key_text(k)
        value = resolve(v)
        if name == "args" and isinstance(value, Scalar) and isinstance(value.value, str):
            args = value
        elif name == "inputs" and isinstance(value, Mapping):
            declared = {key_text(ik) for ik, iv in entries(value) if not (isinstance(resolve(iv), Scalar) and resolve(iv).value is None)}
    if args is None:
        return
    optional = set(_OPTIONAL_REF.findall(args.value))
    for ref in dict.fromkeys(_INPUT_REF.findall(args.value)):
        if ref not in declared and ref not in optional:
            report(args, ERROR, "invalid-value", f"`args` refers to `${{{{inputs.{ref}}}}}`, which is not among the job's inputs")
