/** What the server benchmarks share: connections to the servers, and the API with a signed-in admin. */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { startServer, stopServer } from '../api/server';
import { ensureFirstAdmin } from '../api/use-cases/auth';
import { openStore, type Store } from '../store';

export interface BenchServers {
  /** A short tag that keeps this run's task queues and ids apart from other runs'. */
  run: string;
  store: Store;
  native: NativeConnection;
  temporal: Client;
  close(): Promise<void>;
}

export async function connect(o: { temporalAddress: string; mongoUri: string }): Promise<BenchServers> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const store = await openStore(o.mongoUri);
  const native = await NativeConnection.connect({ address: o.temporalAddress });
  const connection = await Connection.connect({ address: o.temporalAddress });
  return {
    run: Date.now().toString(36),
    store,
    native,
    temporal: new Client({ connection }),
    async close() {
      await connection.close();
      await native.close();
      await store.connection.dropDatabase();
      await store.close();
    },
  };
}

export interface BenchApi {
  /** Base URL of /api/v1. */
  url: string;
  admin: { email: string; password: string };
  /** The admin's Authorization header. */
  auth: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The API in this process on a free port, with a first admin signed in; `o.store` serves it
 * another store over the same database, `o.admin` signs in an admin made before.
 */
export async function signedInApi(s: BenchServers, taskQueue: string, o: { store?: Store; admin?: BenchApi['admin'] } = {}): Promise<BenchApi> {
  const api = await startServer({ store: o.store ?? s.store, temporal: s.temporal, taskQueue, jwtSecret: randomBytes(32).toString('hex'), log: () => undefined }, 0);
  const url = `${api.url}/api/v1`;
  const admin = o.admin ?? { email: 'bench@taktflow.local', password: randomBytes(12).toString('hex') };
  if (!o.admin) await ensureFirstAdmin(s.store, admin.email, admin.password, 'plant-1');
  const login = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { url, admin, auth: { Authorization: `Bearer ${accessToken}` }, stop: () => stopServer(api) };
}
