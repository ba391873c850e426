from .job import Job
from .fields import Enum, Field, Any_, MapOf


class PipelineJob(Job):
    TYPE = "pipeline"
    OPEN = True
    type = Field(Enum("pipeline"), Job.type.doc, required=True, frozen=True)
