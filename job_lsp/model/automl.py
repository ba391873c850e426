from .job import Job
from .fields import Enum, Field


class AutoMLJob(Job):
    TYPE = "automl"
    OPEN = True
    type = Field(Enum("automl"), Job.type.doc, required=True, frozen=True)
