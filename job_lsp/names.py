"""Names: the nearest valid name to a typo ("did you mean"), YAML 1.1's boolean texts, and
characters that do not belong in a name. Below everything that reports on names."""

from __future__ import annotations

import difflib
import unicodedata
from typing import Iterable

# The texts PyYAML (YAML 1.1), and so azure-ai-ml, reads as booleans.
TRUE_TEXTS = frozenset({"t", "true", "on", "y", "yes", "1"})
FALSE_TEXTS = frozenset({"f", "false", "off", "n", "no", "0"})
BOOL_TEXTS = TRUE_TEXTS | FALSE_TEXTS


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The valid name nearest to `word` (case-insensitive), or None when none is close."""
    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered:
        return lowered[word.lower()]
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


def did_you_mean(hint: str | None, otherwise: str = "") -> str:
    """How every message that names a near miss ends: "; did you mean `x`?" for the hint
    `suggest` found, else `otherwise`."""
    return f"; did you mean `{hint}`?" if hint else otherwise


# Characters that are invisible or look like others, in a name or a reference: a user cannot
# see them, Azure ML does not match them, and the SDK lets them through.
_INVISIBLE = {"Cf", "Cc", "Zl", "Zp"}


def odd_character(text: str) -> tuple[int, str] | None:
    """The first invisible or non-ASCII look-alike character of a name, as (index, its
    Unicode name), or None. Ordinary non-ASCII letters in free text are not names and are
    not passed here."""
    for i, ch in enumerate(text):
        if ch.isascii() and (ch.isprintable() or ch in "\t"):
            continue
        category = unicodedata.category(ch)
        if category in _INVISIBLE or category.startswith("Z") or not ch.isascii():
            return i, unicodedata.name(ch, f"U+{ord(ch):04X}")
    return None


def without_invisible(text: str) -> str:
    """`text` less its zero-width and control characters: what a user sees, and meant."""
    return "".join(ch for ch in text if (ch.isascii() and ch.isprintable()) or unicodedata.category(ch) not in ("Cf", "Cc"))
