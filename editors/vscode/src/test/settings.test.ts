import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLIENT_SETTINGS, SECTION, SERVER_SETTINGS, serverSettings, serverSettingsFrom } from '../settings';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, Record<string, unknown>> = manifest.contributes.configuration.properties;

test('package.json contributes every server setting with its type, default, range and description', () => {
  for (const spec of SERVER_SETTINGS) {
    const property = properties[`${SECTION}.${spec.name}`];
    assert.ok(property, `${spec.name} is contributed`);
    assert.equal(property.type, spec.type, spec.name);
    assert.deepEqual(property.default, spec.default, spec.name);
    assert.equal(property.markdownDescription, spec.description, spec.name);
    assert.equal(property.minimum, spec.minimum, spec.name);
    assert.equal(property.maximum, spec.maximum, spec.name);
  }
});

test('package.json contributes nothing else but the client settings', () => {
  const expected = new Set([...SERVER_SETTINGS.map((s) => `${SECTION}.${s.name}`), ...CLIENT_SETTINGS.map((s) => `${SECTION}.${s}`)]);
  assert.deepEqual(new Set(Object.keys(properties)), expected);
  assert.equal(properties['jobLsp.server.command'].default, 'job-lsp');
  assert.deepEqual(properties['jobLsp.server.args'].default, ['serve']);
  assert.equal(properties['jobLsp.trace.server'].default, 'off');
});

test('the manifest activates on YAML and declares the commands', () => {
  assert.deepEqual(manifest.activationEvents, ['onLanguage:yaml']);
  assert.equal(manifest.main, './dist/extension.js');
  const commands = manifest.contributes.commands.map((c: { command: string; category: string; title: string }) => `${c.category}: ${c.title}`);
  assert.ok(commands.includes('Job LSP: Restart Server'));
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['jobLsp.server.command', 'jobLsp.server.args']);
});

test('serverSettings keeps what the server reads, nested as VS Code gives it', () => {
  const section = {
    computeTargets: ['cpu-cluster'],
    environments: [],
    jobFiles: ['**/jobs/*.yml'],
    validate: false,
    diagnosticsDelay: 300,
    format: { enable: true, indent: 4, reorderKeys: false },
    deferToYamlExtension: true,
    server: { command: 'job-lsp', args: ['serve'] },
    trace: { server: 'verbose' },
  };
  assert.deepEqual(serverSettings(section), {
    computeTargets: ['cpu-cluster'],
    environments: [],
    jobFiles: ['**/jobs/*.yml'],
    validate: false,
    diagnosticsDelay: 300,
    format: { enable: true, indent: 4, reorderKeys: false },
    deferToYamlExtension: true,
  });
});

test('serverSettings passes bad values through (the server reports them) and drops unknown names', () => {
  assert.deepEqual(serverSettings({ diagnosticsDelay: 'soon', whatever: 1 }), { diagnosticsDelay: 'soon' });
  assert.deepEqual(serverSettings({ 'format.indent': 3 }), { format: { indent: 3 } });
  assert.deepEqual(serverSettings(null), {});
  assert.deepEqual(serverSettings([1, 2]), {});
});

test('serverSettingsFrom reads through an accessor (workspace.getConfiguration().get)', () => {
  const values: Record<string, unknown> = { validate: true, 'format.indent': 2, 'server.command': 'x' };
  assert.deepEqual(serverSettingsFrom((name) => values[name]), { validate: true, format: { indent: 2 } });
  const defaults = serverSettingsFrom((name) => SERVER_SETTINGS.find((s) => s.name === name)?.default);
  assert.deepEqual(defaults, {
    computeTargets: [],
    environments: [],
    jobFiles: [],
    validate: true,
    diagnosticsDelay: 200,
    format: { enable: true, indent: 2, reorderKeys: true },
    deferToYamlExtension: false,
    azure: { enable: true, workspace: '', resourceGroup: '', subscription: '', cacheMinutes: 10, timeoutSeconds: 60, pollSeconds: 5 },
  });
});
