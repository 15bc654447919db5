/**
 * The work-order workflow's time-dependent parts on Temporal's time-skipping test server (the
 * project's cached binary): the due-date timer, and the progress debounce. Real activities
 * against the real store and a real loopback ERP receiver.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES, workflowIds } from '../../../engine/ids';
import {
  unitProgressSignal,
  workOrderReleaseUpdate,
  workOrderViewQuery,
  workOrderWorkflow,
  type UnitProgress,
  type WorkOrderWorkflowInput,
} from '../../../engine/workflows/work-order';
import { temporalTestServer } from '../../../scripts/stack/binaries';
import { openStore, type Store } from '../../../store';
import { createActivities } from '../../../workers/activities';
import { mongoUri, uniqueName } from '../../support/env';
import { eventually, startErpReceiver, type ErpReceiver } from '../../support/erp-receiver';
import { exampleRouting } from '../../support/fixtures';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let store: Store;
let erp: ErpReceiver;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueName('wo-timers');
const HOUR = 3600_000;

async function input(serials: string[], dueInMs: number, progressIntervalSeconds = 60): Promise<WorkOrderWorkflowInput> {
  const now = await env.currentTimeMs();
  return {
    number: uniqueName('WO'),
    site: 'plant-1',
    line: 'SMT1',
    productModel: 'MB-A100',
    routingKey: 'smt-mainboard',
    routingVersion: 1,
    routing: exampleRouting(),
    quantity: serials.length,
    dueAt: new Date(now + dueInMs).toISOString(),
    priority: 0,
    createdAt: new Date(now).toISOString(),
    createdBy: 'erp',
    serials,
    progressIntervalSeconds,
  };
}

/** A report as a unit would send it; seq far above what real units reach, so theirs count as older. */
const report = (serial: string, lastSeq: number, status: UnitProgress['status'], step: string | null, over: Partial<UnitProgress> = {}): UnitProgress => ({
  serial,
  kind: 'unit',
  status,
  step,
  lastSeq: 1000 + lastSeq,
  ...over,
});

const keysOf = (number: string, kind?: string): string[] =>
  erp.accepted.filter((m) => m.key.startsWith(`wo:${number}:`) && (!kind || m.kind === kind)).map((m) => m.key);

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServer() } } });
  // The test server starts without the project's search attributes: register them as the dev server has them.
  const keyword = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((n) => [n, keyword])) });
  bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../../engine/workflows'), logger: new DefaultLogger('WARN') });
  store = await openStore(mongoUri(uniqueName('wo-timers')));
  erp = await startErpReceiver();
  worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: createActivities({ store, erp: { url: erp.url } }) });
  running = worker.run();
});

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await erp?.close();
  await store?.connection.dropDatabase().catch(() => undefined);
  await store?.close();
  await env?.teardown();
});

describe('work-order workflow on skipped time', () => {
  it('when the due time passes with units still open, then the order is behind schedule from that moment and the ERP hears it once', async () => {
    // Arrange
    const order = await input(['T1-A', 'T1-B'], 8 * HOUR);
    const handle = await env.client.workflow.start(workOrderWorkflow, { taskQueue, workflowId: workflowIds.workOrder(order.number), args: [order] });
    await handle.executeUpdate(workOrderReleaseUpdate, { args: [{}] });
    await handle.signal(unitProgressSignal, report('T1-A', 20, 'finished', null));

    // Act
    await env.sleep(9 * HOUR);

    // Assert
    const view = await eventually(async () => {
      const v = await handle.query(workOrderViewQuery);
      return v.erp.messages.some((m) => m.kind === 'behind-schedule') ? v : undefined;
    }, 30_000, 'the behind-schedule message');
    expect(view.schedule).toMatchObject({ behind: true, rule: 'due-date' });
    // Found at the due time (the timer fires then; a workflow task's latency later at most), not at the 9 hours slept.
    const late = Date.parse(view.schedule.detectedAt ?? '') - Date.parse(order.dueAt);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(60_000);
    expect(keysOf(order.number, 'behind-schedule')).toEqual([`wo:${order.number}:behind-schedule`]);
    const stored = await eventually(async () => ((await store.workOrders.get(order.number))?.schedule.behind ? store.workOrders.get(order.number) : undefined));
    expect(stored?.schedule.detectedAt).toBe(view.schedule.detectedAt);
    await handle.terminate('test done');
  });

  it('when units report faster than the progress interval, then the ERP gets at most one cumulative progress message per interval', async () => {
    // Arrange: release (first progress at once), then a burst of reports within the interval.
    const serials = ['T2-A', 'T2-B', 'T2-C'];
    const order = await input(serials, 48 * HOUR, 60);
    const handle = await env.client.workflow.start(workOrderWorkflow, { taskQueue, workflowId: workflowIds.workOrder(order.number), args: [order] });
    await handle.executeUpdate(workOrderReleaseUpdate, { args: [{}] });
    await eventually(() => (keysOf(order.number, 'progress').length >= 1 ? true : undefined), 30_000, 'the first progress message');

    // Act
    for (const [i, serial] of serials.entries()) {
      await handle.signal(unitProgressSignal, report(serial, 2, 'in-progress', 'print'));
      await handle.signal(unitProgressSignal, report(serial, 3, 'waiting', 'spi'));
      if (i === 0) await handle.signal(unitProgressSignal, report(serial, 4, 'held', 'spi'));
    }
    const withinInterval = keysOf(order.number, 'progress');
    await env.sleep(61_000);
    await eventually(() => (keysOf(order.number, 'progress').length >= 2 ? true : undefined), 30_000, 'the second progress message');
    await env.sleep(5 * 60_000);

    // Assert
    expect(withinInterval).toEqual([`wo:${order.number}:progress:1`]);
    expect(keysOf(order.number, 'progress')).toEqual([`wo:${order.number}:progress:1`, `wo:${order.number}:progress:2`]);
    const second = erp.accepted.find((m) => m.key === `wo:${order.number}:progress:2`)?.body as { counts: Record<string, number>; segments: Array<{ step: string }> };
    expect(second.counts).toMatchObject({ released: 3, wip: 3, held: 1, completed: 0 });
    expect(second.segments.find((s) => s.step === 'print')).toMatchObject({ completed: 3 });
    await handle.terminate('test done');
  });

  it('when every unit has finished or been scrapped, then the ERP gets one completion with each unit consumption and the workflow ends', async () => {
    // Arrange
    const order = await input(['T3-A', 'T3-B'], 48 * HOUR, 3600);
    const handle = await env.client.workflow.start(workOrderWorkflow, { taskQueue, workflowId: workflowIds.workOrder(order.number), args: [order] });
    await handle.executeUpdate(workOrderReleaseUpdate, { args: [{}] });
    const consumption = [{ partNumber: 'PCB-A100', supplierLot: 'LOT-7', quantity: 1 }];

    // Act
    await handle.signal(unitProgressSignal, report('T3-A', 30, 'finished', null, { consumption }));
    await handle.signal(unitProgressSignal, report('T3-B', 12, 'scrapped', 'aoi', { consumption: [] }));
    const result = await handle.result();

    // Assert
    expect(result).toMatchObject({ status: 'completed', counts: { completed: 1, scrapped: 1, wip: 0 } });
    expect(keysOf(order.number, 'completion')).toEqual([`wo:${order.number}:completion`]);
    const body = erp.accepted.find((m) => m.key === `wo:${order.number}:completion`)?.body as { units: unknown[] };
    expect(body.units).toEqual([
      { serial: 'T3-A', status: 'finished', materialConsumed: consumption },
      { serial: 'T3-B', status: 'scrapped', materialConsumed: [] },
    ]);
    expect((await store.workOrders.get(order.number))?.status).toBe('completed');
    // The history replays on the current code: a change that breaks determinism fails here.
    await Worker.runReplayHistory({ workflowBundle: bundle, replayName: 'work-order' }, await handle.fetchHistory());
  });

  it('when its history passes the limit, then the order continues as new with its state, and its units still reach it', async () => {
    // Arrange
    const order = { ...(await input(['T4-A', 'T4-B', 'T4-C'], 48 * HOUR, 3600)), historyLimit: 40 };
    const handle = await env.client.workflow.start(workOrderWorkflow, { taskQueue, workflowId: workflowIds.workOrder(order.number), args: [order] });
    const firstRun = handle.firstExecutionRunId;
    await handle.executeUpdate(workOrderReleaseUpdate, { args: [{ count: 2 }] });

    // Act
    for (let seq = 2; seq < 14; seq++) await handle.signal(unitProgressSignal, report('T4-A', seq, seq % 2 ? 'waiting' : 'in-progress', 'print'));
    await eventually(async () => ((await handle.describe()).runId !== firstRun ? true : undefined), 30_000, 'a new run');
    await handle.executeUpdate(workOrderReleaseUpdate, { args: [{}] });
    await handle.signal(unitProgressSignal, report('T4-A', 20, 'finished', null, { consumption: [] }));
    await handle.signal(unitProgressSignal, report('T4-B', 20, 'finished', null, { consumption: [] }));
    await handle.signal(unitProgressSignal, report('T4-C', 20, 'scrapped', 'print', { consumption: [] }));
    const result = await handle.result();

    // Assert
    expect(result.counts).toEqual({ quantity: 3, released: 3, remaining: 0, completed: 2, scrapped: 1, held: 0, wip: 0, releaseFailed: 0 });
    expect(keysOf(order.number, 'completion')).toEqual([`wo:${order.number}:completion`]);
    const progress = keysOf(order.number, 'progress');
    expect(new Set(progress).size).toBe(progress.length);
  });
});
