/**
 * Deadlines survive restarts: a unit's step-overdue and queue-time timers fall due while the
 * worker and the Temporal dev server (SQLite file) are both down, and fire once both are back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { unitActionUpdate, unitReleasedUpdate, unitWorkflow } from '../../engine/workflows/unit';
import { freePort } from '../../scripts/stack/processes';
import { startTemporalDev, type RunningTemporal } from '../../scripts/stack/servers';
import { openStore, type Store } from '../../store';
import { createActivities } from '../../workers/activities';
import { mongoUri, uniqueName } from '../support/env';
import { timedRouting } from '../support/routings';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'taktflow-restart-'));
const taskQueue = uniqueName('restart');
let port: number;
let temporal: RunningTemporal;
let store: Store;

async function startWorker(address: string): Promise<{ stop: () => Promise<void> }> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, taskQueue, workflowsPath: require.resolve('../../engine/workflows'), activities: createActivities({ store }) });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  port = await freePort();
  temporal = await startTemporalDev({ dataDir, port });
  store = await openStore(mongoUri(uniqueName('restart')));
});

afterAll(async () => {
  await temporal?.child.stop();
  await store?.connection.dropDatabase().catch(() => undefined);
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('when the deadlines fall due while the worker and the server are down, then both fire once everything is back', async () => {
  // Arrange: weld may take 6 s (then hold); cut → inspect may wait 9 s (then alert).
  const routing = timedRouting({ weldMinutes: 0.1, onOverdue: 'hold', queueMinutes: 0.15, onQueue: 'alert' });
  const serial = uniqueName('SN-R');
  let worker = await startWorker(temporal.address);
  const connection = await Connection.connect({ address: temporal.address });
  const handle = await new Client({ connection }).workflow.start(unitWorkflow, {
    taskQueue,
    workflowId: `unit:${serial}`,
    args: [{ serial, site: 'plant-1', line: 'L1', routingKey: 'timed', routingVersion: 1, routing }],
  });
  await handle.executeUpdate(unitReleasedUpdate);
  let k = 0;
  for (const [type, step] of [['start', 'cut'], ['complete', 'cut'], ['start', 'weld']] as const) {
    await handle.executeUpdate(unitActionUpdate, { args: [{ type, step, station: 'S1', operator: 'op-1', idempotencyKey: `r-${++k}`, ...(type === 'complete' ? { result: 'pass' as const } : {}) }] });
  }

  // Act: everything goes down past both deadlines, then comes back.
  await worker.stop();
  await connection.close();
  await temporal.child.stop();
  await new Promise((r) => setTimeout(r, 10_000));
  expect(((await store.units.events(serial)) ?? []).map((e) => e.type)).not.toContain('overdue');
  temporal = await startTemporalDev({ dataDir, port });
  worker = await startWorker(temporal.address);

  // Assert
  const events = await waitFor('the deadlines to fire', async () => {
    const recorded = (await store.units.events(serial)) ?? [];
    return recorded.some((e) => e.type === 'held') && recorded.some((e) => e.type === 'queue-time-exceeded') ? recorded : undefined;
  });
  expect(events.filter((e) => e.type === 'overdue')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'queue-time-exceeded')).toHaveLength(1);
  expect(events.find((e) => e.type === 'held')?.detail).toContain('weld');
  expect((await store.units.get(serial))?.status).toBe('held');
  await worker.stop();
}, 120_000);
