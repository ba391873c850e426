from .job import Job
from .fields import Enum, Field


class SparkJob(Job):
    TYPE = "spark"
    OPEN = True
    type = Field(Enum("spark"), Job.type.doc, required=True, frozen=True)
