/**
 * The settings the job-lsp server reads (section `jobLsp`), as job_lsp/lsp/settings.py and the
 * README define them, and the client-only ones. No `vscode` import: unit-tested under plain node.
 */

export const SECTION = 'jobLsp';

export interface SettingSpec {
  /** Name inside the `jobLsp` section, dotted for nested ones (`format.indent`). */
  name: string;
  type: 'array' | 'boolean' | 'integer' | 'number' | 'string';
  default: unknown;
  description: string;
  minimum?: number;
  maximum?: number;
}

/** What the server reads: names, defaults and descriptions as in settings.py and the README. */
export const SERVER_SETTINGS: readonly SettingSpec[] = [
  { name: 'computeTargets', type: 'array', default: [], description: 'compute names offered first by completion (`cpu-cluster` or `azureml:cpu-cluster`)' },
  { name: 'environments', type: 'array', default: [], description: 'environments offered first (`azureml:my-env:3`, `azureml:my-env@latest`)' },
  { name: 'jobFiles', type: 'array', default: [], description: 'glob patterns of files always served as job files (`**/jobs/*.yml`)' },
  { name: 'validate', type: 'boolean', default: true, description: 'diagnostics on or off' },
  { name: 'diagnosticsDelay', type: 'integer', default: 200, minimum: 0, maximum: 10000, description: 'milliseconds of quiet typing before a check (0 to 10000)' },
  { name: 'format.enable', type: 'boolean', default: true, description: 'formatting on or off' },
  { name: 'format.indent', type: 'integer', default: 2, minimum: 2, maximum: 8, description: 'spaces per level (2 to 8)' },
  { name: 'format.reorderKeys', type: 'boolean', default: true, description: 'put keys in canonical order when formatting' },
  { name: 'deferToYamlExtension', type: 'boolean', default: false, description: "leave completion and hover to another YAML server (Red Hat's) for job files" },
  { name: 'azure.enable', type: 'boolean', default: true, description: 'the Azure ML workspace in the editor, when one is known (docs/workspace.md); `false`: never run `az`' },
  { name: 'azure.workspace', type: 'string', default: '', description: 'the workspace (default: the `az configure` defaults, else a `config.json` above the file)' },
  { name: 'azure.resourceGroup', type: 'string', default: '', description: 'its resource group' },
  { name: 'azure.subscription', type: 'string', default: '', description: "its subscription (default: the Azure CLI's current one)" },
  { name: 'azure.cacheMinutes', type: 'integer', default: 10, minimum: 1, maximum: 1440, description: 'how long what the workspace said is fresh (1 to 1440)' },
  { name: 'azure.timeoutSeconds', type: 'integer', default: 60, minimum: 5, maximum: 600, description: 'the longest one `az` call may take (5 to 600)' },
  { name: 'azure.pollSeconds', type: 'number', default: 5.0, minimum: 0.05, maximum: 600, description: 'seconds between two status checks of a running job (0.05 to 600)' },
];

/** Settings only the VS Code client reads; never sent to the server. */
export const CLIENT_SETTINGS = ['server.command', 'server.args', 'trace.server'] as const;

function lookup(raw: unknown, dotted: string): unknown {
  let value: unknown = raw;
  for (const part of dotted.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * The part of a `jobLsp` section the server knows, nested as VS Code gives it
 * (`{format: {indent: 2}}`). Client-only settings (`server.*`, `trace.*`) are left out, so the
 * server does not log them as unknown. Values are passed as they are: the server checks them
 * and reports a bad one in the log.
 */
export function serverSettings(raw: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return out;
  }
  for (const spec of SERVER_SETTINGS) {
    // VS Code nests dotted names, but a hand-written object may use the flat form.
    let value = lookup(raw, spec.name);
    if (value === undefined) {
      value = (raw as Record<string, unknown>)[spec.name];
    }
    if (value === undefined) {
      continue;
    }
    const parts = spec.name.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      target[part] = (target[part] as Record<string, unknown>) ?? {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
  return out;
}

/** The same, read through an accessor (`workspace.getConfiguration('jobLsp').get`). */
export function serverSettingsFrom(get: (name: string) => unknown): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const spec of SERVER_SETTINGS) {
    flat[spec.name] = get(spec.name);
  }
  return serverSettings(flat);
}
