"""The entity model: the single source of truth about Azure ML job, component and schedule
files."""

from __future__ import annotations

from .entity import ENTITIES, Entity
from .fields import Doc, Field, Kind, Obj, Union
from .job import JOB_STATUS, STATUS_DOCS, Job, JobProblem

# Importing the job modules registers their classes.
from . import automl, command, common, distillation, finetuning, pipeline, spark, sweep  # noqa: E402
from .automl import AutoMLJob  # noqa: E402
from .command import CommandJob  # noqa: E402
from .distillation import DistillationJob  # noqa: E402
from .finetuning import FineTuningJob  # noqa: E402
from .pipeline import PipelineJob  # noqa: E402
from .spark import SparkJob  # noqa: E402
from .sweep import SweepJob  # noqa: E402
from .component import (  # noqa: E402
    COMPONENT,
    COMPONENT_TYPES,
    CommandComponent,
    Component,
    ParallelComponent,
    PipelineComponent,
    SparkComponent,
)
from .schedule import (  # noqa: E402
    SCHEDULE,
    SCHEDULE_KEYS,
    SCHEDULE_TYPES,
    ImportDataSchedule,
    JobSchedule,
    MonitorSchedule,
    Schedule,
)

_MODULES = (command, sweep, pipeline, spark, automl, finetuning, distillation)


def _concrete_jobs() -> dict[str, type[Job]]:
    found: dict[str, type[Job]] = {}
    stack = list(Job.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.TYPE and cls.TOP_LEVEL:
            found.setdefault(cls.TYPE, cls)
    return dict(sorted(found.items()))


# `type:` value -> the job class a file with that type is read as.
JOB_TYPES: dict[str, type[Job]] = _concrete_jobs()



def _job_kinds() -> dict[str, Kind]:
    """`type:` value -> what a file of that type is. A module may export `KIND` when its
    type dispatches further (automl on `task`, finetuning on `model_provider`)."""
    kinds: dict[str, Kind] = {t: Obj(cls) for t, cls in JOB_TYPES.items()}
    for module in _MODULES:
        kind = getattr(module, "KIND", None)
        if isinstance(kind, Union) and kind.tag:
            kinds[kind.tag] = kind
    return kinds


JOB_KINDS: dict[str, Kind] = _job_kinds()

# What a whole job file is: one of the job types, chosen by `type:`; absent means command.
# The match is exact: Azure ML refuses `type: Command`.
TOP_LEVEL = Union(*JOB_KINDS.values(), discriminator="type", default="command", case_sensitive=True)


# What a whole file is, by its kind (see job_lsp.detect): the kind its top level is read as.
FILE_KINDS: dict[str, Kind] = {"job": TOP_LEVEL, "component": COMPONENT, "schedule": SCHEDULE}


def describe_kind(kind: Kind) -> str:
    return kind.label


__all__ = [
    "ENTITIES",
    "Entity",
    "Doc",
    "Field",
    "Job",
    "JOB_STATUS",
    "STATUS_DOCS",
    "JOB_TYPES",
    "JOB_KINDS",
    "TOP_LEVEL",
    "CommandJob",
    "SweepJob",
    "PipelineJob",
    "SparkJob",
    "AutoMLJob",
    "FineTuningJob",
    "DistillationJob",
    "COMPONENT",
    "COMPONENT_TYPES",
    "Component",
    "CommandComponent",
    "PipelineComponent",
    "SparkComponent",
    "ParallelComponent",
    "SCHEDULE",
    "SCHEDULE_KEYS",
    "SCHEDULE_TYPES",
    "Schedule",
    "JobSchedule",
    "MonitorSchedule",
    "ImportDataSchedule",
    "FILE_KINDS",
]
