/**
 * The real server, started as the extension starts it (command + args, stdio, no flag added),
 * fed the settings the extension sends. Runs when job-lsp is on PATH, or when
 * JOB_LSP_SERVER_COMMAND (and JOB_LSP_SERVER_ARGS, a JSON list) name it; skipped otherwise.
 */
import assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { findExecutable } from '../executable';
import { SERVER_SETTINGS, serverSettings, serverSettingsFrom } from '../settings';

const isFile = (p: string) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};
const command = process.env.JOB_LSP_SERVER_COMMAND || findExecutable('job-lsp', { platform: process.platform, env: process.env, isFile });
const args: string[] = process.env.JOB_LSP_SERVER_ARGS ? JSON.parse(process.env.JOB_LSP_SERVER_ARGS) : ['serve'];

/** The whole `jobLsp` section as VS Code returns it, client-only settings included. */
const section = {
  server: { command: 'job-lsp', args: ['serve'] },
  trace: { server: 'off' },
  computeTargets: ['cpu-cluster'],
  environments: [],
  jobFiles: [],
  validate: true,
  diagnosticsDelay: 0,
  format: { enable: true, indent: 2, reorderKeys: true },
  deferToYamlExtension: false,
};

function waitFor<T>(what: string, check: () => T | undefined, ms = 15000): Promise<T> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = check();
      if (value !== undefined) {
        resolve(value);
      } else if (Date.now() - start > ms) {
        reject(new Error(`timed out waiting for ${what}`));
      } else {
        setTimeout(tick, 50);
      }
    };
    tick();
  });
}

test('the server takes the settings the extension sends, checks and formats a job file', { skip: command ? false : 'job-lsp not found (set JOB_LSP_SERVER_COMMAND)', timeout: 60000 }, async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'job-lsp-vscode-'));
  const file = path.join(folder, 'job.yml');
  const text = '$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: echo hi\nenvironment: azureml:env:1\ncompute:    azureml:cpu-cluster\nexperiment_nme: x\ntype: command\n';
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const server = cp.spawn(command!, args, { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const logs: string[] = [];
  const diagnostics: Array<{ uri: string; diagnostics: Array<{ message: string; source?: string }> }> = [];
  let filter = true;
  connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  connection.onNotification('textDocument/publishDiagnostics', (p: (typeof diagnostics)[number]) => diagnostics.push(p));
  connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map(() => (filter ? serverSettings(section) : section)));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  try {
    const defaults = serverSettingsFrom((name) => SERVER_SETTINGS.find((s) => s.name === name)?.default);
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'w' }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } },
      initializationOptions: defaults,
    })) as { capabilities: Record<string, unknown> };
    assert.ok(init.capabilities.documentFormattingProvider, 'formatting (format-on-save) is offered');
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const published = await waitFor('diagnostics', () => diagnostics.find((d) => d.uri === uri && d.diagnostics.length > 0));
    assert.ok(published.diagnostics.some((d) => /experiment_nme/.test(d.message) && d.source === 'job-lsp'), JSON.stringify(published));
    const edits = (await connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as unknown[];
    assert.ok(Array.isArray(edits) && edits.length > 0, 'the badly laid out file gets edits');
    // What `synchronize.configurationSection` sends on a change; the server pulls the section again.
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: { jobLsp: section } });
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(logs.filter((m) => /unknown setting|not valid/.test(m)), [], 'the filtered settings are all known to the server');
    // Without the filter the server would complain about the client-only settings.
    filter = false;
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: { jobLsp: section } });
    await waitFor('a warning about client-only settings', () => logs.find((m) => /unknown setting jobLsp\.(server|trace)/.test(m)));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    server.kill();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
