"""What the command line says of its own (usage errors, summaries), in English and French;
diagnostics are translated by job_lsp.messages. Keys stay the same in every language."""

from __future__ import annotations

import os
import sys

from ..rules import is_french

TEXTS: dict[str, tuple[str, str]] = {
    "missing": ("no such file or folder: {0}", "fichier ou dossier introuvable : {0}"),
    "no-config": ("no such configuration file: {0}", "fichier de configuration introuvable : {0}"),
    "bad-severity": ("--severity takes CODE=LEVEL with LEVEL one of {0}, not {1}", "--severity prend CODE=NIVEAU, NIVEAU étant l'un de {0}, pas {1}"),
    "unknown-code": ("unknown code {0} (`job-lsp rules` lists them)", "code inconnu {0} (`job-lsp rules` les donne tous)"),
    "stdin-mixed": ("`-` (stdin) cannot be mixed with paths", "`-` (l'entrée standard) ne se mêle pas à des chemins"),
    "bad-indent": ("--indent must be between 2 and 8", "--indent doit être entre 2 et 8"),
    "bad-tcp": ("--tcp takes HOST:PORT", "--tcp prend HÔTE:PORT"),
    "no-schema-folder": (
        "no schema folder `{0}` here; run it from the repository root or name the folder with --dir",
        "pas de dossier de schémas `{0}` ici ; lancez-le depuis la racine du dépôt ou nommez le dossier avec --dir",
    ),
    "stale": ("stale: {0}", "périmé : {0}"),
    "schemas-written": ("{0} schema file(s) written to {1}", "{0} fichier(s) de schéma écrit(s) dans {1}"),
    "unknown-type": ("unknown job type `{0}`{1} (job types: {2})", "type de travail inconnu `{0}`{1} (types de travail : {2})"),
    "stdin-too-large": ("stdin is over {0:,} bytes; left as it is", "l'entrée standard dépasse {0:,} octets ; laissée telle quelle"),
    "stdin-not-utf8": ("stdin is not UTF-8 text; left as it is", "l'entrée standard n'est pas du texte UTF-8 ; laissée telle quelle"),
    "left-as-it-is": ("{0}: {1}; left as it is", "{0} : {1} ; laissé tel quel"),
    "not-utf8": ("{0}: not UTF-8 text; left as it is", "{0} : pas du texte UTF-8 ; laissé tel quel"),
    "would-reformat": ("would reformat {0}", "serait reformaté : {0}"),
    "reformatted": ("reformatted {0}", "reformaté : {0}"),
    "format-summary": (
        "{0} file(s) reformatted, {1} left unchanged, {2} not formatted",
        "{0} fichier(s) reformaté(s), {1} laissé(s) tel(s) quel(s), {2} non formaté(s)",
    ),
    "format-check-summary": (
        "{0} file(s) would be reformatted, {1} left unchanged, {2} not formatted",
        "{0} fichier(s) seraient reformaté(s), {1} laissé(s) tel(s) quel(s), {2} non formaté(s)",
    ),
}


def environment_locale() -> str | None:
    """The locale of messages as POSIX says: LC_ALL, then LC_MESSAGES, then LANG."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(name):
            return os.environ[name]
    return None


def text(key: str, locale: str | None, *values: object) -> str:
    english, french = TEXTS[key]
    return (french if is_french(locale) else english).format(*values)


def say(key: str, locale: str | None, *values: object) -> None:
    """One of the texts on stderr, as `job-lsp: ...`, in the locale."""
    print("job-lsp: " + text(key, locale, *values), file=sys.stderr)
