import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findExecutable, missingServerMessage } from '../executable';

const files = (...paths: string[]) => (p: string) => paths.includes(p);

test('a bare name is looked up on PATH', () => {
  const host = { platform: 'linux' as const, env: { PATH: '/usr/bin::/home/u/.local/bin' }, isFile: files('/home/u/.local/bin/job-lsp') };
  assert.equal(findExecutable('job-lsp', host), '/home/u/.local/bin/job-lsp');
  assert.equal(findExecutable('other', host), undefined);
  assert.equal(findExecutable('  ', host), undefined);
});

test('a path must exist; a relative one is read from the workspace folder; ~ is home', () => {
  const host = { platform: 'linux' as const, env: { PATH: '', HOME: '/home/u' }, cwd: '/repo', isFile: files('/repo/.venv/bin/job-lsp', '/home/u/bin/job-lsp') };
  assert.equal(findExecutable('.venv/bin/job-lsp', host), '/repo/.venv/bin/job-lsp');
  assert.equal(findExecutable('/repo/.venv/bin/job-lsp', host), '/repo/.venv/bin/job-lsp');
  assert.equal(findExecutable('~/bin/job-lsp', host), '/home/u/bin/job-lsp');
  assert.equal(findExecutable('/nowhere/job-lsp', host), undefined);
});

test('Windows: PATHEXT extensions and ; separated PATH', () => {
  const host = {
    platform: 'win32' as const,
    env: { Path: 'C:\\Python\\Scripts;C:\\Windows', PATHEXT: '.COM;.EXE;.BAT' },
    isFile: files('C:\\Python\\Scripts\\job-lsp.EXE'),
  };
  assert.equal(findExecutable('job-lsp', host), 'C:\\Python\\Scripts\\job-lsp.EXE');
});

test('the message says how to install the server', () => {
  const message = missingServerMessage('job-lsp');
  assert.match(message, /pipx install job-lsp/);
  assert.match(message, /pip install job-lsp/);
  assert.match(message, /jobLsp\.server\.command/);
});
