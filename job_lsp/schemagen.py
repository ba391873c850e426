"""JSON Schema (draft-07) generated from the entity model, for other tools
(yaml-language-server, check-jsonschema). Deterministic: same model, same bytes.

Draft-07 because it is the draft every YAML editor tool supports; `$ref` siblings are
ignored in draft-07, so a described reference is written `allOf: [{$ref}]`.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from .model import COMPONENT, COMPONENT_TYPES, JOB_KINDS, JOB_TYPES, SCHEDULE, TOP_LEVEL
from .model.entity import Entity
from .model.fields import MISSING, Any_, Bool, Enum, Field, Float, Int, Kind, ListOf, MapOf, Obj, Str, Union
from .names import BOOL_TEXTS

DRAFT = "http://json-schema.org/draft-07/schema#"
BINDING_PATTERN = r"^\s*\$\{\{.*\}\}\s*$"


def _case_insensitive(values: tuple[str, ...], camel: bool = False) -> str:
    """A pattern that matches the values in any case; with `camel`, also without their
    underscores (Azure ML reads `UserIdentity` as `user_identity`)."""

    def one(v: str) -> str:
        out = []
        for ch in v:
            if ch.isalpha() and ch.lower() != ch.upper():
                out.append(f"[{ch.upper()}{ch.lower()}]")
            elif ch == "_" and camel:
                out.append("_?")
            else:
                out.append(re.escape(ch))
        return "".join(out)

    return "^(?:" + "|".join(one(v) for v in values) + ")$"


_PYTHON_ONLY = re.compile(r"\(\?[^:=!]|\\[AZ]")


def ecma_pattern(pattern: str) -> str:
    """JSON Schema patterns are ECMA-262 regexes: Python's inline flags, `(?P<...>)` or
    `\\A`/`\\Z` would make other tools reject the whole schema, so the model must not use them."""
    if _PYTHON_ONLY.search(pattern):
        raise ValueError(f"pattern {pattern!r} is not an ECMA-262 regex")
    return pattern


class Generator:
    def __init__(self) -> None:
        self.definitions: dict[str, Any] = {}

    def ref(self, entity: type[Entity]) -> dict[str, Any]:
        name = entity.__name__
        if name not in self.definitions:
            self.definitions[name] = {}  # placeholder: entities may refer to themselves
            self.definitions[name] = self.entity(entity)
        return {"$ref": f"#/definitions/{name}"}

    def binding(self) -> dict[str, Any]:
        self.definitions.setdefault(
            "Binding",
            {"type": "string", "pattern": BINDING_PATTERN, "description": "A `${{...}}` expression resolved by Azure ML at run time."},
        )
        return {"$ref": "#/definitions/Binding"}

    def kind(self, kind: Kind) -> dict[str, Any]:
        if isinstance(kind, Any_):
            return {}
        if isinstance(kind, Str):
            out: dict[str, Any] = {"type": ["string", "number"] if kind.accepts_numbers else "string"}
            if kind.pattern is not None:
                out["pattern"] = ecma_pattern(kind.pattern.pattern)
            if kind.examples:
                out["examples"] = list(kind.examples)
            return out
        if isinstance(kind, (Int, Float)):
            number: dict[str, Any] = {"type": "integer" if isinstance(kind, Int) else "number"}
            if kind.minimum is not None:
                number["minimum"] = kind.minimum
            if kind.maximum is not None:
                number["maximum"] = kind.maximum
            # Azure ML's number fields also take numbers written as text ("2").
            text = r"^\s*[-+]?\d+\s*$" if isinstance(kind, Int) else r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"
            return {"anyOf": [number, {"type": "string", "pattern": text}, self.binding()]}
        if isinstance(kind, Bool):
            return {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": _case_insensitive(tuple(sorted(BOOL_TEXTS)))}, self.binding()]}
        if isinstance(kind, Enum):
            custom = getattr(kind, "json_schema", None)
            if custom is not None:  # an enum with its own matching rule says what it accepts
                return {"anyOf": [custom(), self.binding()]}
            if not kind.values:
                raise ValueError(f"{type(kind).__name__} has no values and no json_schema()")
            enum: dict[str, Any] = {"enum": list(kind.values)}
            if kind.case_sensitive:
                return {"anyOf": [enum, self.binding()]}
            return {"anyOf": [enum, {"type": "string", "pattern": _case_insensitive(kind.values, kind.camel)}, self.binding()]}
        if isinstance(kind, MapOf):
            return {"type": "object", "additionalProperties": _nullable(self.kind(kind.value))}
        if isinstance(kind, ListOf):
            out = {"type": "array", "items": self.kind(kind.item)}
            if kind.min_items:
                out["minItems"] = kind.min_items
            return out
        if isinstance(kind, Obj):
            return self.ref(kind.entity)
        if isinstance(kind, Union):
            return self.union(kind)
        raise TypeError(f"no schema for {kind!r}")  # pragma: no cover - every kind is handled above

    def union(self, kind: Union) -> dict[str, Any]:
        if not kind.discriminator:
            return {"anyOf": [self.kind(b) for b in kind.branches]}
        key = kind.discriminator
        by_tag = kind.by_tag()
        rules: list[dict[str, Any]] = []
        def matches(tags: tuple[str, ...]) -> dict[str, Any]:
            if kind.case_sensitive:
                return {"enum": list(tags)}
            camel = any(
                isinstance(b, Obj) and isinstance(getattr(b.entity.fields().get(key), "kind", None), Enum) and b.entity.fields()[key].kind.camel
                for b in (by_tag[t] for t in tags)
            )
            return {"type": "string", "pattern": _case_insensitive(tags, camel)}

        for tag, branch in by_tag.items():
            rules.append({"if": {"properties": {key: matches((tag,))}, "required": [key]}, "then": self.kind(branch)})
        absent: list[dict[str, Any]] = [{"required": [key]}]
        for other_key, tag in kind.when_absent.items():
            rules.append({"if": {"not": {"anyOf": list(absent)}, "required": [other_key]}, "then": self.kind(by_tag[tag])})
            absent.append({"required": [other_key]})
        if kind.default is not None:
            rules.append({"if": {"not": {"anyOf": absent}}, "then": self.kind(by_tag[kind.default])})
        if kind.open_tag and kind.default is not None:
            # Any other value is the default branch too.
            rules.append({"if": {"properties": {key: {"not": matches(tuple(by_tag))}}, "required": [key]}, "then": self.kind(by_tag[kind.default])})
            type_rule: dict[str, Any] = {"type": "string"}
        elif kind.case_sensitive:
            type_rule = {"enum": list(by_tag)}
        else:
            type_rule = {"anyOf": [{"enum": list(by_tag)}, matches(tuple(by_tag))]}
        out: dict[str, Any] = {"type": "object", "properties": {key: type_rule}, "allOf": rules}
        if kind.default is None:
            out["required"] = [key]
        return out

    def entity(self, entity: type[Entity]) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object", "title": entity.title()}
        if entity.DOC.en:
            out["description"] = entity.DOC.en
            out["x-description-fr"] = entity.DOC.fr
        properties: dict[str, Any] = {}
        for key, f in entity.fields().items():
            properties[key] = self.field(f)
        out["properties"] = properties
        required = [key for key, f in entity.fields().items() if f.required]
        if required:
            out["required"] = required
        if entity.UNKNOWN_KEYS == "refused":
            out["additionalProperties"] = False
        return out

    def field(self, f: Field) -> dict[str, Any]:
        schema = self.kind(f.kind)
        if "$ref" in schema:
            schema = {"allOf": [schema]}
        if not f.required:
            schema = _nullable(schema)
        schema["description"] = f.doc.en
        schema["x-description-fr"] = f.doc.fr
        if f.default is not MISSING:
            schema["default"] = f.default
        if f.read_only:
            schema["readOnly"] = True
        if f.deprecated is not None:
            schema["deprecated"] = True
        return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional value may be left empty (`key:`), which YAML reads as null."""
    if not schema:
        return schema
    return {"anyOf": [schema, {"type": "null"}]} if "anyOf" not in schema else {"anyOf": [*schema["anyOf"], {"type": "null"}]}


def document(kind: Kind, title: str, description: str) -> dict[str, Any]:
    gen = Generator()
    body = gen.kind(kind)
    out: dict[str, Any] = {"$schema": DRAFT, "title": title, "description": description}
    out.update(body if "$ref" not in body else {"allOf": [body]})
    out["definitions"] = dict(sorted(gen.definitions.items()))
    return share_repeats(out)


SHARE_MIN_CHARS = 120


def share_repeats(schema: dict[str, Any]) -> dict[str, Any]:
    """Unions are written inline where they are used; a large one used in several places is
    moved into `definitions` once (named by a hash of its content, so output stays
    deterministic). Keeps the automl and umbrella schemas small enough for editors."""
    for _ in range(4):
        counts: dict[str, int] = {}

        def count(node: dict[str, Any]) -> None:
            if "$ref" not in node:
                key = json.dumps(node, sort_keys=True)
                if len(key) >= SHARE_MIN_CHARS:
                    counts[key] = counts.get(key, 0) + 1
            for child in subschemas(node):
                count(child)

        for definition in schema["definitions"].values():
            for child in subschemas(definition):
                count(child)
        for child in subschemas({k: v for k, v in schema.items() if k != "definitions"}):
            count(child)
        shared = {key: "Shared_" + hashlib.sha1(key.encode()).hexdigest()[:10] for key, n in counts.items() if n > 1}
        if not shared:
            break

        def replace(node: dict[str, Any], top: bool = False) -> dict[str, Any]:
            if not top:
                key = json.dumps(node, sort_keys=True)
                if key in shared:
                    return {"$ref": f"#/definitions/{shared[key]}"}
            return map_subschemas(node, replace)

        definitions = {name: replace(d, top=True) for name, d in schema["definitions"].items()}
        for key, name in shared.items():
            definitions[name] = replace(json.loads(key), top=True)
        body = replace({k: v for k, v in schema.items() if k != "definitions"}, top=True)
        schema = {**body, "definitions": dict(sorted(definitions.items()))}
    return schema


_SCHEMA_MAPS = ("properties", "patternProperties", "definitions")
_SCHEMA_VALUES = ("items", "additionalProperties", "not", "if", "then", "else", "propertyNames", "contains")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")


def subschemas(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The schemas directly inside a schema (not `enum`, `default` and other values)."""
    out: list[dict[str, Any]] = []
    for key, value in node.items():
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            out += [v for v in value.values() if isinstance(v, dict)]
        elif key in _SCHEMA_VALUES and isinstance(value, dict):
            out.append(value)
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            out += [v for v in value if isinstance(v, dict)]
    return out


def map_subschemas(node: dict[str, Any], fn: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {k: fn(v) if isinstance(v, dict) else v for k, v in value.items()}
        elif key in _SCHEMA_VALUES and isinstance(value, dict):
            out[key] = fn(value)
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            out[key] = [fn(v) if isinstance(v, dict) else v for v in value]
        else:
            out[key] = value
    return out


# Azure ML's own spelling where it is not the type's name.
_FILE_STEMS = {"automl": "autoML"}


def file_name(job_type: str) -> str:
    """`command` -> `commandJob.schema.json`, as Azure ML names its own schemas."""
    stem = _FILE_STEMS.get(job_type) or "".join(part.capitalize() if i else part for i, part in enumerate(job_type.split("_")))
    return f"{stem}Job.schema.json"


def component_file_name(component_type: str) -> str:
    """`command` -> `commandComponent.schema.json`, as Azure ML names its own schemas."""
    return f"{component_type}Component.schema.json"


UMBRELLA = "job.schema.json"
# One schema for any file of each kind (see job_lsp.detect).
UMBRELLAS = {"job": UMBRELLA, "component": "component.schema.json", "schedule": "schedule.schema.json"}


def generate() -> dict[str, str]:
    """File name -> content of every schema file."""
    files: dict[str, str] = {}
    for job_type, kind in sorted(JOB_KINDS.items()):
        files[file_name(job_type)] = dumps(document(kind, f"Azure ML {job_type} job", JOB_TYPES[job_type].DOC.en))
    files[UMBRELLA] = dumps(
        document(TOP_LEVEL, "Azure ML job", "Any Azure ML job file; `type` selects the job type (absent means command).")
    )
    for component_type, cls in sorted(COMPONENT_TYPES.items()):
        files[component_file_name(component_type)] = dumps(document(Obj(cls), f"Azure ML {component_type} component", cls.DOC.en))
    files[UMBRELLAS["component"]] = dumps(
        document(COMPONENT, "Azure ML component", "Any Azure ML component file; `type` selects the component type (absent means command).")
    )
    files[UMBRELLAS["schedule"]] = dumps(
        document(SCHEDULE, "Azure ML schedule", "Any Azure ML schedule file: `create_job`, `create_monitor` or `import_data` says what it creates.")
    )
    return files


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    fresh = generate()
    for old in folder.glob("*.schema.json"):
        if old.name not in fresh:
            old.unlink()
    for name, content in fresh.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            written.append(path)
    return written


def stale(folder: Path) -> list[str]:
    """Names of schema files in `folder` that differ from a fresh generation (or are missing/extra)."""
    fresh = generate()
    out = [name for name, content in fresh.items() if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != content]
    out += sorted(p.name for p in folder.glob("*.schema.json") if p.name not in fresh)
    return out
