"""What the workspace says of a job file's references, as plain data: completion items after
`compute:`, `environment:`, an input's `path:` and a step's `component:`; hover on a
reference; `unknown-asset` warnings. Everything reads a Snapshot (provider.py) and never
waits: what is not known yet is simply not said.

A warning needs a FRESH entry (fetched within the cache's lifetime): a stale cache may miss
what was created since, so it may complete but never accuse. Unknown is never an error: the
SDK does not look at the workspace when it reads the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from ..complete import Item
from ..context import cursor_context
from ..names import did_you_mean, suggest
from ..rules import is_french
from ..workspace import normalize_compute
from ..yamldoc import Document, Mapping, Problem, Scalar, entries, lookup, resolve
from .provider import Entry, Snapshot
from .shapes import ASSET_KINDS, COMPONENTS, COMPUTES, DATA, ENVIRONMENTS, KINDS, MODELS, SINGULAR, Asset, Compute

CODE = "unknown-asset"
# Azure ML's curated environments (`azureml:AzureML-sklearn-1.5@latest`) resolve in every
# workspace without being listed by `az ml environment list`.
CURATED_PREFIX = "azureml-"
MODEL_INPUT_TYPES = {"custom_model", "mlflow_model", "triton_model"}
# `azureml:NAME:VERSION`, `azureml:NAME@LABEL`, `azureml:NAME` (not `azureml://...` URIs nor
# `azureml:/subscriptions/...` ARM ids, which name things another way).
_REFERENCE = re.compile(r"^azureml:(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?::(?P<version>[^:@\s]+)|@(?P<label>[A-Za-z0-9._-]+))?$")

Lookup = Callable[[Iterable[str]], Snapshot]


@dataclass(frozen=True)
class Ref:
    """A reference to something of the workspace, at a value's range in the text."""

    kind: str
    name: str
    version: str | None  # None: none given, or a label
    label: str | None  # `latest` in `azureml:NAME@latest`
    start: int
    end: int


def parse_reference(text: str) -> tuple[str, str | None, str | None] | None:
    m = _REFERENCE.match(text.strip())
    if not m:
        return None
    return m.group("name"), m.group("version"), m.group("label")


# --- references in a document ----------------------------------------------------------------


def references(doc: Document) -> list[Ref]:
    """The workspace references of a job file: its compute(s), environments, input data and
    models given as `azureml:` references, and its steps' registered components."""
    root = resolve(doc.root)
    if not isinstance(root, Mapping):
        return []
    out: list[Ref] = []

    def scalar(node) -> Scalar | None:
        node = resolve(node)
        return node if isinstance(node, Scalar) and isinstance(node.value, str) else None

    def compute(node) -> None:
        s = scalar(node)
        name = normalize_compute(s.value) if s is not None else None
        if s is not None and name:
            out.append(Ref(COMPUTES, name, None, None, s.start, s.end))

    def asset(kind: str, node) -> None:
        s = scalar(node)
        parsed = parse_reference(s.value) if s is not None else None
        if kind == ENVIRONMENTS and parsed and parsed[0].lower().startswith(CURATED_PREFIX):
            return  # a curated environment: Azure ML's own, not listed among the workspace's
        if s is not None and parsed:
            out.append(Ref(kind, parsed[0], parsed[1], parsed[2], s.start, s.end))

    def job(mapping) -> None:
        mapping = resolve(mapping)
        if not isinstance(mapping, Mapping):
            return
        compute(lookup(mapping, "compute"))
        asset(ENVIRONMENTS, lookup(mapping, "environment"))
        asset(COMPONENTS, lookup(mapping, "component"))
        inputs = resolve(lookup(mapping, "inputs"))
        if isinstance(inputs, Mapping):
            for _, spec in entries(inputs):
                spec = resolve(spec)
                if isinstance(spec, Mapping):
                    kind = scalar(lookup(spec, "type"))
                    asset(MODELS if kind is not None and kind.value in MODEL_INPUT_TYPES else DATA, lookup(spec, "path"))
        trial = resolve(lookup(mapping, "trial"))
        if isinstance(trial, Mapping):
            job(trial)

    job(root)
    settings = resolve(lookup(root, "settings"))
    if isinstance(settings, Mapping):
        compute(lookup(settings, "default_compute"))
    jobs = resolve(lookup(root, "jobs"))
    if isinstance(jobs, Mapping):
        for _, step in entries(jobs):
            job(step)
    return sorted(out, key=lambda r: r.start)


def wanted_keys(refs: list[Ref], snapshot: Snapshot) -> list[str]:
    """The snapshot keys worth asking for these references: each kind used, and the versions
    of a named asset whose version is not its latest (only for names the workspace has)."""
    keys = [k for k in KINDS if any(r.kind == k for r in refs)]
    for r in refs:
        if r.version is None or r.kind not in ASSET_KINDS:
            continue
        entry = snapshot.get(r.kind)
        latest = _by_name(entry).get(r.name) if entry is not None else None
        if latest is not None and latest.version != r.version:
            keys.append(f"{r.kind}/{r.name}")
    return list(dict.fromkeys(keys))


def _by_name(entry: Entry | None) -> dict[str, Compute | Asset]:
    return {item.name: item for item in entry.items} if entry is not None else {}


def _version_key(version: str) -> tuple:
    """Newest first sorts numbers as numbers (10 after 9), then other text."""
    return (0, int(version), "") if version.isdigit() else (1, 0, version)


# --- warnings --------------------------------------------------------------------------------


def unknown_assets(refs: list[Ref], snapshot: Snapshot, workspace: str) -> list[Problem]:
    """`unknown-asset` warnings for references the workspace (as freshly known) does not have."""
    problems = []
    for r in refs:
        entry = snapshot.get(r.kind)
        if entry is None or not entry.fresh:
            continue
        what = SINGULAR[r.kind]
        known = _by_name(entry)
        if r.name not in known:
            names = sorted(known)
            tail = did_you_mean(suggest(r.name, names), f" (it has: {_listed(names)})" if names else " (it has none)")
            problems.append(Problem(r.start, r.end, "warning", CODE, f"The workspace `{workspace}` has no {what} `{r.name}`{tail}", {"kind": r.kind, "name": r.name}))
            continue
        if r.version is None:
            continue
        versions_entry = snapshot.get(f"{r.kind}/{r.name}")
        latest = known[r.name].version
        if versions_entry is not None and versions_entry.fresh:
            versions = sorted({a.version for a in versions_entry.items if a.version}, key=_version_key, reverse=True)
            if versions and r.version not in versions:
                problems.append(Problem(r.start, r.end, "warning", CODE, f"The workspace `{workspace}` has no version `{r.version}` of {what} `{r.name}` (it has: {_listed(versions)})", {"kind": r.kind, "name": r.name}))
        elif r.version.isdigit() and latest.isdigit() and int(r.version) > int(latest):
            problems.append(Problem(r.start, r.end, "warning", CODE, f"The workspace `{workspace}` has no version `{r.version}` of {what} `{r.name}` (its newest is `{latest}`)", {"kind": r.kind, "name": r.name}))
    return problems


def _listed(names: list[str], most: int = 8) -> str:
    shown = ", ".join(f"`{n}`" for n in names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


# --- completion ------------------------------------------------------------------------------


def completion_kind(text: str, line: int, column: int) -> tuple[str, object] | None:
    """Which kind of workspace value the cursor is typing, with its cursor context."""
    ctx = cursor_context(text, line, column)
    if not ctx.in_value or ctx.key is None:
        return None
    key = ctx.key
    if key in ("compute", "default_compute"):
        return COMPUTES, ctx
    if key == "environment":
        return ENVIRONMENTS, ctx
    if key == "component" and len(ctx.path) >= 3 and ctx.path[-2].key == "jobs":
        return COMPONENTS, ctx
    if key == "path" and len(ctx.path) >= 3 and ctx.path[-2].key == "inputs":
        input_type = (ctx.path[-1].siblings.get("type") or "").strip()
        return (MODELS if input_type in MODEL_INPUT_TYPES else DATA), ctx
    return None


def completions(text: str, line: int, column: int, lookup_keys: Lookup, locale: str = "en") -> list[Item]:
    """The workspace's values for the value typed at (line, column): computes with their
    size and state; environments, data, models and components as `azureml:NAME@latest` and
    `azureml:NAME:VERSION`, newest version first. From the snapshot as it is: a key not
    known yet answers nothing now and is fetched for the next request."""
    found = completion_kind(text, line, column)
    if found is None:
        return []
    kind, ctx = found
    snapshot = lookup_keys([kind])
    entry = snapshot.get(kind)
    if entry is None:
        return []
    fr = is_french(locale)

    def item(label: str, detail: str, documentation: str, sort: str) -> Item:
        return Item(label, "value", detail, documentation, label, False, ctx.prefix_start, ctx.column, sort, label)

    items: list[Item] = []
    if kind == COMPUTES:
        for i, c in enumerate(sorted(entry.items, key=lambda c: c.name)):
            items.append(item(f"azureml:{c.name}", c.summary(), compute_markdown(c, fr), f"0!{i:04d}"))
        return items
    # `azureml:NAME:` typed: that name's versions (fetched now if not known yet).
    names = sorted(entry.items, key=lambda a: a.name)
    versions: dict[str, list[Asset]] = {}
    rest = ctx.prefix[len("azureml:"):] if ctx.prefix.startswith("azureml:") else ""
    focus = rest.split(":", 1)[0] if ":" in rest else None
    if focus and any(a.name == focus for a in names):
        detail_entry = lookup_keys([f"{kind}/{focus}"]).get(f"{kind}/{focus}")
        if detail_entry is not None:
            versions[focus] = sorted(detail_entry.items, key=lambda a: _version_key(a.version), reverse=True)
    for i, a in enumerate(names):
        what = SINGULAR[kind]
        items.append(item(f"azureml:{a.name}@latest", f"{what} · latest ({a.version})" if a.version else what, asset_markdown(a, fr, latest=True), f"0!{i:04d}0"))
        listed = versions.get(a.name) or [a]
        for n, v in enumerate(listed):
            if v.version:
                items.append(item(f"azureml:{a.name}:{v.version}", f"{what} · version {v.version}", asset_markdown(v, fr), f"0!{i:04d}{n + 1:04d}"))
    return items


def merge(remote: list[Item], local: list[Item]) -> list[Item]:
    """The workspace's items first; a local item with the same label (a compute other job
    files use) is dropped, as the workspace's says more."""
    labels = {i.label for i in remote}
    return remote + [i for i in local if i.label not in labels]


# --- hover -----------------------------------------------------------------------------------


def hover(refs: list[Ref], offset: int, snapshot: Snapshot, workspace: str, locale: str = "en") -> tuple[str, int, int] | None:
    """What the workspace says of the reference at `offset`, as (markdown, start, end)."""
    ref = next((r for r in refs if r.start <= offset <= r.end), None)
    if ref is None:
        return None
    fr = is_french(locale)
    entry = snapshot.get(ref.kind)
    known = _by_name(entry).get(ref.name)
    if known is None:
        if entry is not None and entry.fresh:
            what = SINGULAR[ref.kind]
            text = f"L'espace de travail `{workspace}` n'a pas de {what} `{ref.name}`" if fr else f"The workspace `{workspace}` has no {what} `{ref.name}`"
            return text, ref.start, ref.end
        return None
    if isinstance(known, Compute):
        return compute_markdown(known, fr), ref.start, ref.end
    if ref.version is not None and ref.version != known.version:
        versions = snapshot.get(f"{ref.kind}/{ref.name}")
        match = next((a for a in versions.items if a.version == ref.version), None) if versions is not None else None
        if match is None:
            return asset_markdown(known, fr, latest=True) + (f"\n\nVersion `{ref.version}` : inconnue ici" if fr else f"\n\nVersion `{ref.version}`: not known here"), ref.start, ref.end
        return asset_markdown(match, fr, newest=known.version), ref.start, ref.end
    return asset_markdown(known, fr, latest=True), ref.start, ref.end


def compute_markdown(c: Compute, fr: bool = False) -> str:
    lines = [f"**{c.name}** · {'calcul' if fr else 'compute'} `{c.type or '?'}`"]
    if c.size:
        lines.append(f"- {'taille' if fr else 'size'}: `{c.size}`")
    if c.min_instances is not None or c.max_instances is not None:
        lines.append(f"- {'nœuds' if fr else 'nodes'}: {c.min_instances or 0} – {c.max_instances if c.max_instances is not None else '?'}")
    if c.state:
        lines.append(f"- {'état' if fr else 'state'}: {c.state}")
    if c.location:
        lines.append(f"- {'région' if fr else 'location'}: {c.location}")
    return "\n".join(lines)


def asset_markdown(a: Asset, fr: bool = False, latest: bool = False, newest: str | None = None) -> str:
    what = SINGULAR[a.kind]
    head = f"**{a.name}** · {what}"
    if a.version:
        head += f", version `{a.version}`" + ((" (la plus récente)" if fr else " (the latest)") if latest else "")
    if newest:
        head += f" ({'la plus récente' if fr else 'the newest is'} `{newest}`)"
    lines = [head]
    if a.type:
        lines.append(f"- type: `{a.type}`")
    if a.description:
        lines.append("")
        lines.append(a.description)
    if a.created_at or a.created_by:
        lines.append("")
        when = a.created_at[:10] if a.created_at else "?"
        lines.append(f"{'Créé le' if fr else 'Created on'} {when}" + (f" {'par' if fr else 'by'} {a.created_by}" if a.created_by else ""))
    return "\n".join(lines)
