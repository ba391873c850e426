"""Every diagnostic code job-lsp reports: its default severity, a one-line explanation in
English and French, and an example of a file that gets it. `job-lsp rules`, SARIF's rule
list and the editor's links (codeDescription) read this registry; a test checks that every
code used in job_lsp/ is here. Codes are the same in every language."""

from __future__ import annotations

from dataclasses import dataclass

# Where each code is explained (an anchor per code, generated from this registry).
RULES_PAGE = "https://github.com/job-lsp/job-lsp/blob/main/docs/rules.md"


@dataclass(frozen=True)
class Rule:
    code: str
    # "error", "warning", or "error or warning" when it depends on where (see the text)
    severity: str
    en: str
    fr: str
    example: str

    def explanation(self, locale: str | None = None) -> str:
        return self.fr if is_french(locale) else self.en


def is_french(locale: str | None) -> bool:
    """Whether a locale (`fr`, `fr-FR`, `fr_CA.UTF-8`...) asks for French."""
    return bool(locale) and locale.lower().replace("_", "-").split("-")[0].split(".")[0] == "fr"


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


RULES: dict[str, Rule] = _rules(
    # --- reading the YAML ---------------------------------------------------------------------
    Rule("yaml-syntax", "error", "The YAML cannot be read (tabs, unclosed brackets...)", "Le YAML est illisible (tabulations, crochets non fermés...)", "inputs: [a, b\n"),
    Rule("invalid-encoding", "error", "The file is not UTF-8 text", "Le fichier n'est pas du texte UTF-8", "# a file saved as Latin-1: caf\\xe9\n"),
    Rule("invalid-character", "error", "NUL or another character YAML forbids", "NUL ou un autre caractère que YAML interdit", "name: train\\x00\n"),
    Rule("multiple-documents", "error", "A second `---` document (Azure ML reads one)", "Un second document `---` (Azure ML n'en lit qu'un)", "type: command\n---\ntype: sweep\n"),
    Rule("unsafe-tag", "error", "A `!!python/...` or other tag a safe loader refuses (never executed)", "Une étiquette `!!python/...` ou autre qu'un chargeur sûr refuse (jamais exécutée)", "command: !!python/object/apply:os.system [ls]\n"),
    Rule("undefined-alias", "error", "An alias to an anchor that is not defined", "Un alias vers une ancre qui n'est pas définie", "compute: *cluster\n"),
    Rule("too-deep", "error", "Nesting deeper than the reader's bound (200 levels)", "Une imbrication plus profonde que la limite du lecteur (200 niveaux)", "a: [[[[[[ ... ]]]]]]  # 201 levels\n"),
    Rule("alias-limit", "error", "Aliases that expand to more nodes than the reader's bound", "Des alias qui se déploient en plus de nœuds que la limite du lecteur", "a: &a [*b, *b, *b]  # nested ten times\n"),
    Rule("empty-document", "error", "Nothing to read: a job file is a mapping with at least `command` or `type`", "Rien à lire : un fichier de job est un mapping avec au moins `command` ou `type`", "# only a comment\n"),
    Rule("not-a-mapping", "error", "The top level is a list or text, not a mapping", "Le niveau supérieur est une liste ou du texte, pas un mapping", "- type: command\n"),
    Rule("duplicate-key", "warning", "The same key twice (YAML keeps the last one silently)", "La même clé deux fois (YAML garde la dernière sans rien dire)", "compute: a\ncompute: b\n"),
    Rule("file-too-large", "error", "A file too large to be a job file (over 20 MB), not read", "Un fichier trop gros pour être un fichier de job (plus de 20 Mo), non lu", "# a 30 MB data file named data.yml\n"),
    Rule("unreadable", "error", "The file cannot be read (permissions, a folder...)", "Le fichier ne peut pas être lu (droits, un dossier...)", "# a job file without read permission\n"),
    Rule("internal-error", "error", "job-lsp failed while reading the file (please report it)", "job-lsp a échoué en lisant le fichier (merci de le signaler)", "# any file that triggers a bug\n"),
    # --- the job model -----------------------------------------------------------------------
    Rule("unknown-key", "error", "A key the job type (or block) does not have, with the nearest valid key", "Une clé que le type de job (ou le bloc) n'a pas, avec la clé valide la plus proche", "type: command\nexperiment_nme: demo\n"),
    Rule("type-mismatch", "error", "A value of the wrong shape (text for a number, a list for a mapping...)", "Une valeur de la mauvaise forme (du texte pour un nombre, une liste pour un mapping...)", "resources:\n  instance_count: four\n"),
    Rule("invalid-value", "error", "A value that is not allowed (with the nearest one), or a malformed reference", "Une valeur non permise (avec la plus proche), ou une référence mal formée", "inputs:\n  data:\n    mode: ro_mout\n"),
    Rule("missing-required", "error", "A required key is absent", "Une clé obligatoire est absente", "type: command\ncode: ./src\n# no command, no environment\n"),
    Rule("empty-value", "error", "`key:` with no value where Azure ML refuses null", "`clé:` sans valeur là où Azure ML refuse null", "type: command\ncompute:\n"),
    Rule("read-only", "error or warning", "A key the service sets (`status`, `id`...): a warning when set (ignored), an error when empty (refused)", "Une clé que le service renseigne (`status`, `id`...) : avertissement si elle est donnée (ignorée), erreur si elle est vide (refusée)", "type: command\nstatus: Completed\n"),
    Rule("missing-path", "error or warning", "A local path that does not exist: an error for `code`, `conda_file`, `build.path` (the SDK refuses to load), a warning for an input `path` (only the upload fails)", "Un chemin local qui n'existe pas : erreur pour `code`, `conda_file`, `build.path` (le SDK refuse de charger), avertissement pour le `path` d'une entrée (seul l'envoi échoue)", "type: command\ncode: ./srcc\n"),
    Rule("out-of-range", "warning", "A number outside its sensible range", "Un nombre hors de son intervalle raisonnable", "resources:\n  instance_count: 0\n"),
    Rule("unknown-type", "warning", "A service `type` close to a known one, treated as custom", "Un `type` de service proche d'un type connu, traité comme personnalisé", "services:\n  board:\n    type: tensorboard\n"),
    Rule("ignored-key", "warning", "A key Azure ML keeps but does not use (in a step that uses a component, in pipeline `settings`)", "Une clé qu'Azure ML garde mais n'utilise pas (dans une étape qui utilise un composant, dans les `settings` d'un pipeline)", "settings:\n  default_comput: cpu\n"),
    # --- components, schedules and across files ----------------------------------------------
    Rule("component-error", "error", "A step's local component file has errors of its own (a missing `code`, an unknown key...): Azure ML refuses to load the pipeline", "Le fichier de composant local d'une étape a ses propres erreurs (un `code` absent, une clé inconnue...) : Azure ML refuse de charger le pipeline", "jobs:\n  train:\n    component: ./train.yml  # train.yml has code: ./missing\n"),
    Rule("job-error", "error", "A schedule's job file has errors: Azure ML refuses the schedule", "Le fichier de travail d'une planification a des erreurs : Azure ML refuse la planification", "create_job: ./pipeline.yml  # pipeline.yml has an unknown key\n"),
    Rule("job-warning", "warning", "A schedule's job file has warnings", "Le fichier de travail d'une planification a des avertissements", "create_job: ./pipeline.yml  # pipeline.yml has a warning\n"),
    Rule("override-mismatch", "error", "A schedule's `create_job.type` is not the type of its job file: Azure ML reads the overrides as that type of job and refuses the schedule", "Le `create_job.type` d'une planification n'est pas le type de son fichier de travail : Azure ML lit les remplacements comme ce type de travail et refuse la planification", "create_job:\n  job: ./pipeline.yml  # a pipeline job\n  type: command\n"),
    Rule("input-type-mismatch", "warning", "A step gives a component input a literal of another type, or binds an output of another data type into it (the SDK lets it through; the run fails)", "Une étape donne à une entrée de composant un littéral d'un autre type, ou y lie une sortie d'un autre type de données (le SDK laisse passer ; l'exécution échoue)", "inputs:\n  epochs: ten  # an integer input\n"),
    Rule("invalid-input-value", "warning", "A step gives a component input a literal outside its `enum`, `min` or `max`", "Une étape donne à une entrée de composant un littéral hors de son `enum`, `min` ou `max`", "inputs:\n  k: 9  # the component says max: 5\n"),
    Rule("invalid-cron", "warning", "A cron expression the service refuses (not 5 fields, an hour 25...); the SDK lets it through", "Une expression cron que le service refuse (pas 5 champs, une heure 25...) ; le SDK la laisse passer", "trigger:\n  type: cron\n  expression: \"0 25 * * *\"\n"),
    Rule("unknown-time-zone", "warning", "A time zone the service does not know (it takes Windows names such as `UTC`); the SDK lets it through", "Un fuseau horaire que le service ne connaît pas (il prend des noms Windows comme `UTC`) ; le SDK le laisse passer", "trigger:\n  type: cron\n  expression: \"0 8 * * *\"\n  time_zone: Mars Standard Time\n"),
    Rule("wrong-kind", "error", "`load_job`, `load_component` or `load_schedule` given a file of another kind", "`load_job`, `load_component` ou `load_schedule` appelé sur un fichier d'une autre sorte", "# load_job on a component file\n"),
    Rule("odd-character", "warning", "An invisible or look-alike character in a name or a reference (Azure ML would look up a name nobody sees)", "Un caractère invisible ou trompeur dans un nom ou une référence (Azure ML chercherait un nom que personne ne voit)", "compute: azureml:cpu\u200b-cluster  # a zero-width space\n"),
    Rule("deprecated", "warning", "A key Azure ML still reads but has deprecated", "Une clé qu'Azure ML lit encore mais a dépréciée", "# a key the model marks deprecated (none is today)\n"),
    Rule("unknown-asset", "warning", "A compute, environment, data asset, model or component (name or version) the workspace does not have, with the nearest name or its versions: with `job-lsp check --workspace`, and in the editor when a workspace is known and its list is fresh (docs/workspace.md)", "Un calcul, un environnement, une ressource de données, un modèle ou un composant (nom ou version) que l'espace de travail n'a pas, avec le nom le plus proche ou ses versions : avec `job-lsp check --workspace`, et dans l'éditeur quand un espace de travail est connu et sa liste à jour (docs/workspace.md)", "compute: azureml:cpu-clustr  # the workspace has cpu-cluster\n"),
    # --- bindings and pipeline wiring -----------------------------------------------------------
    Rule("undeclared-input", "error or warning", "`${{inputs.N}}` or `${{parent.inputs.N}}` names no input (an error where the SDK refuses it)", "`${{inputs.N}}` ou `${{parent.inputs.N}}` ne désigne aucune entrée (erreur là où le SDK le refuse)", "type: command\ncommand: python train.py ${{inputs.dta}}\ninputs:\n  data: ./data\n"),
    Rule("undeclared-output", "error or warning", "`${{outputs.N}}` or `${{parent...outputs.N}}` names no output", "`${{outputs.N}}` ou `${{parent...outputs.N}}` ne désigne aucune sortie", "command: python train.py --out ${{outputs.modle}}\noutputs:\n  model: {}\n"),
    Rule("undeclared-parameter", "warning", "`${{search_space.N}}` names no parameter of the sweep", "`${{search_space.N}}` ne désigne aucun paramètre du balayage", "trial:\n  command: python train.py --lr ${{search_space.l}}\n"),
    Rule("unknown-step", "error or warning", "`${{parent.jobs.STEP...}}` names no step of the pipeline", "`${{parent.jobs.STEP...}}` ne désigne aucune étape du pipeline", "inputs:\n  model: ${{parent.jobs.trian.outputs.model}}\n"),
    Rule("binding-not-allowed", "warning", "`${{parent...}}` outside a pipeline step, `${{search_space...}}` outside a sweep", "`${{parent...}}` hors d'une étape de pipeline, `${{search_space...}}` hors d'un balayage", "type: command\ncommand: echo ${{parent.inputs.x}}\n"),
    Rule("unknown-binding", "warning", "A `${{...}}` form this tool does not know", "Une forme `${{...}}` que cet outil ne connaît pas", "command: echo ${{input.x}}\n"),
    Rule("unclosed-binding", "warning", "`${{` without `}}`: Azure ML passes it on as text", "`${{` sans `}}` : Azure ML le transmet tel quel", "command: echo ${{inputs.x\n"),
    Rule("old-binding-form", "error or warning", "A binding in the form from before `parent.` (`${{jobs.STEP.outputs.N}}`): an error as a step's whole input or output, a warning elsewhere", "Une liaison dans la forme d'avant `parent.` (`${{jobs.STEP.outputs.N}}`) : erreur comme entrée ou sortie entière d'une étape, avertissement ailleurs", "jobs:\n  score:\n    inputs:\n      model: ${{jobs.train.outputs.model}}\n"),
    Rule("missing-input", "error", "A step does not give an input its component requires", "Une étape ne donne pas une entrée que son composant exige", "jobs:\n  train:\n    component: ./train.yml  # requires `data`\n"),
    Rule("invalid-component", "error", "A local component file that is not readable YAML (Azure ML refuses the pipeline)", "Un fichier de composant local qui n'est pas du YAML lisible (Azure ML refuse le pipeline)", "jobs:\n  train:\n    component: ./broken.yml\n"),
    Rule("unknown-component-input", "warning", "The step gives an input its component does not have (Azure ML ignores it)", "L'étape donne une entrée que son composant n'a pas (Azure ML l'ignore)", "jobs:\n  train:\n    component: ./train.yml\n    inputs:\n      dta: ${{parent.inputs.data}}\n"),
    Rule("unknown-component-output", "warning", "The step names an output its component does not have (Azure ML ignores it)", "L'étape nomme une sortie que son composant n'a pas (Azure ML l'ignore)", "jobs:\n  train:\n    component: ./train.yml\n    outputs:\n      modle: {}\n"),
    # --- the project's configuration and policies ------------------------------------------
    Rule("policy", "warning", "A team policy (a JSON Schema of the configuration's `policies`) is not met; the policy may give its own code and severity", "Une règle d'équipe (un JSON Schema des `policies` de la configuration) n'est pas respectée ; la règle peut donner son propre code et sa sévérité", "# policy: tags.owner is required\ntype: command\ntags: {}\n"),
    Rule("invalid-config", "error", "The project configuration has an unknown key, a wrong type or is not TOML; the defaults are used for what is wrong", "La configuration du projet a une clé inconnue, un mauvais type ou n'est pas du TOML ; les valeurs par défaut remplacent ce qui est faux", "[tool.job-lsp]\nselct = [\"unknown-key\"]\n"),
    Rule("invalid-policy", "error", "A policy file is missing, not JSON, or not a valid JSON Schema; the other rules keep working", "Un fichier de règle est absent, n'est pas du JSON ou n'est pas un JSON Schema valide ; les autres règles fonctionnent", "policies = [\"policies/missing.schema.json\"]\n"),
    Rule("unknown-code", "warning", "The configuration names a code no rule or policy reports (a typo?)", "La configuration nomme un code qu'aucune règle ni politique ne signale (une faute de frappe ?)", "ignore = [\"unknwon-key\"]\n"),
)


def rule_url(code: str) -> str | None:
    """The page that explains a code (for the editor's codeDescription), when it has one."""
    return f"{RULES_PAGE}#{code}" if code in RULES else None


def explain(code: str, locale: str | None = None) -> str | None:
    """`job-lsp rules CODE`: the code, its severity, what it means and an example."""
    rule = RULES.get(code)
    if rule is None:
        return None
    french = is_french(locale)
    severity = {"error": "erreur", "warning": "avertissement", "error or warning": "erreur ou avertissement"}[rule.severity] if french else rule.severity
    heading = "Sévérité par défaut" if french else "Default severity"
    example = "Exemple" if french else "Example"
    colon = " :" if french else ":"  # French puts a space before a colon
    body = "\n".join("    " + line for line in rule.example.rstrip("\n").split("\n"))
    return f"{code}\n\n{rule.explanation(locale)}.\n\n{heading}{colon} {severity}\n\n{example}{colon}\n\n{body}\n"


def rules_table(locale: str | None = None) -> list[tuple[str, str, str]]:
    """(code, default severity, explanation) for `job-lsp rules`."""
    return [(r.code, r.severity, r.explanation(locale)) for r in RULES.values()]


def rules_listing(code: str | None, locale: str | None) -> str | None:
    """`job-lsp rules`: every code with its default severity and explanation; `job-lsp rules
    CODE`: one explained with an example (None for an unknown code)."""
    if code is not None:
        return explain(code, locale)
    width = max(len(c) for c in RULES)
    return "\n".join(f"{c:<{width}}  {r.severity:<16}  {r.explanation(locale)}" for c, r in RULES.items())


def rules_markdown() -> str:
    """docs/rules.md: one section per code (its anchor is the code), English then French."""
    out = ["# Rules\n", "Every code job-lsp reports (generated from `job_lsp/rules.py` by `job-lsp rules --markdown`;", "a test fails when this page is stale).\n"]
    for rule in RULES.values():
        out += [f"## {rule.code}\n", f"Default severity: {rule.severity}\n", f"{rule.en}.\n", f"*{rule.fr}.*\n", "```yaml", rule.example.rstrip("\n"), "```\n"]
    return "\n".join(out)


__all__ = ["RULES", "RULES_PAGE", "Rule", "explain", "is_french", "rule_url", "rules_listing", "rules_markdown", "rules_table"]
