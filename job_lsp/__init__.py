"""job-lsp: a language server, validator and schema toolkit for Azure ML job YAML files."""

from .load import JobValidationError, job_from_service, load_job
from .model import (
    AutoMLJob,
    CommandJob,
    DistillationJob,
    FineTuningJob,
    Job,
    JobProblem,
    PipelineJob,
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
]
