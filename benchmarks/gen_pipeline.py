"""Generate a large, valid pipeline job (about LINES lines) for benchmarks and size tests."""

from __future__ import annotations

import sys

HEADER = """$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
display_name: generated_pipeline
description: A generated pipeline with many steps, for benchmarks
experiment_name: benchmarks
settings:
  default_compute: azureml:cpu-cluster
  continue_on_step_failure: false
inputs:
  raw_data:
    type: uri_folder
    path: azureml:raw-data:1
  learning_rate: 0.01
outputs:
  final_model:
    type: uri_folder
    mode: rw_mount
jobs:
"""

STEP = """  step_{i}:
    type: command
    display_name: Step {i}
    code: ./src
    command: >-
      python train.py --data ${{{{inputs.data}}}} --lr ${{{{inputs.lr}}}}
      --out ${{{{outputs.model}}}}
    environment: azureml:AzureML-sklearn-1.5@latest
    compute: azureml:cpu-cluster
    resources:
      instance_count: 1
    inputs:
      data: ${{{{parent.{source}}}}}
      lr: ${{{{parent.inputs.learning_rate}}}}
    outputs:
      model:
        type: uri_folder
        mode: rw_mount
    tags:
      index: "{i}"
"""


def generate(lines: int = 5000) -> str:
    parts = [HEADER]
    count = HEADER.count("\n")
    i = 0
    while count < lines:
        source = "inputs.raw_data" if i == 0 else f"jobs.step_{i - 1}.outputs.model"
        step = STEP.format(i=i, source=source)
        parts.append(step)
        count += step.count("\n")
        i += 1
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 5000))
