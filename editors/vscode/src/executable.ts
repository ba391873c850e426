/**
 * Finding the server's executable before starting it, so a missing `job-lsp` gets a clear
 * message instead of a spawn error. No `vscode` import: unit-tested under plain node.
 */
import * as path from 'path';

export const INSTALL_COMMANDS = ['pipx install job-lsp', 'pip install job-lsp'] as const;

export interface Platform {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Folder a relative command with a slash (`.venv/bin/job-lsp`) is resolved against. */
  cwd?: string;
  isFile: (p: string) => boolean;
}

function expandHome(command: string, env: Record<string, string | undefined>): string {
  const home = env.HOME ?? env.USERPROFILE;
  if (home && (command === '~' || command.startsWith('~/') || command.startsWith('~\\'))) {
    return path.join(home, command.slice(1));
  }
  return command;
}

/**
 * The file `command` runs, or undefined when there is none: a path (absolute, `~/...`, or
 * relative with a separator, against `cwd`) must exist; a bare name is looked up on PATH (with
 * PATHEXT's extensions on Windows).
 */
export function findExecutable(command: string, host: Platform): string | undefined {
  const windows = host.platform === 'win32';
  const p = windows ? path.win32 : path.posix;
  const trimmed = expandHome(command.trim(), host.env);
  if (!trimmed) {
    return undefined;
  }
  const extensions = windows
    ? ['', ...(host.env.PATHEXT ?? host.env.Pathext ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)]
    : [''];
  const candidates = (base: string) => extensions.map((ext) => base + ext);
  const hasSeparator = trimmed.includes('/') || (windows && trimmed.includes('\\'));
  if (p.isAbsolute(trimmed) || hasSeparator) {
    const full = p.isAbsolute(trimmed) ? trimmed : p.resolve(host.cwd ?? '.', trimmed);
    return candidates(full).find(host.isFile);
  }
  const pathVar = host.env.PATH ?? host.env.Path ?? '';
  for (const dir of pathVar.split(windows ? ';' : ':')) {
    if (!dir) {
      continue;
    }
    const found = candidates(p.join(dir, trimmed)).find(host.isFile);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** The error shown when the server cannot be found. */
export function missingServerMessage(command: string): string {
  return (
    `Job LSP: the language server \`${command}\` was not found. ` +
    `Install it with \`${INSTALL_COMMANDS[0]}\` (or \`${INSTALL_COMMANDS[1]}\` in the Python ` +
    `environment VS Code sees), or set "jobLsp.server.command" to its full path ` +
    `(for example .venv/bin/job-lsp), then run "Job LSP: Restart Server".`
  );
}
