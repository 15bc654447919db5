/**
 * An incident's escalation on Temporal's time-skipping test server (an hour passes in
 * milliseconds), with an in-process worker, the real store, and a recording notifyLevel (our own
 * activity boundary; the channels behind it are tested with their protocol peers elsewhere).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DeliveryResult } from '../../definitions/incidents/model';
import type { EscalationPolicy } from '../../definitions/policies/schema';
import type { LevelNotification } from '../../engine/activities';
import { incidentMetrics } from '../../engine/incident/metrics';
import {
  incidentAcknowledgeUpdate,
  incidentOccurrenceSignal,
  incidentReopenUpdate,
  incidentResolveUpdate,
  incidentSettledUpdate,
  incidentStartOptions,
  incidentViewQuery,
  type IncidentWorkflowInput,
} from '../../engine/workflows/incident-messages';
import { unitReleasedUpdate, unitViewQuery, unitWorkflow } from '../../engine/workflows/unit';
import type { Store } from '../../store';
import { createActivities } from '../../workers/activities';
import { uniqueName } from '../support/env';
import { startTimeSkippingSuite, type TimeSkippingSuite } from '../support/time-skipping';
import { timedRouting } from '../support/routings';

const MINUTE = 60_000;
const policy = (name: string): EscalationPolicy =>
  JSON.parse(readFileSync(path.join(__dirname, '../../definitions/examples', `${name}.escalation-policy.json`), 'utf8')) as EscalationPolicy;

let suite: TimeSkippingSuite;
let env: TestWorkflowEnvironment;
let store: Store;
let taskQueue: string;
const notified: LevelNotification[] = [];

/** Records each level and answers that every channel sent it. */
async function notifyLevel(n: LevelNotification): Promise<DeliveryResult[]> {
  notified.push(n);
  return n.channels.map((c) => ({ id: `${n.incident}:${n.run}:level-${n.level}:${c.channel}`, channel: c.channel, status: 'sent', attempts: 1, providerReply: 'ok' }));
}

function opening(key: string, policyKey: 'quality-default' | 'maintenance-default', over: Partial<IncidentWorkflowInput> = {}): IncidentWorkflowInput {
  return {
    dedupKey: key,
    type: 'quality-anomaly',
    severity: 'major',
    title: { en: 'AOI defect rate high', zh: 'AOI 不良率过高' },
    site: 'plant-1',
    line: 'SMT1',
    escalationPolicy: policyKey,
    source: { kind: 'manual', by: 'qa-1', exceptionType: 'quality-anomaly' },
    context: { line: 'SMT1' },
    openedAt: new Date().toISOString(),
    policy: { key: policyKey, version: 1, content: policy(policyKey) },
    ...over,
  };
}

async function raise(input: IncidentWorkflowInput, note?: string) {
  const handle = await env.client.workflow.signalWithStart('incidentWorkflow', incidentStartOptions(input, { at: new Date().toISOString(), note, id: note }, taskQueue));
  const settled = await handle.executeUpdate(incidentSettledUpdate, { args: [{ occurrenceId: note }] });
  return { handle, settled };
}

type Handle = Awaited<ReturnType<typeof raise>>['handle'];

/** Minutes after the opening each level of the view was notified at, as [run, level, minute]. */
async function levels(handle: Handle): Promise<Array<[number, number, number]>> {
  const v = await handle.query(incidentViewQuery);
  return v.levels.map((l) => [l.run, l.level, Math.round((Date.parse(l.at) - Date.parse(v.openedAt)) / MINUTE)]);
}

beforeAll(async () => {
  suite = await startTimeSkippingSuite('incidents', (s, e) => ({ ...createActivities({ store: s, temporal: e.client }), notifyLevel }));
  ({ env, store, taskQueue } = suite);
});

afterAll(async () => {
  await suite?.stop();
});

describe('escalation ladder (quality-default: levels at 0, 10, 30, 60 min; acknowledge stops)', () => {
  it('when the incident opens, then level 1 is notified at once and the read model holds it', async () => {
    // Act
    const { handle, settled } = await raise(opening(uniqueName('k'), 'quality-default'));
    await env.sleep(1 * MINUTE);

    // Assert
    expect(await levels(handle)).toEqual([[1, 1, 0]]);
    expect(settled.incident).toMatchObject({ status: 'open', occurrences: { count: 1 }, policy: { key: 'quality-default', version: 1 } });
    const stored = await store.incidents.get(settled.incident.id);
    expect(stored).toMatchObject({ id: settled.incident.id, status: 'open', dedupKey: settled.incident.dedupKey });
    expect(notified.find((n) => n.incident === settled.incident.id)).toMatchObject({ level: 1, run: 1, channels: [{ channel: 'andon' }, { channel: 'webhook', target: 'wecom-quality' }] });
  });

  it('when nobody acknowledges for 11 minutes, then level 2 is notified after 10; an acknowledgement then stops levels 3 and 4', async () => {
    // Arrange
    const { handle } = await raise(opening(uniqueName('k'), 'quality-default'));
    await env.sleep(11 * MINUTE);
    const before = await levels(handle);

    // Act
    const acked = await handle.executeUpdate(incidentAcknowledgeUpdate, { args: [{ by: 'qe-1', note: 'looking' }] });
    await env.sleep(120 * MINUTE);

    // Assert
    expect(before).toEqual([
      [1, 1, 0],
      [1, 2, 10],
    ]);
    expect(await levels(handle)).toEqual(before);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'qe-1', ladder: { phase: 'stopped' } });
    expect(acked.ttaSeconds).toBeGreaterThanOrEqual(11 * 60);
    expect(acked.ttaSeconds).toBeLessThan(12 * 60);
  });

  it('when an acknowledgement is sent twice, then the second is refused with ALREADY_ACKNOWLEDGED', async () => {
    // Arrange
    const { handle } = await raise(opening(uniqueName('k'), 'quality-default'));
    await handle.executeUpdate(incidentAcknowledgeUpdate, { args: [{ by: 'qe-1' }] });

    // Act
    const second = await handle.executeUpdate(incidentAcknowledgeUpdate, { args: [{ by: 'qe-2' }] }).catch((e: unknown) => e as Error & { cause?: { details?: unknown[] } });

    // Assert
    expect((second as { cause?: { details?: unknown[] } }).cause?.details?.[0]).toMatchObject({ code: 'ALREADY_ACKNOWLEDGED' });
  });
});

describe('pause on acknowledge (maintenance-default: 0, +15, +30; pause 30 min)', () => {
  it('when acknowledged at minute 5, then the ladder holds for 30 minutes and level 2 follows 10 minutes after the pause', async () => {
    // Arrange
    const { handle } = await raise(opening(uniqueName('k'), 'maintenance-default', { type: 'equipment-failure' }));
    await env.sleep(5 * MINUTE);

    // Act
    const acked = await handle.executeUpdate(incidentAcknowledgeUpdate, { args: [{ by: 'tech-1' }] });
    await env.sleep(35 * MINUTE);
    const during = await levels(handle);
    await env.sleep(10 * MINUTE);

    // Assert
    expect(acked.ladder.phase).toBe('paused');
    expect(during).toEqual([[1, 1, 0]]);
    expect(await levels(handle)).toEqual([
      [1, 1, 0],
      [1, 2, 45],
    ]);
  });
});

describe('resolve, reopen, occurrences, cooldown', () => {
  it('when acknowledged at 3 and resolved at 10 minutes, then TTA and TTR are recorded; a reopen runs the ladder again as run 2', async () => {
    // Arrange
    const { handle } = await raise(opening(uniqueName('k'), 'quality-default', { cooldownMinutes: 60 }));
    await env.sleep(3 * MINUTE);
    await handle.executeUpdate(incidentAcknowledgeUpdate, { args: [{ by: 'qe-1' }] });
    await env.sleep(7 * MINUTE);

    // Act
    const resolved = await handle.executeUpdate(incidentResolveUpdate, { args: [{ by: 'qe-1', resolution: 'nozzle cleaned', causeCategory: 'machine' }] });
    const reopened = await handle.executeUpdate(incidentReopenUpdate, { args: [{ by: 'qm-1', reason: 'defects again' }] });
    await env.sleep(11 * MINUTE);

    // Assert
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'nozzle cleaned', causeCategory: 'machine' });
    expect(resolved.ttaSeconds).toBeGreaterThanOrEqual(180);
    expect(resolved.ttaSeconds).toBeLessThan(240);
    expect(resolved.ttrSeconds).toBeGreaterThanOrEqual(600);
    expect(resolved.ttrSeconds).toBeLessThan(660);
    expect(reopened).toMatchObject({ status: 'open', ladder: { run: 2 }, reopens: [{ by: 'qm-1', reason: 'defects again' }] });
    expect((await levels(handle)).map(([run, level]) => [run, level])).toEqual([
      [1, 1],
      [2, 1],
      [2, 2],
    ]);
  });

  it('when the same key fires again while the incident runs, then an occurrence is added and no second ladder starts', async () => {
    // Arrange
    const input = opening(uniqueName('k'), 'quality-default');
    const first = await raise(input, 'first');
    await env.sleep(2 * MINUTE);

    // Act
    const again = await raise(input, 'second');
    await env.sleep(1 * MINUTE);

    // Assert
    expect(first.settled.occurrence).toBe('opening');
    expect(again.settled).toMatchObject({ occurrence: 'occurrence', incident: { id: first.settled.incident.id, occurrences: { count: 2 } } });
    expect(await levels(again.handle)).toEqual([[1, 1, 0]]);
  });

  it('when the key fires during the cooldown, then it is suppressed; after the cooldown a firing opens a new incident', async () => {
    // Arrange
    const input = opening(uniqueName('k'), 'quality-default', { cooldownMinutes: 30 });
    const first = await raise(input, 'a');
    await first.handle.executeUpdate(incidentResolveUpdate, { args: [{ by: 'qe-1', resolution: 'false alarm', causeCategory: 'other' }] });

    // Act
    await env.sleep(10 * MINUTE);
    const during = await raise(input, 'b');
    await env.sleep(25 * MINUTE);
    await first.handle.result();
    const after = await raise(input, 'c');

    // Assert
    expect(during.settled).toMatchObject({ occurrence: 'suppressed', incident: { id: first.settled.incident.id, status: 'resolved', occurrences: { count: 1, suppressed: 1 } } });
    expect(after.settled.occurrence).toBe('opening');
    expect(after.settled.incident.id).not.toBe(first.settled.incident.id);
    expect(after.settled.incident.status).toBe('open');
    expect((await store.incidents.get(first.settled.incident.id))?.occurrences.suppressed).toBe(1);
  });

  it('when the signal is sent directly during a run, then the history stays one ladder and the occurrence is counted', async () => {
    // Arrange
    const { handle, settled } = await raise(opening(uniqueName('k'), 'quality-default'));

    // Act
    await handle.signal(incidentOccurrenceSignal, { at: new Date().toISOString(), note: 'again' });
    const v = await handle.query(incidentViewQuery);

    // Assert
    expect(v.id).toBe(settled.incident.id);
    expect(v.occurrences.count).toBe(2);
  });
});

describe('MTTA and MTTR', () => {
  it('when two incidents are acknowledged and resolved, then the metrics over the read model give their means', async () => {
    // Arrange
    const type = uniqueName('metric');
    for (const [ackMin, resolveMin] of [
      [2, 10],
      [4, 20],
    ] as const) {
      const { handle } = await raise(opening(uniqueName('k'), 'quality-default', { type }));
      await env.sleep(ackMin * MINUTE);
      await handle.executeUpdate(incidentAcknowledgeUpdate, { args: [{ by: 'qe-1' }] });
      await env.sleep((resolveMin - ackMin) * MINUTE);
      await handle.executeUpdate(incidentResolveUpdate, { args: [{ by: 'qe-1', resolution: 'done', causeCategory: 'process' }] });
    }

    // Act
    const times = await store.incidents.times({ site: 'plant-1', from: '2000-01-01T00:00:00.000Z', to: '2999-01-01T00:00:00.000Z', limit: 1000 });
    const m = incidentMetrics(times.filter((t) => t.type === type), 'type');

    // Assert
    expect(m.total).toMatchObject({ opened: 2, acknowledged: 2, resolved: 2 });
    expect(m.total.mtta.mean).toBeGreaterThanOrEqual(180);
    expect(m.total.mtta.mean).toBeLessThan(240);
    expect(m.total.mttr.mean).toBeGreaterThanOrEqual(900);
    expect(m.total.mttr.mean).toBeLessThan(960);
  });
});

describe('actions and long runs', () => {
  it('when the rule says hold-unit, then the firing units are held once with the incident as reason and the outcome is recorded', async () => {
    // Arrange
    const serial = uniqueName('SN-I');
    const unit = await env.client.workflow.start(unitWorkflow, {
      taskQueue,
      workflowId: `unit:${serial}`,
      args: [{ serial, site: 'plant-1', line: 'SMT1', routingKey: 'timed', routingVersion: 1, routing: timedRouting({ weldMinutes: 30 }) }],
    });
    await unit.executeUpdate(unitReleasedUpdate);
    const snapshot = { ruleKey: 'aoi', ruleVersion: 1, facts: {}, conditions: [], units: [serial], at: new Date().toISOString() };

    // Act
    const { handle, settled } = await raise(opening(uniqueName('k'), 'quality-default', { source: { kind: 'rule', snapshot }, context: { line: 'SMT1', serial }, actions: [{ type: 'hold-unit' }] }));
    await env.sleep(1 * MINUTE);
    const v = await handle.query(incidentViewQuery);

    // Assert
    expect(await unit.query(unitViewQuery)).toMatchObject({ status: 'held', holdReason: expect.stringContaining(settled.incident.id) });
    expect(v.actions).toEqual([expect.objectContaining({ type: 'hold-unit', target: serial, selected: 1, held: [serial], refused: [] })]);
    expect(v.affectedUnits).toEqual([serial]);
    expect(v.snapshot).toMatchObject({ ruleKey: 'aoi', units: [serial] });
  });

  it('when an occurrence storm outgrows the history limit, then the incident continues as new with its id, count and ladder', async () => {
    // Arrange
    const { handle, settled } = await raise(opening(uniqueName('k'), 'quality-default', { historyLimit: 40 }));

    // Act
    for (let i = 0; i < 30; i++) await handle.signal(incidentOccurrenceSignal, { at: new Date().toISOString(), note: `storm ${i}` });
    await env.sleep(11 * MINUTE);
    const latest = env.client.workflow.getHandle(handle.workflowId);
    const v = await latest.query(incidentViewQuery);
    const description = await latest.describe();

    // Assert
    expect(description.runId).not.toBe(settled.incident.firstRunId);
    expect(v).toMatchObject({ id: settled.incident.id, occurrences: { count: 31 } });
    expect(v.levels.map((l) => l.level)).toEqual([1, 2]);
  });
});
