"""Every message in English and French, without touching the places that write them.

The core writes its messages in English (call sites stay as they are); this catalog holds,
per code, the English templates those call sites produce and their French text. A template's
`<<name>>` parts are what varies; their value is carried over, translated when it is a phrase
of the model (an entity's label, a kind, a described value, a "did you mean"). A message no
template matches stays English: tests run the corpus and the test cases through the catalog
and fail on any such message, and on any French text equal to its English one.

Codes never change with the language.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .rules import is_french

# --- phrases of the model -------------------------------------------------------------------------

# Entity labels (model/*.py LABEL, and `Job.label()`); a test checks that every one is here.
LABELS = {
    "AutoML limits": "les limites AutoML",
    "Azure OpenAI hyperparameters": "les hyperparamètres Azure OpenAI",
    "Bayesian sampling": "un échantillonnage bayésien",
    "NLP featurization settings": "les réglages de caractéristiques NLP",
    "NLP limits": "les limites NLP",
    "NLP training parameters": "les paramètres d'entraînement NLP",
    "a JupyterLab service": "un service JupyterLab",
    "a Microsoft Entra credential": "un identifiant Microsoft Entra",
    "a PyTorch distribution": "une distribution PyTorch",
    "a Ray distribution": "une distribution Ray",
    "a SAS token credential": "un identifiant par jeton SAS",
    "a TensorBoard service": "un service TensorBoard",
    "a TensorFlow distribution": "une distribution TensorFlow",
    "a VS Code service": "un service VS Code",
    "a bandit policy": "une politique bandit",
    "a command component": "un composant command",
    "a cron trigger": "un déclencheur cron",
    "a data import schedule": "une planification d'import de données",
    "a data output": "une sortie de données",
    "a generation safety and quality signal": "un signal de sécurité et de qualité de génération",
    "a job schedule": "une planification de job",
    "a monitor definition": "une définition de moniteur",
    "a monitor schedule": "une planification de moniteur",
    "a monitoring signal": "un signal de surveillance",
    "a parallel component": "un composant parallel",
    "a parameter input": "une entrée paramètre",
    "a parameter output": "une sortie paramètre",
    "a pipeline component": "un composant pipeline",
    "a recurrence schedule": "un calendrier de récurrence",
    "a recurrence trigger": "un déclencheur de récurrence",
    "a spark component": "un composant spark",
    "a trigger": "un déclencheur",
    "component resources": "les ressources du composant",
    "production data": "des données de production",
    "a build context": "un contexte de construction",
    "a choice": "un choix",
    "a column transformer": "un transformateur de colonne",
    "a copy data step": "une étape de copie de données",
    "a creation context": "un contexte de création",
    "a data input": "une entrée de données",
    "a label generation distillation job": "un job de distillation par génération d'étiquettes",
    "a literal input": "une entrée littérale",
    "a managed identity": "une identité managée",
    "a managed identity credential": "un identifiant d'identité managée",
    "a median stopping policy": "une politique d'arrêt médian",
    "a model input": "une entrée de modèle",
    "a normal distribution": "une loi normale",
    "a parallel task": "une tâche parallèle",
    "a personal access token credential": "un identifiant par jeton d'accès personnel",
    "a quantized normal distribution": "une loi normale quantifiée",
    "a quantized uniform distribution": "une loi uniforme quantifiée",
    "a random integer": "un entier aléatoire",
    "a route": "une route",
    "a search space": "un espace de recherche",
    "a serverless connection": "une connexion serverless",
    "a service": "un service",
    "a service principal credential": "un identifiant de principal de service",
    "a spark data input": "une entrée de données spark",
    "a spark entry": "une entrée spark",
    "a spark model input": "une entrée de modèle spark",
    "a spark output": "une sortie spark",
    "a spark table input": "une entrée de table spark",
    "a step": "une étape",
    "a table input": "une entrée de table",
    "a trial": "un essai (trial)",
    "a truncation selection policy": "une politique de sélection par troncature",
    "a uniform distribution": "une loi uniforme",
    "a user identity": "une identité utilisateur",
    "a user name and password credential": "un identifiant par nom d'utilisateur et mot de passe",
    "a workspace connection": "une connexion d'espace de travail",
    "an AML token identity": "une identité par jeton AML",
    "an API key credential": "un identifiant par clé d'API",
    "an AutoML NER job": "un job AutoML de reconnaissance d'entités nommées",
    "an AutoML classification job": "un job AutoML de classification",
    "an AutoML forecasting job": "un job AutoML de prévision",
    "an AutoML image classification job": "un job AutoML de classification d'images",
    "an AutoML instance segmentation job": "un job AutoML de segmentation d'instances",
    "an AutoML job": "un job AutoML",
    "an AutoML multi-label image classification job": "un job AutoML de classification d'images multi-étiquettes",
    "an AutoML multi-label text classification job": "un job AutoML de classification de texte multi-étiquettes",
    "an AutoML object detection job": "un job AutoML de détection d'objets",
    "an AutoML regression job": "un job AutoML de régression",
    "an AutoML step": "une étape AutoML",
    "an AutoML text classification job": "un job AutoML de classification de texte",
    "an Azure OpenAI fine-tuning job": "un job d'ajustement fin Azure OpenAI",
    "an MPI distribution": "une distribution MPI",
    "an NLP search space": "un espace de recherche NLP",
    "an SSH service": "un service SSH",
    "an access key credential": "un identifiant par clé d'accès",
    "an account key credential": "un identifiant par clé de compte",
    "an auto-delete setting": "un réglage de suppression automatique",
    "an export data step": "une étape d'export de données",
    "an image classification search space": "un espace de recherche de classification d'images",
    "an import data step": "une étape d'import de données",
    "an import step": "une étape d'import",
    "an inference configuration": "une configuration d'inférence",
    "an inline command component": "un composant command en ligne",
    "an inline component": "un composant en ligne",
    "an inline environment": "un environnement en ligne",
    "an input": "une entrée",
    "an object detection search space": "un espace de recherche de détection d'objets",
    "an objective": "un objectif",
    "an output": "une sortie",
    "classification training settings": "les réglages d'entraînement de classification",
    "distillation resources": "les ressources de distillation",
    "endpoint request settings": "les réglages de requête du point de terminaison",
    "featurization settings": "les réglages de caractéristiques",
    "fine-tuning resources": "les ressources d'ajustement fin",
    "forecasting settings": "les réglages de prévision",
    "forecasting training settings": "les réglages d'entraînement de prévision",
    "grid sampling": "un échantillonnage en grille",
    "image classification training parameters": "les paramètres d'entraînement de classification d'images",
    "image limits": "les limites d'images",
    "image training parameters": "les paramètres d'entraînement d'images",
    "limits": "les limites",
    "no credential": "aucun identifiant",
    "object detection training parameters": "les paramètres d'entraînement de détection d'objets",
    "pipeline settings": "les réglages du pipeline",
    "prompt settings": "les réglages de prompt",
    "queue settings": "les réglages de file d'attente",
    "random sampling": "un échantillonnage aléatoire",
    "regression training settings": "les réglages d'entraînement de régression",
    "resources": "les ressources",
    "retry settings": "les réglages de nouvelle tentative",
    "spark conf": "la configuration spark",
    "spark resources": "les ressources spark",
    "stack ensemble settings": "les réglages d'ensemble empilé",
    "sweep limits": "les limites du balayage",
    "sweep settings": "les réglages du balayage",
    "teacher model settings": "les réglages du modèle enseignant",
    "training settings": "les réglages d'entraînement",
}
# "a command job", "a sweep step"...: the type's name stays, the noun is translated.
_TYPED = re.compile(r"an? ([\w-]+) (job|step)")
_KINDS = {
    "a value": "une valeur",
    "any value": "toute valeur",
    "a string": "du texte",
    "a local path or a URI": "un chemin local ou une URI",
    "an integer": "un entier",
    "a number": "un nombre",
    "a boolean (true or false)": "un booléen (true ou false)",
    "a mapping": "un mapping",
    "a list": "une liste",
    "an empty value": "une valeur vide",
    "nothing": "rien",
    "text": "du texte",
}


def label_fr(label: str) -> str | None:
    """An entity's label in French (None when it has none)."""
    if label in LABELS:
        return LABELS[label]
    typed = _TYPED.fullmatch(label)
    if typed:
        kind, noun = typed.groups()
        return f"un job {kind}" if noun == "job" else f"une étape {kind}"
    return None


def phrase_fr(text: str) -> str:
    """A phrase of the model (a label, a kind, a described value) in French; what it does
    not know (a name, a value in backticks) is kept."""
    known = _known(text)
    if known is not None:
        return known
    if text[:1].isupper() and label_fr(text[0].lower() + text[1:]) is not None:
        return _capital(label_fr(text[0].lower() + text[1:]))
    if text == "The job":
        return "Le job"
    m = re.fullmatch(r"the (string|integer|number) (.*)", text, re.S)
    if m:
        return {"string": "le texte ", "integer": "l'entier ", "number": "le nombre "}[m.group(1)] + m.group(2)
    m = re.fullmatch(r"the boolean (\w+)(?: \(YAML 1\.1 reads `(.*)` as a boolean; quote it to make it text\))?", text)
    if m:
        quirk = f" (YAML 1.1 lit `{m.group(2)}` comme un booléen ; mettez-le entre guillemets pour en faire du texte)" if m.group(2) is not None else ""
        return f"le booléen {m.group(1)}{quirk}"
    m = re.fullmatch(r"the date (.*) \(quote it to make it text\)", text)
    if m:
        return f"la date {m.group(1)} (mettez-la entre guillemets pour en faire du texte)"
    m = re.fullmatch(r"a mapping \((\w+)\)", text)  # the entity's name, kept
    if m:
        return f"un mapping ({m.group(1)})"
    m = re.fullmatch(r"a mapping of (\S+) to (.*)", text)
    if m:
        return f"un mapping de {m.group(1)} vers {phrase_fr(m.group(2))}"
    m = re.fullmatch(r"a list of (.*)", text)
    if m:
        item = re.sub(r"^(?:une? |du |des |les? |la |l')", "", phrase_fr(m.group(1)))
        return f"une liste d'{item}" if item[:1] in "aeiouéèh" else f"une liste de {item}"
    m = re.fullmatch(r"one of (.*)", text)
    if m:
        return f"l'un de {m.group(1)}"
    m = re.fullmatch(r"of the form (`.*`)", text)
    if m:
        return f"de la forme {m.group(1)}"
    m = re.fullmatch(r"text matching (`.*`)", text)
    if m:
        return f"un texte qui correspond à {m.group(1)}"
    if " or " in text:
        # A union's branches; a branch may itself say "or" ("a local path or a URI").
        parts, out, i = text.split(" or "), [], 0
        while i < len(parts):
            j = next(j for j in range(len(parts), i, -1) if j == i + 1 or _known(" or ".join(parts[i:j])) is not None)
            out.append(phrase_fr(" or ".join(parts[i:j])))
            i = j
        return " ou ".join(out)
    return text


def _known(text: str) -> str | None:
    return _KINDS.get(text) or _FORMS.get(text) or label_fr(text)


_FORMS = {
    "lower-case letters, digits and `_`, starting with a letter (Azure ML refuses other component names)": "des minuscules, des chiffres et `_`, en commençant par une lettre (Azure ML refuse les autres noms de composant)",
    "`file:PATH.yml` or a mapping": "`file:PATH.yml` ou un mapping",
    "a local folder, a URL or a registered code asset with its version (`azureml:my-code:1`); not `azureml:NAME` without a version, nor a git URL": "un dossier local, une URL ou un asset de code enregistré avec sa version (`azureml:my-code:1`) ; pas `azureml:NAME` sans version, ni une URL git",
    "a registered environment (`azureml:NAME:VERSION` or `azureml:NAME@latest`), `file:PATH.yml`, or an inline mapping with `image`": "un environnement enregistré (`azureml:NAME:VERSION` ou `azureml:NAME@latest`), `file:PATH.yml`, ou un mapping en ligne avec `image`",
    "a registered model (`azureml://registries/REGISTRY/models/NAME/versions/N` or `azureml:NAME:VERSION`) or a mapping with `path`": "un modèle enregistré (`azureml://registries/REGISTRY/models/NAME/versions/N` ou `azureml:NAME:VERSION`) ou un mapping avec `path`",
    "a size such as `2g`, `512m` or `1024k`": "une taille comme `2g`, `512m` ou `1024k`",
}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def did_fr(text: str) -> str:
    """"; did you mean `x`?" and its variants."""
    m = re.fullmatch(r"; did you mean (`[^`]*`)\?", text)
    if m:
        return f" ; vouliez-vous dire {m.group(1)} ?"
    m = re.fullmatch(r" \((declared|it has): (.*)\)", text, re.S)
    if m:
        known = "aucune" if m.group(2) == "none" else m.group(2)
        return f" ({'déclarées' if m.group(1) == 'declared' else 'il a'} : {known})"
    return text


# libyaml's words for what is wrong in the text (yaml-syntax).
_YAML_PHRASES = [
    ("did not find expected key", "clé attendue introuvable"),
    ("did not find expected node content", "contenu de nœud attendu introuvable"),
    ("did not find expected '-' indicator", "indicateur '-' attendu introuvable"),
    ("did not find expected ',' or ']'", "',' ou ']' attendu introuvable"),
    ("did not find expected ',' or '}'", "',' ou '}' attendu introuvable"),
    ("did not find expected <document start>", "<début de document> attendu introuvable"),
    ("did not find expected comment or line break", "commentaire ou fin de ligne attendu introuvable"),
    ("did not find expected whitespace or line break", "espace ou fin de ligne attendu introuvable"),
    ("mapping values are not allowed in this context", "les valeurs de mapping ne sont pas permises dans ce contexte"),
    ("block sequence entries are not allowed in this context", "les éléments de séquence en bloc ne sont pas permis dans ce contexte"),
    ("found character that cannot start any token", "caractère qui ne peut commencer aucun élément"),
    ("found a tab character that violates indentation", "une tabulation casse l'indentation"),
    ("found a tab character where an indentation space is expected", "une tabulation là où un espace d'indentation est attendu"),
    ("found unexpected end of stream", "fin de texte inattendue"),
    ("found unexpected ':'", "':' inattendu"),
    ("found unknown escape character", "caractère d'échappement inconnu"),
    ("found unexpected document indicator", "indicateur de document inattendu"),
    ("found undefined tag handle", "préfixe d'étiquette non défini"),
    ("found duplicate anchor", "ancre en double"),
    ("could not find expected ':'", "':' attendu introuvable"),
    ("while parsing a block mapping", "en lisant un mapping en bloc"),
    ("while parsing a block collection", "en lisant une collection en bloc"),
    ("while parsing a flow sequence", "en lisant une séquence en ligne"),
    ("while parsing a flow mapping", "en lisant un mapping en ligne"),
    ("while parsing a flow node", "en lisant un nœud en ligne"),
    ("while parsing a block node", "en lisant un nœud en bloc"),
    ("while parsing a node", "en lisant un nœud"),
    ("while scanning a simple key", "en lisant une clé simple"),
    ("while scanning a quoted scalar", "en lisant un scalaire entre guillemets"),
    ("while scanning a block scalar", "en lisant un scalaire en bloc"),
    ("while scanning a plain scalar", "en lisant un scalaire simple"),
    ("while scanning an anchor", "en lisant une ancre"),
    ("while scanning an alias", "en lisant un alias"),
    ("while scanning a tag", "en lisant une étiquette"),
    ("while scanning a directive", "en lisant une directive"),
    ("while scanning for the next token", "en cherchant l'élément suivant"),
]


def yaml_fr(text: str) -> str:
    out = text
    for en, fr in _YAML_PHRASES:
        out = re.sub(re.escape(en), fr, out, flags=re.I)
    return _capital(out)


_IO = {"input": "entrée", "output": "sortie", "inputs": "entrées", "outputs": "sorties"}


def _where_fr(text: str) -> str:
    m = re.fullmatch(r"component (`.*`)", text)
    if m:
        return f"composant {m.group(1)}"
    return "composant en ligne" if text == "the inline component" else text


def _limit_fr(text: str) -> str:
    """What a component input allows: `one of ...`, `at most N`, `at least N`."""
    m = re.fullmatch(r"at (most|least) (.+)", text)
    if m:
        return ("au plus " if m.group(1) == "most" else "au moins ") + m.group(2)
    return phrase_fr(text)


_CRON_FIELDS = {"minute": "minute", "hour": "heure", "day of month": "jour du mois", "month": "mois", "day of week": "jour de la semaine"}


def _cron_fr(text: str) -> str:
    """Why a cron expression is invalid (model.schedule.cron_problem), in French."""
    m = re.fullmatch(r"a cron expression has 5 fields \(minute hour day-of-month month day-of-week\), not (\d+)", text)
    if m:
        return f"une expression cron a 5 champs (minute heure jour-du-mois mois jour-de-la-semaine), pas {m.group(1)}"
    m = re.fullmatch(r"the step `(.*)` of the (.+) field is not a positive number", text)
    if m:
        return f"le pas `{m.group(1)}` du champ {_CRON_FIELDS.get(m.group(2), m.group(2))} n'est pas un nombre positif"
    m = re.fullmatch(r"`(.*)` is not a valid (.+)", text)
    if m:
        return f"`{m.group(1)}` n'est pas une valeur valide pour le champ {_CRON_FIELDS.get(m.group(2), m.group(2))}"
    m = re.fullmatch(r"(.+) `(.*)` is out of range \((.+)\)", text)
    if m:
        return f"le champ {_CRON_FIELDS.get(m.group(1), m.group(1))} `{m.group(2)}` est hors limites ({m.group(3)})"
    return text


_FILE_KINDS = {"job": "de job", "component": "de composant", "schedule": "de planification"}


def _inner_fr(text: str) -> str:
    """Another file's message quoted in this one (a component's, a job's): its own French.
    libyaml's own words match any text: they are tried last, as a syntax error's."""
    for code in [c for c in CATALOG if c not in _ANY_TEXT] + ["yaml-syntax"]:
        found = french(code, text)
        if found is not None:
            return found
    return text


_ANY_TEXT = {"too-deep", "yaml-syntax"}  # codes with a template that matches any text


# placeholder name -> (pattern, translation of its value)
_PARTS = {
    "did": (r"(?:; did you mean `[^`]*`\?| \((?:declared|it has): [^)]*\))?", did_fr),
    "dot": (r"(?:; did you mean `[^`]*`\?|\.)", did_fr),
    "label": (r".+?", phrase_fr),
    "Label": (r".+?", phrase_fr),
    "what": (r".+?", phrase_fr),
    "node": (r".+?", phrase_fr),
    "kind": (r".+?", phrase_fr),
    "io": (r"input|output", lambda t: _IO[t]),
    "where": (r"component `[^`]*`|the inline component", _where_fr),
    "yaml": (r".+", yaml_fr),
    "limit": (r".+?", _limit_fr),
    "cron": (r".+?", _cron_fr),
    "filekind": (r".+?", lambda t: _FILE_KINDS.get(t, t)),
    "inner": (r".+", _inner_fr),
}

# code -> [(English template, French template)]; the most specific first.
CATALOG: dict[str, list[tuple[str, str]]] = {
    "empty-document": [
        ("The file holds only comments: a job file is a mapping with at least `command` or `type`", "Le fichier ne contient que des commentaires : un fichier de job est un mapping avec au moins `command` ou `type`"),
        ("The file holds nothing: a job file is a mapping with at least `command` or `type`", "Le fichier ne contient rien : un fichier de job est un mapping avec au moins `command` ou `type`"),
    ],
    "not-a-mapping": [("A job file must be a mapping of keys to values, not <<node>>", "Un fichier de job doit être un mapping de clés vers des valeurs, pas <<node>>")],
    "alias-limit": [("Aliases here expand to too many nodes; the rest of the file is not checked", "Les alias se déploient ici en trop de nœuds ; la suite du fichier n'est pas vérifiée")],
    "empty-value": [
        ("`<<key>>` cannot be empty: give one of <<values>>", "`<<key>>` ne peut pas être vide : donnez l'un de <<values>>"),
        ("<<what>> cannot be empty: Azure ML refuses a null value here; give it a value or remove it", "<<what>> ne peut pas être vide : Azure ML refuse une valeur nulle ici ; donnez-lui une valeur ou retirez-le"),
    ],
    "type-mismatch": [
        ("The names in <<what>> must be text, not <<node>>", "Les noms dans <<what>> doivent être du texte, pas <<node>>"),
        ("`<<key>>` expects one of <<values>>, not <<node>>", "`<<key>>` attend l'un de <<values>>, pas <<node>>"),
        ("<<what>> expects <<kind>>, not <<node>>", "<<what>> attend <<kind>>, pas <<node>>"),
    ],
    "missing-required": [
        ("<<what>> needs `<<key>>`: one of <<values>>", "<<what>> a besoin de `<<key>>` : l'un de <<values>>"),
        ("`<<name>>` is required and cannot be empty in <<label>>", "`<<name>>` est obligatoire et ne peut pas être vide dans <<label>>"),
        ("Missing required key <<names>> in <<label>>", "Clé obligatoire manquante <<names>> dans <<label>>"),
        ("Missing required keys <<names>> in <<label>>", "Clés obligatoires manquantes <<names>> dans <<label>>"),
        ("<<Label>> without `component` requires <<names>>", "<<Label>> sans `component` exige <<names>>"),
        ("<<Label>> requires `component` or `<<first>>`", "<<Label>> exige `component` ou `<<first>>`"),
        ("Step `<<step>>` has no `compute`, and the pipeline sets neither `compute` nor `settings.default_compute`: Azure ML refuses it (\"Compute not set\")", "L'étape `<<step>>` n'a pas de `compute`, et le pipeline ne définit ni `compute` ni `settings.default_compute` : Azure ML la refuse (« Compute not set »)"),
        ("An output with a `version` needs a `name`: the version is that of the asset registered under this name", "Une sortie avec une `version` a besoin d'un `name` : la version est celle de l'asset enregistré sous ce nom"),
        ("A spark job's `conf` requires <<names>>", "Le `conf` d'un job spark exige <<names>>"),
        ("With dynamic allocation, `conf` requires <<names>>", "Avec l'allocation dynamique, `conf` exige <<names>>"),
        ("<<what>> requires `compute` (a Spark pool) or `resources` (serverless Spark)", "<<what>> exige `compute` (un pool Spark) ou `resources` (Spark serverless)"),
        ("Spark output `<<name>>` requires `mode: direct`", "La sortie Spark `<<name>>` exige `mode: direct`"),
        ("A spark entry requires `file`", "Une entrée spark exige `file`"),
    ],
    "invalid-value": [
        ("The default of an input of type `<<type>>` must be <<kind>>, not `<<value>>`: Azure ML refuses the component", "La valeur par défaut d'une entrée de type `<<type>>` doit être <<kind>>, pas `<<value>>` : Azure ML refuse le composant"),
        ("The default `<<value>>` should be <<limit>>: the SDK lets it through, but it is likely a mistake", "La valeur par défaut `<<value>>` devrait être <<limit>> : le SDK la laisse passer, mais c'est probablement une erreur"),
        ("`<<key>>` must be a date and time in quotes (`\"<<value>>\"`): Azure ML refuses a YAML date or timestamp written without them", "`<<key>>` doit être une date et une heure entre guillemets (`\"<<value>>\"`) : Azure ML refuse une date ou un horodatage YAML écrit sans eux"),
        ("`<<key>>` must be an ISO 8601 date and time such as `2024-01-01T08:00:00`, not `<<value>>`", "`<<key>>` doit être une date et une heure ISO 8601 comme `2024-01-01T08:00:00`, pas `<<value>>`"),
        ("Unknown `<<key>>` `<<tag>>`<<dot>> Valid values: <<values>>", "`<<key>>` inconnu : `<<tag>>`<<dot>> Valeurs valides : <<values>>"),
        ("<<what>>: `<<path>>` is a file; a folder is expected", "<<what>> : `<<path>>` est un fichier ; un dossier est attendu"),
        ("<<what>>: `<<path>>` is a folder; a file is expected", "<<what>> : `<<path>>` est un dossier ; un fichier est attendu"),
        ("`<<name>>` is not a transformer that takes parameters; use one of <<values>>", "`<<name>>` n'est pas un transformateur qui prend des paramètres ; utilisez l'un de <<values>>"),
        ("`task` must be written `<<a>>` (or `<<b>>`), not `<<c>>`: Azure ML compares it exactly", "`task` doit s'écrire `<<a>>` (ou `<<b>>`), pas `<<c>>` : Azure ML le compare exactement"),
        ("`jobs` and `component` cannot both be given: a pipeline job runs its own steps or a pipeline component", "`jobs` et `component` ne peuvent pas être donnés ensemble : un job pipeline exécute ses propres étapes ou un composant pipeline"),
        ("Input name `<<name>>` must be <<form>><<has>>: azure-ai-ml refuses it when the job is created", "Le nom d'entrée `<<name>>` doit être fait de <<form>><<has>> : azure-ai-ml le refuse à la création du job"),
        ("Output name `<<name>>` must be <<form>><<has>>: azure-ai-ml refuses it when the job is created", "Le nom de sortie `<<name>>` doit être fait de <<form>><<has>> : azure-ai-ml le refuse à la création du job"),
        ("Step name `<<name>>` must use lower-case letters, digits and `_`, and not start with a digit", "Le nom d'étape `<<name>>` ne doit contenir que des minuscules, des chiffres et `_`, et ne pas commencer par un chiffre"),
        ("A spark entry is either `file` or `class_name`, not both", "Une entrée spark est soit `file` soit `class_name`, pas les deux"),
        ("Azure ML does not support `class_name` entries (no classpath entry); give the entry `file` instead", "Azure ML ne prend pas en charge les entrées `class_name` (pas d'entrée de classpath) ; donnez plutôt `file`"),
        ("`spark.executor.instances` must lie between `<<lo>>` and `<<hi>>`", "`spark.executor.instances` doit être compris entre `<<lo>>` et `<<hi>>`"),
        ("`<<lo>>` must be above 0 and at most `<<hi>>`", "`<<lo>>` doit être supérieur à 0 et au plus `<<hi>>`"),
        ("`<<key>>` is only allowed when `spark.dynamicAllocation.enabled` is true", "`<<key>>` n'est permis que si `spark.dynamicAllocation.enabled` vaut true"),
        ("<<what>> takes either `compute` or `resources`, not both", "<<what>> prend soit `compute` soit `resources`, pas les deux"),
        ("`args` refers to `${{inputs.<<ref>>}}`, which is not among the job's inputs", "`args` fait référence à `${{inputs.<<ref>>}}`, qui n'est pas parmi les entrées du job"),
        ("`<<name>>` lists `<<value>>` twice", "`<<name>>` liste `<<value>>` deux fois"),
        # the most general last
        ("<<what>> must be <<kind>>, not `<<value>>`<<did>>", "<<what>> doit être <<kind>>, pas `<<value>>`<<did>>"),
        ("<<what>> must be <<kind>>, not <<node>>", "<<what>> doit être <<kind>>, pas <<node>>"),
    ],
    "unknown-type": [("`<<tag>>` is not a known `<<key>>`<<dot>> It is treated as `<<default>>`. Known values: <<values>>", "`<<tag>>` n'est pas un `<<key>>` connu<<dot>> Il est traité comme `<<default>>`. Valeurs connues : <<values>>")],
    "unknown-key": [
        ("`settings` are a pipeline job's; Azure ML refuses them in a <<type>> job's overrides", "Les `settings` sont ceux d'un travail de pipeline ; Azure ML les refuse dans les remplacements d'un travail <<type>>"),
        ("Unknown key `<<name>>` in <<label>>. Valid keys: <<values>>", "Clé inconnue `<<name>>` dans <<label>>. Clés valides : <<values>>"),
        ("Unknown key `<<name>>` in <<label>> without `component` (an inline job)<<did>>", "Clé inconnue `<<name>>` dans <<label>> sans `component` (un job en ligne)<<did>>"),
        ("Unknown key `<<name>>` in <<label>><<did>>", "Clé inconnue `<<name>>` dans <<label>><<did>>"),
    ],
    "ignored-key": [("Unknown key `<<name>>` in <<label>>: Azure ML keeps it but does not use it<<did>>", "Clé inconnue `<<name>>` dans <<label>> : Azure ML la garde mais ne l'utilise pas<<did>>")],
    "read-only": [
        ("`<<name>>` is set by the Azure ML service; an empty `<<name2>>` is refused, remove it", "`<<name>>` est renseigné par le service Azure ML ; un `<<name2>>` vide est refusé, retirez-le"),
        ("`<<name>>` is set by the Azure ML service and ignored when the job is submitted; remove it", "`<<name>>` est renseigné par le service Azure ML et ignoré à la soumission du job ; retirez-le"),
    ],
    "deprecated": [("`<<name>>` is deprecated: <<why>>", "`<<name>>` est déprécié : <<why>>")],
    "missing-path": [
        ("<<what>>: `<<path>>` does not exist (relative to this file's folder); Azure ML refuses to load a file whose local paths are missing", "<<what>> : `<<path>>` n'existe pas (par rapport au dossier de ce fichier) ; Azure ML refuse de charger un fichier dont des chemins locaux manquent"),
        ("<<what>>: `<<path>>` does not exist (relative to this file's folder); the run will fail when Azure ML uploads it", "<<what>> : `<<path>>` n'existe pas (par rapport au dossier de ce fichier) ; l'exécution échouera quand Azure ML l'enverra"),
        ("`file`: `<<file>>` is not in the code folder `<<folder>>`; Azure ML refuses a spark job whose entry file is missing", "`file` : `<<file>>` n'est pas dans le dossier de code `<<folder>>` ; Azure ML refuse un job spark dont le fichier d'entrée manque"),
    ],
    "out-of-range": [
        ("<<what>> is <<value>>, beyond <<limit>> (2^<<bits>>-1): Azure ML reads it as a <<width>>-bit integer, so no Azure service takes it; azure-ai-ml lets it through", "<<what>> vaut <<value>>, au-delà de <<limit>> (2^<<bits>>-1) : Azure ML le lit comme un entier de <<width>> bits, donc aucun service Azure ne l'accepte ; azure-ai-ml le laisse passer"),
        ("<<what>> of <<value>> <<unit>> is too long for azure-ai-ml, which fails converting it to a duration when the job is created (OverflowError)", "<<what>> de <<value>> <<unit>> est trop long pour azure-ai-ml, qui échoue à le convertir en durée à la création du job (OverflowError)"),
        ("<<what>> of <<value>> <<unit>> is longer than Azure ML's service reads a duration (2^63-1 ticks of 100 ns, about 29,227 years); azure-ai-ml lets it through", "<<what>> de <<value>> <<unit>> dépasse la plus longue durée que lit le service Azure ML (2^63-1 pas de 100 ns, environ 29 227 ans) ; azure-ai-ml le laisse passer"),
        ("<<what>> should be at least <<n>>, not <<value>>: the SDK lets it through but the service refuses the schedule", "<<what>> devrait valoir au moins <<n>>, pas <<value>> : le SDK le laisse passer mais le service refuse la planification"),
        ("<<what>> should be at most <<n>>, not <<value>>: the SDK lets it through but the service refuses the schedule", "<<what>> devrait valoir au plus <<n>>, pas <<value>> : le SDK le laisse passer mais le service refuse la planification"),
        ("<<what>> should be at least <<n>>, not <<value>>", "<<what>> devrait valoir au moins <<n>>, pas <<value>>"),
        ("<<what>> should be at most <<n>>, not <<value>>", "<<what>> devrait valoir au plus <<n>>, pas <<value>>"),
    ],
    # bindings
    "odd-character": [("<<what>> has <<char>> (U+<<hex>>) at character <<n>>, in a name Azure ML expects in ASCII: it is invisible or passes for another character; azure-ai-ml lets it through, but the name looked up is not the one you see", "<<what>> contient <<char>> (U+<<hex>>) au caractère <<n>>, dans un nom qu'Azure ML attend en ASCII : il est invisible ou se fait passer pour un autre ; azure-ai-ml le laisse passer, mais le nom cherché n'est pas celui que vous voyez")],
    "old-binding-form": [
        ("`<<old>>` is the old binding form, which azure-ai-ml refuses when the job is created (`az ml job create`); write `<<new>>`", "`<<old>>` est l'ancienne forme de liaison, qu'azure-ai-ml refuse à la création du job (`az ml job create`) ; écrivez `<<new>>`"),
        ("`<<old>>` is the old binding form of `<<new>>`: azure-ai-ml passes it on unresolved here (and refuses it as a step's input or output)", "`<<old>>` est l'ancienne forme de liaison de `<<new>>` : azure-ai-ml la transmet ici sans la résoudre (et la refuse comme entrée ou sortie d'une étape)"),
    ],
    "unknown-binding": [("`${{<<expr>>}}` is not a binding this tool knows (inputs.N, outputs.N, search_space.N, parent.inputs.N, parent.outputs.N, parent.jobs.STEP.outputs.N)", "`${{<<expr>>}}` n'est pas une liaison que cet outil connaît (inputs.N, outputs.N, search_space.N, parent.inputs.N, parent.outputs.N, parent.jobs.STEP.outputs.N)")],
    "unclosed-binding": [("`${{` is not closed by `}}`: Azure ML will pass it on as plain text", "`${{` n'est pas fermé par `}}` : Azure ML le transmettra tel quel, comme du texte")],
    "binding-not-allowed": [
        ("`search_space` bindings belong in a sweep's trial", "Les liaisons `search_space` vont dans le `trial` d'un balayage"),
        ("`parent` bindings belong in a pipeline step: this job has no parent pipeline", "Les liaisons `parent` vont dans une étape de pipeline : ce job n'a pas de pipeline parent"),
    ],
    "component-error": [
        ("`<<file>>`, line <<line>>: <<inner>>; Azure ML refuses to load the pipeline", "`<<file>>`, ligne <<line>> : <<inner>> ; Azure ML refuse de charger le pipeline"),
        ("`<<file>>` has <<n>> errors; the first, line <<line>>: <<inner>>; Azure ML refuses to load the pipeline", "`<<file>>` a <<n>> erreurs ; la première, ligne <<line>> : <<inner>> ; Azure ML refuse de charger le pipeline"),
    ],
    "job-error": [
        ("`<<file>>`, line <<line>>: <<inner>>; Azure ML refuses the schedule", "`<<file>>`, ligne <<line>> : <<inner>> ; Azure ML refuse la planification"),
        ("`<<file>>` has <<n>> errors; the first, line <<line>>: <<inner>>; Azure ML refuses the schedule", "`<<file>>` a <<n>> erreurs ; la première, ligne <<line>> : <<inner>> ; Azure ML refuse la planification"),
    ],
    "job-warning": [
        ("`<<file>>` has <<n>> warnings; the first, line <<line>>: <<inner>>", "`<<file>>` a <<n>> avertissements ; le premier, ligne <<line>> : <<inner>>"),
        ("`<<file>>`, line <<line>>: <<inner>>", "`<<file>>`, ligne <<line>> : <<inner>>"),
    ],
    "input-type-mismatch": [
        ("Input `<<name>>` of the <<where>> is a `<<type>>`, but it is given a `<<source>>` output: the SDK lets it through but the run fails", "L'entrée `<<name>>` du <<where>> est de type `<<type>>`, mais reçoit une sortie de type `<<source>>` : le SDK laisse passer mais l'exécution échoue"),
        ("Input `<<name>>` of the <<where>> takes <<kind>>, not `<<value>>`: the SDK lets it through but the run fails", "L'entrée `<<name>>` du <<where>> prend <<kind>>, pas `<<value>>` : le SDK laisse passer mais l'exécution échoue"),
    ],
    "invalid-input-value": [
        ("Input `<<name>>` of the <<where>> should be <<limit>>, not `<<value>>`: the SDK lets it through but the run fails", "L'entrée `<<name>>` du <<where>> devrait être <<limit>>, pas `<<value>>` : le SDK laisse passer mais l'exécution échoue"),
    ],
    "invalid-cron": [
        ("Invalid cron expression: <<cron>>; the SDK lets it through but the service refuses the schedule", "Expression cron invalide : <<cron>> ; le SDK la laisse passer mais le service refuse la planification"),
    ],
    "unknown-time-zone": [
        ("`<<zone>>` is not a time zone Azure ML knows: the SDK lets it through but the service refuses the schedule (use a Windows time zone name such as `UTC` or `W. Europe Standard Time`)", "`<<zone>>` n'est pas un fuseau horaire connu d'Azure ML : le SDK le laisse passer mais le service refuse la planification (utilisez un nom de fuseau Windows comme `UTC` ou `W. Europe Standard Time`)"),
        ("`<<zone>>` is not a time zone Azure ML knows: the SDK lets it through but the service refuses the schedule<<did>>", "`<<zone>>` n'est pas un fuseau horaire connu d'Azure ML : le SDK le laisse passer mais le service refuse la planification<<did>>"),
    ],
    "wrong-kind": [
        ("Expected a <<filekind>> file; this is a <<filekind2>> file", "Un fichier <<filekind>> était attendu ; celui-ci est un fichier <<filekind2>>"),
    ],
    "missing-input": [("Step `<<step>>` does not give the required input(s) <<names>> of the <<where>>", "L'étape `<<step>>` ne donne pas la ou les entrées obligatoires <<names>> du <<where>>")],
    "invalid-component": [("`<<ref>>` cannot be read as a component (line <<line>>: <<yaml>>)", "`<<ref>>` ne peut pas être lu comme un composant (ligne <<line>> : <<yaml>>)")],
    "unknown-component-input": [("The <<where>> has no input `<<name>>`<<did>>", "Le <<where>> n'a pas d'entrée `<<name>>`<<did>>")],
    "unknown-component-output": [("The <<where>> has no output `<<name>>`<<did>>", "Le <<where>> n'a pas de sortie `<<name>>`<<did>>")],
    "override-mismatch": [
        ("`type: <<type>>` overrides a <<type2>> job (`<<file>>`): Azure ML reads the overrides as a <<type3>> job and refuses the schedule", "`type: <<type>>` remplace un travail <<type2>> (`<<file>>`) : Azure ML lit les remplacements comme un travail <<type3>> et refuse la planification"),
    ],
    "undeclared-input": [
        ("`<<file>>` declares no input `<<name>>`<<did>>: the schedule passes it, but nothing in the job uses it", "`<<file>>` ne déclare aucune entrée `<<name>>`<<did>> : la planification la transmet, mais rien dans le travail ne l'utilise"),
        ("No input `<<name>>` is declared here<<did>>", "Aucune entrée `<<name>>` n'est déclarée ici<<did>>"),
        ("The pipeline declares no input `<<name>>`<<did>>", "Le pipeline ne déclare aucune entrée `<<name>>`<<did>>"),
    ],
    "undeclared-output": [
        ("`<<file>>` declares no output `<<name>>`<<did>>: the schedule sets it, but nothing in the job writes it", "`<<file>>` ne déclare aucune sortie `<<name>>`<<did>> : la planification la règle, mais rien dans le travail ne l'écrit"),
        ("No output `<<name>>` is declared here<<did>>", "Aucune sortie `<<name>>` n'est déclarée ici<<did>>"),
        ("The pipeline declares no output `<<name>>`<<did>>", "Le pipeline ne déclare aucune sortie `<<name>>`<<did>>"),
        ("Step `<<step>>` has no output `<<name>>`<<did>>", "L'étape `<<step>>` n'a pas de sortie `<<name>>`<<did>>"),
        ("Step `<<step>>` runs a component that cannot be read here, and lists no output `<<name>>`: Azure ML cannot find it for a step defined inline; list it under the step's `outputs`", "L'étape `<<step>>` exécute un composant illisible ici et ne liste aucune sortie `<<name>>` : Azure ML ne peut pas la trouver pour une étape définie en ligne ; listez-la sous les `outputs` de l'étape"),
    ],
    "undeclared-parameter": [("No search space parameter `<<name>>`<<did>>", "Aucun paramètre d'espace de recherche `<<name>>`<<did>>")],
    "unknown-step": [("The pipeline has no step `<<name>>`<<did>>", "Le pipeline n'a pas d'étape `<<name>>`<<did>>")],
    # reading the file
    "file-too-large": [
        ("The file is <<size>> bytes; files over <<limit>> bytes are not read", "Le fichier fait <<size>> octets ; les fichiers de plus de <<limit>> octets ne sont pas lus"),
        ("stdin is over <<limit>> bytes; files over that are not read", "l'entrée standard dépasse <<limit>> octets ; au-delà, rien n'est lu"),
        ("The file grew past <<limit>> bytes while it was read; not read", "Le fichier a dépassé <<limit>> octets pendant sa lecture ; il n'est pas lu"),
    ],
    "unreadable": [
        ("Cannot read the file: it is not a regular file", "Impossible de lire le fichier : ce n'est pas un fichier ordinaire"),
        ("Cannot read the file: <<why>>", "Impossible de lire le fichier : <<why>>"),
    ],
    "invalid-character": [
        ("Character U+<<hex>> is not allowed in YAML (binary data?); <<count>> such characters in the file", "Le caractère U+<<hex>> n'est pas permis en YAML (des données binaires ?) ; <<count>> caractères de ce genre dans le fichier"),
        ("Character U+<<hex>> is not allowed in YAML (binary data?)", "Le caractère U+<<hex>> n'est pas permis en YAML (des données binaires ?)"),
    ],
    "invalid-encoding": [
        ("This is not a YAML text file: <<n>> of its first <<m>> characters are not readable text", "Ce n'est pas un fichier texte YAML : <<n>> de ses <<m>> premiers caractères ne sont pas du texte lisible"),
        ("The file is not valid UTF-8: byte 0x<<byte>> at byte offset <<offset>> cannot be decoded", "Le fichier n'est pas de l'UTF-8 valide : l'octet 0x<<byte>> à la position <<offset>> ne peut pas être décodé"),
    ],
    "internal-error": [("Internal error while reading YAML: <<why>>", "Erreur interne en lisant le YAML : <<why>>")],
    "unsafe-tag": [("The tag <<tag>> is not allowed: Azure ML reads job files with a safe loader, which refuses it", "L'étiquette <<tag>> n'est pas permise : Azure ML lit les fichiers de job avec un chargeur sûr, qui la refuse")],
    "duplicate-key": [("Duplicate key `<<name>>` (first on line <<line>>): a YAML loader keeps only the last one and silently drops the other", "Clé en double `<<name>>` (d'abord à la ligne <<line>>) : un chargeur YAML ne garde que la dernière et ignore l'autre sans rien dire")],
    "multiple-documents": [("A job file holds one YAML document; this second one is not read", "Un fichier de job contient un seul document YAML ; ce second document n'est pas lu")],
    "too-deep": [
        ("Nesting deeper than <<n>> levels is not read", "Une imbrication de plus de <<n>> niveaux n'est pas lue"),
        ("<<yaml>>", "YAML trop imbriqué : <<yaml>>"),
    ],
    "undefined-alias": [
        ("The alias *<<name>> refers to a node that contains it", "L'alias *<<name>> désigne un nœud qui le contient"),
        ("The alias *<<name>> is not defined before this point", "L'alias *<<name>> n'est pas défini avant ce point"),
    ],
    "yaml-syntax": [
        ("Cannot read <<text>> as <<tag>>: <<why>>", "Impossible de lire <<text>> comme <<tag>> : <<why>>"),
        ("<<yaml>>", "YAML illisible : <<yaml>>"),
    ],
    "invalid-policy": [
        ("The policy <<name>> failed on this file: <<why>>", "La politique <<name>> a échoué sur ce fichier : « <<why>> »"),
        ("the policy `<<glob>>` names no file (relative to <<root>>); it is not applied", "la politique `<<glob>>` ne désigne aucun fichier (par rapport à <<root>>) ; elle n'est pas appliquée"),
        ("the policy file <<path>> is not JSON: <<why>> (line <<line>>, column <<column>>); it is not applied", "le fichier de politique <<path>> n'est pas du JSON : « <<why>> » (ligne <<line>>, colonne <<column>>) ; il n'est pas appliqué"),
        ("the policy file <<path>> is not UTF-8 text; it is not applied", "le fichier de politique <<path>> n'est pas du texte UTF-8 ; il n'est pas appliqué"),
        ("the policy file <<path>> is not a JSON Schema: its top level is <<type>>, not an object; it is not applied", "le fichier de politique <<path>> n'est pas un JSON Schema : sa racine est de type <<type>>, pas un objet ; il n'est pas appliqué"),
        ("the policy file <<path>> is not a valid JSON Schema (<<draft>>): at <<at>>: <<why>>; it is not applied", "le fichier de politique <<path>> n'est pas un JSON Schema valide (<<draft>>) : à <<at>> : « <<why>> » ; il n'est pas appliqué"),
        ("the policy file <<path>>: `<<name>>` must be a list of strings; it is not applied", "le fichier de politique <<path>> : `<<name>>` doit être une liste de textes ; il n'est pas appliqué"),
        ("the policy file <<path>>: `x-job-lsp-kinds` names `<<kind>>`; the kinds are <<kinds>>; it is not applied", "le fichier de politique <<path>> : `x-job-lsp-kinds` désigne `<<kind>>` ; les sortes de fichiers sont <<kinds>> ; il n'est pas appliqué"),
        ("the policy file <<path>>: `x-job-lsp-severity` must be one of <<levels>>, not <<value>>; it is not applied", "le fichier de politique <<path>> : `x-job-lsp-severity` doit être l'un de <<levels>>, pas <<value>> ; il n'est pas appliqué"),
        ("cannot read the policy file <<path>>: <<why>>; it is not applied", "impossible de lire le fichier de politique <<path>> : « <<why>> » ; il n'est pas appliqué"),
        ("the policy file <<path>>: <<read>>; it is not applied", "le fichier de politique <<path>> : <<read>> ; il n'est pas appliqué"),
    ],
    "invalid-config": [
        ("not valid TOML: <<why>>; the defaults are used", "TOML invalide : « <<why>> » ; les valeurs par défaut sont utilisées"),
        ("[tool.job-lsp] must be a table; the defaults are used", "[tool.job-lsp] doit être une table ; les valeurs par défaut sont utilisées"),
        ("unknown key `<<key>>` in <<table>> (ignored). Known keys: <<values>>", "clé inconnue `<<key>>` dans <<table>> (ignorée). Clés connues : <<values>>"),
        ("unknown key `<<key>>` in <<table>> (ignored)<<did>>", "clé inconnue `<<key>>` dans <<table>> (ignorée)<<did>>"),
        ("`format` must be a table, not <<setting>>; the defaults are used", "`format` doit être une table, pas <<setting>> ; les valeurs par défaut sont utilisées"),
        ("`<<key>>` is <<setting>>: `<<key2>>` must be <<expects>>; the default <<default>> is used", "`<<key>>` vaut <<setting>> : `<<key2>>` doit être <<expects>> ; la valeur par défaut <<default>> est utilisée"),
        ("`<<key>>` must be <<expects>>, not <<setting>>; the default <<default>> is used", "`<<key>>` doit être <<expects>>, pas <<setting>> ; la valeur par défaut <<default>> est utilisée"),
        ("<<read>>; the defaults are used", "<<read>> ; les valeurs par défaut sont utilisées"),
    ],
    "unknown-code": [("`<<code>>` in `<<key>>` is no code job-lsp or a policy reports; it has no effect", "`<<code>>` dans `<<key>>` n'est un code ni de job-lsp ni d'une politique ; il est sans effet")],
}

# The configuration's words: what a key expects, and a value that does not fit.
_CONFIG_PHRASES = {
    "a list of strings": "une liste de textes",
    "a list of globs": "une liste de globs",
    "a list of codes": "une liste de codes",
    "a table of code = level (error, warning, information, hint)": "une table code = niveau (error, warning, information, hint)",
    "a table of glob = [codes]": "une table glob = [codes]",
    "one of en, fr": "l'un de en, fr",
    "a list of JSON Schema file globs": "une liste de globs de fichiers JSON Schema",
    "an integer from 2 to 8": "un entier de 2 à 8",
    "true or false": "true ou false",
    "an integer from 20 to 1000": "un entier de 20 à 1000",
    "a list with a value that does not fit": "une liste avec une valeur qui ne convient pas",
    "an empty list": "une liste vide",
    "a table with a value that does not fit": "une table avec une valeur qui ne convient pas",
    "an empty table": "une table vide",
    "the configuration": "la configuration",
    "the top level": "la racine",
}


def _setting_fr(text: str) -> str:
    if text in _CONFIG_PHRASES:
        return _CONFIG_PHRASES[text]
    m = re.fullmatch(r"the (string|number|boolean) (.*)", text, re.S)
    if m:
        return {"string": "le texte ", "number": "le nombre ", "boolean": "le booléen "}[m.group(1)] + m.group(2)
    return text


def _read_fr(text: str) -> str:
    """Why a file could not be read (files.read_bounded's words, or not UTF-8)."""
    for code in ("unreadable", "file-too-large"):
        translated = french(code, text)
        if translated is not None:
            return translated
    m = re.fullmatch(r"not UTF-8 text \(byte (0x[0-9a-f]+) at offset (\d+)\)", text)
    if m:
        return f"pas du texte UTF-8 (octet {m.group(1)} à la position {m.group(2)})"
    return text


_IO_NAME_FORMS = {
    "ASCII letters, digits and `_`, not starting with a digit": "lettres ASCII, chiffres et `_`, sans commencer par un chiffre",
    "ASCII letters, digits and `_`, not starting with a digit (dots join a parameter group: `group.name`)": "lettres ASCII, chiffres et `_`, sans commencer par un chiffre (des points joignent un groupe de paramètres : `group.name`)",
}


def _why_fr(text: str) -> str:
    m = re.fullmatch(r" \(it has (.*) at character (\d+)\)", text)
    return f" (il contient {m.group(1)} au caractère {m.group(2)})" if m else text


_PARTS.update(
    {
        "form": (r".+?", lambda t: _IO_NAME_FORMS.get(t, t)),
        "has": (r"(?: \(it has .* at character \d+\))?", _why_fr),
        "unit": (r"seconds|minutes", lambda t: {"seconds": "secondes", "minutes": "minutes"}[t]),
        "expects": (r".+?", _setting_fr),
        "setting": (r".+?", _setting_fr),
        "table": (r"\[[^\]]*\]|the configuration", _setting_fr),
        "at": (r".+?", _setting_fr),
        "read": (r".+", _read_fr),
    }
)


@lru_cache(maxsize=None)
def _compiled(template: str) -> tuple[re.Pattern, tuple[str, ...]]:
    parts = re.split(r"<<(\w+)>>", template)
    pattern, names = [], []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            pattern.append(re.escape(part))
            continue
        base = re.sub(r"\d+$", "", part)
        regex = _PARTS.get(base, (r".+?", None))[0]
        pattern.append(f"(?P<{part}>{regex})")
        names.append(part)
    return re.compile("".join(pattern), re.S), tuple(names)


def _fill(template: str, values: dict[str, str]) -> str:
    def one(m: re.Match) -> str:
        name = m.group(1)
        value = values[name]
        translate = _PARTS.get(re.sub(r"\d+$", "", name), (None, None))[1]
        text = translate(value) if translate else value
        return _capital(text) if name[:1].isupper() or (name == "what" and m.start() == 0) else text

    return re.sub(r"<<(\w+)>>", one, template)


def french(code: str, message: str) -> str | None:
    """The French text of a message, or None when no template of its code matches."""
    for en, fr in CATALOG.get(code, ()):
        pattern, _ = _compiled(en)
        m = pattern.fullmatch(message)
        if m:
            return _fill(fr, m.groupdict())
    return None


# Why `format` left a file as it is (format.py's reasons), in French.
FORMAT_REASONS_FR = {
    "unexpected text after a value": "du texte inattendu après une valeur",
    "a complex mapping key": "une clé de mapping complexe",
    "a sequence item without its dash": "un élément de liste sans son tiret",
    "a list item whose mapping starts on the next line": "un élément de liste dont le mapping commence à la ligne suivante",
    "a list item with an anchor on a block collection": "un élément de liste avec une ancre sur une collection en bloc",
    "the top level is not a block mapping": "le niveau supérieur n'est pas un mapping en bloc",
    "the result would not read back the same": "le résultat ne se relirait pas à l'identique",
    "a comment could not be kept in place": "un commentaire n'a pas pu rester à sa place",
    "indent must be between 2 and 8": "l'indentation doit être entre 2 et 8",
}
_NOT_FORMATTED_LINE = re.compile(r"not formatted: line (\d+): (.+)", re.S)


def format_reason(reason: str, locale: str | None) -> str:
    """Why a file was not formatted (`FormatResult.error`), in the locale."""
    if not is_french(locale):
        return reason
    inner = reason.removeprefix("not formatted: ")
    if inner in FORMAT_REASONS_FR:
        return ("non formaté : " if inner != reason else "") + FORMAT_REASONS_FR[inner]
    m = _NOT_FORMATTED_LINE.fullmatch(reason)
    if m:
        return f"non formaté : ligne {m.group(1)} : {_inner_fr(m.group(2))}"
    if inner.startswith("internal error: "):
        return "non formaté : erreur interne : " + inner.removeprefix("internal error: ")
    return reason


def localize(code: str, message: str, locale: str | None, data: dict | None = None) -> str:
    """A problem's message in the locale (English when the locale is not French, or when
    the catalog has no French for it; a policy carries its own French text in `data`)."""
    if not is_french(locale):
        return message
    if data and isinstance(data.get("message_fr"), str):
        return data["message_fr"]
    return french(code, message) or message


__all__ = ["CATALOG", "FORMAT_REASONS_FR", "LABELS", "format_reason", "french", "label_fr", "localize", "phrase_fr"]
