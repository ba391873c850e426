"""Words for the model, in English and French: what a kind is, a field's documentation as
Markdown. Shared by hover and completion."""

from __future__ import annotations

from .model.fields import MISSING, Any_, Bool, Enum, Field, Float, Int, Kind, ListOf, LocalPath, MapOf, Obj, Str, Union
from .rules import is_french as french  # one test of a locale for every text in two languages


def kind_label(kind: Kind, locale: str = "en", depth: int = 0) -> str:
    fr = french(locale)
    if depth > 2:
        return "…"
    if isinstance(kind, LocalPath):
        return "chemin local ou URI" if fr else "local path or URI"
    if isinstance(kind, Str):
        return "texte" if fr else "string"
    if isinstance(kind, Int):
        return "entier" if fr else "integer"
    if isinstance(kind, Float):
        return "nombre" if fr else "number"
    if isinstance(kind, Bool):
        return "booléen" if fr else "boolean"
    if isinstance(kind, Enum):
        return ("un parmi " if fr else "one of ") + ", ".join(f"`{v}`" for v in kind.values[:12]) + (" …" if len(kind.values) > 12 else "")
    if isinstance(kind, MapOf):
        inner = kind_label(kind.value, locale, depth + 1)
        return f"mappage {kind.key_label} → {inner}" if fr else f"mapping of {kind.key_label} → {inner}"
    if isinstance(kind, ListOf):
        inner = kind_label(kind.item, locale, depth + 1)
        return f"liste de {inner}" if fr else f"list of {inner}"
    if isinstance(kind, Obj):
        return ("mappage" if fr else "mapping") + f" ({kind.entity.label() if not fr else kind.entity.__name__})"
    if isinstance(kind, Union):
        if kind.discriminator:
            key = kind.discriminator
            tags = ", ".join(f"`{t}`" for t, b in kind.by_tag().items() if not (isinstance(b, Obj) and key not in b.entity.fields()))
            return (f"mappage selon `{kind.discriminator}` : {tags}" if fr else f"mapping by `{kind.discriminator}`: {tags}")
        sep = " ou " if fr else " or "
        return sep.join(dict.fromkeys(kind_label(b, locale, depth + 1) for b in kind.branches))
    if isinstance(kind, Any_):
        return "toute valeur" if fr else "any value"
    return kind.label


def enum_values(kind: Kind) -> list[tuple[str, object]]:
    """The fixed values a kind allows (enums anywhere in a union, booleans), with their Doc."""
    out: list[tuple[str, object]] = []
    if isinstance(kind, Enum):
        out += [(v, kind.docs.get(v)) for v in kind.values]
    elif isinstance(kind, Bool):
        out += [("true", None), ("false", None)]
    elif isinstance(kind, Union) and not kind.discriminator:
        for b in kind.branches:
            out += enum_values(b)
    seen: set[str] = set()
    return [(v, d) for v, d in out if not (v in seen or seen.add(v))]  # type: ignore[func-returns-value]


def field_markdown(key: str, f: Field, locale: str = "en") -> str:
    fr = french(locale)
    lines = [f"**{key}** · *{kind_label(f.kind, locale)}*", "", f.doc.text(locale)]
    facts = []
    if f.required:
        facts.append("Obligatoire" if fr else "Required")
    if f.read_only:
        facts.append("En lecture seule : défini par le service" if fr else "Read-only: set by the service")
    if f.default is not MISSING:
        value = str(f.default).lower() if isinstance(f.default, bool) else f.default
        facts.append(f"{'Valeur par défaut' if fr else 'Default'} : `{value}`" if fr else f"Default: `{value}`")
    elif f.default_doc is not None:
        facts.append(f"{'Valeur par défaut' if fr else 'Default'} : {f.default_doc.text(locale)}" if fr else f"Default: {f.default_doc.text(locale)}")
    values = enum_values(f.kind)
    if values and not isinstance(f.kind, Bool):
        facts.append(("Valeurs autorisées : " if fr else "Allowed values: ") + ", ".join(f"`{v}`" for v, _ in values[:20]))
    if f.deprecated is not None:
        facts.append(("Obsolète : " if fr else "Deprecated: ") + f.deprecated.text(locale))
    if facts:
        lines += ["", " · ".join(facts)]
    return "\n".join(lines)


def entity_markdown(entity: type, locale: str = "en") -> str:
    return f"**{entity.label()}**\n\n{entity.DOC.text(locale)}"
