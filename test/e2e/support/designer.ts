/**
 * The designer as the end-to-end suites and the benchmark use it: built into designer/dist when
 * missing or older than its sources (as scripts/setup.sh does), and opened signed in through its
 * own sign-in form.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'designer', 'dist', 'index.html');
const SOURCES = ['designer/index.html', 'designer/vite.config.ts', 'designer/build', 'designer/src', 'designer/public', 'definitions', 'package-lock.json'];

function newestChange(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((newest, name) => Math.max(newest, newestChange(path.join(file, name))), stat.mtimeMs);
}

function isStale(): boolean {
  if (!existsSync(DIST)) return true;
  const built = statSync(DIST).mtimeMs;
  return SOURCES.some((s) => newestChange(path.join(ROOT, s)) > built);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Builds designer/dist when it is missing or stale; one build at a time across jest workers. */
export async function ensureDesignerBuilt(): Promise<void> {
  if (!isStale()) return;
  const lock = path.join(os.tmpdir(), 'taktflow-designer-build.lock');
  const began = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another suite is building: wait for it, and take over a lock left behind for 5 minutes.
      if (Date.now() - began > 300_000) rmdirSync(lock);
      await sleep(500);
    }
  }
  try {
    if (!isStale()) return;
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', 'designer', '--logLevel', 'warn'], {
      cwd: ROOT,
      // jest sets NODE_ENV=test, which would make Vite bundle React's and antd's development builds.
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 300_000,
    });
  } finally {
    rmdirSync(lock);
  }
}

export interface Credentials {
  id: string;
  password: string;
}

/** Opens the designer at `route` (a hash route such as "routings") and signs in through its form (English). */
export async function openSignedIn(page: Page, root: string, user: Credentials, route = 'routings'): Promise<void> {
  await page.goto(`${root}/#/${route}`);
  await page.getByLabel('Email').fill(user.id);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-user').waitFor();
}

/** The example plant's master data (station groups, defect codes, roles …): what the pickers offer. */
export function exampleMasterData(): unknown {
  return JSON.parse(readFileSync(path.join(ROOT, 'definitions', 'examples', 'plant-1.master-data.json'), 'utf8')) as unknown;
}
