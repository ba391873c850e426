"""Team policies: JSON Schema files (draft 7, 2020-12...) named by the configuration's
`policies`, applied to the data of every job file. Each failure becomes a Problem at the key
or value it is about, with the schema's own words, code and severity:

- `x-job-lsp-code` (default `policy`) and `x-job-lsp-severity` (default `warning`), taken from
  the failing subschema or the nearest schema above it;
- the text: `x-job-lsp-message` (or `message`), else `description`, from the same place;
  never jsonschema's generic text ("is not valid under any of the given schemas"): without
  either, the text says in plain words what the schema asked;
- a policy may target files: `x-job-lsp-files` (globs relative to the configuration's folder),
  `x-job-lsp-types` (job types) and `x-job-lsp-kinds` (`job`, `component`, `schedule`:
  `["job"]` unless it says otherwise); without them it applies to every job file.

A policy file is read and compiled once per version (mtime and size). One that is missing,
not JSON or not a valid schema gives one ConfigProblem on the configuration; the others work.
"""

from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .config import LEVELS, Config, ConfigProblem, key_line, matches_glob, relative_path
from .files import Refused, read_bounded
from .yamldoc import ERROR, WARNING, Document, Mapping, Node, Problem, Scalar, Sequence, entries, key_text, resolve, to_data

# The kinds of file a policy can apply to (job_lsp.detect's, which this layer cannot import).
KINDS = ("job", "component", "schedule")

DEFAULT_CODE = "policy"
MAX_POLICY_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Policy:
    path: str
    schema: dict
    validator: Any  # a jsonschema validator instance, compiled once
    # Where it applies: file globs (relative to `root`) and job types, empty means all; and
    # the kinds of file (job, component, schedule).
    files: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    root: str | None = None
    kinds: tuple[str, ...] = ("job",)

    def applies_to(self, file: Path | str | None, job_type: str | None, kind: str | None = "job") -> bool:
        if kind not in self.kinds:
            return False
        if self.types and job_type not in self.types:
            return False
        if self.files:
            if file is None:
                return False
            path = relative_path(Config(root=self.root), file)
            return any(matches_glob(path, g) for g in self.files)
        return True


class PolicyCache:
    """Compiled policies by file, compiled again only when the file changes."""

    def __init__(self) -> None:
        self._compiled: dict[str, tuple[tuple[int, int], Policy | str]] = {}

    def compile(self, path: Path, root: str | None) -> Policy | str:
        """The compiled policy, or why it cannot be used."""
        try:
            stat = path.stat()
        except OSError as exc:
            return f"cannot read the policy file {path}: {exc.strerror or exc}"
        version = (stat.st_mtime_ns, stat.st_size)
        key = f"{path}\0{root}"
        cached = self._compiled.get(key)
        if cached and cached[0] == version:
            return cached[1]
        result = _compile(path, root)
        self._compiled[key] = (version, result)
        return result


_default_cache = PolicyCache()


def _compile(path: Path, root: str | None) -> Policy | str:
    data = read_bounded(path, MAX_POLICY_BYTES)
    if isinstance(data, Refused):
        return f"the policy file {path}: {data.message}"
    try:
        schema = json.loads(data)
    except UnicodeDecodeError:
        return f"the policy file {path} is not UTF-8 text"
    except json.JSONDecodeError as exc:
        return f"the policy file {path} is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    if not isinstance(schema, (dict, bool)):
        return f"the policy file {path} is not a JSON Schema: its top level is {type(schema).__name__}, not an object"
    if isinstance(schema, bool):
        schema = {} if schema else {"not": {}}
    import jsonschema  # lazy: ~30 ms to import, paid only by projects that have policies (not at every server start)

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.exceptions.SchemaError as exc:
        at = "/".join(str(p) for p in exc.absolute_path) or "the top level"
        return f"the policy file {path} is not a valid JSON Schema ({cls.__name__}): at {at}: {exc.message}"
    files, types = schema.get("x-job-lsp-files", ()), schema.get("x-job-lsp-types", ())
    kinds = schema.get("x-job-lsp-kinds", ["job"])
    for name, value in (("x-job-lsp-files", files), ("x-job-lsp-types", types), ("x-job-lsp-kinds", kinds)):
        if not (isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)):
            return f"the policy file {path}: `{name}` must be a list of strings"
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        return f"the policy file {path}: `x-job-lsp-kinds` names `{unknown[0]}`; the kinds are {', '.join(f'`{k}`' for k in KINDS)}"
    severity = schema.get("x-job-lsp-severity", WARNING)
    if severity not in LEVELS:
        return f"the policy file {path}: `x-job-lsp-severity` must be one of {', '.join(LEVELS)}, not {severity!r}"
    return Policy(str(path), schema, cls(schema), tuple(files), tuple(types), root, tuple(kinds))


def policy_files(config: Config) -> tuple[list[Path], list[str]]:
    """The files the configuration's `policies` globs name (relative to its folder), and the
    globs that name none."""
    root = Path(config.root or ".")
    found: list[Path] = []
    unmatched: list[str] = []
    for pattern in config.policies:
        full = pattern if os.path.isabs(pattern) else str(root / pattern)
        matches = sorted(glob.glob(full, recursive=True)) if glob.has_magic(full) else ([full] if os.path.exists(full) else [])
        if not matches:
            unmatched.append(pattern)
        found += [Path(m) for m in matches if Path(m) not in found]
    return found, unmatched


def load_policies(config: Config, cache: PolicyCache | None = None) -> tuple[list[Policy], list[ConfigProblem]]:
    """The compiled policies of a configuration, and one problem per policy that cannot be
    used (reported on the configuration's `policies` line)."""
    if not config.policies:
        return [], []
    cache = cache or _default_cache
    shown = config.path or "the configuration"
    line = key_line(config, "policies")
    files, unmatched = policy_files(config)
    problems = [ConfigProblem(shown, line, f"the policy `{g}` names no file (relative to {config.root}); it is not applied", "invalid-policy") for g in unmatched]
    policies = []
    for file in files:
        compiled = cache.compile(file, config.root)
        if isinstance(compiled, str):
            problems.append(ConfigProblem(shown, line, f"{compiled}; it is not applied", "invalid-policy"))
        else:
            policies.append(compiled)
    return policies, problems


def policy_codes(policy: Policy) -> set[str]:
    """The codes a policy can report (its `x-job-lsp-code`s, or `policy`)."""
    codes = {DEFAULT_CODE}
    stack: list[Any] = [policy.schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("x-job-lsp-code"), str):
                codes.add(node["x-job-lsp-code"])
            stack += node.values()
        elif isinstance(node, list):
            stack += node
    return codes


def job_type(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    kind = data.get("type")
    if isinstance(kind, str):
        return kind
    return "command" if "command" in data else None


def check_policies(doc: Document, policies: Iterable[Policy], file: Path | str | None = None, file_kind: str | None = "job") -> list[Problem]:
    """The problems the policies find in a document (a job, component or schedule file, as
    `file_kind` says): one per failure, at the key or value it is about, in the schema's
    words."""
    policies = list(policies)
    if not policies or not isinstance(resolve(doc.root), Mapping):
        return []
    data = to_data(doc.root)
    kind = job_type(data)
    problems: list[Problem] = []
    for policy in policies:
        if not policy.applies_to(file, kind, file_kind):
            continue
        try:
            errors = list(policy.validator.iter_errors(data))
        except Exception as exc:  # a schema that breaks on real data (a bad regex...): say so, go on
            problems.append(Problem(0, 0, ERROR, "invalid-policy", f"The policy {Path(policy.path).name} failed on this file: {type(exc).__name__}: {exc}"))
            continue
        for error in errors:
            problems.append(_problem(doc, policy, error))
    return problems


# --- errors -> problems ---------------------------------------------------------------------------


def _schemas_along(root: Any, schema_path: Iterable[Any]) -> list[dict]:
    """The subschemas from the root down the error's schema path (nearest last)."""
    out = [root] if isinstance(root, dict) else []
    node = root
    for step in schema_path:
        if step == "$ref" and isinstance(node, dict) and isinstance(node.get("$ref"), str):
            node = _local_ref(root, node["$ref"])
        elif isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            break
        if isinstance(node, dict):
            out.append(node)
    return out


def _local_ref(root: Any, ref: str) -> Any:
    """The subschema a `#/json/pointer` names in the same file (None for other references)."""
    if not ref.startswith("#"):
        return None
    node = root
    for part in filter(None, ref[1:].split("/")):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _nearest(schemas: list[dict], *keywords: str) -> Any:
    for schema in reversed(schemas):
        for keyword in keywords:
            if keyword in schema:
                return schema[keyword]
    return None


def _problem(doc: Document, policy: Policy, error: Any) -> Problem:
    schemas = _schemas_along(policy.schema, error.absolute_schema_path)
    # The subschema holding the failing keyword, nearest of all (the path above does not
    # step through `$ref`s in every draft).
    if isinstance(error.schema, dict) and (not schemas or schemas[-1] is not error.schema):
        schemas.append(error.schema)
    # The text comes from the subschema that failed or the nearest one above it that says
    # something; the failing keyword's own subschema (e.g. `properties/x`) first.
    text = _nearest(schemas, "x-job-lsp-message", "message", "description")
    # French for a French client: the schema's own, else its English text as the team wrote it.
    text_fr = _nearest(schemas, "x-job-lsp-message-fr")
    code = _nearest(schemas, "x-job-lsp-code") or DEFAULT_CODE
    severity = _nearest(schemas, "x-job-lsp-severity")
    severity = severity if severity in LEVELS else WARNING
    if not isinstance(text, str) or not text.strip():
        text, text_fr = _plain_words(error), _plain_words(error, french=True)
    if not isinstance(text_fr, str) or not text_fr.strip():
        text_fr = text
    start, end = _range(doc, list(error.absolute_path), error)
    return Problem(start, end, severity, str(code), text.strip(), {"policy": Path(policy.path).name, "message_fr": text_fr.strip()})


def _shown(value: Any) -> str:
    return f"`{value}`" if isinstance(value, (str, int, float)) and not isinstance(value, bool) else json.dumps(value, default=str)


def _plain_words(error: Any, french: bool = False) -> str:
    """What the schema asked, in our words, for a schema that gives none."""
    where = ".".join(str(p) for p in error.absolute_path) or ("le job" if french else "the job")
    validator, expected = error.validator, error.validator_value
    if validator == "required":
        missing = ", ".join(f"`{k}`" for k in expected if isinstance(error.instance, dict) and k not in error.instance)
        return f"La politique exige {missing} dans {where}" if french else f"The policy requires {missing} in {where}"
    if validator in ("enum", "const"):
        options = ", ".join(_shown(o) for o in (expected if validator == "enum" else [expected]))
        return f"La politique n'autorise pour {where} que {options}" if french else f"The policy allows {where} to be only {options}"
    if validator == "pattern":
        return f"La politique exige que {where} corresponde à `{expected}`" if french else f"The policy requires {where} to match `{expected}`"
    if validator in ("maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"):
        en = {"maximum": "at most", "exclusiveMaximum": "below", "minimum": "at least", "exclusiveMinimum": "above"}[validator]
        fr = {"maximum": "au plus", "exclusiveMaximum": "moins de", "minimum": "au moins", "exclusiveMinimum": "plus de"}[validator]
        return f"La politique exige que {where} vaille {fr} {expected}" if french else f"The policy requires {where} to be {en} {expected}"
    if validator == "additionalProperties":
        return f"La politique n'autorise pas d'autres clés dans {where}" if french else f"The policy does not allow other keys in {where}"
    if validator == "type":
        return f"La politique exige que {where} soit de type {expected}" if french else f"The policy requires {where} to be of type {expected}"
    return f"La politique ({validator}) n'est pas respectée par {where}" if french else f"The policy ({validator}) is not met by {where}"


def _range(doc: Document, path: list[Any], error: Any) -> tuple[int, int]:
    """The range a failure is about: the value at its path (a scalar) or the key holding it;
    a missing key (`required`) on its parent's key; an extra key on that key."""
    node = resolve(doc.root)
    key: Node | None = None
    for step in path:
        if isinstance(node, Mapping):
            found = next(((k, v) for k, v in reversed(entries(node)) if key_text(k) == str(step)), None)
            if found is None:
                break
            key, node = found[0], resolve(found[1])
        elif isinstance(node, Sequence) and isinstance(step, int) and 0 <= step < len(node.items):
            key, node = None, resolve(node.items[step])
        else:
            break
    if error.validator == "additionalProperties" and isinstance(node, Mapping):
        allowed = set((error.schema or {}).get("properties", {}))
        extra = next((k for k, _ in entries(node) if key_text(k) not in allowed), None)
        if extra is not None:
            return extra.start, extra.end
    if error.validator != "required" and isinstance(node, Scalar):
        return node.start, node.end
    if key is not None:
        return key.start, key.end
    # The top level (or an item of a list): its `type:` key, else its first key.
    if isinstance(node, Mapping) and node.pairs:
        type_key = next((k for k, _ in node.pairs if key_text(k) == "type"), node.pairs[0][0])
        return type_key.start, type_key.end
    return (node.start, node.start) if node is not None else (0, 0)


__all__ = ["DEFAULT_CODE", "Policy", "PolicyCache", "check_policies", "load_policies", "policy_files"]
