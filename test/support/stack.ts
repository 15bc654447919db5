/**
 * An in-process API on port 0 plus real worker processes, against the servers the global setup
 * started. Each suite gets its own database and task queue.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { startServer, stopServer, type RunningServer } from '../../api/server';
import type { Role } from '../../api/contract/permissions';
import { ensureFirstAdmin, hashPassword } from '../../api/use-cases/auth';
import { openStore, type Store } from '../../store';
import { mongoUri, temporalAddress, uniqueName } from './env';

const ROOT = path.resolve(__dirname, '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** Sends a signal and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export const ADMIN = { email: 'admin@taktflow.test', password: 'admin-password-for-tests' };
export const SITE = 'plant-1';
/** One signing secret for every API a test starts, so one admin token works on all of them. */
const JWT_SECRET = randomBytes(32).toString('hex');

/** Headers that sign a request in: a bearer token or an API key. */
export type Auth = Record<string, string>;

export interface TestStack {
  url: string;
  /** Headers of the first admin. */
  admin: Auth;
  /** A user with the given roles and lines, signed in; its id (email) and password too. */
  as(roles: Role | Role[], lines?: string[]): Promise<{ auth: Auth; id: string; password: string }>;
  store: Store;
  temporal: Client;
  taskQueue: string;
  workers: WorkerProcess[];
  startWorker(): Promise<WorkerProcess>;
  stop(): Promise<void>;
}

export interface TestApi {
  /** Base URL of /api/v1. */
  url: string;
  /** Root URL of the server (for /metrics, /docs). */
  root: string;
  store: Store;
  admin: Auth;
  as: TestStack['as'];
  stop(): Promise<void>;
}

/** An API of its own over a database of its own (no workers), with its first admin signed in. */
export async function startApi(name: string, connection: Connection, options: { taskQueue?: string } = {}): Promise<TestApi> {
  const store = await openStore(mongoUri(uniqueName(name)));
  const temporal = new Client({ connection });
  const server = await startServer(
    { store, temporal, taskQueue: options.taskQueue, jwtSecret: JWT_SECRET, validateResponses: true, streamPollMs: 100, log: (l) => console.error(l) },
    0,
  );
  const url = `${server.url}/api/v1`;
  await ensureFirstAdmin(store, ADMIN.email, ADMIN.password, SITE);
  const admin = await signIn(url, ADMIN.email, ADMIN.password);
  return {
    url,
    root: server.url,
    store,
    admin,
    as: (roles, lines = ['*']) => userAs(url, store, roles, lines),
    async stop() {
      await stopServer(server);
      await store.connection.dropDatabase().catch(() => undefined);
      await store.close();
    },
  };
}

async function userAs(url: string, store: Store, roles: Role | Role[], lines: string[]): Promise<{ auth: Auth; id: string; password: string }> {
  const list = Array.isArray(roles) ? roles : [roles];
  const id = `${list.join('-')}-${randomBytes(4).toString('hex')}@taktflow.test`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  await store.users.create({ email: id, name: `Test ${list.join('+')}`, passwordHash: await hashPassword(password), roles: list, sites: [SITE], lines });
  return { auth: await signIn(url, id, password), id, password };
}

export interface TestStackOptions {
  /** Extra environment for the worker processes (e.g. TAKTFLOW_ERP_WEBHOOK_URL). */
  workerEnv?: Record<string, string>;
}

export async function startTestStack(name: string, options: TestStackOptions = {}): Promise<TestStack> {
  const dbName = uniqueName(name);
  const taskQueue = uniqueName(`${name}-tq`);
  const store = await openStore(mongoUri(dbName));
  const connection = await Connection.connect({ address: temporalAddress() });
  const temporal = new Client({ connection });
  const server: RunningServer = await startServer(
    { store, temporal, taskQueue, jwtSecret: JWT_SECRET, validateResponses: true, streamPollMs: 100, log: (l) => console.error(l) },
    0,
  );
  const url = `${server.url}/api/v1`;
  const workers: WorkerProcess[] = [];
  await ensureFirstAdmin(store, ADMIN.email, ADMIN.password, SITE);
  const admin = await signIn(url, ADMIN.email, ADMIN.password);

  const as = (roles: Role | Role[], lines: string[] = ['*']) => userAs(url, store, roles, lines);

  async function startWorker(): Promise<WorkerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress(), MONGODB_URI: mongoUri(dbName), TAKTFLOW_TASK_QUEUE: taskQueue, ...options.workerEnv },
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
    url,
    admin,
    as,
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

export async function signIn(apiUrl: string, email: string, password: string): Promise<Auth> {
  const res = await fetch(`${apiUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const body = (await res.json()) as { accessToken?: string };
  if (!res.ok || !body.accessToken) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(body)}`);
  return { Authorization: `Bearer ${body.accessToken}` };
}

let defaultHeaders: Record<string, string> = {};

/** Headers every http() call of this test file sends unless it names its own (e.g. the admin's token). */
export function useHeaders(headers: Record<string, string>): void {
  defaultHeaders = headers;
}

/** A GET whose body is kept as text (byte-level comparisons), with the default headers. */
export async function getText(url: string): Promise<string> {
  const res = await fetch(url, { headers: defaultHeaders });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text}`);
  return text;
}

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  /** The response headers (not enumerable, so whole answers still compare by status, type and body). */
  headers: Headers;
  body: T;
}

export async function http<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
  // A header given as '' removes a default one (e.g. the admin's token when sending an API key).
  const all = Object.fromEntries(Object.entries({ ...defaultHeaders, ...headers }).filter(([, v]) => v !== ''));
  const res = await fetch(url, {
    method,
    headers: body === undefined ? all : { 'content-type': 'application/json', ...all },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const answer = { status: res.status, contentType: res.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : null) as T };
  // Not enumerable: suites compare whole answers (a replay's differs by its Idempotent-Replayed header).
  return Object.defineProperty(answer, 'headers', { value: res.headers, enumerable: false }) as HttpAnswer<T>;
}
