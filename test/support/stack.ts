/**
 * An in-process API on port 0 plus real worker processes, against the servers the global setup
 * started. Each suite gets its own database and task queue.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startServer, stopServer, type RunningServer } from '../../api/server';
import { openStore, type Store } from '../../store';
import { mongoUri, temporalAddress, uniqueName } from './env';

const ROOT = path.resolve(__dirname, '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** Sends a signal and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface TestStack {
  url: string;
  store: Store;
  temporal: Client;
  taskQueue: string;
  workers: WorkerProcess[];
  startWorker(): Promise<WorkerProcess>;
  stop(): Promise<void>;
}

export async function startTestStack(name: string): Promise<TestStack> {
  const dbName = uniqueName(name);
  const taskQueue = uniqueName(`${name}-tq`);
  const store = await openStore(mongoUri(dbName));
  const connection = await Connection.connect({ address: temporalAddress() });
  const temporal = new Client({ connection });
  const server: RunningServer = await startServer({ store, temporal, taskQueue, log: () => undefined }, 0);
  const workers: WorkerProcess[] = [];

  async function startWorker(): Promise<WorkerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress(), MONGODB_URI: mongoUri(dbName), TAKTFLOW_TASK_QUEUE: taskQueue },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start within 60 s:\n${out}`)), 60_000);
      const check = (): void => {
        if (out.includes('polling task queue')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`worker exited (${code}) before it started:\n${out}`));
      });
    });
    const w: WorkerProcess = {
      child,
      output: () => out,
      async kill(signal) {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
      },
    };
    workers.push(w);
    return w;
  }

  return {
    url: `${server.url}/api/v1`,
    store,
    temporal,
    taskQueue,
    workers,
    startWorker,
    async stop() {
      await Promise.all(workers.map((w) => w.kill('SIGTERM')));
      await stopServer(server);
      await connection.close();
      await store.connection.dropDatabase().catch(() => undefined);
      await store.close();
    },
  };
}

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  body: T;
}

export async function http<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : null) as T };
}
