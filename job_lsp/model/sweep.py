"""The sweep job: hyperparameter tuning, running a command many times over a search space."""

from __future__ import annotations

from .command import INPUTS, INPUTS_DOC, OUTPUTS, OUTPUTS_DOC, QUEUE_SETTINGS_DOC, RESOURCES_DOC, Trial
from .common import JobResources, QueueSettings
from .entity import Entity
from .fields import Doc, Enum, Field, Float, Int, ListOf, MapOf, Obj, Str, Union
from .job import Job

NUMBER = Union(Int(bits=64), Float())  # a free value: handed to the trial as text

# --- search space -----------------------------------------------------------------------------


class Choice(Entity):
    DOC = Doc("Pick one of the listed values.", "Choisir l'une des valeurs listées.")
    LABEL = "a choice"
    type = Field(Enum("choice"), Doc("The distribution to sample from.", "La distribution dans laquelle tirer."), required=True)
    values = Field(
        ListOf(Union(Int(bits=64), Float(), Str(), MapOf(Union(Obj("Choice"), Obj("Uniform"), Obj("QUniform"), Obj("Normal"), Obj("QNormal"), Obj("Randint"), Int(bits=64), Float(), Str(), discriminator=None)))),
        Doc("The values to choose from (numbers, text, or nested search spaces).", "Les valeurs parmi lesquelles choisir (nombres, texte ou espaces de recherche imbriqués)."),
        required=True,
    )


class Uniform(Entity):
    DOC = Doc("A number uniformly distributed between two bounds (or its logarithm, for `loguniform`).", "Un nombre uniformément réparti entre deux bornes (ou son logarithme, pour `loguniform`).")
    LABEL = "a uniform distribution"
    type = Field(Enum("uniform", "loguniform"), Doc("The distribution to sample from.", "La distribution dans laquelle tirer."), required=True)
    min_value = Field(NUMBER, Doc("The lower bound.", "La borne inférieure."), required=True)
    max_value = Field(NUMBER, Doc("The upper bound.", "La borne supérieure."), required=True)


class QUniform(Entity):
    DOC = Doc("Like `uniform`, rounded to a multiple of `q`.", "Comme `uniform`, arrondi à un multiple de `q`.")
    LABEL = "a quantized uniform distribution"
    type = Field(Enum("quniform", "qloguniform"), Doc("The distribution to sample from.", "La distribution dans laquelle tirer."), required=True)
    min_value = Field(NUMBER, Doc("The lower bound.", "La borne inférieure."), required=True)
    max_value = Field(NUMBER, Doc("The upper bound.", "La borne supérieure."), required=True)
    q = Field(NUMBER, Doc("The quantization step.", "Le pas de quantification."), required=True)


class Normal(Entity):
    DOC = Doc("A normally distributed number (or its logarithm, for `lognormal`).", "Un nombre de distribution normale (ou son logarithme, pour `lognormal`).")
    LABEL = "a normal distribution"
    type = Field(Enum("normal", "lognormal"), Doc("The distribution to sample from.", "La distribution dans laquelle tirer."), required=True)
    mu = Field(NUMBER, Doc("The mean.", "La moyenne."), required=True)
    sigma = Field(NUMBER, Doc("The standard deviation.", "L'écart type."), required=True)


class QNormal(Entity):
    DOC = Doc("Like `normal`, rounded to a multiple of `q`.", "Comme `normal`, arrondi à un multiple de `q`.")
    LABEL = "a quantized normal distribution"
    type = Field(Enum("qnormal", "qlognormal"), Doc("The distribution to sample from.", "La distribution dans laquelle tirer."), required=True)
    mu = Field(NUMBER, Doc("The mean.", "La moyenne."), required=True)
    sigma = Field(NUMBER, Doc("The standard deviation.", "L'écart type."), required=True)
    q = Field(NUMBER, Doc("The quantization step.", "Le pas de quantification."), required=True)


class Randint(Entity):
    DOC = Doc("A random integer from 0 up to `upper` (excluded).", "Un entier aléatoire de 0 jusqu'à `upper` (exclu).")
    LABEL = "a random integer"
    type = Field(Enum("randint"), Doc("The distribution to sample from.", "La distribution dans laquelle tirer."), required=True)
    upper = Field(Int(), Doc("The upper bound (excluded).", "La borne supérieure (exclue)."), required=True)


SEARCH_SPACE_ITEM = Union(Obj(Choice), Obj(Uniform), Obj(QUniform), Obj(Normal), Obj(QNormal), Obj(Randint), discriminator="type")
SEARCH_SPACE = MapOf(SEARCH_SPACE_ITEM, "parameter name")

# --- sampling, objective, early termination, limits -------------------------------------------


class RandomSampling(Entity):
    DOC = Doc("Random sampling of the search space.", "Tirage aléatoire dans l'espace de recherche.")
    LABEL = "random sampling"
    type = Field(Enum("random", camel=True), Doc("The sampling algorithm.", "L'algorithme de tirage."), required=True)
    seed = Field(Int(), Doc("The random seed.", "La graine aléatoire."))
    rule = Field(Enum("random", "sobol", camel=True), Doc("The random number generator: `random` or `sobol`.", "Le générateur de nombres : `random` ou `sobol`."))
    logbase = Field(Union(Int(), Float(), Str()), Doc("The base of logarithmic distributions (a number or `e`).", "La base des distributions logarithmiques (un nombre ou `e`)."))


class GridSampling(Entity):
    DOC = Doc("Every combination of the (discrete) search space.", "Toutes les combinaisons de l'espace de recherche (discret).")
    LABEL = "grid sampling"
    type = Field(Enum("grid", camel=True), Doc("The sampling algorithm.", "L'algorithme de tirage."), required=True)


class BayesianSampling(Entity):
    DOC = Doc("Bayesian optimization: each trial is chosen from the results so far.", "Optimisation bayésienne : chaque essai est choisi d'après les résultats précédents.")
    LABEL = "Bayesian sampling"
    type = Field(Enum("bayesian", camel=True), Doc("The sampling algorithm.", "L'algorithme de tirage."), required=True)


SAMPLING_NAMES = Enum(
    "random",
    "grid",
    "bayesian",
    docs={
        "random": RandomSampling.DOC,
        "grid": GridSampling.DOC,
        "bayesian": BayesianSampling.DOC,
    },
)
SAMPLING = Union(SAMPLING_NAMES, Union(Obj(RandomSampling), Obj(GridSampling), Obj(BayesianSampling), discriminator="type"))


class Objective(Entity):
    DOC = Doc("What the sweep optimizes.", "Ce que le balayage optimise.")
    LABEL = "an objective"
    goal = Field(Enum("minimize", "maximize", camel=True), Doc("Whether to minimize or maximize the metric.", "Minimiser ou maximiser la métrique."), required=True)
    primary_metric = Field(Str(), Doc("The name of the metric the trials log (e.g. with MLflow).", "Le nom de la métrique enregistrée par les essais (par ex. avec MLflow)."), required=True)


EVALUATION_INTERVAL_DOC = Doc("How often (in metric reports) the policy is applied.", "La fréquence (en rapports de métrique) d'application de la politique.")
DELAY_EVALUATION_DOC = Doc("How many metric reports to wait before the first evaluation.", "Le nombre de rapports de métrique à attendre avant la première évaluation.")


class BanditPolicy(Entity):
    DOC = Doc("Stop trials whose metric falls too far behind the best one.", "Arrêter les essais dont la métrique s'éloigne trop de la meilleure.")
    LABEL = "a bandit policy"
    type = Field(Enum("bandit", camel=True), Doc("The policy.", "La politique."), required=True)
    evaluation_interval = Field(Int(minimum=0), EVALUATION_INTERVAL_DOC, default=0, nullable=True)
    delay_evaluation = Field(Int(minimum=0), DELAY_EVALUATION_DOC, default=0, nullable=True)
    slack_factor = Field(Float(minimum=0), Doc("The allowed distance from the best trial, as a ratio.", "L'écart permis avec le meilleur essai, en proportion."), nullable=True)
    slack_amount = Field(Float(minimum=0), Doc("The allowed distance from the best trial, as an absolute amount.", "L'écart permis avec le meilleur essai, en valeur absolue."), nullable=True)


class MedianStoppingPolicy(Entity):
    DOC = Doc("Stop trials worse than the median of running averages.", "Arrêter les essais moins bons que la médiane des moyennes courantes.")
    LABEL = "a median stopping policy"
    type = Field(Enum("median_stopping", camel=True), Doc("The policy.", "La politique."), required=True)
    evaluation_interval = Field(Int(minimum=0), EVALUATION_INTERVAL_DOC, default=0, nullable=True)
    delay_evaluation = Field(Int(minimum=0), DELAY_EVALUATION_DOC, default=0, nullable=True)


class TruncationSelectionPolicy(Entity):
    DOC = Doc("At each evaluation, stop the given percentage of worst trials.", "À chaque évaluation, arrêter le pourcentage donné des moins bons essais.")
    LABEL = "a truncation selection policy"
    type = Field(Enum("truncation_selection", camel=True), Doc("The policy.", "La politique."), required=True)
    evaluation_interval = Field(Int(minimum=0), EVALUATION_INTERVAL_DOC, default=0, nullable=True)
    delay_evaluation = Field(Int(minimum=0), DELAY_EVALUATION_DOC, default=0, nullable=True)
    truncation_percentage = Field(Int(minimum=1, maximum=99), Doc("The percentage of trials to stop at each evaluation.", "Le pourcentage d'essais à arrêter à chaque évaluation."), required=True)


EARLY_TERMINATION = Union(Obj(BanditPolicy), Obj(MedianStoppingPolicy), Obj(TruncationSelectionPolicy), discriminator="type")


class SweepLimits(Entity):
    DOC = Doc("Limits of a sweep.", "Les limites d'un balayage.")
    LABEL = "sweep limits"
    max_total_trials = Field(Int(minimum=1), Doc("The most trials to run.", "Le nombre maximal d'essais à exécuter."), required=True)
    max_concurrent_trials = Field(Int(minimum=1), Doc("The most trials running at once.", "Le nombre maximal d'essais simultanés."))
    timeout = Field(Int(minimum=1, unit="seconds"), Doc("The most seconds the whole sweep may run.", "Le nombre maximal de secondes pour tout le balayage."))
    trial_timeout = Field(Int(minimum=1, unit="seconds"), Doc("The most seconds one trial may run.", "Le nombre maximal de secondes pour un essai."))


class SweepFields(Entity):
    """What a sweep is, whether a job of its own or a pipeline step."""

    sampling_algorithm = Field(
        SAMPLING,
        Doc("How trials are drawn from the search space: `random`, `grid` or `bayesian`.", "Comment les essais sont tirés de l'espace de recherche : `random`, `grid` ou `bayesian`."),
        default="random",
    )
    search_space = Field(
        SEARCH_SPACE,
        Doc("The hyperparameters to tune, by name, each with its distribution; the trial reads them as `${{search_space.NAME}}`.", "Les hyperparamètres à ajuster, par nom, chacun avec sa distribution ; l'essai les lit par `${{search_space.NOM}}`."),
        required=True,
    )
    objective = Field(Obj(Objective), Doc("The metric to optimize and whether to minimize or maximize it.", "La métrique à optimiser, et s'il faut la minimiser ou la maximiser."), required=True)
    early_termination = Field(EARLY_TERMINATION, Doc("A policy that stops poorly performing trials early.", "Une politique qui arrête tôt les essais peu performants."))
    limits = Field(Obj(SweepLimits), Doc("How many trials, how many at once, and timeouts.", "Combien d'essais, combien à la fois, et les délais."), required=True)
    queue_settings = Field(Obj(QueueSettings), QUEUE_SETTINGS_DOC)
    resources = Field(Obj(JobResources), RESOURCES_DOC)


class SweepJob(Job, SweepFields):
    DOC = Doc(
        "A sweep job: tunes hyperparameters by running a trial command many times over a search space.",
        "Un travail de balayage : ajuste des hyperparamètres en exécutant une commande d'essai de nombreuses fois sur un espace de recherche.",
    )
    TYPE = "sweep"
    ORDER = (
        "$schema", "type", "name", "display_name", "experiment_name", "description", "tags", "properties",
        "trial", "compute", "resources", "sampling_algorithm", "search_space", "objective", "early_termination",
        "limits", "queue_settings", "identity", "inputs", "outputs", "services",
    )
    type = Field(Enum("sweep"), Job.type.doc, required=True, frozen=True)
    trial = Field(Obj(Trial), Doc("The command each trial runs, with its code and environment.", "La commande exécutée par chaque essai, avec son code et son environnement."), required=True)
    inputs = Field(INPUTS, INPUTS_DOC)
    outputs = Field(OUTPUTS, OUTPUTS_DOC)
