"""The vocabulary of the entity model: what shape a value has (kinds) and what a field of an
entity is (its kind, whether it is required or read-only, its default, its documentation in
English and French).

Everything else (the validator, the JSON Schema generator, completion, hover, the
serializer's key order) reads these definitions; nothing else describes a job file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar

from ..rules import is_french

if TYPE_CHECKING:
    from .entity import Entity

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING", "__bool__": lambda self: False})()

# `${{...}}`: a binding the service resolves at run time. Where a number, a boolean or an
# enum is expected, a pipeline may bind it instead, so a whole-value binding is accepted
# for any scalar.
# Every entity class by name (filled as they are defined), for `Obj("Name")` references.
ENTITIES: dict[str, type[Entity]] = {}
BINDING = re.compile(r"^\s*\$\{\{.*\}\}\s*$", re.S)


@dataclass(frozen=True)
class Doc:
    """A field's or an entity's documentation, in English and in French."""

    en: str
    fr: str

    def text(self, locale: str = "en") -> str:
        return self.fr if is_french(locale) else self.en


class Kind:
    """The shape of a value. `label` names it for messages ("an integer")."""

    label = "a value"

    def describe(self, locale: str = "en") -> str:
        return self.label


class Any_(Kind):
    label = "any value"


class Str(Kind):
    label = "a string"

    def __init__(self, pattern: str | None = None, examples: tuple[str, ...] = (), accepts_numbers: bool = False, form: str = "", name: bool = False):
        self.pattern = re.compile(pattern) if pattern else None
        self.form = form  # what `pattern` asks for, in words, for messages
        self.examples = examples
        # A few SDK fields are lenient and turn numbers into text (e.g. tag values).
        self.accepts_numbers = accepts_numbers
        # A name, or a reference Azure ML looks up by name (compute, environment...): an
        # invisible or look-alike character in it is a mistake (names.odd_character), where
        # in free text (a command, a description) it is not.
        self.name = name


class LocalPath(Str):
    """A string that may name a local file or folder (relative to the job file's folder),
    or else a URI (`azureml:...`, `https://...`, `git+https://...`). Azure ML refuses to
    load a job whose local paths do not exist, so the validator checks them when it knows
    where the file is."""

    label = "a local path or a URI"

    def __init__(self, examples: tuple[str, ...] = (), folder: bool | None = None, missing: str = "error", pattern: str | None = None, form: str = ""):
        super().__init__(pattern=pattern, examples=examples, form=form)
        self.folder = folder  # True: must be a folder; False: must be a file; None: either
        # How a path that does not exist is reported: "error" where Azure ML refuses to load
        # the job (`code`, `conda_file`, `build.path`), "warning" where it only fails later.
        self.missing = missing


class Int(Kind):
    label = "an integer"

    def __init__(self, minimum: int | None = None, maximum: int | None = None, bits: int = 32, unit: str | None = None, beyond: str = ""):
        self.minimum = minimum
        self.maximum = maximum
        # Azure ML's REST API reads job integers as 32-bit (`int32`); free values (inputs,
        # search spaces) are given 64. The SDK checks neither.
        self.bits = bits
        # "seconds" or "minutes": a duration, sent to the service as an ISO 8601 duration
        # (its bound is the service's and the SDK's duration type, not `bits`).
        self.unit = unit
        # What happens to a value out of range, for the message (default: nothing said).
        self.beyond = beyond


class Float(Kind):
    label = "a number"

    def __init__(self, minimum: float | None = None, maximum: float | None = None, beyond: str = ""):
        self.minimum = minimum
        self.maximum = maximum
        self.beyond = beyond


class Bool(Kind):
    label = "a boolean (true or false)"


class Enum(Kind):
    """One of a fixed set of strings. Azure ML compares most of them case-insensitively."""

    def __init__(self, *values: str, case_sensitive: bool = False, docs: dict[str, Doc] | None = None, camel: bool = False):
        self.values = values
        self.case_sensitive = case_sensitive
        self.docs = docs or {}
        # Azure ML turns some values from camelCase to snake_case before comparing
        # (`UserIdentity` is `user_identity`).
        self.camel = camel

    @property
    def label(self) -> str:  # type: ignore[override]
        if len(self.values) == 1:
            return f"`{self.values[0]}`"
        return "one of " + ", ".join(f"`{v}`" for v in self.values)

    def match(self, value: str) -> str | None:
        """The canonical value that `value` names, or None."""
        if self.camel:  # as azure-ai-ml compares them: both sides through camel_to_snake
            converted = camel_to_snake(value)
            return next((v for v in self.values if camel_to_snake(v) == converted), None)
        for v in self.values:
            if v == value or (not self.case_sensitive and v.lower() == value.lower()):
                return v
        return None


def camel_to_snake(text: str) -> str:
    """azure-ai-ml's conversion for its camelCase enums: `AUCWeighted` -> `auc_weighted`,
    `XGBoostClassifier` -> `xg_boost_classifier`, `UserIdentity` -> `user_identity`;
    comma-separated parts are converted one by one."""

    def one(part: str) -> str:
        part = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", part)
        return re.sub("([a-z0-9])([A-Z])", r"\1_\2", part).lower()

    if "," in text:
        return ",".join(one(t.strip()) for t in text.split(","))
    return one(text)


class MapOf(Kind):
    """A mapping from free names (input names, tag names, step names...) to values of one kind."""

    def __init__(self, value: Kind, key_label: str = "name", nullable: bool = False, text_keys: bool = True):
        self.value = value
        self.key_label = key_label
        # Whether a name may have an empty (null) value, e.g. an output that takes the defaults.
        self.nullable = nullable
        # Whether names must be text: Azure ML refuses `tags: {1: a}` but not every map checks.
        self.text_keys = text_keys

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"a mapping of {self.key_label} to {self.value.label}"


class ListOf(Kind):
    def __init__(self, item: Kind, min_items: int = 0):
        self.item = item
        self.min_items = min_items

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"a list of {self.item.label}"


class Obj(Kind):
    """A nested entity (a mapping with known keys). The class may be given by name and is
    looked up lazily, so that entities can refer to each other in any order."""

    def __init__(self, entity: type[Entity] | str | Callable[[], type[Entity]]):
        self._entity = entity

    @property
    def entity(self) -> type[Entity]:
        e = self._entity
        if isinstance(e, str):
            e = self._entity = ENTITIES[e]
        elif not isinstance(e, type):
            e = self._entity = e()
        return e

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"a mapping ({self.entity.title()})"


class Union(Kind):
    """Several possible shapes.

    With `discriminator`, the branches are entities told apart by the value of that key
    (e.g. `type: pytorch`); `default` names the branch used when the key is absent.
    Without it, the branch is chosen by the shape of the value (scalar, mapping, list) and,
    among scalars, by the Python type of the value. Either way exactly one branch is
    checked, so messages speak of that branch only.
    """

    def __init__(
        self,
        *branches: Kind,
        discriminator: str | None = None,
        default: str | None = None,
        tag: str | None = None,
        open_tag: bool = False,
        when_absent: dict[str, str] | None = None,
        case_sensitive: bool = False,
    ):
        self.branches = branches
        self.discriminator = discriminator
        self.default = default
        # An unknown discriminator value selects `default` (with a warning) instead of
        # being an error: Azure ML accepts any `type` for a custom service.
        self.open_tag = open_tag
        # Discriminator absent: a key -> the tag of the branch that key selects
        # (e.g. an input written `{value: 3}` is a literal, not a data input).
        self.when_absent = when_absent or {}
        # Whether discriminator values must match exactly (the top-level `type` does).
        self.case_sensitive = case_sensitive
        # When this union is itself a branch of a discriminated union: the value that selects
        # it there (e.g. `automl`, whose own branches are then told apart by `task`).
        self.tag = tag

    @property
    def label(self) -> str:  # type: ignore[override]
        return " or ".join(b.label for b in self.branches)

    def select(self, tag: object, keys: set[str]) -> tuple[Kind | None, str]:
        """The branch for a discriminator value (None when absent) and the other keys of
        the mapping. The second item says how it was chosen: "tag", "absent" (no tag, the
        default or a `when_absent` key chose), "fallback" (unknown tag, open union),
        "missing" (no tag and no default), "unknown" (unknown tag) or "not-text"."""
        by_tag = self.by_tag()
        if tag is None:
            for key, chosen in self.when_absent.items():
                if key in keys:
                    return by_tag[chosen], "absent"
            if self.default is None:
                return None, "missing"
            return by_tag[self.default], "absent"
        if not isinstance(tag, str):
            return None, "not-text"
        for name, branch in by_tag.items():
            if name == tag or (not self.case_sensitive and name.lower() == tag.lower()):
                return branch, "tag"
        if not self.case_sensitive:  # the branch's own enum may be laxer (camelCase names)
            for name, branch in by_tag.items():
                own = branch.entity.fields().get(self.discriminator or "type") if isinstance(branch, Obj) else None
                if own is not None and isinstance(own.kind, Enum) and own.kind.match(tag) == name:
                    return branch, "tag"
        if self.open_tag and self.default is not None:
            return by_tag[self.default], "fallback"
        return None, "unknown"

    def by_tag(self) -> dict[str, Kind]:
        """For a discriminated union: discriminator value -> branch (an entity, or a union
        that discriminates further). Computed once: entities are resolved lazily, so not
        at construction."""
        cached = self.__dict__.get("_by_tag")
        if cached is not None:
            return cached
        self._by_tag = self._compute_by_tag()
        return self._by_tag

    def _compute_by_tag(self) -> dict[str, Kind]:
        out: dict[str, Kind] = {}
        for b in self.branches:
            if isinstance(b, Union):
                assert b.tag, "a union nested in a discriminated union needs a tag"
                out.setdefault(b.tag, b)
                continue
            assert isinstance(b, Obj), "discriminated unions hold entities"
            for value in b.entity.discriminator_values(self.discriminator or "type"):
                out.setdefault(value, b)
        return out


class Field:
    """A field of an entity, and the Python attribute that holds its value.

    `key` is the YAML key (defaults to the attribute name). A read-only field is set by the
    service: a job file may hold it (a dumped job does), but it is ignored on submission,
    and Python code cannot assign it. `yaml=False` fields exist only in Python (e.g.
    `base_path`, which is where the file was read from).
    """

    _order: ClassVar[int] = 0

    def __init__(
        self,
        kind: Kind,
        doc: Doc,
        *,
        required: bool = False,
        read_only: bool = False,
        default: Any = MISSING,
        default_factory: Callable[[], Any] | None = None,
        default_doc: Doc | None = None,
        key: str | None = None,
        yaml: bool = True,
        deprecated: Doc | None = None,
        frozen: bool = False,
        nullable: bool = False,
    ):
        self.kind = kind
        self.doc = doc
        self.required = required
        self.read_only = read_only
        self.default = default
        self.default_factory = default_factory
        self.default_doc = default_doc  # describes a default computed at run time
        self.key = key
        self.yaml = yaml
        self.deprecated = deprecated
        self.frozen = frozen  # fixed by the class (e.g. a job's `type`): never assigned from Python
        # Whether `key:` with an empty value is accepted. Azure ML refuses null for most
        # fields ("Field may not be null"), so an empty value is an error unless this is set.
        self.nullable = nullable
        self.name = ""
        Field._order += 1
        self.order = Field._order

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        if self.key is None:
            self.key = name

    def __get__(self, instance: Any, owner: type) -> Any:
        if instance is None:
            return self
        values = instance._values
        if self.name in values:
            return values[self.name]
        if self.default_factory is not None:
            return self.default_factory()
        return None if self.default is MISSING else self.default

    def __set__(self, instance: Any, value: Any) -> None:
        if self.read_only:
            raise AttributeError(f"{type(instance).__name__}.{self.name} is read-only: the service sets it")
        if self.frozen:
            raise AttributeError(f"{type(instance).__name__}.{self.name} is fixed by the class")
        instance._values[self.name] = value

    def has_default(self) -> bool:
        return self.default is not MISSING
