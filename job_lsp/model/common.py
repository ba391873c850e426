"""Types shared by several job types: inputs and outputs, environment, resources,
distribution, identity, queue settings, limits, services, creation context.

Facts (keys, enums, which fields are required or read-only) follow what azure-ai-ml 1.35
accepts when it loads a job file; the texts are our own.
"""

from __future__ import annotations

from typing import Any

from ..yamldoc import entries, key_text
from .entity import Entity
from .fields import Any_, Bool, Doc, Enum, Field, Float, Int, ListOf, LocalPath, MapOf, Obj, Str, Union

# --- references -----------------------------------------------------------------------------

# `azureml:name:version`, `azureml:name@latest`, `azureml://registries/...`, `file:other.yml`
# (the definition is read from that file), or a binding.
AZUREML_REF = r"^(azureml:.+|file:.+|\$\{\{.*\}\})"

# Azure ML refuses a registered code asset without its version (`azureml:my-code`) and git
# URLs ("Git paths are not supported").
CODE = LocalPath(
    examples=("./src", "azureml:my-code:1", "https://example.com/code.zip"),
    pattern=r"^(?!azureml:[^:@/]+$)(?!git\+)",
    form="a local folder, a URL or a registered code asset with its version (`azureml:my-code:1`); not `azureml:NAME` without a version, nor a git URL",
)
COMPUTE = Str(examples=("azureml:cpu-cluster", "local"), name=True)

INSTANCE_COUNT = Int(minimum=1)


# --- inputs -----------------------------------------------------------------------------------

INPUT_MODE_DOC = Doc(
    "How the input reaches the compute: `ro_mount` mounts it read-only, `download` copies it first, `direct` passes its URI for your code to read.",
    "Comment l'entrée parvient au calcul : `ro_mount` la monte en lecture seule, `download` la copie d'abord, `direct` transmet son URI à votre code.",
)
INPUT_PATH_DOC = Doc(
    "Where the data is: a local path (uploaded on submission), a datastore or cloud URI (`azureml://datastores/...`, `https://...`, `wasbs://...`), or a registered asset (`azureml:name:version`).",
    "Où se trouvent les données : un chemin local (envoyé à la soumission), une URI de magasin de données ou du cloud (`azureml://datastores/...`, `https://...`, `wasbs://...`), ou une ressource enregistrée (`azureml:nom:version`).",
)
DATASTORE_DOC = Doc(
    "The datastore a local path is uploaded to (the workspace's default one when omitted).",
    "Le magasin de données où un chemin local est envoyé (celui par défaut de l'espace de travail s'il est omis).",
)
PATH_ON_COMPUTE_DOC = Doc(
    "Where the data appears on the compute, instead of a generated path.",
    "L'emplacement des données sur le calcul, au lieu d'un chemin généré.",
)


class InputBase(Entity):
    DOC = Doc("An input of the job.", "Une entrée du travail.")
    LABEL = "an input"
    ORDER = ("type", "path", "mode")
    # Azure ML uploads a local input path on submission but does not check it when loading.
    path = Field(LocalPath(missing="warning"), INPUT_PATH_DOC)
    datastore = Field(Str(name=True), DATASTORE_DOC)


class DataInput(InputBase):
    DOC = Doc(
        "A data input: a single file (`uri_file`) or a folder (`uri_folder`).",
        "Une entrée de données : un fichier unique (`uri_file`) ou un dossier (`uri_folder`).",
    )
    LABEL = "a data input"
    type = Field(
        Enum(
            "uri_folder",
            "uri_file",
            docs={
                "uri_file": Doc("A single file.", "Un fichier unique."),
                "uri_folder": Doc("A folder.", "Un dossier."),
            },
        ),
        Doc("The type of the input.", "Le type de l'entrée."),
        default="uri_folder",
    )
    mode = Field(Enum("ro_mount", "download", "direct"), INPUT_MODE_DOC, default="ro_mount")
    path_on_compute = Field(LocalPath(), PATH_ON_COMPUTE_DOC)


class ModelInput(InputBase):
    DOC = Doc(
        "A model input, in MLflow, Triton or a custom format.",
        "Une entrée de modèle, au format MLflow, Triton ou personnalisé.",
    )
    LABEL = "a model input"
    type = Field(
        Enum(
            "mlflow_model",
            "custom_model",
            "triton_model",
            docs={
                "mlflow_model": Doc("A model in MLflow format.", "Un modèle au format MLflow."),
                "custom_model": Doc("A model in a format of your own.", "Un modèle dans un format qui vous est propre."),
                "triton_model": Doc("A model laid out for NVIDIA Triton.", "Un modèle organisé pour NVIDIA Triton."),
            },
        ),
        Doc("The type of the input.", "Le type de l'entrée."),
        required=True,
    )
    mode = Field(Enum("ro_mount", "download", "direct"), INPUT_MODE_DOC, default="ro_mount")


class MLTableInput(InputBase):
    DOC = Doc(
        "A table input: a folder holding an `MLTable` file that says how to read the data.",
        "Une entrée tabulaire : un dossier contenant un fichier `MLTable` qui décrit la lecture des données.",
    )
    LABEL = "a table input"
    type = Field(
        Enum("mltable", docs={"mltable": Doc("A table described by an MLTable file.", "Une table décrite par un fichier MLTable.")}),
        Doc("The type of the input.", "Le type de l'entrée."),
        required=True,
    )
    mode = Field(
        Enum("ro_mount", "download", "direct", "eval_mount", "eval_download"),
        Doc(
            "How the table reaches the compute; `eval_mount` and `eval_download` also evaluate the MLTable first.",
            "Comment la table parvient au calcul ; `eval_mount` et `eval_download` évaluent aussi la MLTable d'abord.",
        ),
        default="ro_mount",
    )
    path_on_compute = Field(LocalPath(), PATH_ON_COMPUTE_DOC)


class LiteralInput(Entity):
    DOC = Doc(
        "A literal input written as a mapping: `{value: 0.01}`.",
        "Une entrée littérale écrite comme un mappage : `{value: 0.01}`.",
    )
    LABEL = "a literal input"
    TAGS = ("literal",)
    value = Field(
        Union(Str(), Bool(), Int(bits=64), Float()),
        Doc("The value of the input.", "La valeur de l'entrée."),
    )


INPUT_OBJECT = Union(
    Obj(DataInput),
    Obj(ModelInput),
    Obj(MLTableInput),
    Obj(LiteralInput),
    discriminator="type",
    default="uri_folder",
    when_absent={"value": "literal"},
)

# A job input: a literal (number, text, boolean) or a mapping with a `type`.
INPUT = Union(INPUT_OBJECT, Bool(), Int(bits=64), Float(), Str())


# --- outputs ----------------------------------------------------------------------------------

OUTPUT_TYPE_DOCS = {
    "uri_folder": Doc("A folder.", "Un dossier."),
    "uri_file": Doc("A single file.", "Un fichier unique."),
    "mltable": Doc("A table described by an MLTable file.", "Une table décrite par un fichier MLTable."),
    "mlflow_model": Doc("A model in MLflow format.", "Un modèle au format MLflow."),
    "custom_model": Doc("A model in a format of your own.", "Un modèle dans un format qui vous est propre."),
    "triton_model": Doc("A model laid out for NVIDIA Triton.", "Un modèle organisé pour NVIDIA Triton."),
}


class Output(Entity):
    DOC = Doc(
        "An output of the job: where it writes its results.",
        "Une sortie du travail : l'endroit où il écrit ses résultats.",
    )
    LABEL = "an output"
    type = Field(
        Enum(*OUTPUT_TYPE_DOCS, docs=OUTPUT_TYPE_DOCS),
        Doc("The type of the output.", "Le type de la sortie."),
        default="uri_folder",
    )
    path = Field(
        Str(examples=("azureml://datastores/workspaceblobstore/paths/out/",)),
        Doc(
            "Where the output is written (a datastore URI); a default location when omitted.",
            "L'endroit où la sortie est écrite (une URI de magasin de données) ; un emplacement par défaut s'il est omis.",
        ),
    )
    mode = Field(
        Enum("rw_mount", "upload", "mount", "direct"),
        Doc(
            "How the output leaves the compute: `rw_mount` mounts it read-write, `upload` copies it at the end, `direct` passes its URI.",
            "Comment la sortie quitte le calcul : `rw_mount` la monte en lecture-écriture, `upload` la copie à la fin, `direct` transmet son URI.",
        ),
        default="rw_mount",
    )
    name = Field(
        Str(),
        Doc("Register the output as a data or model asset of this name.", "Enregistre la sortie comme ressource de données ou de modèle de ce nom."),
    )
    version = Field(
        Str(accepts_numbers=True),
        Doc("The version of the registered asset (with `name`).", "La version de la ressource enregistrée (avec `name`)."),
    )

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        keys = {key_text(k): k for k, _ in entries(node)}
        if "version" in keys and "name" not in keys:
            report(keys["version"], "error", "missing-required", "An output with a `version` needs a `name`: the version is that of the asset registered under this name")


# --- environment ------------------------------------------------------------------------------


class BuildContext(Entity):
    DOC = Doc(
        "A Docker build context: the environment's image is built from it.",
        "Un contexte de construction Docker : l'image de l'environnement est construite à partir de lui.",
    )
    LABEL = "a build context"
    path = Field(
        LocalPath(folder=True),
        Doc("The local folder (or URL) of the Docker build context.", "Le dossier local (ou l'URL) du contexte de construction Docker."),
    )
    dockerfile_path = Field(
        Str(),
        Doc("The Dockerfile, relative to `path`.", "Le Dockerfile, relatif à `path`."),
        default="Dockerfile",
    )


class Route(Entity):
    DOC = Doc("An HTTP route of an inference server.", "Une route HTTP d'un serveur d'inférence.")
    LABEL = "a route"
    path = Field(Str(), Doc("The URL path.", "Le chemin de l'URL."))
    port = Field(Int(), Doc("The port.", "Le port."))


class InferenceConfig(Entity):
    DOC = Doc("The routes of an inference server image.", "Les routes d'une image de serveur d'inférence.")
    LABEL = "an inference configuration"
    liveness_route = Field(Obj(Route), Doc("The route that says the server is alive.", "La route qui indique que le serveur est vivant."), required=True)
    readiness_route = Field(Obj(Route), Doc("The route that says the server is ready.", "La route qui indique que le serveur est prêt."), required=True)
    scoring_route = Field(Obj(Route), Doc("The route that scores requests.", "La route qui traite les requêtes de scoring."), required=True)


class AutoDeleteSetting(Entity):
    DOC = Doc("When the asset is deleted automatically.", "Quand la ressource est supprimée automatiquement.")
    LABEL = "an auto-delete setting"
    condition = Field(
        Enum("created_greater_than", "last_accessed_greater_than", camel=True),
        Doc("What the delay counts from.", "Ce à partir de quoi le délai est compté."),
    )
    value = Field(Str(), Doc("The delay, e.g. a date.", "Le délai, par exemple une date."))


class CreationContext(Entity):
    DOC = Doc("Who created the resource, and when.", "Qui a créé la ressource, et quand.")
    LABEL = "a creation context"
    created_at = Field(Str(), Doc("When it was created.", "Quand elle a été créée."))
    created_by = Field(Str(), Doc("Who created it.", "Qui l'a créée."))
    created_by_type = Field(Str(), Doc("The kind of identity that created it.", "Le type d'identité qui l'a créée."))
    last_modified_at = Field(Str(), Doc("When it was last modified.", "Quand elle a été modifiée pour la dernière fois."))
    last_modified_by = Field(Str(), Doc("Who last modified it.", "Qui l'a modifiée en dernier."))
    last_modified_by_type = Field(Str(), Doc("The kind of identity that last modified it.", "Le type d'identité qui l'a modifiée en dernier."))


class Environment(Entity):
    DOC = Doc(
        "An environment defined in the job file: a Docker image, optionally with a conda file, or a Docker build context.",
        "Un environnement défini dans le fichier du travail : une image Docker, éventuellement avec un fichier conda, ou un contexte de construction Docker.",
    )
    LABEL = "an inline environment"
    name = Field(Str(), Doc("A name for the environment (ignored for an anonymous one).", "Un nom pour l'environnement (ignoré s'il est anonyme)."))
    version = Field(Str(accepts_numbers=True), Doc("A version for the environment.", "Une version pour l'environnement."))
    description = Field(Str(), Doc("A description of the environment.", "Une description de l'environnement."))
    tags = Field(MapOf(Any_(), "tag name"), Doc("Tags of the environment.", "Les balises de l'environnement."))
    image = Field(
        Str(examples=("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest",)),
        Doc("The Docker image the job runs in.", "L'image Docker dans laquelle le travail s'exécute."),
    )
    conda_file = Field(
        Union(LocalPath(folder=False), MapOf(Any_())),
        Doc(
            "A conda environment file (a local path), or its content inline, installed on top of `image`.",
            "Un fichier d'environnement conda (un chemin local), ou son contenu en ligne, installé par-dessus `image`.",
        ),
    )
    build = Field(
        Obj(BuildContext),
        Doc("Build the image from a Docker build context instead of using `image`.", "Construire l'image à partir d'un contexte Docker au lieu d'utiliser `image`."),
    )
    os_type = Field(Enum("linux", "windows"), Doc("The operating system of the image.", "Le système d'exploitation de l'image."), default="linux")
    inference_config = Field(Obj(InferenceConfig), Doc("Routes of an inference server image.", "Les routes d'une image de serveur d'inférence."))
    datastore = Field(Str(name=True), DATASTORE_DOC)
    auto_delete_setting = Field(Obj(AutoDeleteSetting), Doc("When the environment is deleted automatically.", "Quand l'environnement est supprimé automatiquement."))
    id = Field(Str(), Doc("The ARM ID of the environment.", "L'identifiant ARM de l'environnement."), read_only=True)
    creation_context = Field(Obj(CreationContext), Doc("Who created the environment, and when.", "Qui a créé l'environnement, et quand."), read_only=True)
    latest_version = Field(Str(), Doc("The latest version of the environment.", "La dernière version de l'environnement."), read_only=True)
    intellectual_property = Field(Any_(), Doc("Intellectual property settings of a registry asset.", "Paramètres de propriété intellectuelle d'une ressource de registre."), read_only=True)


ENVIRONMENT_REF = Str(
    name=True,
    pattern=AZUREML_REF,
    form="a registered environment (`azureml:NAME:VERSION` or `azureml:NAME@latest`), `file:PATH.yml`, or an inline mapping with `image`",
    examples=("azureml:AzureML-sklearn-1.5@latest", "azureml:my-env:1"),
)
# `azureml:name:version`, `azureml:name@latest`, a registry reference, or an inline definition.
ENVIRONMENT = Union(ENVIRONMENT_REF, Obj(Environment))
ENVIRONMENT_DOC = Doc(
    "The environment the job runs in: a registered one (`azureml:name:version` or `azureml:name@latest`) or one defined here (`image`, `conda_file`, `build`).",
    "L'environnement dans lequel le travail s'exécute : un environnement enregistré (`azureml:nom:version` ou `azureml:nom@latest`) ou défini ici (`image`, `conda_file`, `build`).",
)


# --- resources, distribution, limits, queue settings -----------------------------------------


class JobResources(Entity):
    DOC = Doc("The compute resources the job uses.", "Les ressources de calcul utilisées par le travail.")
    LABEL = "resources"
    instance_count = Field(
        INSTANCE_COUNT,
        Doc("How many nodes (instances) the job runs on.", "Le nombre de nœuds (instances) sur lesquels le travail s'exécute."),
        default=1,
    )
    instance_type = Field(
        Str(examples=("Standard_DS3_v2", "Standard_NC6s_v3"), name=True),
        Doc(
            "The VM size, for serverless compute or a Kubernetes instance type.",
            "La taille de VM, pour le calcul serverless ou un type d'instance Kubernetes.",
        ),
    )
    shm_size = Field(
        Str(pattern=r"^\d+[bkmgBKMG]?$", examples=("2g",), form="a size such as `2g`, `512m` or `1024k`"),
        Doc("The size of the Docker container's shared memory (`/dev/shm`), e.g. `2g`.", "La taille de la mémoire partagée du conteneur Docker (`/dev/shm`), par ex. `2g`."),
        default="2g",
    )
    docker_args = Field(
        Union(Str(), ListOf(Str())),
        Doc("Extra arguments for `docker run`.", "Des arguments supplémentaires pour `docker run`."),
    )
    max_instance_count = Field(
        INSTANCE_COUNT,
        Doc("The most nodes an elastic training job may use.", "Le nombre maximal de nœuds qu'un entraînement élastique peut utiliser."),
    )
    locations = Field(ListOf(Str()), Doc("Azure regions the job may run in.", "Les régions Azure où le travail peut s'exécuter."))
    properties = Field(MapOf(Any_(), "property name", nullable=True), Doc("Extra resource properties.", "Des propriétés de ressources supplémentaires."))


PROCESS_COUNT_DOC = Doc(
    "How many processes run on each node (usually one per GPU).",
    "Le nombre de processus lancés sur chaque nœud (en général un par GPU).",
)


class PyTorchDistribution(Entity):
    DOC = Doc("Distributed PyTorch training (torch.distributed).", "Entraînement PyTorch distribué (torch.distributed).")
    LABEL = "a PyTorch distribution"
    type = Field(Enum("pytorch"), Doc("The distribution type.", "Le type de distribution."), required=True)
    process_count_per_instance = Field(Int(minimum=1), PROCESS_COUNT_DOC, default=1)


class MPIDistribution(Entity):
    DOC = Doc("Distributed training over MPI (e.g. Horovod, DeepSpeed).", "Entraînement distribué sur MPI (par ex. Horovod, DeepSpeed).")
    LABEL = "an MPI distribution"
    type = Field(Enum("mpi"), Doc("The distribution type.", "Le type de distribution."), required=True)
    process_count_per_instance = Field(Int(minimum=1), PROCESS_COUNT_DOC, default=1)


class TensorFlowDistribution(Entity):
    DOC = Doc("Distributed TensorFlow training.", "Entraînement TensorFlow distribué.")
    LABEL = "a TensorFlow distribution"
    type = Field(Enum("tensorflow"), Doc("The distribution type.", "Le type de distribution."), required=True)
    worker_count = Field(Int(minimum=0), Doc("How many workers run (one node each by default).", "Le nombre de workers lancés (un par nœud par défaut)."))
    parameter_server_count = Field(Int(minimum=0), Doc("How many parameter servers run.", "Le nombre de serveurs de paramètres lancés."), default=0)


class RayDistribution(Entity):
    DOC = Doc("A Ray cluster across the job's nodes (experimental).", "Un cluster Ray sur les nœuds du travail (expérimental).")
    LABEL = "a Ray distribution"
    type = Field(Enum("ray"), Doc("The distribution type.", "Le type de distribution."), required=True)
    port = Field(Int(), Doc("The port of the Ray head node.", "Le port du nœud principal Ray."))
    address = Field(Str(), Doc("The address of an existing Ray head node.", "L'adresse d'un nœud principal Ray existant."))
    include_dashboard = Field(Bool(), Doc("Whether to start the Ray dashboard.", "Indique s'il faut démarrer le tableau de bord Ray."))
    dashboard_port = Field(Int(), Doc("The port of the Ray dashboard.", "Le port du tableau de bord Ray."))
    head_node_additional_args = Field(Str(), Doc("Extra arguments for `ray start` on the head node.", "Des arguments supplémentaires pour `ray start` sur le nœud principal."))
    worker_node_additional_args = Field(Str(), Doc("Extra arguments for `ray start` on worker nodes.", "Des arguments supplémentaires pour `ray start` sur les nœuds de travail."))


DISTRIBUTION = Union(
    Obj(PyTorchDistribution),
    Obj(MPIDistribution),
    Obj(TensorFlowDistribution),
    Obj(RayDistribution),
    discriminator="type",
)
DISTRIBUTION_DOC = Doc(
    "How a multi-node or multi-process job is launched: `pytorch`, `mpi`, `tensorflow` or `ray`.",
    "Comment un travail multi-nœuds ou multi-processus est lancé : `pytorch`, `mpi`, `tensorflow` ou `ray`.",
)


class CommandJobLimits(Entity):
    DOC = Doc("Limits of a command job.", "Les limites d'un travail de commande.")
    LABEL = "limits"
    timeout = Field(
        Int(minimum=1, unit="seconds"),
        Doc("The most seconds the job may run before it is canceled.", "Le nombre maximal de secondes d'exécution avant l'annulation du travail."),
    )


class QueueSettings(Entity):
    DOC = Doc("How the job is queued on serverless compute.", "Comment le travail est mis en file d'attente sur le calcul serverless.")
    LABEL = "queue settings"
    job_tier = Field(
        Enum(
            "spot",
            "basic",
            "standard",
            "premium",
            "null",
            docs={
                "spot": Doc("Cheapest, may be preempted.", "Le moins cher, peut être préempté."),
                "basic": Doc("Low priority.", "Faible priorité."),
                "standard": Doc("Standard priority.", "Priorité standard."),
                "premium": Doc("Highest priority.", "Priorité la plus haute."),
                "null": Doc("No tier.", "Aucun niveau."),
            },
        ),
        Doc("The service tier of the job.", "Le niveau de service du travail."),
    )
    priority = Field(Enum("low", "medium", "high"), Doc("The priority of the job within its tier.", "La priorité du travail dans son niveau."))


# --- identity ---------------------------------------------------------------------------------


class ManagedIdentity(Entity):
    DOC = Doc("Run as a managed identity of the compute.", "S'exécuter avec une identité managée du calcul.")
    LABEL = "a managed identity"
    type = Field(Enum("managed", "managed_identity", camel=True), Doc("The identity type.", "Le type d'identité."), required=True)
    client_id = Field(Str(), Doc("The client ID of a user-assigned identity.", "L'ID client d'une identité affectée par l'utilisateur."))
    object_id = Field(Str(), Doc("The object ID of a user-assigned identity.", "L'ID d'objet d'une identité affectée par l'utilisateur."))
    msi_resource_id = Field(Str(), Doc("The ARM resource ID of a user-assigned identity.", "L'ID de ressource ARM d'une identité affectée par l'utilisateur."))


class AMLTokenIdentity(Entity):
    DOC = Doc("Run with an Azure ML token scoped to the workspace.", "S'exécuter avec un jeton Azure ML limité à l'espace de travail.")
    LABEL = "an AML token identity"
    type = Field(Enum("aml_token", camel=True), Doc("The identity type.", "Le type d'identité."), required=True)


class UserIdentity(Entity):
    DOC = Doc("Run as the identity of the user who submits the job.", "S'exécuter avec l'identité de l'utilisateur qui soumet le travail.")
    LABEL = "a user identity"
    type = Field(Enum("user_identity", camel=True), Doc("The identity type.", "Le type d'identité."), required=True)


IDENTITY = Union(Obj(UserIdentity), Obj(ManagedIdentity), Obj(AMLTokenIdentity), discriminator="type")
IDENTITY_DOC = Doc(
    "The identity the job uses to reach data: `user_identity`, `managed` or `aml_token`.",
    "L'identité qu'utilise le travail pour accéder aux données : `user_identity`, `managed` ou `aml_token`.",
)


# --- services ---------------------------------------------------------------------------------

SERVICE_TYPE_DOCS = {
    "jupyter_lab": Doc("JupyterLab in the job's container.", "JupyterLab dans le conteneur du travail."),
    "ssh": Doc("SSH access to the job's container.", "Un accès SSH au conteneur du travail."),
    "tensor_board": Doc("TensorBoard over the job's logs.", "TensorBoard sur les journaux du travail."),
    "vs_code": Doc("VS Code attached to the job's container.", "VS Code attaché au conteneur du travail."),
    "custom": Doc("A service of your own, on a port you choose.", "Un service à vous, sur un port de votre choix."),
}


class JobService(Entity):
    """An interactive service reachable while the job runs. Base of the typed services; this
    class itself is a custom service (any `type`)."""

    DOC = Doc(
        "A service reachable while the job runs (JupyterLab, SSH, TensorBoard, VS Code, or your own).",
        "Un service accessible pendant l'exécution du travail (JupyterLab, SSH, TensorBoard, VS Code, ou le vôtre).",
    )
    LABEL = "a service"
    TAGS = ("custom",)
    type = Field(
        Str(examples=tuple(SERVICE_TYPE_DOCS)),
        Doc(
            "The kind of service: `jupyter_lab`, `ssh`, `tensor_board`, `vs_code`, or any other name for a custom one.",
            "Le type de service : `jupyter_lab`, `ssh`, `tensor_board`, `vs_code`, ou tout autre nom pour un service personnalisé.",
        ),
    )
    port = Field(Int(minimum=1, maximum=65535), Doc("The port the service listens on in the container.", "Le port d'écoute du service dans le conteneur."))
    nodes = Field(
        Str(examples=("all",)),
        Doc("Which nodes run the service: `all` for every node; the first node when omitted.", "Les nœuds qui exécutent le service : `all` pour tous ; le premier nœud s'il est omis."),
    )
    properties = Field(MapOf(Any_(), "property name", nullable=True), Doc("Extra properties of the service.", "Des propriétés supplémentaires du service."))
    endpoint = Field(Str(), Doc("The URL of the service, once it runs.", "L'URL du service, une fois lancé."), read_only=True)
    status = Field(Str(), Doc("The status of the service.", "L'état du service."), read_only=True)
    error_message = Field(Str(), Doc("Why the service failed, if it did.", "La raison de l'échec du service, le cas échéant."), read_only=True)


class JupyterLabService(JobService):
    DOC = Doc("JupyterLab in the job's container.", "JupyterLab dans le conteneur du travail.")
    LABEL = "a JupyterLab service"
    TAGS = ()
    type = Field(Enum("jupyter_lab"), JobService.type.doc, required=True)


class SshService(JobService):
    DOC = Doc("SSH access to the job's container.", "Un accès SSH au conteneur du travail.")
    LABEL = "an SSH service"
    TAGS = ()
    type = Field(Enum("ssh"), JobService.type.doc, required=True)
    ssh_public_keys = Field(
        Str(),
        Doc("The SSH public key(s) allowed to log in.", "La ou les clés publiques SSH autorisées à se connecter."),
    )


class TensorBoardService(JobService):
    DOC = Doc("TensorBoard over the job's logs.", "TensorBoard sur les journaux du travail.")
    LABEL = "a TensorBoard service"
    TAGS = ()
    type = Field(Enum("tensor_board"), JobService.type.doc, required=True)
    log_dir = Field(Str(), Doc("The folder of TensorBoard logs to show.", "Le dossier des journaux TensorBoard à afficher."))


class VsCodeService(JobService):
    DOC = Doc("VS Code attached to the job's container.", "VS Code attaché au conteneur du travail.")
    LABEL = "a VS Code service"
    TAGS = ()
    type = Field(Enum("vs_code"), JobService.type.doc, required=True)


SERVICE = Union(
    Obj(JupyterLabService),
    Obj(SshService),
    Obj(TensorBoardService),
    Obj(VsCodeService),
    Obj(JobService),
    discriminator="type",
    default="custom",
    open_tag=True,
)
SERVICES = MapOf(SERVICE, "service name")
SERVICES_DOC = Doc(
    "Interactive services to reach while the job runs, by name: JupyterLab, SSH, TensorBoard, VS Code or your own.",
    "Des services interactifs accessibles pendant l'exécution du travail, par nom : JupyterLab, SSH, TensorBoard, VS Code ou le vôtre.",
)

# Environment variables: text values (numbers and booleans are passed as text).
ENVIRONMENT_VARIABLES = MapOf(Any_(), "variable name", nullable=True, text_keys=False)
ENVIRONMENT_VARIABLES_DOC = Doc(
    "Environment variables set in the job's container.",
    "Les variables d'environnement définies dans le conteneur du travail.",
)
