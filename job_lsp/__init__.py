"""job-lsp: a language server, validator and schema toolkit for Azure ML job, component
and schedule YAML files."""

from .load import JobValidationError, job_from_service, load_component, load_job, load_schedule
from .model import (
    AutoMLJob,
    CommandComponent,
    CommandJob,
    Component,
    DistillationJob,
    FineTuningJob,
    ImportDataSchedule,
    Job,
    JobProblem,
    JobSchedule,
    MonitorSchedule,
    ParallelComponent,
    PipelineComponent,
    PipelineJob,
    Schedule,
    SparkComponent,
    SparkJob,
    SweepJob,
)

__version__ = "0.1.0"

__all__ = [
    "Job",
    "JobProblem",
    "CommandJob",
    "SweepJob",
    "PipelineJob",
    "SparkJob",
    "AutoMLJob",
    "FineTuningJob",
    "DistillationJob",
    "load_job",
    "job_from_service",
    "JobValidationError",
    "Component",
    "CommandComponent",
    "PipelineComponent",
    "SparkComponent",
    "ParallelComponent",
    "load_component",
    "Schedule",
    "JobSchedule",
    "MonitorSchedule",
    "ImportDataSchedule",
    "load_schedule",
]
