import * as fs from 'fs';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { RED_HAT_YAML, assessOverlap, fixesFor, modelineInsertion, overlapMessage, settingsFor, type Fix, type Overlap } from './coexistence';
import { INSTALL_COMMANDS, findExecutable, missingServerMessage } from './executable';
import { SECTION, serverSettings, serverSettingsFrom } from './settings';

const DISMISSED = 'jobLsp.redHatOverlap.dismissed';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let extensionContext: vscode.ExtensionContext;
let askedThisSession = false;

function isFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(p, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function workspaceFolderPath(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

async function showMissingServer(command: string): Promise<void> {
  const settings = 'Open Settings';
  const readme = 'Open README';
  const copy = 'Copy Install Command';
  const choice = await vscode.window.showErrorMessage(missingServerMessage(command), settings, readme, copy);
  if (choice === settings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:' + extensionContext.extension.id);
  } else if (choice === readme) {
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(extensionContext.extensionUri, 'README.md'));
  } else if (choice === copy) {
    await vscode.env.clipboard.writeText(INSTALL_COMMANDS[0]);
  }
}

async function startClient(): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const command = (config.get<string>('server.command') || 'job-lsp').trim();
  const args = config.get<string[]>('server.args') ?? ['serve'];
  const cwd = workspaceFolderPath();
  const executable = findExecutable(command, { platform: process.platform, env: process.env, cwd, isFile });
  if (!executable) {
    output.appendLine(`[job-lsp] ${missingServerMessage(command)}`);
    void showMissingServer(command);
    return;
  }
  output.appendLine(`[job-lsp] starting ${executable} ${args.join(' ')}`);
  // No `transport` given: the server talks over stdin/stdout, and the client adds no flag.
  const serverOptions: ServerOptions = { command: executable, args, options: cwd ? { cwd } : undefined };
  const clientOptions: LanguageClientOptions = {
    // Every YAML file on disk: the server itself decides which ones are job files.
    documentSelector: [{ scheme: 'file', language: 'yaml' }],
    synchronize: { configurationSection: SECTION },
    initializationOptions: serverSettingsFrom((name) => config.get(name)),
    outputChannel: output,
    middleware: {
      workspace: {
        // The server asks for the `jobLsp` section; it gets only the settings it knows.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) {
            return result;
          }
          return result.map((value, i) => (params.items[i]?.section === SECTION ? serverSettings(value) : value));
        },
      },
    },
  };
  // The id `jobLsp` makes the client read `jobLsp.trace.server`.
  client = new LanguageClient('jobLsp', 'Job LSP', serverOptions, clientOptions);
  // The Azure ML workspace's state (docs/workspace.md): one status item, never a popup.
  client.onNotification(WORKSPACE_STATUS, (params: WorkspaceStatus) => showWorkspaceStatus(params));
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(`[job-lsp] the server did not start: ${message}`);
    const show = 'Show Log';
    if ((await vscode.window.showErrorMessage(`Job LSP: the server did not start (${message}).`, show)) === show) {
      output.show(true);
    }
  }
}

const WORKSPACE_STATUS = 'jobLsp/workspaceStatus';

interface WorkspaceStatus {
  workspace: string;
  ok: boolean;
  message: string;
}

let statusItem: vscode.StatusBarItem | undefined;

function showWorkspaceStatus(status: WorkspaceStatus): void {
  statusItem ??= vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 10);
  statusItem.text = status.ok ? '$(cloud) Azure ML' : '$(cloud-offline) Azure ML';
  statusItem.tooltip = status.ok ? `Job LSP: workspace ${status.workspace}` : `Job LSP: workspace ${status.workspace}: ${status.message}`;
  statusItem.command = 'jobLsp.showLog';
  statusItem.show();
}

async function stopClient(): Promise<void> {
  const current = client;
  client = undefined;
  if (current) {
    try {
      await current.stop();
    } catch (error) {
      output.appendLine(`[job-lsp] stopping the server: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

let restarting: Promise<void> = Promise.resolve();

/** One restart at a time: one settings save can fire two change events, and two overlapping
 * restarts would each start a server, leaving one running unseen. */
function restartClient(): Promise<void> {
  // A failed restart (reported to whoever awaited it) does not block the next one.
  restarting = restarting.catch(() => undefined).then(async () => {
    await stopClient();
    await startClient();
  });
  return restarting;
}

// --- the Red Hat YAML extension ---------------------------------------------------------------

function overlapFor(document: vscode.TextDocument): Overlap | undefined {
  if (document.languageId !== 'yaml' || document.uri.scheme !== 'file') {
    return undefined;
  }
  const yaml = vscode.workspace.getConfiguration('yaml', document.uri);
  const jobLsp = vscode.workspace.getConfiguration(SECTION, document.uri);
  return assessOverlap({
    text: document.getText(),
    redHatInstalled: vscode.extensions.getExtension(RED_HAT_YAML) !== undefined,
    yaml: {
      validate: yaml.get<boolean>('validate', true),
      completion: yaml.get<boolean>('completion', true),
      hover: yaml.get<boolean>('hover', true),
      schemas: yaml.get<Record<string, string | string[]>>('schemas', {}),
    },
    jobLsp: { validate: jobLsp.get<boolean>('validate', true), deferToYamlExtension: jobLsp.get<boolean>('deferToYamlExtension', false) },
  });
}

async function applyFix(fix: Fix, document: vscode.TextDocument | undefined): Promise<void> {
  if (fix.kind === 'file-modeline') {
    if (!document) {
      return;
    }
    const insertion = modelineInsertion(document.getText(), document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
    if (insertion) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), insertion);
      await vscode.workspace.applyEdit(edit);
    }
    return;
  }
  if (fix.kind === 'edit-yaml-schemas') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'yaml.schemas');
    return;
  }
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  for (const [section, key, value] of settingsFor(fix.kind)) {
    await vscode.workspace.getConfiguration(section).update(key, value, target);
  }
}

async function resolveOverlap(document: vscode.TextDocument | undefined): Promise<void> {
  const overlap = document ? overlapFor(document) : undefined;
  if (!document || !overlap?.duplicated) {
    void vscode.window.showInformationMessage('Job LSP: the Red Hat YAML extension does not check this file as an Azure ML job file; nothing to do.');
    return;
  }
  const fixes = fixesFor(overlap);
  const picked = await vscode.window.showQuickPick(
    fixes.map((fix) => ({ label: fix.label, detail: fix.detail, fix })),
    { placeHolder: 'Job LSP and Red Hat YAML both check this job file: what should change?' },
  );
  if (picked) {
    await applyFix(picked.fix, document);
  }
}

async function offerOverlapFix(document: vscode.TextDocument): Promise<void> {
  if (askedThisSession || extensionContext.workspaceState.get<boolean>(DISMISSED)) {
    return;
  }
  const overlap = overlapFor(document);
  const message = overlap && overlapMessage(overlap);
  if (!message) {
    return;
  }
  askedThisSession = true;
  const fix = 'Fix...';
  const never = "Don't Ask Again";
  const choice = await vscode.window.showInformationMessage(message, fix, never);
  if (choice === fix) {
    await resolveOverlap(document);
  } else if (choice === never) {
    await extensionContext.workspaceState.update(DISMISSED, true);
  }
}

// --- activation --------------------------------------------------------------------------------

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionContext = context;
  output = vscode.window.createOutputChannel('Job LSP');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('jobLsp.restartServer', restartClient),
    vscode.commands.registerCommand('jobLsp.showLog', () => output.show(true)),
    { dispose: () => statusItem?.dispose() },
    vscode.commands.registerCommand('jobLsp.resolveYamlExtensionOverlap', () => resolveOverlap(vscode.window.activeTextEditor?.document)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.server`)) {
        void restartClient();
      }
    }),
    vscode.workspace.onDidOpenTextDocument((document) => void offerOverlapFix(document)),
    { dispose: () => void stopClient() },
  );
  await startClient();
  for (const document of vscode.workspace.textDocuments) {
    void offerOverlapFix(document);
  }
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
