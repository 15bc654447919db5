/**
 * The start command's supervisor: with TEMPORAL_ADDRESS and MONGODB_URI given it starts no
 * servers, runs a worker and the API, prints the URLs, and Ctrl-C (SIGINT) stops every child.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alive, freePort } from '../../scripts/stack/processes';
import { mongoUri, temporalAddress, uniqueName } from '../support/env';

const ROOT = path.resolve(__dirname, '..', '..');

it('when the stack starts against given servers, then it serves a healthy API, and SIGINT stops every child', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'taktflow-stack-'));
  const port = await freePort();
  const stack = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'stack', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      TAKTFLOW_PORT: String(port),
      TAKTFLOW_DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: temporalAddress(),
      MONGODB_URI: mongoUri(uniqueName('stack')),
      TAKTFLOW_TASK_QUEUE: uniqueName('stack-tq'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  stack.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  stack.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => stack.once('exit', (code) => resolve(code)));
  try {
    for (let i = 0; i < 900 && !out.includes('Press Ctrl-C'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('Taktflow is running');
    expect(out).toContain(`http://127.0.0.1:${port}/api/v1`);

    const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(out).toMatch(/Sign in\s+POST .*\/api\/v1\/auth\/login \{"email":"admin@taktflow.local"/);
    const password = readFileSync(path.join(dataDir, 'admin-password'), 'utf8').trim();
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@taktflow.local', password }),
    });
    expect(login.status).toBe(200);
    const docs = await fetch(`http://127.0.0.1:${port}/docs`);
    expect(await docs.text()).toContain('swagger-ui');
    const designer = await fetch(`http://127.0.0.1:${port}/`);
    expect(designer.status).toBe(200);
    expect(await designer.text()).toContain('Taktflow');
    const pids = ['worker', 'api'].map((n) => Number(readFileSync(path.join(dataDir, 'run', `${n}.pid`), 'utf8')));
    expect(pids.every(alive)).toBe(true);

    stack.kill('SIGINT');

    expect(await exited).toBe(0);
    expect(out).toContain('[stack] stopped');
    expect(pids.filter(alive)).toEqual([]);
  } finally {
    if (stack.exitCode === null) stack.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
