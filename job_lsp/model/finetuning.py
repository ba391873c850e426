from .job import Job
from .fields import Enum, Field


class FineTuningJob(Job):
    TYPE = "finetuning"
    OPEN = True
    type = Field(Enum("finetuning"), Job.type.doc, required=True, frozen=True)
