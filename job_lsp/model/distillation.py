"""The distillation job: a large teacher model, reached through an endpoint, labels or
generates training data, on which a smaller student model is then fine-tuned."""

from __future__ import annotations

from .common import CreationContext
from .entity import Entity
from .fields import Any_, Bool, Doc, Enum, Field, Float, Int, ListOf, MapOf, Obj, Str, Union
from .finetuning import OUTPUTS, TEXT_HYPERPARAMETERS, TRAINING_DATA, FoundationModelInput
from .job import Job

# --- the teacher's endpoint connection --------------------------------------------------------

CREDENTIAL_TYPE_DOC = Doc("The kind of credential.", "Le type d'identifiant.")


class PatCredential(Entity):
    DOC = Doc("A personal access token.", "Un jeton d'accès personnel.")
    LABEL = "a personal access token credential"
    type = Field(Enum("pat", camel=True), CREDENTIAL_TYPE_DOC, required=True)
    pat = Field(Str(), Doc("The token.", "Le jeton."))


class SasCredential(Entity):
    DOC = Doc("A shared access signature (SAS) token.", "Un jeton de signature d'accès partagé (SAS).")
    LABEL = "a SAS token credential"
    type = Field(Enum("sas", camel=True), CREDENTIAL_TYPE_DOC, required=True)
    sas_token = Field(Str(), Doc("The SAS token.", "Le jeton SAS."))


class UsernamePasswordCredential(Entity):
    DOC = Doc("A user name and a password.", "Un nom d'utilisateur et un mot de passe.")
    LABEL = "a user name and password credential"
    type = Field(Enum("username_password", camel=True), CREDENTIAL_TYPE_DOC, required=True)
    username = Field(Str(), Doc("The user name.", "Le nom d'utilisateur."))
    password = Field(Str(), Doc("The password.", "Le mot de passe."))


class ManagedIdentityCredential(Entity):
    DOC = Doc("A managed identity.", "Une identité managée.")
    LABEL = "a managed identity credential"
    type = Field(Enum("managed_identity", camel=True), CREDENTIAL_TYPE_DOC, required=True)
    client_id = Field(Str(), Doc("The client ID of the identity.", "L'ID client de l'identité."))
    resource_id = Field(Str(), Doc("The ARM resource ID of the identity.", "L'ID de ressource ARM de l'identité."))


class ServicePrincipalCredential(Entity):
    DOC = Doc("A Microsoft Entra service principal.", "Un principal de service Microsoft Entra.")
    LABEL = "a service principal credential"
    type = Field(Enum("service_principal", camel=True), CREDENTIAL_TYPE_DOC, required=True)
    client_id = Field(Str(), Doc("The application (client) ID.", "L'ID d'application (client)."))
    client_secret = Field(Str(), Doc("The client secret.", "Le secret client."))
    tenant_id = Field(Str(), Doc("The tenant (directory) ID.", "L'ID de locataire (annuaire)."))


class AccessKeyCredential(Entity):
    DOC = Doc("An access key pair (e.g. for Amazon S3).", "Une paire de clés d'accès (par ex. pour Amazon S3).")
    LABEL = "an access key credential"
    type = Field(Enum("access_key", camel=True), CREDENTIAL_TYPE_DOC, required=True)
    access_key_id = Field(Str(), Doc("The access key ID.", "L'ID de la clé d'accès."))
    secret_access_key = Field(Str(), Doc("The secret access key.", "La clé d'accès secrète."))


class ApiKeyCredential(Entity):
    DOC = Doc("An API key.", "Une clé d'API.")
    LABEL = "an API key credential"
    type = Field(Enum("api_key", camel=True), CREDENTIAL_TYPE_DOC, required=True)
    key = Field(Str(), Doc("The API key.", "La clé d'API."))


class AccountKeyCredential(Entity):
    DOC = Doc("A storage account key.", "Une clé de compte de stockage.")
    LABEL = "an account key credential"
    type = Field(Enum("account_key", camel=True), CREDENTIAL_TYPE_DOC, required=True)
    account_key = Field(Str(), Doc("The account key.", "La clé du compte."))


class AadCredential(Entity):
    DOC = Doc("Microsoft Entra ID (the identity of the caller).", "Microsoft Entra ID (l'identité de l'appelant).")
    LABEL = "a Microsoft Entra credential"
    type = Field(Enum("aad", camel=True), CREDENTIAL_TYPE_DOC, required=True)


class NoCredential(Entity):
    DOC = Doc("No credential.", "Aucun identifiant.")
    LABEL = "no credential"
    type = Field(Enum("none", camel=True), CREDENTIAL_TYPE_DOC, required=True)


CREDENTIALS = Union(
    Obj(PatCredential),
    Obj(SasCredential),
    Obj(UsernamePasswordCredential),
    Obj(ManagedIdentityCredential),
    Obj(ServicePrincipalCredential),
    Obj(AccessKeyCredential),
    Obj(ApiKeyCredential),
    Obj(AccountKeyCredential),
    Obj(AadCredential),
    Obj(NoCredential),
    discriminator="type",
)

WORKSPACE_CONNECTION_DOCS = {
    "git": Doc("A Git repository.", "Un dépôt Git."),
    "container_registry": Doc("A container registry.", "Un registre de conteneurs."),
    "python_feed": Doc("A Python package feed.", "Un flux de paquets Python."),
    "s3": Doc("An Amazon S3 bucket.", "Un compartiment Amazon S3."),
    "snowflake": Doc("A Snowflake database.", "Une base de données Snowflake."),
    "azure_sql_db": Doc("An Azure SQL database.", "Une base de données Azure SQL."),
    "azure_synapse_analytics": Doc("Azure Synapse Analytics.", "Azure Synapse Analytics."),
    "azure_my_sql_db": Doc("An Azure Database for MySQL.", "Une base Azure Database pour MySQL."),
    "azure_postgres_db": Doc("An Azure Database for PostgreSQL.", "Une base Azure Database pour PostgreSQL."),
    "custom": Doc("Any other service, described by `target` and `credentials`.", "Tout autre service, décrit par `target` et `credentials`."),
    "azure_data_lake_gen2": Doc("Azure Data Lake Storage Gen2.", "Azure Data Lake Storage Gen2."),
}


class ConnectionFields(Entity):
    """What every connection has."""

    schema = Field(
        Str(),
        Doc("The JSON Schema of the connection, for editors; Azure ML ignores it.", "Le schéma JSON de la connexion, pour les éditeurs ; Azure ML l'ignore."),
        key="$schema",
    )
    name = Field(
        Str(),
        Doc("The name of the connection (for a serverless endpoint, the endpoint's name).", "Le nom de la connexion (pour un point de terminaison serverless, le nom du point de terminaison)."),
        required=True,
    )
    id = Field(Str(), Doc("The ARM ID of the connection.", "L'identifiant ARM de la connexion."))
    description = Field(Str(), Doc("A description of the connection.", "Une description de la connexion."))
    tags = Field(MapOf(Any_(), "tag name"), Doc("Tags of the connection.", "Les balises de la connexion."))
    target = Field(Str(), Doc("The URL or address the connection points to.", "L'URL ou l'adresse vers laquelle pointe la connexion."))
    credentials = Field(
        CREDENTIALS,
        Doc("How the connection authenticates (`type: api_key`, `pat`, `service_principal`...).", "Comment la connexion s'authentifie (`type: api_key`, `pat`, `service_principal`...)."),
    )
    is_shared = Field(
        Bool(),
        Doc("Whether every user of the workspace may use the connection.", "Indique si tous les utilisateurs de l'espace de travail peuvent utiliser la connexion."),
        default=True,
    )
    metadata = Field(MapOf(Any_(), "metadata name"), Doc("Extra information about the connection.", "Des informations supplémentaires sur la connexion."))
    creation_context = Field(
        Obj(CreationContext),
        Doc("Who created the connection, and when.", "Qui a créé la connexion, et quand."),
        read_only=True,
    )


class ServerlessConnection(ConnectionFields):
    DOC = Doc(
        "A serverless endpoint of a model (pay-as-you-go): its name, its URL and its key.",
        "Un point de terminaison serverless d'un modèle (paiement à l'utilisation) : son nom, son URL et sa clé.",
    )
    LABEL = "a serverless connection"
    ORDER = ("type", "name", "endpoint", "api_key")
    type = Field(
        Enum("serverless", camel=True, docs={"serverless": Doc("A serverless model endpoint.", "Un point de terminaison de modèle serverless.")}),
        Doc("The kind of connection.", "Le type de connexion."),
        required=True,
    )
    endpoint = Field(
        Str(examples=("https://my-endpoint.eastus2.models.ai.azure.com/chat/completions",)),
        Doc("The URL of the endpoint.", "L'URL du point de terminaison."),
        required=True,
    )
    api_key = Field(Str(), Doc("The key of the endpoint.", "La clé du point de terminaison."), required=True)


class WorkspaceConnection(ConnectionFields):
    DOC = Doc(
        "A workspace connection to another service, by `type`, `target` and `credentials`.",
        "Une connexion d'espace de travail vers un autre service, par `type`, `target` et `credentials`.",
    )
    LABEL = "a workspace connection"
    ORDER = ("type", "name", "target", "credentials")
    type = Field(
        Enum(*WORKSPACE_CONNECTION_DOCS, camel=True, docs=WORKSPACE_CONNECTION_DOCS),
        Doc("The kind of connection.", "Le type de connexion."),
        required=True,
    )
    # Azure ML refuses a workspace connection without a target.
    target = Field(ConnectionFields.target.kind, ConnectionFields.target.doc, required=True)


CONNECTION = Union(
    Str(pattern=r"^file:.+", form="`file:PATH.yml` or a mapping", examples=("file:teacher-connection.yml",)),
    Union(Obj(ServerlessConnection), Obj(WorkspaceConnection), discriminator="type"),
)

# --- teacher settings, prompt settings, resources ---------------------------------------------

# Any value but null (Azure ML refuses an empty value here).
NOT_NULL = Union(MapOf(Any_(), text_keys=False, nullable=True), ListOf(Any_()), Any_())


class EndpointRequestSettings(Entity):
    DOC = Doc("How the teacher's endpoint is called.", "Comment le point de terminaison de l'enseignant est appelé.")
    LABEL = "endpoint request settings"
    request_batch_size = Field(
        Int(minimum=1),
        Doc("How many requests are sent to the endpoint at once.", "Le nombre de requêtes envoyées en même temps au point de terminaison."),
    )
    min_endpoint_success_ratio = Field(
        Float(minimum=0, maximum=1),
        Doc(
            "The share of requests that must succeed (between 0 and 1) for data generation to go on.",
            "La part des requêtes qui doivent réussir (entre 0 et 1) pour que la génération de données continue.",
        ),
    )


class TeacherModelSettings(Entity):
    DOC = Doc("How the teacher model is queried.", "Comment le modèle enseignant est interrogé.")
    LABEL = "teacher model settings"
    inference_parameters = Field(
        MapOf(NOT_NULL, "parameter name"),
        Doc(
            "Parameters of each call to the teacher, e.g. `temperature`, `max_tokens`, `top_p`.",
            "Les paramètres de chaque appel à l'enseignant, par ex. `temperature`, `max_tokens`, `top_p`.",
        ),
    )
    endpoint_request_settings = Field(
        Obj(EndpointRequestSettings),
        Doc("How requests are sent to the endpoint.", "Comment les requêtes sont envoyées au point de terminaison."),
    )


class PromptSettings(Entity):
    DOC = Doc("How the prompts sent to the teacher are written.", "Comment sont rédigées les invites envoyées à l'enseignant.")
    LABEL = "prompt settings"
    enable_chain_of_thought = Field(
        Bool(),
        Doc(
            "Ask the teacher to reason step by step (for `NLI`, `NLU_QA`, `CONVERSATION` and `MATH`).",
            "Demander à l'enseignant de raisonner pas à pas (pour `NLI`, `NLU_QA`, `CONVERSATION` et `MATH`).",
        ),
    )
    enable_chain_of_density = Field(
        Bool(),
        Doc(
            "Ask the teacher for ever denser summaries (for `SUMMARIZATION`).",
            "Demander à l'enseignant des résumés de plus en plus denses (pour `SUMMARIZATION`).",
        ),
    )
    max_len_summary = Field(
        Int(minimum=1),
        Doc("The longest summary the teacher should write, in words (for `SUMMARIZATION`).", "La longueur maximale du résumé écrit par l'enseignant, en mots (pour `SUMMARIZATION`)."),
    )


class DistillationResources(Entity):
    DOC = Doc("The compute used to generate the data.", "Le calcul utilisé pour générer les données.")
    LABEL = "distillation resources"
    instance_count = Field(Int(minimum=1), Doc("How many nodes to use.", "Le nombre de nœuds à utiliser."))
    instance_type = Field(
        Str(examples=("Standard_D2_v2",), name=True),
        Doc("The VM size of the data generation step, e.g. `Standard_D2_v2`.", "La taille de VM de l'étape de génération de données, par ex. `Standard_D2_v2`."),
    )
    properties = Field(MapOf(Any_(), "property name"), Doc("Extra resource properties.", "Des propriétés de ressources supplémentaires."))


# --- the job ----------------------------------------------------------------------------------

DATA_GENERATION_TYPE_DOCS = {
    "label_generation": Doc(
        "The teacher labels the examples of your training and validation data (both are then required).",
        "L'enseignant étiquette les exemples de vos données d'entraînement et de validation (toutes deux sont alors requises).",
    ),
    "data_generation": Doc(
        "The teacher generates new examples.",
        "L'enseignant génère de nouveaux exemples.",
    ),
}

TASK_TYPE_DOCS = {
    "NLI": Doc("Natural language inference: does one sentence follow from another?", "Inférence en langage naturel : une phrase découle-t-elle d'une autre ?"),
    "NLU_QA": Doc("Questions on a text, answered by understanding it.", "Des questions sur un texte, répondues en le comprenant."),
    "CONVERSATION": Doc("Multi-turn chat.", "Une conversation à plusieurs tours."),
    "MATH": Doc("Math problems, solved step by step.", "Des problèmes de mathématiques, résolus pas à pas."),
    "SUMMARIZATION": Doc("Summaries of texts.", "Des résumés de textes."),
}


class DistillationJob(Job):
    DOC = Doc(
        "A distillation job: a large teacher model, reached through an endpoint, labels data on which a smaller student model is fine-tuned.",
        "Un travail de distillation : un grand modèle enseignant, joint par un point de terminaison, étiquette des données sur lesquelles un modèle élève plus petit est affiné.",
    )
    LABEL = "a distillation job"
    TYPE = "distillation"
    # azure-ai-ml accepts `identity` in its schema, then fails to build the job that sets it.
    EXCLUDE = ("identity",)
    ORDER = (
        "$schema", "type", "name", "display_name", "experiment_name", "description", "tags", "properties",
        "data_generation_type", "data_generation_task_type", "training_data", "validation_data",
        "teacher_model_endpoint_connection", "student_model", "teacher_model_settings", "prompt_settings",
        "hyperparameters", "compute", "resources", "outputs", "services",
    )
    type = Field(Enum("distillation", case_sensitive=True), Job.type.doc, required=True, frozen=True)
    data_generation_type = Field(
        Enum(*DATA_GENERATION_TYPE_DOCS, docs=DATA_GENERATION_TYPE_DOCS),
        Doc(
            "How the teacher makes training data: `label_generation` (it labels your data) or `data_generation`.",
            "Comment l'enseignant produit les données d'entraînement : `label_generation` (il étiquette vos données) ou `data_generation`.",
        ),
        required=True,
    )
    data_generation_task_type = Field(
        Enum(*TASK_TYPE_DOCS, docs=TASK_TYPE_DOCS),
        Doc(
            "The kind of task the data is for: `NLI`, `NLU_QA`, `CONVERSATION`, `MATH` or `SUMMARIZATION` (in any case).",
            "Le type de tâche visé par les données : `NLI`, `NLU_QA`, `CONVERSATION`, `MATH` ou `SUMMARIZATION` (casse indifférente).",
        ),
        required=True,
    )
    training_data = Field(
        TRAINING_DATA,
        Doc(
            "The training data (JSON Lines), required with `label_generation`: a local file, a URI, a registered data asset (`azureml:name:version`), or a mapping with `type` and `path`.",
            "Les données d'entraînement (JSON Lines), requises avec `label_generation` : un fichier local, une URI, une ressource de données enregistrée (`azureml:nom:version`), ou un mappage avec `type` et `path`.",
        ),
    )
    validation_data = Field(
        TRAINING_DATA,
        Doc(
            "The validation data (JSON Lines), required with `label_generation`, in the same forms as `training_data`.",
            "Les données de validation (JSON Lines), requises avec `label_generation`, sous les mêmes formes que `training_data`.",
        ),
    )
    teacher_model_endpoint_connection = Field(
        CONNECTION,
        Doc(
            "How to reach the teacher model: usually `type: serverless` with the endpoint's `name`, `endpoint` URL and `api_key`; or `file:PATH.yml`.",
            "Comment joindre le modèle enseignant : en général `type: serverless` avec le `name` du point de terminaison, son URL `endpoint` et sa clé `api_key` ; ou `file:CHEMIN.yml`.",
        ),
        required=True,
    )
    student_model = Field(
        Union(
            Str(
                pattern=r"^azureml:.+",
                form="a registered model (`azureml://registries/REGISTRY/models/NAME/versions/N` or `azureml:NAME:VERSION`) or a mapping with `path`",
                examples=("azureml://registries/azureml-meta/models/Meta-Llama-3.1-8B-Instruct/versions/2",),
            ),
            Obj(FoundationModelInput),
        ),
        Doc(
            "The smaller model to fine-tune: a registry or workspace model (`azureml://registries/...` or `azureml:name:version`), or a model input mapping.",
            "Le modèle plus petit à affiner : un modèle de registre ou d'espace de travail (`azureml://registries/...` ou `azureml:nom:version`), ou un mappage d'entrée de modèle.",
        ),
        required=True,
    )
    teacher_model_settings = Field(
        Obj(TeacherModelSettings),
        Doc("How the teacher is queried (inference parameters, request batching).", "Comment l'enseignant est interrogé (paramètres d'inférence, envoi des requêtes par lots)."),
    )
    prompt_settings = Field(
        Obj(PromptSettings),
        Doc("How the prompts to the teacher are written (chain of thought, chain of density).", "Comment sont rédigées les invites à l'enseignant (chaîne de pensée, chaîne de densité)."),
    )
    hyperparameters = Field(
        TEXT_HYPERPARAMETERS,
        Doc(
            "Settings of the student's fine-tuning, by name, all as text (e.g. `n_epochs: \"5\"`, `learning_rate_multiplier: \"0.2\"`): Azure ML refuses numbers here.",
            "Les réglages de l'affinage de l'élève, par nom, tous sous forme de texte (par ex. `n_epochs: \"5\"`, `learning_rate_multiplier: \"0.2\"`) : Azure ML refuse les nombres ici.",
        ),
    )
    resources = Field(
        Obj(DistillationResources),
        Doc("The compute of the data generation step.", "Le calcul de l'étape de génération de données."),
    )
    outputs = Field(
        OUTPUTS,
        Doc(
            "The job's outputs, by name: `registered_model` (with a `name`) is the distilled student model, registered in the workspace.",
            "Les sorties du travail, par nom : `registered_model` (avec un `name`) est le modèle élève distillé, enregistré dans l'espace de travail.",
        ),
    )


DATA_GENERATION_TYPE_DOC = DistillationJob.data_generation_type.doc


class LabelGenerationDistillationJob(DistillationJob):
    DOC = Doc(
        "A distillation job in which the teacher labels your training and validation data.",
        "Un travail de distillation dans lequel l'enseignant étiquette vos données d'entraînement et de validation.",
    )
    LABEL = "a label generation distillation job"
    TOP_LEVEL = False
    data_generation_type = Field(
        Enum("label_generation", docs={"label_generation": DATA_GENERATION_TYPE_DOCS["label_generation"]}),
        DATA_GENERATION_TYPE_DOC,
        required=True,
    )
    # Azure ML refuses a label generation job without its data.
    training_data = Field(TRAINING_DATA, DistillationJob.training_data.doc, required=True)
    validation_data = Field(TRAINING_DATA, DistillationJob.validation_data.doc, required=True)


class DataGenerationDistillationJob(DistillationJob):
    DOC = Doc(
        "A distillation job in which the teacher generates new training examples.",
        "Un travail de distillation dans lequel l'enseignant génère de nouveaux exemples d'entraînement.",
    )
    LABEL = "a distillation job"
    TOP_LEVEL = False
    data_generation_type = Field(
        Enum("data_generation", docs={"data_generation": DATA_GENERATION_TYPE_DOCS["data_generation"]}),
        DATA_GENERATION_TYPE_DOC,
        required=True,
    )


# What a `type: distillation` file is: `data_generation_type` decides whether training and
# validation data are required. Absent (an error), the file is checked as data generation.
KIND = Union(
    Obj(LabelGenerationDistillationJob),
    Obj(DataGenerationDistillationJob),
    discriminator="data_generation_type",
    tag="distillation",
    default="data_generation",
)
