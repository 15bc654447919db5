/**
 * Row 4: operator actions per second through the API's full middleware stack (sign-in check,
 * permission, contract validation, idempotency record, audit trail, live-stream append) with
 * Temporal answered by a no-op Update handler, against a bare node:http handler that parses the
 * same JSON and answers — both on this machine, in one run.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from '@temporalio/worker';
import { emptySample, timed, type Row } from './measure';
import { connect, signedInApi } from './support';
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
  const servers = await connect(o);
  const { run, store, temporal } = servers;
  const taskQueue = `bench-api-${run}`;
  const worker = await Worker.create({ connection: servers.native, taskQueue, workflowsPath: require.resolve('./workflows/noop') });
  const running = worker.run();
  const api = await signedInApi(servers, taskQueue);
  const bare = await bareServer();

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
      await timed(ours, o.actions, (i) => post(`${api.url}/units/${serial}/actions`, { ...api.auth, 'Idempotency-Key': `${serial}-${i}` }));
    }
  } finally {
    for (const serial of serials) await temporal.workflow.getHandle(`unit:${serial}`).signal(stopSignal).catch(() => undefined);
    await api.stop();
    await bare.close();
    worker.shutdown();
    await running;
    await servers.close();
  }
  return { name: 'operator actions/s through the full API middleware (Temporal no-op) ÷ bare node:http handler', ours, baseline, unit: '/s' };
}
