"""The base of every entity (a job, a service, an input, resources...): fields declared as
class attributes, collected in declaration order (which is also the canonical key order of
a dumped file), plain-data conversion both ways."""

from __future__ import annotations

from typing import Any, ClassVar

from ..names import BOOL_TEXTS
from .fields import BINDING, ENTITIES, MISSING, Any_, Bool, Doc, Enum, Field, Float, Int, Kind, ListOf, MapOf, Obj, Str, Union



class Entity:
    DOC: ClassVar[Doc] = Doc("", "")
    # What azure-ai-ml does with a key the entity does not declare: "refused" (an error),
    # "ignored" (kept but unused: a warning says so), "kept" (free-form, as spark `conf`).
    UNKNOWN_KEYS: ClassVar[str] = "refused"
    # Python keyword arguments not declared are kept in `extra` (Azure ML's classes take **kwargs).
    KWARGS: ClassVar[bool] = False
    # How a job file holding a read-only field is told (set per entity from the SDK's behaviour).
    READ_ONLY_SEVERITY: ClassVar[str] = "warning"
    # What the entity is called in messages ("a command job", "resources").
    LABEL: ClassVar[str] = ""
    # Fields of the bases that this entity (and its subclasses) does not have.
    EXCLUDE: ClassVar[tuple[str, ...]] = ()
    _fields: ClassVar[dict[str, Field]]  # attribute name -> field, in order

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, Field] = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, Field):
                    fields.pop(name, None)  # a redefinition keeps the base's position
                    fields[name] = value
        # Re-order: base fields first in their order, then the subclass's own.
        order: dict[str, int] = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, Field) and name not in order:
                    order[name] = len(order)
        # ORDER (YAML keys; inherited) puts fields first in that order: a job type lists where
        # the base fields go among its own (`compute` after `environment`, say).
        ranked = {key: i for i, key in enumerate(getattr(cls, "ORDER", ()))}
        big = len(ranked)
        excluded = set(cls.EXCLUDE)
        cls._fields = dict(
            sorted(
                ((name, f) for name, f in fields.items() if name not in excluded),
                key=lambda kv: (ranked.get(kv[1].key or kv[0], big), order[kv[0]]),
            )
        )
        ENTITIES[cls.__name__] = cls

    def __init__(self, **kwargs: Any) -> None:
        self._values: dict[str, Any] = {}
        self.extra: dict[str, Any] = {}
        fields = type(self)._fields
        for name, value in kwargs.items():
            f = fields.get(name)
            if f is None:
                if not (self.KWARGS or self.UNKNOWN_KEYS != "refused"):
                    raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {name!r}")
                self.extra[name] = value
            elif f.read_only or f.frozen:
                raise AttributeError(f"{type(self).__name__}.{name} is read-only: the service sets it")
            else:
                self._values[name] = value

    # --- introspection ------------------------------------------------------------------
    @classmethod
    def fields(cls, yaml_only: bool = True) -> dict[str, Field]:
        """YAML key -> field, in canonical order (computed once per class: the validator
        asks for every mapping it walks)."""
        cache = cls.__dict__.get("_fields_cache")
        if cache is None:
            cache = (
                {f.key: f for f in cls._fields.values() if f.yaml},  # type: ignore[misc]
                {f.key: f for f in cls._fields.values()},  # type: ignore[misc]
            )
            cls._fields_cache = cache  # type: ignore[attr-defined]
        return cache[0] if yaml_only else cache[1]

    @classmethod
    def title(cls) -> str:
        return cls.__name__

    @classmethod
    def label(cls) -> str:
        return cls.LABEL or cls.__name__

    @classmethod
    def fields_for(cls, keys: Any) -> dict[str, Field]:
        """The fields of a mapping with these `keys` (override where a field's kind depends on
        the keys present)."""
        return cls.fields()

    @classmethod
    def unknown_key_rule(cls, keys: Any) -> tuple[str, str]:
        """How unknown keys are judged in a mapping with these `keys`, and what the mapping is
        called in the message (override where it depends on the keys present)."""
        return cls.UNKNOWN_KEYS, cls.label()

    @classmethod
    def check_node(cls, node: Any, report: Any) -> None:
        """Rules across fields that the kinds cannot say (override where needed).
        `report(node, severity, code, message)`."""

    # Discriminator values that select this entity, when its discriminator field is not an
    # Enum (e.g. a custom service, whose `type` is free text).
    TAGS: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def discriminator_values(cls, key: str) -> tuple[str, ...]:
        if cls.TAGS:
            return cls.TAGS
        f = cls.fields().get(key)
        if f is not None and isinstance(f.kind, Enum):
            return f.kind.values
        return ()

    # --- plain data ---------------------------------------------------------------------
    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Entity:
        """Build from what a YAML loader gives (a dict). Values are trusted as they are:
        validation is the validator's job; this only gives them their entity classes."""
        self = cls.__new__(cls)
        self._values = {}
        self.extra = {}
        fields = cls.fields()
        for key, value in data.items():
            f = fields.get(str(key))
            if f is None:
                self.extra[str(key)] = value
            else:
                self._values[f.name] = convert(f.kind, value)
        return self

    def to_data(self, read_only: bool = False) -> dict[str, Any]:
        """A plain dict in canonical key order; read-only fields only when asked."""
        out: dict[str, Any] = {}
        for f in type(self)._fields.values():
            if not f.yaml or (f.read_only and not read_only) or f.name not in self._values:
                continue
            value = self._values[f.name]
            if value is None:
                continue
            out[f.key] = unconvert(value, read_only)  # type: ignore[index]
        for key, value in self.extra.items():
            out[key] = unconvert(value, read_only)
        return out

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.to_data(True) == other.to_data(True)  # type: ignore[union-attr]

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self._values.items())
        return f"{type(self).__name__}({shown})"


class FileEntity(Entity):
    """What a whole file is (a job, a component, a schedule): read from a folder, written back
    by `dump()`."""

    base_path = Field(
        Str(),
        Doc(
            "The folder relative paths in the file are resolved against (the file's folder).",
            "Le dossier par rapport auquel les chemins relatifs du fichier sont résolus (celui du fichier).",
        ),
        read_only=True,
        yaml=False,
    )

    def dump(self, dest: Any, **kwargs: Any) -> None:
        """Write as YAML to a new file (a path) or an open stream (see job_lsp.serialize)."""
        from ..serialize import dump_entity  # lazy: the declared exception of the layers (pyproject.toml)

        dump_entity(self, dest, **kwargs)


def convert(kind: Kind, value: Any) -> Any:
    """Plain data -> entities, following the kind."""
    if value is None or (isinstance(value, str) and BINDING.match(value)):
        return value
    if isinstance(kind, Obj) and isinstance(value, dict):
        return kind.entity.from_data(value)
    if isinstance(kind, MapOf) and isinstance(value, dict):
        return {k: convert(kind.value, v) for k, v in value.items()}
    if isinstance(kind, ListOf) and isinstance(value, list):
        return [convert(kind.item, v) for v in value]
    if isinstance(kind, Union):
        branch = choose_branch(kind, value)
        return convert(branch, value) if branch is not None else value
    return value


def unconvert(value: Any, read_only: bool) -> Any:
    if isinstance(value, Entity):
        return value.to_data(read_only)
    if isinstance(value, dict):
        return {k: unconvert(v, read_only) for k, v in value.items()}
    if isinstance(value, list):
        return [unconvert(v, read_only) for v in value]
    return value


def choose_branch(union: Union, value: Any) -> Kind | None:
    """The branch of a union that a plain value belongs to (None when nothing fits).
    The validator makes the same choice on nodes, through `shape_of`."""
    if union.discriminator:
        if not isinstance(value, dict):
            return None
        branch, _ = union.select(value.get(union.discriminator), {str(k) for k in value})
        return branch
    return branch_for_shape(union, shape_of(value), value)


def shape_of(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "sequence"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if value is None:
        return "null"
    return "str"


def branch_for_shape(union: Union, shape: str, value: Any = None) -> Kind | None:
    """Pick the branch for a value's shape: mapping -> an entity or a map, sequence -> a
    list, scalars -> the branch of the same scalar type. Failing that, the conversions
    Azure ML's fields make: 0/1 for a boolean, numbers as text, a float for an integer."""
    def accepts(branch: Kind) -> bool:
        if shape == "mapping":
            return isinstance(branch, (Obj, MapOf, Any_)) or (isinstance(branch, Union) and branch.discriminator is not None)
        if shape == "sequence":
            return isinstance(branch, (ListOf, Any_))
        if shape == "bool":
            return isinstance(branch, (Bool, Any_))
        if shape == "int":
            return isinstance(branch, (Int, Float, Any_))
        if shape == "float":
            return isinstance(branch, (Float, Any_))
        return isinstance(branch, (Str, Enum, Any_))

    def converts(branch: Kind) -> bool:
        if isinstance(branch, Bool):
            if shape == "int":
                return value in (0, 1)
            return shape == "str" and str(value).strip().lower() in BOOL_TEXTS
        if isinstance(branch, (Int, Float)):
            if shape == "float":
                return isinstance(branch, Int)
            if shape == "str":
                try:
                    int(value) if isinstance(branch, Int) else float(value)
                except (TypeError, ValueError):
                    return False
                return True
        return False

    for b in union.branches:
        if accepts(b):
            return b
    for b in union.branches:
        if converts(b):
            return b
    return None




__all__ = ["ENTITIES", "Entity", "convert", "choose_branch", "shape_of", "branch_for_shape", "MISSING"]
