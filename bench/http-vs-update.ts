/**
 * Row 1: operator actions through the whole path — HTTP API → Temporal Update → routing state
 * machine → batched persist to Mongo — against bare Update round trips to a no-op handler on
 * the same Temporal server. One transition = one accepted action (a start or a complete).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../workers/activities';
import { emptySample, timed, type Row } from './measure';
import { connect, signedInApi } from './support';
import { noopUpdate, noopWorkflow, stopSignal } from './workflows/noop';

const ROUTE: Array<[string, 'pass' | 'fail']> = [
  ['print', 'pass'], ['spi', 'pass'], ['mount', 'pass'], ['reflow', 'pass'], ['aoi', 'fail'],
  ['repair', 'pass'], ['aoi', 'pass'], ['ict', 'pass'], ['pack', 'pass'],
];

let auth: Record<string, string> = {};

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth, ...headers }, body: JSON.stringify(body) });
  const json = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

export async function httpVsUpdate(o: { temporalAddress: string; mongoUri: string; rounds: number; unitsPerRound: number }): Promise<Row> {
  const servers = await connect(o);
  const { run, store, native, temporal } = servers;
  const oursQueue = `bench-ours-${run}`;
  const baseQueue = `bench-noop-${run}`;
  const workers = await Promise.all([
    Worker.create({ connection: native, taskQueue: oursQueue, workflowsPath: require.resolve('../engine/workflows'), activities: createActivities({ store }) }),
    Worker.create({ connection: native, taskQueue: baseQueue, workflowsPath: require.resolve('./workflows/noop') }),
  ]);
  const running = workers.map((w) => w.run());
  const api = await signedInApi(servers, oursQueue);
  const { url, admin } = api;
  auth = api.auth;

  const routing = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'definitions', 'examples', 'smt-mainboard.routing.json'), 'utf8')) as unknown;
  await post(`${url}/definitions/routing/bench-smt/drafts`, routing);
  await post(`${url}/definitions/routing/bench-smt/publish`, { signature: { password: admin.password, meaning: 'approved' } });

  const ours = emptySample();
  const baseline = emptySample();
  const actionsPerUnit = ROUTE.length * 2;
  try {
    for (let round = 0; round < o.rounds; round++) {
      // Baseline: the same number of Updates, spread over as many workflows.
      const handles = await Promise.all(
        Array.from({ length: o.unitsPerRound }, (_, u) =>
          temporal.workflow.start(noopWorkflow, { taskQueue: baseQueue, workflowId: `bench-noop-${run}-${round}-${u}` }),
        ),
      );
      for (const h of handles) await h.executeUpdate(noopUpdate, { args: [0] }); // warm: first task of each run
      for (const h of handles) await timed(baseline, actionsPerUnit, (i) => h.executeUpdate(noopUpdate, { args: [i] }));
      await Promise.all(handles.map((h) => h.signal(stopSignal)));

      // Ours: units released (not timed), then every action of their route through HTTP.
      const serials = Array.from({ length: o.unitsPerRound }, (_, u) => `BENCH-${run}-${round}-${u}`);
      for (const serial of serials) await post(`${url}/units`, { serial, routing: 'bench-smt', line: 'SMT1' });
      for (const serial of serials) {
        const actions = ROUTE.flatMap(([step, result]) => [
          { type: 'start', step, station: 'B1', operator: 'bench' },
          { type: 'complete', step, station: 'B1', operator: 'bench', result },
        ]);
        await timed(ours, actions.length, (i) => post(`${url}/units/${serial}/actions`, actions[i], { 'Idempotency-Key': `${serial}-${i}` }));
      }
    }
  } finally {
    await api.stop();
    workers.forEach((w) => w.shutdown());
    await Promise.all(running);
    await servers.close();
  }
  return { name: 'step transitions/s via HTTP API (persisted) ÷ bare Update round trips/s (no-op handler)', ours, baseline, unit: '/s' };
}
