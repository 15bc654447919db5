/**
 * The unit workflow on a Temporal dev server started by the SDK's test environment
 * (createLocal with the project's own binary), an in-process worker, and the real store.
 * Also replays recorded histories: a change that breaks determinism fails here.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Runtime, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { SEARCH_ATTRIBUTES } from '../../engine/ids';
import { unitActionUpdate, unitReleasedUpdate, unitWorkflow, type UnitWorkflowInput } from '../../engine/workflows/unit';
import { temporalCli } from '../../scripts/stack/binaries';
import { openStore, type Store } from '../../store';
import { createActivities } from '../../workers/activities';
import { mongoUri, uniqueName } from '../support/env';
import { exampleRouting, SMT_ROUTE_WITH_REPAIR, SMT_MODEL, SMT_PASS_DATA } from '../support/fixtures';

const HISTORIES = path.resolve(__dirname, '..', 'histories');

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let store: Store;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueName('unit-wf');

function input(serial: string): UnitWorkflowInput {
  return { serial, site: 'plant-1', line: 'SMT1', routingKey: 'smt-mainboard', routingVersion: 1, routing: exampleRouting(), productModel: SMT_MODEL };
}

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCli() },
      searchAttributes: SEARCH_ATTRIBUTES.map((name) => ({ name, type: 'KEYWORD' as const })),
      extraArgs: ['--log-level', 'warn'],
    },
  });
  bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../engine/workflows'), logger: new DefaultLogger('WARN') });
  store = await openStore(mongoUri(uniqueName('unit-wf')));
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ store }),
  });
  running = worker.run();
});

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await store?.connection.dropDatabase().catch(() => undefined);
  await store?.close();
  await env?.teardown();
});

describe('unit workflow', () => {
  it('when an update is rejected by the validator, then the history records nothing for it', async () => {
    const serial = uniqueName('WF');
    const handle = await env.client.workflow.start(unitWorkflow, { taskQueue, workflowId: `unit:${serial}`, args: [input(serial)] });
    await handle.executeUpdate(unitReleasedUpdate);

    const err = await handle
      .executeUpdate(unitActionUpdate, { args: [{ type: 'start', step: 'ict', station: 'S', operator: 'o', idempotencyKey: 'k-bad' }] })
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const history = await handle.fetchHistory();
    const accepted = (history.events ?? [])
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name)
      .filter((name) => name !== undefined);
    expect(accepted).toEqual(['unitReleased']);
    expect((await store.units.events(serial))?.map((e) => e.type)).toEqual(['released']);
    await handle.terminate('test done');
  });

  it('when an update is sent twice with the same update id, then it is applied once', async () => {
    const serial = uniqueName('WF');
    const handle = await env.client.workflow.start(unitWorkflow, { taskQueue, workflowId: `unit:${serial}`, args: [input(serial)] });
    const action = { type: 'start' as const, step: 'print', station: 'S', operator: 'o', idempotencyKey: 'k1' };

    const a = await handle.executeUpdate(unitActionUpdate, { args: [action], updateId: 'action:k1' });
    const b = await handle.executeUpdate(unitActionUpdate, { args: [action], updateId: 'action:k1' });

    expect(b).toEqual(a);
    expect((await store.units.events(serial))?.map((e) => e.seq)).toEqual([1, 2]);
    await handle.terminate('test done');
  });

  it('when a unit completes its route, then its history replays on the current code (and every recorded history does too)', async () => {
    const serial = uniqueName('WF');
    const handle = await env.client.workflow.start(unitWorkflow, { taskQueue, workflowId: `unit:${serial}`, args: [input(serial)] });
    let n = 0;
    for (const [step, result] of SMT_ROUTE_WITH_REPAIR) {
      await handle.executeUpdate(unitActionUpdate, { args: [{ type: 'start', step, station: 'S', operator: 'o', idempotencyKey: `k${++n}` }] });
      await handle.executeUpdate(unitActionUpdate, { args: [{ type: 'complete', step, result, station: 'S', operator: 'o', idempotencyKey: `k${++n}`, ...(result === 'pass' ? SMT_PASS_DATA[step] : {}) }] });
    }
    const view = await handle.result();
    expect(view).toMatchObject({ status: 'finished', lastSeq: 2 + SMT_ROUTE_WITH_REPAIR.length * 2 });
    const fresh = await handle.fetchHistory();
    if (process.env.TAKTFLOW_RECORD_HISTORIES === '1') {
      mkdirSync(HISTORIES, { recursive: true });
      // Named after the newest patch the history was recorded with; older recordings stay and keep replaying.
      writeFileSync(path.join(HISTORIES, 'unit-smt-route-with-repair.unit-deadlines-v1.json'), historyToJSON(fresh));
    }

    const recorded = existsSync(HISTORIES) ? readdirSync(HISTORIES).filter((f) => f.endsWith('.json')) : [];
    expect(recorded.length).toBeGreaterThan(0);
    const histories = [
      { workflowId: `unit:${serial}`, history: fresh },
      ...recorded.map((f) => ({ workflowId: f, history: JSON.parse(readFileSync(path.join(HISTORIES, f), 'utf8')) as unknown })),
    ];
    const failures: string[] = [];
    for await (const r of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'unit' }, histories)) {
      if (r.error) failures.push(`${r.workflowId}: ${String(r.error)}`);
    }
    expect(failures).toEqual([]);
  });
});
