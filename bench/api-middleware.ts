/**
 * Row 4: operator actions per second through the API's full middleware stack (sign-in check,
 * permission, contract validation, idempotency record, audit trail, live-stream append) with
 * Temporal answered by a no-op Update handler, against a bare node:http handler that parses the
 * same JSON and answers — both on this machine, in one run.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { startServer, stopServer } from '../api/server';
import { ensureFirstAdmin } from '../api/use-cases/auth';
import { openStore } from '../store';
import { emptySample, timed, type Row } from './measure';
import { noopUnitWorkflow, stopSignal } from './workflows/noop';

const ACTION = { type: 'start', step: 'print', station: 'PR-01', operator: 'u-op-1001' };

async function bareServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { step: string };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: true, step: parsed.step }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/act`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function apiMiddleware(o: { temporalAddress: string; mongoUri: string; rounds: number; actions: number }): Promise<Row> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const run = Date.now().toString(36);
  const store = await openStore(o.mongoUri);
  const native = await NativeConnection.connect({ address: o.temporalAddress });
  const connection = await Connection.connect({ address: o.temporalAddress });
  const temporal = new Client({ connection });
  const taskQueue = `bench-api-${run}`;
  const worker = await Worker.create({ connection: native, taskQueue, workflowsPath: require.resolve('./workflows/noop') });
  const running = worker.run();
  const api = await startServer({ store, temporal, taskQueue, jwtSecret: randomBytes(32).toString('hex'), log: () => undefined }, 0);
  const bare = await bareServer();
  const admin = { email: 'bench@taktflow.local', password: randomBytes(12).toString('hex') };
  await ensureFirstAdmin(store, admin.email, admin.password, 'plant-1');
  const login = await fetch(`${api.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  const auth = { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };

  const serials = Array.from({ length: o.rounds }, (_, i) => `API-${run}-${i}`);
  for (const serial of serials) {
    await store.units.applyBatch({ serial, site: 'plant-1', line: 'SMT1', routingKey: 'bench', routingVersion: 1, status: 'waiting', step: 'print', allowed: [], events: [] });
    await temporal.workflow.start(noopUnitWorkflow, { taskQueue, workflowId: `unit:${serial}`, args: [serial] });
  }
  const post = async (url: string, headers: Record<string, string>): Promise<void> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(ACTION) });
    await res.text();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  };

  const ours = emptySample();
  const baseline = emptySample();
  try {
    for (const serial of serials) {
      await timed(baseline, o.actions, () => post(bare.url, {}));
      await timed(ours, o.actions, (i) => post(`${api.url}/api/v1/units/${serial}/actions`, { ...auth, 'Idempotency-Key': `${serial}-${i}` }));
    }
  } finally {
    for (const serial of serials) await temporal.workflow.getHandle(`unit:${serial}`).signal(stopSignal).catch(() => undefined);
    await stopServer(api);
    await bare.close();
    worker.shutdown();
    await running;
    await connection.close();
    await native.close();
    await store.connection.dropDatabase();
    await store.close();
  }
  return { name: 'operator actions/s through the full API middleware (Temporal no-op) ÷ bare node:http handler', ours, baseline, unit: '/s' };
}
