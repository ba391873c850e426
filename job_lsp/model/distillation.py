from .job import Job
from .fields import Enum, Field


class DistillationJob(Job):
    TYPE = "distillation"
    OPEN = True
    type = Field(Enum("distillation"), Job.type.doc, required=True, frozen=True)
