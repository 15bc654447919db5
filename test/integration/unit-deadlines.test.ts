/**
 * Durable deadlines of a unit: step overdue (maxMinutes) and queue-time limits, on Temporal's
 * time-skipping test server (hours pass in milliseconds), with an in-process worker and the real
 * store; and continue-as-new keeping a run's state and seq.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Routing } from '../../definitions/routing/schema';
import type { UnitEventType } from '../../definitions/units/model';
import { unitActionUpdate, unitDispositionUpdate, unitReleasedUpdate, unitViewQuery, unitWorkflow, type UnitWorkflowInput } from '../../engine/workflows/unit';
import type { Store } from '../../store';
import { createActivities } from '../../workers/activities';
import { uniqueName } from '../support/env';
import { startTimeSkippingSuite, type TimeSkippingSuite } from '../support/time-skipping';
import { timedRouting } from '../support/routings';

const MINUTE = 60_000;
let suite: TimeSkippingSuite;
let env: TestWorkflowEnvironment;
let store: Store;
let taskQueue: string;
let n = 0;

function input(routing: Routing, over: Partial<UnitWorkflowInput> = {}): UnitWorkflowInput {
  return { serial: uniqueName('SN-T'), site: 'plant-1', line: 'L1', routingKey: 'timed', routingVersion: 1, routing, ...over };
}

async function release(routing: Routing, over: Partial<UnitWorkflowInput> = {}) {
  const args = input(routing, over);
  const handle = await env.client.workflow.start(unitWorkflow, { taskQueue, workflowId: `unit:${args.serial}`, args: [args] });
  await handle.executeUpdate(unitReleasedUpdate);
  return { handle, serial: args.serial };
}

type Handle = Awaited<ReturnType<typeof release>>['handle'];

async function act(handle: Handle, type: 'start' | 'complete', step: string): Promise<void> {
  await handle.executeUpdate(unitActionUpdate, {
    args: [{ type, step, station: 'S1', operator: 'op-1', idempotencyKey: `k-${++n}`, ...(type === 'complete' ? { result: 'pass' as const } : {}) }],
  });
}

async function eventTypes(serial: string): Promise<UnitEventType[]> {
  return ((await store.units.events(serial)) ?? []).map((e) => e.type);
}

/** Lets the workflow persist what it recorded (a query is answered after the task that recorded it). */
async function settled(handle: Handle): Promise<void> {
  await handle.query(unitViewQuery);
}

beforeAll(async () => {
  suite = await startTimeSkippingSuite('deadlines', (s) => createActivities({ store: s }));
  ({ env, store, taskQueue } = suite);
});

afterAll(async () => {
  await suite?.stop();
});

describe('step overdue', () => {
  it('when a step stays in progress past its maxMinutes, then an overdue event is recorded once and the unit stays in the step', async () => {
    // Arrange
    const { handle, serial } = await release(timedRouting({ weldMinutes: 30 }));
    await act(handle, 'start', 'cut');
    await act(handle, 'complete', 'cut');
    await act(handle, 'start', 'weld');

    // Act
    await env.sleep(31 * MINUTE);
    await settled(handle);
    await env.sleep(60 * MINUTE);
    await settled(handle);

    // Assert
    const types = await eventTypes(serial);
    expect(types.filter((t) => t === 'overdue')).toHaveLength(1);
    const overdue = ((await store.units.events(serial)) ?? []).find((e) => e.type === 'overdue');
    expect(overdue).toMatchObject({ step: 'weld', detail: expect.stringContaining('longer than 30 min') });
    expect(await handle.query(unitViewQuery)).toMatchObject({ status: 'in-progress', step: 'weld' });
  });

  it('when the step is completed in time, then no overdue event is ever recorded', async () => {
    // Arrange
    const { handle, serial } = await release(timedRouting({ weldMinutes: 30 }));
    await act(handle, 'start', 'cut');
    await act(handle, 'complete', 'cut');
    await act(handle, 'start', 'weld');
    await env.sleep(10 * MINUTE);

    // Act
    await act(handle, 'complete', 'weld');
    await env.sleep(120 * MINUTE);
    await settled(handle);

    // Assert
    expect(await eventTypes(serial)).not.toContain('overdue');
  });

  it('when the routing says to hold an overdue step, then the unit is held with the reason and resumes in the step on release', async () => {
    // Arrange
    const { handle } = await release(timedRouting({ weldMinutes: 5, onOverdue: 'hold' }));
    await act(handle, 'start', 'cut');
    await act(handle, 'complete', 'cut');
    await act(handle, 'start', 'weld');

    // Act
    await env.sleep(6 * MINUTE);
    const held = await handle.query(unitViewQuery);
    await handle.executeUpdate(unitDispositionUpdate, { args: [{ type: 'release', reason: 'welder checked', by: 'qa-1', idempotencyKey: `k-${++n}` }] });

    // Assert
    expect(held).toMatchObject({ status: 'held', holdReason: expect.stringContaining('weld') });
    expect(await handle.query(unitViewQuery)).toMatchObject({ status: 'in-progress', step: 'weld', allowed: [{ type: 'complete', step: 'weld' }] });
  });
});

describe('queue-time limits', () => {
  it('when a unit waits longer than the limit between two steps, then the violation is recorded and the unit is held', async () => {
    // Arrange
    const { handle, serial } = await release(timedRouting({ queueMinutes: 240, onQueue: 'hold' }));
    await act(handle, 'start', 'cut');
    await act(handle, 'complete', 'cut');
    await act(handle, 'start', 'weld');
    await act(handle, 'complete', 'weld');

    // Act
    await env.sleep(241 * MINUTE);
    await settled(handle);

    // Assert
    const types = await eventTypes(serial);
    expect(types.slice(-2)).toEqual(['queue-time-exceeded', 'held']);
    expect(await handle.query(unitViewQuery)).toMatchObject({ status: 'held', step: 'inspect' });
  });

  it('when the second step starts within the limit, then no violation is recorded later', async () => {
    // Arrange
    const { handle, serial } = await release(timedRouting({ queueMinutes: 240, onQueue: 'hold' }));
    await act(handle, 'start', 'cut');
    await act(handle, 'complete', 'cut');
    await act(handle, 'start', 'weld');
    await act(handle, 'complete', 'weld');
    await env.sleep(200 * MINUTE);

    // Act
    await act(handle, 'start', 'inspect');
    await env.sleep(600 * MINUTE);
    await settled(handle);

    // Assert
    expect(await eventTypes(serial)).not.toContain('queue-time-exceeded');
    expect(await handle.query(unitViewQuery)).toMatchObject({ status: 'in-progress', step: 'inspect' });
  });

  it('when the limit only alerts, then the violation is recorded and the unit goes on', async () => {
    // Arrange
    const { handle, serial } = await release(timedRouting({ queueMinutes: 60, onQueue: 'alert' }));
    await act(handle, 'start', 'cut');
    await act(handle, 'complete', 'cut');

    // Act
    await env.sleep(61 * MINUTE);
    await settled(handle);
    await act(handle, 'start', 'weld');

    // Assert
    expect(await eventTypes(serial)).toContain('queue-time-exceeded');
    expect(await handle.query(unitViewQuery)).toMatchObject({ status: 'in-progress', step: 'weld' });
  });
});

describe('continue-as-new', () => {
  it('when a run passes its history limit, then it continues as new with the same state, seq and deadlines', async () => {
    // Arrange
    const { handle, serial } = await release(timedRouting({ weldMinutes: 30 }), { historyLimit: 20 });
    const firstRun = (await handle.describe()).runId;

    // Act
    await act(handle, 'start', 'cut');
    await act(handle, 'complete', 'cut');
    await act(handle, 'start', 'weld');
    await act(handle, 'complete', 'weld');
    await act(handle, 'start', 'inspect');
    await act(handle, 'complete', 'inspect');
    const view = await handle.result();

    // Assert
    const latestRun = (await env.client.workflow.getHandle(`unit:${serial}`).describe()).runId;
    expect(latestRun).not.toBe(firstRun);
    expect(view).toMatchObject({ status: 'finished', lastSeq: 8 });
    expect((await store.units.events(serial))?.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('when an action is retried with its key after the run continued as new, then its first answer comes back and nothing is recorded twice; the key with another request is refused', async () => {
    // Arrange: a start recorded with a key and a request hash, then enough actions to continue as new
    const { handle, serial } = await release(timedRouting({ weldMinutes: 30 }), { historyLimit: 20 });
    const firstRun = (await handle.describe()).runId;
    const keyed = { type: 'start' as const, step: 'cut', station: 'S1', operator: 'op-1', idempotencyKey: 'cut-start', requestHash: 'hash-a' };
    const first = await handle.executeUpdate(unitActionUpdate, { args: [keyed] });
    await act(handle, 'complete', 'cut');
    await act(handle, 'start', 'weld');
    await act(handle, 'complete', 'weld');
    expect((await env.client.workflow.getHandle(`unit:${serial}`).describe()).runId).not.toBe(firstRun);

    // Act
    const retry = await env.client.workflow.getHandle(`unit:${serial}`).executeUpdate(unitActionUpdate, { args: [keyed] });
    const reused = env.client.workflow.getHandle(`unit:${serial}`).executeUpdate(unitActionUpdate, { args: [{ ...keyed, requestHash: 'hash-b' }] });

    // Assert
    expect(retry).toEqual({ ...first, replayed: true });
    await expect(reused).rejects.toMatchObject({ cause: { details: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })] } });
    expect(await eventTypes(serial)).toEqual(['released', 'started', 'completed', 'started', 'completed']);
  });

  it('when a keyed action was refused and the run continued as new, then its retry is refused alike although the unit could now take it', async () => {
    // Arrange: welding before cutting is refused; then the unit cuts and continues as new
    const { handle, serial } = await release(timedRouting({ weldMinutes: 30 }), { historyLimit: 20 });
    const firstRun = (await handle.describe()).runId;
    const early = { type: 'start' as const, step: 'weld', station: 'S1', operator: 'op-1', idempotencyKey: 'weld-early', requestHash: 'hash-w' };
    const refused = await handle.executeUpdate(unitActionUpdate, { args: [early] }).catch((e: unknown) => e);
    // Keyed refusals are recorded in the run's history: two more bring it near its limit.
    for (const key of ['inspect-1', 'inspect-2']) {
      await handle.executeUpdate(unitActionUpdate, { args: [{ ...early, step: 'inspect', idempotencyKey: key }] }).catch(() => undefined);
    }
    await act(handle, 'start', 'cut');
    await act(handle, 'complete', 'cut');
    expect((await env.client.workflow.getHandle(`unit:${serial}`).describe()).runId).not.toBe(firstRun);

    // Act
    const retry = await env.client.workflow.getHandle(`unit:${serial}`).executeUpdate(unitActionUpdate, { args: [early] }).catch((e: unknown) => e);
    const fresh = await env.client.workflow.getHandle(`unit:${serial}`).executeUpdate(unitActionUpdate, { args: [{ ...early, idempotencyKey: 'weld-now' }] });

    // Assert
    expect(refused).toMatchObject({ cause: { details: [{ code: 'STEP_MISSED', missed: ['cut'], allowed: [{ type: 'start', step: 'cut' }] }] } });
    expect(retry).toMatchObject({ cause: { details: [{ code: 'STEP_MISSED', missed: ['cut'], allowed: [{ type: 'start', step: 'cut' }], replayed: true }] } });
    expect(fresh.events.map((e) => e.type)).toEqual(['started']);
    expect(await eventTypes(serial)).toEqual(['released', 'started', 'completed', 'started']);
  });
});
