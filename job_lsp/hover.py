"""Hover: what a key means (its documentation, type, allowed values, default), and what an
enum value means (a status, a type)."""

from __future__ import annotations

from dataclasses import dataclass

from .describe import entity_markdown, field_markdown, kind_label
from .model.fields import Doc, Enum, Kind, MapOf, Union
from .validate import Checker, model_map
from .yamldoc import Document, Mapping, Node, Scalar, Sequence, key_text, resolve


@dataclass
class HoverResult:
    markdown: str
    start: int
    end: int


def hover(doc: Document, offset: int, locale: str = "en", model: Checker | None = None) -> HoverResult | None:
    """`model` is a finished walk of `doc` (model_map), when the caller caches one."""
    model = model or model_map(doc)
    node = resolve(doc.root)
    owner: Mapping | None = None
    key_node: Node | None = None
    while node is not None:
        if isinstance(node, Mapping):
            nxt = None
            for k, v in node.pairs:
                if k.start <= offset <= k.end and isinstance(k, Scalar):
                    return _key(model, node, k, locale)
                if v.start <= offset <= max(v.end, v.start) and not (isinstance(v, Scalar) and v.value is None):
                    owner, key_node, nxt = node, k, v
                    break
            node = resolve(nxt) if nxt is not None else None
            if node is not None and isinstance(node, Scalar):
                return _value(model, owner, key_node, node, locale)
        elif isinstance(node, Sequence):
            nxt = next((item for item in node.items if item.start <= offset <= item.end), None)
            if nxt is None:
                return None
            nxt = resolve(nxt)
            if isinstance(nxt, Scalar):
                return _value(model, owner, key_node, nxt, locale, list_item=True)
            node = nxt
        else:
            return None
    return None


def _key(model: Checker, mapping: Mapping, k: Scalar, locale: str) -> HoverResult | None:
    name = key_text(k)
    entity = model.entities.get(id(mapping))
    if entity is not None:
        f = entity.fields(yaml_only=False).get(name)
        if f is None:
            return None
        return HoverResult(field_markdown(name, f, locale), k.start, k.end)
    kind = model.kinds.get(id(mapping))
    if isinstance(kind, MapOf):
        value = next((v for kk, v in mapping.pairs if kk is k), None)
        entity = model.entities.get(id(resolve(value))) if value is not None else None
        if entity is not None:
            text = f"**{name}** ({kind.key_label}) · {entity_markdown(entity, locale)}"
        else:
            v = resolve(value) if value is not None else None
            shown = kind_label(kind.value, locale) if not isinstance(v, Scalar) else f"`{v.text}`"
            text = f"**{name}** ({kind.key_label}) · {shown}"
        return HoverResult(text, k.start, k.end)
    return None


def _value(model: Checker, owner: Mapping | None, key_node: Node | None, node: Scalar, locale: str, list_item: bool = False) -> HoverResult | None:
    if owner is None or key_node is None:
        return None
    name = key_text(key_node)
    entity = model.entities.get(id(owner))
    f = entity.fields(yaml_only=False).get(name) if entity is not None else None
    # Read-only values are not walked by the validator: their field says what they are.
    kind = model.kinds.get(id(node)) or (f.kind if f is not None else None)
    doc = _enum_doc(kind, node.value) if isinstance(node.value, str) else None
    parts = []
    if doc is not None:
        parts.append(f"`{node.value}`: {doc.text(locale)}")
    if f is not None:
        parts.append(field_markdown(name, f, locale))
    elif isinstance(model.kinds.get(id(owner)), Union):
        # A discriminator (`type`) of a union: the chosen branch explains it.
        chosen = model.entities.get(id(owner))
        if chosen is not None:
            parts.append(entity_markdown(chosen, locale))
    if not parts:
        return None
    return HoverResult("\n\n---\n\n".join(parts), node.start, node.end)


def _enum_doc(kind: Kind | None, value: str) -> Doc | None:
    if isinstance(kind, Enum):
        canonical = kind.match(value)
        return kind.docs.get(canonical) if canonical else None
    if isinstance(kind, Union) and not kind.discriminator:
        for b in kind.branches:
            found = _enum_doc(b, value)
            if found is not None:
                return found
    return None
