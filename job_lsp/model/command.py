"""The command job: run a command in an environment, the most common job type."""

from __future__ import annotations

from .common import (
    CODE,
    DISTRIBUTION,
    DISTRIBUTION_DOC,
    ENVIRONMENT,
    ENVIRONMENT_DOC,
    ENVIRONMENT_VARIABLES,
    ENVIRONMENT_VARIABLES_DOC,
    INPUT,
    CommandJobLimits,
    JobResources,
    Output,
    QueueSettings,
)
from .entity import Entity
from .fields import Any_, Doc, Enum, Field, MapOf, Obj, Str
from .job import Job

COMMAND_DOC = Doc(
    "The command to run, e.g. `python train.py --lr ${{inputs.lr}}`; `${{inputs.NAME}}` and `${{outputs.NAME}}` are replaced by paths or values when the job runs.",
    "La commande à exécuter, par ex. `python train.py --lr ${{inputs.lr}}` ; `${{inputs.NOM}}` et `${{outputs.NOM}}` sont remplacés par des chemins ou des valeurs à l'exécution.",
)
CODE_DOC = Doc(
    "The source code folder, uploaded with the job: a local path (relative to this file), a URL, a git URL or a registered code asset (`azureml:name:version`).",
    "Le dossier du code source, envoyé avec le travail : un chemin local (relatif à ce fichier), une URL, une URL git ou une ressource de code enregistrée (`azureml:nom:version`).",
)
INPUTS_DOC = Doc(
    "The job's inputs, by name: literals (numbers, text, booleans) or data and models with a `type` and a `path`; the command refers to them as `${{inputs.NAME}}`.",
    "Les entrées du travail, par nom : des littéraux (nombres, texte, booléens) ou des données et modèles avec un `type` et un `path` ; la commande y fait référence par `${{inputs.NOM}}`.",
)
OUTPUTS_DOC = Doc(
    "The job's outputs, by name; the command refers to them as `${{outputs.NAME}}`. An empty value takes the defaults (a `uri_folder` in the default datastore).",
    "Les sorties du travail, par nom ; la commande y fait référence par `${{outputs.NOM}}`. Une valeur vide prend les valeurs par défaut (un `uri_folder` dans le magasin par défaut).",
)
RESOURCES_DOC = Doc("The compute resources the job uses.", "Les ressources de calcul utilisées par le travail.")
QUEUE_SETTINGS_DOC = Doc(
    "How the job is queued on serverless compute (tier and priority).",
    "Comment le travail est mis en file d'attente sur le calcul serverless (niveau et priorité).",
)

INPUTS = MapOf(INPUT, "input name")
# An empty output (`model:`) takes the defaults.
OUTPUTS = MapOf(Obj(Output), "output name", nullable=True)


class CommandFields(Entity):
    """What a command runs with: shared by the command job, a sweep's trial and a pipeline's
    command step."""

    ORDER = ("code", "command", "environment", "environment_variables", "resources", "distribution", "queue_settings")

    command = Field(Str(), COMMAND_DOC, required=True)
    code = Field(CODE, CODE_DOC)
    environment = Field(ENVIRONMENT, ENVIRONMENT_DOC, required=True)
    environment_variables = Field(ENVIRONMENT_VARIABLES, ENVIRONMENT_VARIABLES_DOC)
    resources = Field(Obj(JobResources), RESOURCES_DOC)
    distribution = Field(DISTRIBUTION, DISTRIBUTION_DOC)
    queue_settings = Field(Obj(QueueSettings), QUEUE_SETTINGS_DOC)


class Trial(CommandFields):
    DOC = Doc(
        "The command each trial of a sweep runs; `${{search_space.NAME}}` gives it the sampled values.",
        "La commande qu'exécute chaque essai d'un balayage ; `${{search_space.NOM}}` lui donne les valeurs tirées.",
    )
    LABEL = "a trial"


class CommandJob(Job, CommandFields):
    DOC = Doc(
        "A command job: runs a command (a script, a program) in an environment on a compute target.",
        "Un travail de commande : exécute une commande (un script, un programme) dans un environnement sur une cible de calcul.",
    )
    TYPE = "command"
    ORDER = (
        "$schema", "type", "name", "display_name", "experiment_name", "description", "tags", "properties",
        "code", "command", "environment", "environment_variables", "compute", "resources", "distribution",
        "limits", "queue_settings", "identity", "inputs", "outputs", "services",
    )
    type = Field(Enum("command"), Job.type.doc, frozen=True)
    inputs = Field(INPUTS, INPUTS_DOC)
    outputs = Field(OUTPUTS, OUTPUTS_DOC)
    limits = Field(Obj(CommandJobLimits), Doc("Limits of the job (its timeout).", "Les limites du travail (son délai d'expiration)."))
    parent_job_name = Field(Str(), Doc("The name of the parent job, when this job is a child.", "Le nom du travail parent, lorsque ce travail est un enfant."))
    parameters = Field(
        MapOf(Any_()),
        Doc("Parameters recorded by the service.", "Les paramètres enregistrés par le service."),
        read_only=True,
    )
