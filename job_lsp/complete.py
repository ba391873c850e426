"""Completion: the keys valid where the cursor is, and the values its key takes. Plain data
out (labels, texts, column ranges on the cursor's line); the server turns it into LSP."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .bindings import component_file, read_component_file
from .context import Context, cursor_context, kind_at, only_comments, value_kind
from .describe import enum_values, field_markdown, french, kind_label
from .detect import JOB, document_kind
from .model import FILE_KINDS, JOB_TYPES
from .model.common import SERVICE_TYPE_DOCS
from .model.fields import Doc, Kind, ListOf, MapOf, Obj, Union
from .schemagen import file_name
from .yamldoc import Mapping, Scalar, lookup, parse, resolve

SCHEMA_BASE = "https://azuremlschemas.azureedge.net/latest/"


@dataclass
class Sources:
    """Values from outside the file: settings, the workspace's other job files, the curated
    environments Azure ML ships."""

    computes: list[str] = field(default_factory=list)  # bare names, settings first
    environments: list[str] = field(default_factory=list)  # `azureml:...` references, settings first
    experiments: list[str] = field(default_factory=list)
    curated: list[tuple[str, Doc | None]] = field(default_factory=list)
    folder_name: str | None = None  # the job file's folder: Azure ML's default experiment name
    folder: str | None = None  # where the job file is (local component files are relative to it)


@dataclass
class Item:
    label: str
    kind: str  # "key", "value", "snippet"
    detail: str = ""
    documentation: str = ""  # Markdown
    insert_text: str = ""
    snippet: bool = False
    start: int = 0  # columns on the cursor's line replaced by insert_text
    end: int = 0
    sort: str = ""
    filter_text: str | None = None


def complete(text: str, line: int, column: int, sources: Sources | None = None, locale: str = "en", snippets: bool = True, indent: int = 2, kind: str | None = None) -> list[Item]:
    """Completion at a place of `text`. `kind` is what the file is (job, component,
    schedule: job_lsp.detect); the text is read for it when not given."""
    sources = sources or Sources()
    if only_comments(text):
        return _skeletons(line, column, locale, snippets)
    ctx = cursor_context(text, line, column)
    raw, container = kind_at(ctx.path, FILE_KINDS[kind or document_kind(parse(text)) or JOB])
    if container is None:
        return []
    if ctx.list_item and ctx.key is None:
        item_kind = container.item if isinstance(container, ListOf) else None
        return _values(item_kind, ctx, locale, sources, key=None) if item_kind is not None else []
    if ctx.in_value:
        return _value_items(raw, container, ctx, sources, locale)
    if isinstance(container, MapOf) and len(ctx.path) >= 3 and ctx.path[-1].key in ("inputs", "outputs") and ctx.path[-3].key == "jobs":
        return _component_names(ctx, sources, locale)
    return _keys(raw, container, ctx, locale, snippets, indent)


def _component_names(ctx: Context, sources: Sources, locale: str) -> list[Item]:
    """In a step's `inputs:` or `outputs:`, the names its local component file declares."""
    ref = ctx.path[-2].siblings.get("component")
    path = component_file(ref.strip().strip("\"'"), sources.folder) if ref else None
    if path is None:
        return []  # none, or azureml:... which is not readable here
    doc = read_component_file(path)
    root = resolve(doc.root) if doc is not None else None
    if not isinstance(root, Mapping):
        return []
    section = str(ctx.path[-1].key)
    declared = resolve(lookup(root, section))
    present = set(ctx.path[-1].siblings)
    items = []
    for n, (k, v) in enumerate(declared.pairs if isinstance(declared, Mapping) else []):
        name = k.text if isinstance(k, Scalar) else ""
        if not name or name in present:
            continue
        spec = resolve(v)
        kind = resolve(lookup(spec, "type"))
        description = resolve(lookup(spec, "description"))
        optional = resolve(lookup(spec, "optional"))
        required = section == "inputs" and lookup(spec, "default") is None and not (isinstance(optional, Scalar) and optional.value is True)
        default = resolve(lookup(spec, "default"))
        shown_default = f" · default {default.text}" if isinstance(default, Scalar) and default.value is not None else ""
        detail = (kind.text if isinstance(kind, Scalar) else "") + (" · required" if required else shown_default)
        doc_text = description.text if isinstance(description, Scalar) else ""
        items.append(Item(name, "key", detail.strip(" ·"), doc_text, f"{name}: ", False, ctx.prefix_start, ctx.column, f"{0 if required else 1}{n:03d}"))
    return items


# --- keys --------------------------------------------------------------------------------------


def _keys(raw: Kind | None, container: Kind, ctx: Context, locale: str, snippets: bool, indent: int) -> list[Item]:
    pad = " " * indent
    present = set(ctx.path[-1].siblings)
    items: list[Item] = []
    if isinstance(container, MapOf) and container.value is not None and ctx.path[-1].key == "services":
        for type_name, doc in SERVICE_TYPE_DOCS.items():
            name = f"my_{type_name}"
            body = f"{name}:\n{pad}type: {type_name}"
            items.append(Item(name, "snippet", type_name, doc.text(locale), body, False, ctx.prefix_start, ctx.column, f"1{name}"))
        return items
    if not isinstance(container, Obj):
        return []
    entity = container.entity
    for order, (key, f) in enumerate(entity.fields().items()):
        if f.read_only or (key in present and key != ctx.prefix):
            continue
        if isinstance(raw, Union) and raw.discriminator == key:
            # The key that chooses among the union's branches: offer every branch's value.
            tags = [t for t, _ in _written_tags(raw)]
            insert, is_snippet = (f"{key}: ${{1|{','.join(tags)}|}}", True) if snippets and tags else (f"{key}: ", False)
        else:
            insert, is_snippet = _key_text(key, f.kind, f.required, snippets, pad)
        detail = kind_label(f.kind, locale) + (" · obligatoire" if french(locale) and f.required else " · required" if f.required else "")
        items.append(
            Item(
                key,
                "key",
                detail,
                field_markdown(key, f, locale),
                insert,
                is_snippet,
                ctx.prefix_start,
                ctx.column,
                # Required keys first, then the canonical order.
                f"{0 if f.required else 1}{order:03d}",
            )
        )
    return items


def _key_text(key: str, kind: Kind, required: bool, snippets: bool, pad: str) -> tuple[str, bool]:
    """What inserting a key writes: `key: ` for a value, `key:` and an indented block for a
    mapping or a list; with snippets, the required keys of the block and choices of values."""
    kind_ = kind
    if isinstance(kind_, Union) and not kind_.discriminator:
        blocks = [b for b in kind_.branches if isinstance(b, (Obj, MapOf, ListOf)) or (isinstance(b, Union) and b.discriminator)]
        scalars = [b for b in kind_.branches if b not in blocks]
        if scalars or not blocks:
            return _scalar_key(key, kind_, snippets), snippets and bool(enum_values(kind_))
        kind_ = blocks[0]
    if isinstance(kind_, ListOf):
        return f"{key}:\n{pad}- ", False
    if isinstance(kind_, MapOf):
        return f"{key}:\n{pad}", False
    if isinstance(kind_, Union) and kind_.discriminator:
        tags = list(kind_.by_tag())
        if snippets and tags:
            return f"{key}:\n{pad}{kind_.discriminator}: ${{1|{','.join(tags)}|}}", True
        return f"{key}:\n{pad}{kind_.discriminator}: ", False
    if isinstance(kind_, Obj):
        required = [(k, f) for k, f in kind_.entity.fields().items() if f.required and not f.read_only]
        if snippets and required:
            body = []
            for n, (k, f) in enumerate(required, start=1):
                values = [v for v, _ in enum_values(f.kind)]
                if values and len(values) < 30:
                    body.append(f"{pad}{k}: ${{{n}|{','.join(_escape_choice(v) for v in values)}|}}")
                elif isinstance(f.kind, (Obj, MapOf, ListOf)) or (isinstance(f.kind, Union) and f.kind.discriminator):
                    body.append(f"{pad}{k}:")
                else:
                    body.append(f"{pad}{k}: ${n}")
            return f"{key}:\n" + "\n".join(body), True
        return f"{key}:\n{pad}", False
    return _scalar_key(key, kind_, snippets), snippets and bool(enum_values(kind_))


def _scalar_key(key: str, kind: Kind, snippets: bool) -> str:
    values = [v for v, _ in enum_values(kind)]
    if snippets and values and len(values) < 30:
        return f"{key}: ${{1|{','.join(_escape_choice(v) for v in values)}|}}"
    return f"{key}: "


def _escape_choice(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("|", "\\|").replace("$", "\\$").replace("}", "\\}")


def _skeletons(line: int, column: int, locale: str, snippets: bool) -> list[Item]:
    """An empty file: offer the start of each job type."""
    items = []
    for job_type, cls in JOB_TYPES.items():
        first = f"$schema: {SCHEMA_BASE}{file_name(job_type)}\ntype: {job_type}\n"
        items.append(Item(f"{job_type} job", "snippet", f"Azure ML {job_type} job", cls.DOC.text(locale), first, False, 0, column, f"0{job_type}"))
    return items


# --- values ------------------------------------------------------------------------------------


def _value_items(raw: Kind | None, container: Kind, ctx: Context, sources: Sources, locale: str) -> list[Item]:
    key = ctx.key or ""
    # The discriminator of the union this mapping was chosen from: every branch's tag.
    if isinstance(raw, Union) and raw.discriminator == key:
        return [_value(tag, ctx, _tag_doc(branch, locale), sort=f"0{n:03d}") for n, (tag, branch) in enumerate(_written_tags(raw))]
    if isinstance(raw, Union) and not raw.discriminator:
        for b in raw.branches:
            if isinstance(b, Union) and b.discriminator == key:
                return [_value(tag, ctx, _tag_doc(br, locale), sort=f"0{n:03d}") for n, (tag, br) in enumerate(_written_tags(b))]
    if len(ctx.path) == 1 and key == "$schema":
        job_type = ctx.path[0].siblings.get("type") or "command"
        names = [file_name(job_type.strip())] if job_type.strip() in JOB_TYPES else [file_name(t) for t in JOB_TYPES]
        return [_value(SCHEMA_BASE + n, ctx, "", sort="0") for n in names]
    kind = value_kind(container, key)
    if kind is None:
        return []
    if key == "compute" or key == "default_compute":
        return _computes(ctx, sources, locale, serverless=key == "default_compute")
    if key == "experiment_name":
        names = ([sources.folder_name] if sources.folder_name else []) + [e for e in sources.experiments if e != sources.folder_name]
        fr = french(locale)
        return [
            _value(n, ctx, ("Valeur par défaut d'Azure ML : le nom du dossier" if fr else "Azure ML's default: the folder's name") if i == 0 and sources.folder_name else ("Utilisé dans l'espace de travail" if fr else "Used in the workspace"), sort=f"{i:04d}")
            for i, n in enumerate(names)
        ]
    if key == "environment":
        return _environments(ctx, sources, locale) + _values(kind, ctx, locale, sources, key)
    return _values(kind, ctx, locale, sources, key)


def _values(kind: Kind, ctx: Context, locale: str, sources: Sources, key: str | None) -> list[Item]:
    return [_value(v, ctx, doc.text(locale) if isinstance(doc, Doc) else "", sort=f"1{n:03d}") for n, (v, doc) in enumerate(enum_values(kind))]


def _value(text: str, ctx: Context, documentation: str, sort: str = "", detail: str = "") -> Item:
    return Item(text, "value", detail, documentation, text, False, ctx.prefix_start, ctx.column, sort, text)


def _written_tags(union: Union) -> list[tuple[str, Kind]]:
    """The discriminator values a user writes (not the pseudo-tag of a branch chosen by
    another key, such as a literal input's `{value: ...}`)."""
    key = union.discriminator or "type"
    return [(t, b) for t, b in union.by_tag().items() if not (isinstance(b, Obj) and key not in b.entity.fields())]


def _tag_doc(branch: Kind, locale: str) -> str:
    if isinstance(branch, Obj):
        return branch.entity.DOC.text(locale)
    return ""


def _computes(ctx: Context, sources: Sources, locale: str, serverless: bool) -> list[Item]:
    fr = french(locale)
    items = []
    names = list(dict.fromkeys(sources.computes))
    for i, name in enumerate(names):
        items.append(_value(f"azureml:{name}", ctx, "Cible de calcul de l'espace de travail" if fr else "Workspace compute target", sort=f"0{i:04d}", detail="compute"))
    fixed = ["serverless"] if serverless else ["local"]
    for name in fixed:
        doc = {
            "serverless": ("Calcul serverless : Azure ML fournit les machines" if fr else "Serverless compute: Azure ML provides the machines"),
            "local": ("Exécuter sur cette machine (Docker local)" if fr else "Run on this machine (local Docker)"),
        }[name]
        items.append(_value(name, ctx, doc, sort="1", detail="compute"))
    return items


def _environments(ctx: Context, sources: Sources, locale: str) -> list[Item]:
    fr = french(locale)
    items = []
    seen: set[str] = set()
    for i, ref in enumerate(sources.environments):
        if ref not in seen:
            seen.add(ref)
            items.append(_value(ref, ctx, "Utilisé dans l'espace de travail" if fr else "Used in the workspace", sort=f"0{i:04d}", detail="environment"))
    for i, (name, doc) in enumerate(sources.curated):
        ref = f"azureml:{name}@latest"
        if ref not in seen:
            seen.add(ref)
            text = (doc.text(locale) if isinstance(doc, Doc) else "") or ("Environnement organisé d'Azure ML" if fr else "Azure ML curated environment")
            items.append(_value(ref, ctx, text, sort=f"1{i:04d}", detail="curated environment"))
    return items


def folder_name(path: str | None) -> str | None:
    if not path:
        return None
    return os.path.basename(os.path.dirname(os.path.abspath(path))) or None

