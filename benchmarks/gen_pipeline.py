"""Generate a large, valid pipeline job (about LINES lines) for benchmarks and size tests.

    python benchmarks/gen_pipeline.py 5000                # laid out as `job-lsp format` does
    python benchmarks/gen_pipeline.py 5000 --unformatted  # as people write them: keys out of
                                                          # order, uneven spacing, comments
"""

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

# The same job as people write it: the header's keys in another order, trailing spaces,
# two spaces after some colons, comments; every step with its keys out of canonical order
# (tags and compute first), blocks indented by 4, and a double blank line between steps.
UNFORMATTED_HEADER = """# A generated pipeline, not yet formatted
$schema:  https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
experiment_name: benchmarks   
type: pipeline
description: A generated pipeline with many steps, for benchmarks
display_name: generated_pipeline
inputs:
    raw_data:
        path: azureml:raw-data:1
        type: uri_folder
    learning_rate: 0.01
settings:
  continue_on_step_failure: false
  default_compute: azureml:cpu-cluster
outputs:
  final_model:
    mode: rw_mount
    type: uri_folder


jobs:
"""

UNFORMATTED_STEP = """  step_{i}:
    # step {i} trains on what the step before it wrote
    tags:
        index: "{i}"
    compute:  azureml:cpu-cluster
    type: command
    display_name: Step {i}   
    inputs:
      data:   ${{{{parent.{source}}}}}
      lr: ${{{{parent.inputs.learning_rate}}}}  # the pipeline's rate
    code: ./src
    command: >-
      python train.py --data ${{{{inputs.data}}}} --lr ${{{{inputs.lr}}}}
      --out ${{{{outputs.model}}}}
    resources:
        instance_count: 1
    environment: azureml:AzureML-sklearn-1.5@latest
    outputs:
      model:
        mode: rw_mount
        type: uri_folder


"""


def generate(lines: int = 5000, formatted: bool = True) -> str:
    header, template = (HEADER, STEP) if formatted else (UNFORMATTED_HEADER, UNFORMATTED_STEP)
    parts = [header]
    count = header.count("\n")
    i = 0
    while count < lines:
        source = "inputs.raw_data" if i == 0 else f"jobs.step_{i - 1}.outputs.model"
        step = template.format(i=i, source=source)
        parts.append(step)
        count += step.count("\n")
        i += 1
    return "".join(parts)



COMPONENT = """$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
name: component_{c}
version: 1
type: command
inputs:
  data: {{type: uri_folder}}
  lr: {{type: number, default: 0.01, min: 0, max: 1}}
  epochs: {{type: integer, default: 3}}
  mode: {{type: string, enum: [fast, slow], optional: true}}
outputs:
  model: {{type: uri_folder}}
code: ./src
environment: azureml:AzureML-sklearn-1.5@latest
command: python run.py --data ${{{{inputs.data}}}} --lr ${{{{inputs.lr}}}} --epochs ${{{{inputs.epochs}}}} $[[--mode ${{{{inputs.mode}}}}]] --model ${{{{outputs.model}}}}
"""

COMPONENT_STEP = """  step_{i}:
    component: ./components/component_{c}.yml
    inputs:
      data: {source}
      lr: 0.{c}
      epochs: {i}
      mode: fast
    outputs:
      model: {output}
"""


def write_component_pipeline(folder, steps: int = 200, components: int = 20) -> str:
    """A pipeline of `steps` steps over `components` local component files, written into
    `folder` (with the components' code folder); returns the pipeline's text."""
    from pathlib import Path

    folder = Path(folder)
    (folder / "components" / "src").mkdir(parents=True, exist_ok=True)
    for c in range(components):
        (folder / "components" / f"component_{c}.yml").write_text(COMPONENT.format(c=c))
    body = [HEADER]
    for i in range(steps):
        source = "${{parent.inputs.raw_data}}" if i == 0 else f"${{{{parent.jobs.step_{i - 1}.outputs.model}}}}"
        output = "${{parent.outputs.final_model}}" if i == steps - 1 else "{type: uri_folder}"
        body.append(COMPONENT_STEP.format(i=i, c=i % components, source=source, output=output))
    text = "".join(body)
    (folder / "pipeline.yml").write_text(text)
    return text

if __name__ == "__main__":
    size = next((int(a) for a in sys.argv[1:] if a.isdigit()), 5000)
    sys.stdout.write(generate(size, formatted="--unformatted" not in sys.argv))
