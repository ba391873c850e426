import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  NONE_MODELINE,
  assessOverlap,
  dollarSchema,
  fixesFor,
  isJobSchema,
  modelineInsertion,
  modelineSchema,
  overlapMessage,
  redHatJobSchema,
  settingsFor,
  type OverlapInput,
} from '../coexistence';

const JOB = 'https://azuremlschemas.azureedge.net/latest/commandJob.schema.json';
const COMPONENT = 'https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json';
const yaml = { validate: true, completion: true, hover: true, schemas: {} };
const input = (text: string, extra: Partial<OverlapInput> = {}): OverlapInput => ({
  text,
  redHatInstalled: true,
  yaml,
  jobLsp: { validate: true, deferToYamlExtension: false },
  ...extra,
});

test('job schemas are recognised as job_lsp/detect.py does', () => {
  assert.ok(isJobSchema(JOB));
  assert.ok(isJobSchema('https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json'));
  assert.ok(isJobSchema('http://azureml/sdk-2-0/PipelineJob.json'));
  assert.ok(isJobSchema(COMPONENT), 'components are served too');
  assert.ok(isJobSchema('http://azureml/sdk-2-0/Schedule.json'), 'and schedules');
  assert.ok(!isJobSchema('https://json.schemastore.org/github-workflow.json'));
});

test('$schema key and modeline are read as yaml-language-server reads them', () => {
  assert.equal(dollarSchema(`$schema: ${JOB}\ntype: command\n`), JOB);
  assert.equal(dollarSchema(`type: command\n"$schema": '${JOB}'  # comment\n`), JOB);
  assert.equal(dollarSchema(`jobs:\n  $schema: ${JOB}\n`), undefined, 'only the top level');
  assert.equal(modelineSchema(`# yaml-language-server: $schema=${JOB}\ntype: command\n`), JOB);
  assert.equal(modelineSchema(`#yaml-language-server: $schema=${JOB}\n`), undefined, 'Red Hat wants a space after #');
});

test('no Red Hat, no overlap', () => {
  assert.equal(assessOverlap(input(`$schema: ${JOB}\n`, { redHatInstalled: false })).duplicated, false);
});

test('a job file with $schema: everything twice, and the fixes, precise first', () => {
  const overlap = assessOverlap(input(`$schema: ${JOB}\ntype: command\n`));
  assert.deepEqual(overlap, { source: '$schema', schema: JOB, diagnostics: true, completion: true, hover: true, duplicated: true });
  assert.deepEqual(
    fixesFor(overlap).map((f) => f.kind),
    ['file-modeline', 'defer', 'workspace-off'],
  );
  assert.match(overlapMessage(overlap)!, /problems, completions and hovers may appear twice/);
});

test('a modeline wins over $schema, as in Red Hat; $schema=none takes the file away', () => {
  assert.equal(redHatJobSchema(`# yaml-language-server: $schema=none\n$schema: ${JOB}\n`, yaml), undefined);
  assert.equal(assessOverlap(input(`${NONE_MODELINE}\n$schema: ${JOB}\n`)).duplicated, false);
  const viaModeline = assessOverlap(input(`# yaml-language-server: $schema=${JOB}\ntype: command\n`));
  assert.equal(viaModeline.source, 'modeline');
  // Replacing that modeline would also take the file away from job-lsp: no per-file fix.
  assert.ok(!fixesFor(viaModeline).some((f) => f.kind === 'file-modeline'));
});

test('components are served like jobs; other schemas are not ours', () => {
  assert.equal(assessOverlap(input(`$schema: ${COMPONENT}\ntype: command\nversion: 1\n`)).duplicated, true);
  assert.equal(assessOverlap(input('type: command\ncommand: echo\ncompute: cpu\n')).duplicated, false, 'no schema for Red Hat');
});

test('a yaml.schemas association with a job schema (job-lsp schema/job.schema.json)', () => {
  const schemas = { '/opt/job-lsp/schema/job.schema.json': ['**/*job*.yml'] };
  const overlap = assessOverlap(input('type: command\ncommand: echo\ncompute: cpu\n', { yaml: { ...yaml, schemas } }));
  assert.equal(overlap.source, 'yaml.schemas');
  assert.deepEqual(fixesFor(overlap).map((f) => f.kind), ['edit-yaml-schemas', 'defer', 'workspace-off']);
  assert.match(overlapMessage(overlap)!, /yaml\.schemas/);
});

test('settings already chosen: deferral leaves only diagnostics; Red Hat off leaves nothing', () => {
  const deferred = assessOverlap(input(`$schema: ${JOB}\n`, { jobLsp: { validate: true, deferToYamlExtension: true } }));
  assert.deepEqual([deferred.diagnostics, deferred.completion, deferred.hover], [true, false, false]);
  assert.ok(!fixesFor(deferred).some((f) => f.kind === 'defer'));
  assert.match(overlapMessage(deferred)!, /so problems may appear twice/);
  const off = assessOverlap(input(`$schema: ${JOB}\n`, { yaml: { ...yaml, validate: false, completion: false, hover: false } }));
  assert.equal(off.duplicated, false);
  assert.equal(overlapMessage(off), undefined);
  assert.deepEqual(fixesFor(off), []);
});

test('what each fix writes', () => {
  assert.deepEqual(settingsFor('defer'), [['jobLsp', 'deferToYamlExtension', true]]);
  assert.deepEqual(settingsFor('workspace-off'), [
    ['yaml', 'validate', false],
    ['yaml', 'completion', false],
    ['yaml', 'hover', false],
  ]);
  assert.deepEqual(settingsFor('file-modeline'), []);
  assert.equal(modelineInsertion(`$schema: ${JOB}\n`), `${NONE_MODELINE}\n`);
  assert.equal(modelineInsertion(`$schema: ${JOB}\r\n`, '\r\n'), `${NONE_MODELINE}\r\n`);
  assert.equal(modelineInsertion(`${NONE_MODELINE}\n$schema: ${JOB}\n`), '');
});
