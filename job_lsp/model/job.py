"""`Job`, the base of every job, its status values, and the fields every job type shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..names import odd_character
from ..yamldoc import ERROR, key_nodes, lookup
from .common import IDENTITY, IDENTITY_DOC, SERVICES, SERVICES_DOC, CreationContext
from .entity import FileEntity
from .fields import Doc, Enum, Field, MapOf, Obj, Str

IO_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\Z")
IO_NAME_FORM = "ASCII letters, digits and `_`, not starting with a digit"

STATUS_DOCS: dict[str, Doc] = {
    "NotStarted": Doc(
        "Not yet submitted: the state of a job object on the client before it reaches the cloud.",
        "Pas encore soumis : l'état d'un objet travail côté client, avant son envoi au cloud.",
    ),
    "Starting": Doc(
        "The cloud has begun processing the job; it already has a run ID.",
        "Le cloud a commencé à traiter le travail ; il a déjà un identifiant d'exécution.",
    ),
    "Provisioning": Doc(
        "On-demand compute is being created for this job.",
        "Le calcul à la demande est en cours de création pour ce travail.",
    ),
    "Preparing": Doc(
        "The run environment is being prepared: a Docker image build or a conda environment setup.",
        "L'environnement d'exécution est en préparation : construction d'une image Docker ou d'un environnement conda.",
    ),
    "Queued": Doc(
        "The job waits on the compute target, for example until every requested node is ready.",
        "Le travail attend sur la cible de calcul, par exemple que tous les nœuds demandés soient prêts.",
    ),
    "Running": Doc(
        "The job has started running on the compute target.",
        "Le travail a commencé à s'exécuter sur la cible de calcul.",
    ),
    "Finalizing": Doc(
        "The user code has finished; the run is in its post-processing stage.",
        "Le code de l'utilisateur est terminé ; l'exécution est en phase de post-traitement.",
    ),
    "CancelRequested": Doc(
        "Cancellation of the job has been requested.",
        "L'annulation du travail a été demandée.",
    ),
    "Completed": Doc(
        "The run finished successfully, user code and post-processing included.",
        "L'exécution s'est terminée avec succès, code utilisateur et post-traitement compris.",
    ),
    "Failed": Doc(
        "The run failed; its error property usually says why.",
        "L'exécution a échoué ; sa propriété d'erreur en donne en général la raison.",
    ),
    "Canceled": Doc(
        "The run was canceled, after a cancellation request.",
        "L'exécution a été annulée, à la suite d'une demande d'annulation.",
    ),
    "NotResponding": Doc(
        "The run has heartbeats enabled and none was sent recently.",
        "Les pulsations sont activées pour l'exécution et aucune n'a été envoyée récemment.",
    ),
    "Paused": Doc(
        "The run is paused.",
        "L'exécution est en pause.",
    ),
    "Unknown": Doc(
        "The service could not tell the run's status.",
        "Le service n'a pas pu déterminer l'état de l'exécution.",
    ),
}

JOB_STATUS = Enum(*STATUS_DOCS, case_sensitive=True, docs=STATUS_DOCS)


def _current_directory_name() -> str:
    return Path.cwd().name


class Job(FileEntity):
    """The base of every Azure ML job. Never instantiated: use a subclass."""

    DOC = Doc(
        "An Azure Machine Learning job: work submitted to run on a compute target.",
        "Un travail Azure Machine Learning : une tâche soumise pour s'exécuter sur une cible de calcul.",
    )
    KWARGS = True
    # The value of `type:` that selects this class; None for abstract bases.
    TYPE: ClassVar[str | None] = None
    # False for job classes that only exist as pipeline steps.
    TOP_LEVEL: ClassVar[bool] = True

    schema = Field(
        Str(),
        Doc(
            "The JSON Schema of the file, for editors; Azure ML ignores it.",
            "Le schéma JSON du fichier, pour les éditeurs ; Azure ML l'ignore.",
        ),
        key="$schema",
    )
    type = Field(
        Enum("command"),
        Doc(
            "The type of the job; it decides which other keys are allowed.",
            "Le type du travail ; il détermine les autres clés autorisées.",
        ),
        frozen=True,
    )
    name = Field(
        Str(name=True),
        Doc(
            "The name of the job, unique in the workspace. Generated when omitted.",
            "Le nom du travail, unique dans l'espace de travail. Généré s'il est omis.",
        ),
    )
    display_name = Field(
        Str(),
        Doc("The name shown for the job in the studio.", "Le nom affiché pour le travail dans le studio."),
    )
    experiment_name = Field(
        Str(name=True),
        Doc(
            "The experiment the job is filed under.",
            "L'expérience sous laquelle le travail est classé.",
        ),
        default_factory=_current_directory_name,
        default_doc=Doc("the name of the current directory", "le nom du répertoire courant"),
    )
    description = Field(Str(), Doc("A description of the job.", "Une description du travail."))
    tags = Field(
        MapOf(Str(), "tag name", nullable=True),
        Doc(
            "Tags: name/value pairs that can be added, removed and updated after submission.",
            "Des balises : paires nom/valeur qui peuvent être ajoutées, supprimées et modifiées après la soumission.",
        ),
    )
    properties = Field(
        MapOf(Str(), "property name", nullable=True),
        Doc(
            "Job properties: name/value pairs fixed at submission.",
            "Les propriétés du travail : paires nom/valeur fixées à la soumission.",
        ),
    )
    compute = Field(
        Str(examples=("azureml:cpu-cluster",), name=True),
        Doc(
            "The compute target the job runs on, e.g. `azureml:cpu-cluster`; omitted means serverless compute.",
            "La cible de calcul sur laquelle le travail s'exécute, par ex. `azureml:cpu-cluster` ; omise, le calcul serverless est utilisé.",
        ),
    )

    identity = Field(IDENTITY, IDENTITY_DOC)
    services = Field(SERVICES, SERVICES_DOC)

    # --- read-only: the service sets these --------------------------------------------
    id = Field(
        Str(),
        Doc("The ARM (Azure Resource Manager) ID of the job.", "L'identifiant ARM (Azure Resource Manager) du travail."),
        read_only=True,
    )
    status = Field(
        JOB_STATUS,
        Doc("The status of the job.", "L'état du travail."),
        read_only=True,
    )
    creation_context = Field(
        Obj(CreationContext),
        Doc(
            "Who created the job and when (creation metadata).",
            "Qui a créé le travail et quand (métadonnées de création).",
        ),
        read_only=True,
    )
    log_files = Field(
        MapOf(Str(), "log name"),
        Doc("The job's log files: log name to URL.", "Les fichiers journaux du travail : nom du journal vers URL."),
        read_only=True,
    )
    studio_url = Field(
        Str(),
        Doc("The URL of the job's page in Azure ML studio.", "L'URL de la page du travail dans Azure ML studio."),
        read_only=True,
        yaml=False,
    )

    def __init__(self, **kwargs: Any) -> None:
        if type(self) is Job or type(self).TYPE is None:
            raise TypeError(f"{type(self).__name__} cannot be instantiated directly: use a job type such as CommandJob")
        super().__init__(**kwargs)
        self._values["type"] = type(self).TYPE

    @classmethod
    def label(cls) -> str:
        return cls.LABEL or f"a {cls.TYPE} job"

    # The names azure-ai-ml takes for a job's own inputs and outputs: it refuses others when
    # the job is created ("Key name ... must be composed letters, numbers, and underscore").
    # A pipeline's inputs may be dotted (parameter groups). Steps' names are not checked.
    INPUT_NAME: ClassVar[re.Pattern[str]] = IO_NAME
    INPUT_NAME_FORM: ClassVar[str] = IO_NAME_FORM

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        for section, pattern, form in (("inputs", cls.INPUT_NAME, cls.INPUT_NAME_FORM), ("outputs", IO_NAME, IO_NAME_FORM)):
            for name, key in key_nodes(lookup(node, section)).items():
                if pattern.match(name):
                    continue
                odd = odd_character(name)
                why = f" (it has {odd[1]} at character {odd[0] + 1})" if odd else ""
                report(key, ERROR, "invalid-value", f"{section[:-1].capitalize()} name `{name}` must be {form}{why}: azure-ai-ml refuses it when the job is created")

    def validate(self, folder: str | Path | None = None) -> list[JobProblem]:
        """The problems `job-lsp check` would report in the file `dump` writes (errors and
        warnings), each at a key path; empty when there is none. Local paths are relative to
        `folder` (default: `base_path` for a loaded job, else the current folder)."""
        from ..serialize import job_problems  # lazy: the declared exception of the layers (pyproject.toml)

        return job_problems(self, folder)


@dataclass(frozen=True)
class JobProblem:
    """What `Job.validate()` finds: a diagnostic code (as `job-lsp check` reports it), its
    severity ("error" or "warning"), the message, and where: the keys and list indexes from
    the top of the job (`("inputs", "data", "mode")`; `()` for the job itself)."""

    code: str
    severity: str
    message: str
    path: tuple[str | int, ...]
