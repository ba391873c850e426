"""Schedules: what starts a job at set times (`az ml schedule create --file`).

A schedule has a `trigger` (a cron expression, or a recurrence: every N minutes, hours,
days, weeks or months, at given hours and minutes) and what it creates: a job
(`create_job`: a job file, a registered job, or a job file with overrides), a model monitor
(`create_monitor`) or a data import (`import_data`). The kind is told by which of these keys
the file has.

Facts follow azure-ai-ml 1.35's schedule schemas (ScheduleSchema, JobScheduleSchema,
MonitorScheduleSchema, ImportDataScheduleSchema). The SDK does not check a cron expression,
the hours of a recurrence or a time zone's name: the service does, so those problems are
warnings that say the service refuses them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, ClassVar

from ..names import did_you_mean, suggest
from ..yamldoc import ERROR, WARNING, Scalar, entries, key_text, resolve
from .common import CreationContext, IDENTITY, IDENTITY_DOC
from .command import INPUTS, OUTPUTS
from .entity import Entity, FileEntity
from .fields import Any_, Bool, Doc, Enum, Field, Float, Int, ListOf, LocalPath, MapOf, Obj, Str, Union
from .pipeline import PipelineJobSettings

# Time zone names the service knows (Windows names), as azure-ai-ml lists them.
TIME_ZONES = (
    "Dateline Standard Time", "UTC-11", "Aleutian Standard Time", "Hawaiian Standard Time", "Marquesas Standard Time",
    "Alaskan Standard Time", "UTC-09", "Pacific Standard Time (Mexico)", "UTC-08", "Pacific Standard Time",
    "US Mountain Standard Time", "Mountain Standard Time (Mexico)", "Mountain Standard Time", "Central America Standard Time",
    "Central Standard Time", "Easter Island Standard Time", "Central Standard Time (Mexico)", "Canada Central Standard Time",
    "SA Pacific Standard Time", "Eastern Standard Time (Mexico)", "Eastern Standard Time", "Haiti Standard Time",
    "Cuba Standard Time", "US Eastern Standard Time", "Paraguay Standard Time", "Atlantic Standard Time",
    "Venezuela Standard Time", "Central Brazilian Standard Time", "SA Western Standard Time", "Pacific SA Standard Time",
    "Turks And Caicos Standard Time", "Newfoundland Standard Time", "Tocantins Standard Time", "E. South America Standard Time",
    "SA Eastern Standard Time", "Argentina Standard Time", "Greenland Standard Time", "Montevideo Standard Time",
    "Saint Pierre Standard Time", "Bahia Standard Time", "UTC-02", "Mid-Atlantic Standard Time", "Azores Standard Time",
    "Cape Verde Standard Time", "UTC", "Morocco Standard Time", "GMT Standard Time", "Greenwich Standard Time",
    "W. Europe Standard Time", "Central Europe Standard Time", "Romance Standard Time", "Central European Standard Time",
    "W. Central Africa Standard Time", "Namibia Standard Time", "Jordan Standard Time", "GTB Standard Time",
    "Middle East Standard Time", "Egypt Standard Time", "E. Europe Standard Time", "Syria Standard Time",
    "West Bank Standard Time", "South Africa Standard Time", "FLE Standard Time", "Turkey Standard Time",
    "Israel Standard Time", "Kaliningrad Standard Time", "Libya Standard Time", "Arabic Standard Time", "Arab Standard Time",
    "Belarus Standard Time", "Russian Standard Time", "E. Africa Standard Time", "Iran Standard Time", "Arabian Standard Time",
    "Astrakhan Standard Time", "Azerbaijan Standard Time", "Russia Time Zone 3", "Mauritius Standard Time",
    "Georgian Standard Time", "Caucasus Standard Time", "Afghanistan Standard Time", "West Asia Standard Time",
    "Ekaterinburg Standard Time", "Pakistan Standard Time", "India Standard Time", "Sri Lanka Standard Time",
    "Nepal Standard Time", "Central Asia Standard Time", "Bangladesh Standard Time", "N. Central Asia Standard Time",
    "Myanmar Standard Time", "SE Asia Standard Time", "Altai Standard Time", "W. Mongolia Standard Time",
    "North Asia Standard Time", "Tomsk Standard Time", "China Standard Time", "North Asia East Standard Time",
    "Singapore Standard Time", "W. Australia Standard Time", "Taipei Standard Time", "Ulaanbaatar Standard Time",
    "North Korea Standard Time", "Aus Central W. Standard Time", "Transbaikal Standard Time", "Tokyo Standard Time",
    "Korea Standard Time", "Yakutsk Standard Time", "Cen. Australia Standard Time", "AUS Central Standard Time",
    "E. Australia Standard Time", "AUS Eastern Standard Time", "West Pacific Standard Time", "Tasmania Standard Time",
    "Vladivostok Standard Time", "Lord Howe Standard Time", "Bougainville Standard Time", "Russia Time Zone 10",
    "Magadan Standard Time", "Norfolk Standard Time", "Sakhalin Standard Time", "Central Pacific Standard Time",
    "Russia Time Zone 11", "New Zealand Standard Time", "UTC+12", "Fiji Standard Time", "Kamchatka Standard Time",
    "Chatham Islands Standard Time", "Tonga Standard Time", "Samoa Standard Time", "Line Islands Standard Time",
)
_TIME_ZONES_LOWER = {z.lower(): z for z in TIME_ZONES}

# What becomes of the problems the SDK does not check (cron, recurrence hours, time zones).
SERVICE_REFUSES = "the SDK lets it through but the service refuses the schedule"

# A date and a time, as text: the SDK refuses a date alone, and YAML dates and timestamps
# written without quotes (they are not text).
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")

# --- triggers ---------------------------------------------------------------------------------

TIME_DOC_TAIL = Doc(
    " An ISO 8601 date and time, e.g. `2024-01-01T08:00:00`.",
    " Une date et une heure ISO 8601, par ex. `2024-01-01T08:00:00`.",
)


def _time_doc(en: str, fr: str) -> Doc:
    return Doc(en + TIME_DOC_TAIL.en, fr + TIME_DOC_TAIL.fr)


class Trigger(Entity):
    DOC = Doc("When the schedule fires.", "Quand la planification se déclenche.")
    LABEL = "a trigger"
    start_time = Field(
        Any_(),
        _time_doc("When the schedule starts firing; omitted, at once.", "Quand la planification commence à se déclencher ; omise, immédiatement."),
    )
    end_time = Field(
        Any_(),
        _time_doc("When the schedule stops firing; omitted, never.", "Quand la planification cesse de se déclencher ; omise, jamais."),
    )
    time_zone = Field(
        Str(examples=("UTC", "Pacific Standard Time")),
        Doc(
            "The time zone of the times above and of the trigger (a Windows time zone name such as `UTC` or `W. Europe Standard Time`).",
            "Le fuseau horaire des heures ci-dessus et du déclencheur (un nom de fuseau Windows comme `UTC` ou `W. Europe Standard Time`).",
        ),
        default="UTC",
    )

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        for k, v in entries(node):
            name = key_text(k)
            value = resolve(v)
            if not isinstance(value, Scalar) or value.value is None:
                continue
            if name in ("start_time", "end_time"):
                if isinstance(value.value, (date, datetime)):
                    report(value, ERROR, "invalid-value", f"`{name}` must be a date and time in quotes (`\"{value.text}\"`): Azure ML refuses a YAML date or timestamp written without them")
                elif not isinstance(value.value, str) or not ISO_DATETIME.match(value.value.strip()):
                    report(value, ERROR, "invalid-value", f"`{name}` must be an ISO 8601 date and time such as `2024-01-01T08:00:00`, not `{value.text}`")
            elif name == "time_zone" and isinstance(value.value, str) and value.value.strip().lower() not in _TIME_ZONES_LOWER:
                did = did_you_mean(suggest(value.value, TIME_ZONES), " (use a Windows time zone name such as `UTC` or `W. Europe Standard Time`)")
                report(value, WARNING, "unknown-time-zone", f"`{value.value}` is not a time zone Azure ML knows: the SDK lets it through but the service refuses the schedule{did}")


TRIGGER_TYPE_DOC = Doc("The kind of trigger: `cron` or `recurrence`.", "Le type de déclencheur : `cron` ou `recurrence`.")

# Cron fields: minute, hour, day of month, month, day of week (0-6, Sunday is 0; 7 is Sunday too).
CRON_FIELDS = (("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 7))
CRON_NAMES = {
    3: {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))},
    4: {d: i for i, d in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))},
}


def cron_problem(expression: str) -> str | None:
    """Why a cron expression (five fields) is invalid, or None when it is valid."""
    parts = expression.split()
    if len(parts) != 5:
        return f"a cron expression has 5 fields (minute hour day-of-month month day-of-week), not {len(parts)}"
    for index, (part, (what, low, high)) in enumerate(zip(parts, CRON_FIELDS)):
        names = CRON_NAMES.get(index, {})
        for item in part.split(","):
            body, _, step = item.partition("/")
            if step and not (step.isdigit() and int(step) > 0):
                return f"the step `/{step}` of the {what} field is not a positive number"
            if body == "*":
                continue
            for bound in body.split("-", 1):
                number = names.get(bound.lower()) if not bound.isdigit() else int(bound)
                if number is None:
                    return f"`{bound}` is not a valid {what}"
                if not low <= number <= high:
                    return f"{what} `{bound}` is out of range ({low}-{high})"
    return None


class CronTrigger(Trigger):
    DOC = Doc(
        "A cron trigger: fires at the times a cron expression gives (`0 8 * * 1-5`: at 8:00 on weekdays).",
        "Un déclencheur cron : se déclenche aux moments que donne une expression cron (`0 8 * * 1-5` : à 8 h 00 en semaine).",
    )
    LABEL = "a cron trigger"
    ORDER = ("type", "expression", "start_time", "end_time", "time_zone")
    type = Field(Enum("cron"), TRIGGER_TYPE_DOC, required=True)
    expression = Field(
        Str(examples=("0 8 * * 1-5",)),
        Doc(
            "The cron expression: minute, hour, day of month, month, day of week (`*/15 * * * *`: every 15 minutes).",
            "L'expression cron : minute, heure, jour du mois, mois, jour de la semaine (`*/15 * * * *` : toutes les 15 minutes).",
        ),
        required=True,
    )

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        super().check_node(node, report)
        for k, v in entries(node):
            value = resolve(v)
            if key_text(k) == "expression" and isinstance(value, Scalar) and isinstance(value.value, str):
                why = cron_problem(value.value)
                if why:
                    report(value, WARNING, "invalid-cron", f"Invalid cron expression: {why}; the SDK lets it through but the service refuses the schedule")


WEEK_DAY = Enum("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HOUR = Int(minimum=0, maximum=23, beyond=SERVICE_REFUSES)
MINUTE = Int(minimum=0, maximum=59, beyond=SERVICE_REFUSES)
MONTH_DAY = Int(minimum=1, maximum=31, beyond=SERVICE_REFUSES)


class RecurrencePattern(Entity):
    DOC = Doc("At which hours and minutes (and on which days) a recurrence fires.", "À quelles heures et minutes (et quels jours) une récurrence se déclenche.")
    LABEL = "a recurrence schedule"
    hours = Field(Union(HOUR, ListOf(HOUR)), Doc("The hours (0-23) it fires at.", "Les heures (0-23) de déclenchement."), required=True)
    minutes = Field(Union(MINUTE, ListOf(MINUTE)), Doc("The minutes (0-59) it fires at.", "Les minutes (0-59) de déclenchement."), required=True)
    week_days = Field(
        Union(WEEK_DAY, ListOf(WEEK_DAY)),
        Doc("The days of the week (`monday`...`sunday`), for a weekly recurrence.", "Les jours de la semaine (`monday`...`sunday`), pour une récurrence hebdomadaire."),
    )
    month_days = Field(
        Union(MONTH_DAY, ListOf(MONTH_DAY)),
        Doc("The days of the month (1-31), for a monthly recurrence.", "Les jours du mois (1-31), pour une récurrence mensuelle."),
    )


class RecurrenceTrigger(Trigger):
    DOC = Doc(
        "A recurrence trigger: fires every `interval` minutes, hours, days, weeks or months, at the times `schedule` gives.",
        "Un déclencheur de récurrence : se déclenche toutes les `interval` minutes, heures, jours, semaines ou mois, aux moments que donne `schedule`.",
    )
    LABEL = "a recurrence trigger"
    ORDER = ("type", "frequency", "interval", "schedule", "start_time", "end_time", "time_zone")
    type = Field(Enum("recurrence"), TRIGGER_TYPE_DOC, required=True)
    frequency = Field(
        Enum("minute", "hour", "day", "week", "month"),
        Doc("The unit of `interval`: `minute`, `hour`, `day`, `week` or `month`.", "L'unité de `interval` : `minute`, `hour`, `day`, `week` ou `month`."),
        required=True,
    )
    interval = Field(Int(minimum=1, beyond=SERVICE_REFUSES), Doc("How many units of `frequency` between two firings.", "Le nombre d'unités de `frequency` entre deux déclenchements."), required=True)
    schedule = Field(Obj(RecurrencePattern), Doc("At which hours and minutes (and days) it fires.", "À quelles heures et minutes (et quels jours) elle se déclenche."))


TRIGGER = Union(Obj(CronTrigger), Obj(RecurrenceTrigger), discriminator="type")

# --- what a schedule creates ------------------------------------------------------------------


class CreateJob(Entity):
    """A job file (or a registered job) with values that replace the file's own."""

    DOC = Doc(
        "The job to create: `job` names a job file (or a registered job), and the other keys replace the file's values.",
        "Le travail à créer : `job` désigne un fichier de travail (ou un travail enregistré), et les autres clés remplacent les valeurs du fichier.",
    )
    LABEL = "a scheduled job"
    ORDER = ("type", "job", "name", "display_name", "experiment_name", "description", "tags", "properties", "settings", "compute", "environment", "identity", "inputs", "outputs")
    type = Field(
        Enum("pipeline", "command", "spark"),
        Doc("The type of the job, needed when `job` is a registered job.", "Le type du travail, nécessaire quand `job` est un travail enregistré."),
    )
    job = Field(
        LocalPath(folder=False, examples=("./pipeline.yml", "azureml:my_job")),
        Doc("The job file (relative to this file) or a registered job (`azureml:NAME`).", "Le fichier de travail (relatif à ce fichier) ou un travail enregistré (`azureml:NOM`)."),
        required=True,
    )
    name = Field(Str(), Doc("The name of each job created.", "Le nom de chaque travail créé."))
    display_name = Field(Str(), Doc("The name shown for each job created.", "Le nom affiché pour chaque travail créé."))
    experiment_name = Field(Str(), Doc("The experiment the jobs are filed under.", "L'expérience sous laquelle les travaux sont classés."))
    description = Field(Str(), Doc("A description of the jobs.", "Une description des travaux."))
    tags = Field(MapOf(Str(), "tag name", nullable=True), Doc("Tags of the jobs created.", "Les balises des travaux créés."))
    properties = Field(MapOf(Str(), "property name", nullable=True), Doc("Properties of the jobs created.", "Les propriétés des travaux créés."))
    settings = Field(Obj(PipelineJobSettings), Doc("Pipeline settings that replace the file's.", "Des réglages de pipeline qui remplacent ceux du fichier."))
    compute = Field(Str(examples=("azureml:cpu-cluster",)), Doc("The compute target the jobs run on.", "La cible de calcul sur laquelle les travaux s'exécutent."))
    environment = Field(Any_(), Doc("The environment (command and spark jobs).", "L'environnement (travaux de commande et Spark)."))
    identity = Field(IDENTITY, IDENTITY_DOC)
    inputs = Field(INPUTS, Doc("Inputs that replace the job file's.", "Des entrées qui remplacent celles du fichier de travail."))
    outputs = Field(OUTPUTS, Doc("Outputs that replace the job file's.", "Des sorties qui remplacent celles du fichier de travail."))

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        super().check_node(node, report)
        # The SDK reads the overrides with the schema of their `type`: pipeline settings under
        # a command or spark job are refused ("create_job.settings: Unknown field").
        values = {key_text(k): (k, resolve(v)) for k, v in entries(node)}
        kind = values.get("type", (None, None))[1]
        if isinstance(kind, Scalar) and kind.value in ("command", "spark") and "settings" in values:
            report(values["settings"][0], ERROR, "unknown-key", f"`settings` are a pipeline job's; Azure ML refuses them in a {kind.value} job's overrides")


CREATE_JOB_PATH = LocalPath(folder=False, examples=("./pipeline.yml", "azureml:my_job"))
CREATE_JOB = Union(CREATE_JOB_PATH, Obj(CreateJob))
CREATE_JOB_DOC = Doc(
    "The job the schedule creates each time it fires: a job file (`./pipeline.yml`, relative to this file), a registered job (`azureml:NAME`), or `job:` with values that replace the file's.",
    "Le travail que crée la planification à chaque déclenchement : un fichier de travail (`./pipeline.yml`, relatif à ce fichier), un travail enregistré (`azureml:NOM`), ou `job:` avec des valeurs qui remplacent celles du fichier.",
)

SIGNAL_TYPES = (
    "data_drift", "data_quality", "prediction_drift", "feature_attribution_drift", "custom", "model_performance", "generation_token_statistics",
)


class MonitoringSignal(Entity):
    """Modelled by its type only: the settings of these signals are not checked here."""

    DOC = Doc("A monitoring signal: what is measured on the deployment's data, and its thresholds.", "Un signal de surveillance : ce qui est mesuré sur les données du déploiement, et ses seuils.")
    LABEL = "a monitoring signal"
    UNKNOWN_KEYS = "kept"
    type = Field(Enum(*SIGNAL_TYPES), Doc("The kind of signal.", "Le type de signal."), required=True)
    alert_enabled = Field(Bool(), Doc("Whether an alert is sent when a threshold is crossed.", "Indique si une alerte est envoyée quand un seuil est franchi."))


class LlmData(Entity):
    DOC = Doc("Production data of a generative model: the data and its columns.", "Des données de production d'un modèle génératif : les données et leurs colonnes.")
    LABEL = "production data"
    input_data = Field(MapOf(Any_(), "setting"), Doc("The data (`type` and `path`).", "Les données (`type` et `path`)."))
    data_column_names = Field(MapOf(Any_(), "column role"), Doc("Which column holds what (`prompt`, `completion`, `correlation_id`...).", "Quelle colonne contient quoi (`prompt`, `completion`, `correlation_id`...)."))
    data_window = Field(MapOf(Any_(), "setting"), Doc("The time window of data used (`lookback_window_size`, `lookback_window_offset`).", "La fenêtre de temps des données utilisées (`lookback_window_size`, `lookback_window_offset`)."))


class GenerationSafetyQualitySignal(Entity):
    DOC = Doc(
        "A generation safety and quality signal: groundedness, relevance, coherence, fluency and similarity of a generative model's answers.",
        "Un signal de sécurité et de qualité de génération : ancrage, pertinence, cohérence, fluidité et similarité des réponses d'un modèle génératif.",
    )
    LABEL = "a generation safety and quality signal"
    TAGS = ("generation_safety_quality",)
    type = Field(Enum("generation_safety_quality"), Doc("The kind of signal.", "Le type de signal."), required=True)
    production_data = Field(ListOf(Obj(LlmData)), Doc("The production data the signal reads.", "Les données de production que lit le signal."))
    connection_id = Field(Str(), Doc("The workspace connection of the model that grades the answers.", "La connexion de l'espace de travail du modèle qui note les réponses."))
    metric_thresholds = Field(MapOf(MapOf(Any_(), "threshold"), "metric"), Doc("Thresholds by metric (`groundedness`, `relevance`, `coherence`, `fluency`, `similarity`).", "Les seuils par métrique (`groundedness`, `relevance`, `coherence`, `fluency`, `similarity`)."))
    alert_enabled = Field(Bool(), Doc("Whether an alert is sent when a threshold is crossed.", "Indique si une alerte est envoyée quand un seuil est franchi."))
    properties = Field(MapOf(Any_(), "property name"), Doc("Properties of the signal.", "Les propriétés du signal."))
    sampling_rate = Field(Float(minimum=0, maximum=1), Doc("The share of the data that is graded (0 to 1).", "La part des données qui est notée (0 à 1)."))


SIGNAL = Union(Obj(MonitoringSignal), Obj(GenerationSafetyQualitySignal), discriminator="type")


class MonitorDefinition(Entity):
    DOC = Doc("The model monitor to run: its compute, the deployment it watches, its signals and alerts.", "Le moniteur de modèle à exécuter : son calcul, le déploiement qu'il surveille, ses signaux et ses alertes.")
    LABEL = "a monitor definition"
    compute = Field(MapOf(Any_(), "setting"), Doc("The serverless Spark compute of the monitor (`instance_type`, `runtime_version`).", "Le calcul Spark serverless du moniteur (`instance_type`, `runtime_version`)."), required=True)
    monitoring_target = Field(MapOf(Any_(), "setting"), Doc("What is monitored (`ml_task`, `endpoint_deployment_id`).", "Ce qui est surveillé (`ml_task`, `endpoint_deployment_id`)."))
    monitoring_signals = Field(MapOf(SIGNAL, "signal name"), Doc("The signals, by name.", "Les signaux, par nom."))
    alert_notification = Field(Any_(), Doc("Who is told when a signal crosses its threshold (`emails`), or `azmonitoring`.", "Qui est prévenu quand un signal franchit son seuil (`emails`), ou `azmonitoring`."))


# --- schedules --------------------------------------------------------------------------------


class Schedule(FileEntity):
    """The base of every schedule. Never instantiated: use a subclass."""

    DOC = Doc("An Azure Machine Learning schedule: creates a job, a monitor run or a data import at set times.", "Une planification Azure Machine Learning : crée un travail, une exécution de moniteur ou un import de données à des moments définis.")
    KWARGS = True
    # The key that tells this kind of schedule (create_job, create_monitor, import_data).
    KEY: ClassVar[str | None] = None

    schema = Field(Str(), Doc("The JSON Schema of the file, for editors; Azure ML ignores it.", "Le schéma JSON du fichier, pour les éditeurs ; Azure ML l'ignore."), key="$schema")
    name = Field(Str(), Doc("The name of the schedule, unique in the workspace.", "Le nom de la planification, unique dans l'espace de travail."), required=True)
    display_name = Field(Str(), Doc("The name shown for the schedule in the studio.", "Le nom affiché pour la planification dans le studio."))
    description = Field(Str(), Doc("A description of the schedule.", "Une description de la planification."))
    tags = Field(MapOf(Str(), "tag name", nullable=True), Doc("Tags: name/value pairs.", "Des balises : paires nom/valeur."))
    properties = Field(MapOf(Str(), "property name", nullable=True), Doc("Properties: name/value pairs.", "Des propriétés : paires nom/valeur."))
    trigger = Field(TRIGGER, Doc("When the schedule fires: a `cron` expression or a `recurrence`.", "Quand la planification se déclenche : une expression `cron` ou une `recurrence`."), required=True)

    id = Field(Str(), Doc("The ARM ID of the schedule.", "L'identifiant ARM de la planification."), read_only=True)
    creation_context = Field(Obj(CreationContext), Doc("Who created the schedule, and when.", "Qui a créé la planification, et quand."), read_only=True)
    is_enabled = Field(Bool(), Doc("Whether the schedule is enabled (set by the service).", "Indique si la planification est activée (fixé par le service)."), read_only=True)
    provisioning_state = Field(Str(), Doc("The provisioning state of the schedule.", "L'état de provisionnement de la planification."), read_only=True)

    def __init__(self, **kwargs: Any) -> None:
        if type(self).KEY is None:
            raise TypeError(f"{type(self).__name__} cannot be instantiated directly: use JobSchedule, MonitorSchedule or ImportDataSchedule")
        super().__init__(**kwargs)


HEAD = ("$schema", "name", "display_name", "description", "tags", "properties", "trigger")


class JobSchedule(Schedule):
    DOC = Doc("A job schedule: creates a job each time its trigger fires.", "Une planification de travail : crée un travail à chaque déclenchement.")
    LABEL = "a job schedule"
    KEY = "create_job"
    TAGS = ("job",)
    ORDER = (*HEAD, "create_job")
    create_job = Field(CREATE_JOB, CREATE_JOB_DOC, required=True)


class MonitorSchedule(Schedule):
    DOC = Doc("A monitor schedule: runs a model monitor each time its trigger fires.", "Une planification de moniteur : exécute un moniteur de modèle à chaque déclenchement.")
    LABEL = "a monitor schedule"
    KEY = "create_monitor"
    TAGS = ("monitor",)
    ORDER = (*HEAD, "create_monitor")
    create_monitor = Field(Obj(MonitorDefinition), Doc("The model monitor to run.", "Le moniteur de modèle à exécuter."), required=True)


class ImportDataSchedule(Schedule):
    DOC = Doc("A data import schedule: imports data (a database query, a file system) each time its trigger fires.", "Une planification d'import de données : importe des données (une requête de base, un système de fichiers) à chaque déclenchement.")
    LABEL = "a data import schedule"
    KEY = "import_data"
    TAGS = ("data_import",)
    ORDER = (*HEAD, "import_data")
    import_data = Field(
        Union(LocalPath(folder=False), MapOf(Any_(), "setting")),
        Doc("The data import: a file that defines it (relative to this file) or its definition here (`type`, `name`, `path`, `source`).", "L'import de données : un fichier qui le définit (relatif à ce fichier) ou sa définition ici (`type`, `name`, `path`, `source`)."),
        required=True,
    )


SCHEDULE_TYPES: dict[str, type[Schedule]] = {cls.TAGS[0]: cls for cls in (JobSchedule, MonitorSchedule, ImportDataSchedule)}
SCHEDULE_KEYS = tuple(cls.KEY for cls in SCHEDULE_TYPES.values() if cls.KEY)

# A schedule is told by the key of what it creates (a schedule file has no `type:`; one that
# writes `type:` is told it is an unknown key). Without any, it is read as a job schedule.
SCHEDULE = Union(
    *(Obj(cls) for cls in SCHEDULE_TYPES.values()),
    discriminator="type",
    default="job",
    when_absent={"create_monitor": "monitor", "import_data": "data_import"},
)
