/**
 * Temporal Schedules of time-based rules against the real dev server: reconcile creates one per
 * rule with `every` triggers, leaves unchanged ones alone, replaces a changed one and deletes the
 * schedule of a rule that lost its `every`.
 */
import { Client, Connection } from '@temporalio/client';
import type { AlertRule } from '../../definitions/rules/schema';
import { compileRule } from '../../definitions/rules/run/evaluate';
import { reconcileRuleSchedules, scheduleId } from '../../workers/rules/schedules';
import { temporalAddress, uniqueName } from '../support/env';

let connection: Connection;
let client: Client;
const taskQueue = uniqueName('rule-schedules');

const rule = (every: string | undefined): AlertRule => ({
  name: 'WIP too high',
  triggers: every === undefined ? [{ event: 'unit.step-completed' }] : [{ every }],
  conditions: { all: [{ fact: 'wipCount', operator: 'greaterThan', value: 100, params: { line: 'SMT1' } }] },
  event: { type: 'flow.wip', severity: 'minor', message: { en: 'WIP {{value}}', zh: '在制品 {{value}}' } },
  escalationPolicy: 'p',
});

async function scheduleOf(key: string): Promise<{ intervals: number[]; memo: unknown } | null> {
  try {
    const d = await client.schedule.getHandle(scheduleId(taskQueue, key)).describe();
    return { intervals: d.spec.intervals?.map((i) => Number(i.every) / 60_000) ?? [], memo: d.memo?.rule };
  } catch {
    return null;
  }
}

beforeAll(async () => {
  connection = await Connection.connect({ address: temporalAddress() });
  client = new Client({ connection });
});

afterAll(async () => {
  for (const key of ['wip', 'yield']) await client.schedule.getHandle(scheduleId(taskQueue, key)).delete().catch(() => undefined);
  await connection?.close();
});

it('when rules gain, change and lose their every triggers, then reconcile creates, replaces and deletes their schedules, and does nothing when nothing changed', async () => {
  // Act 1: two rules every 5 and 15 minutes
  const first = await reconcileRuleSchedules(client, taskQueue, [compileRule('wip', 1, rule('5m')), compileRule('yield', 1, rule('15m'))]);
  // Act 2: the same rules again
  const again = await reconcileRuleSchedules(client, taskQueue, [compileRule('wip', 1, rule('5m')), compileRule('yield', 1, rule('15m'))]);
  // Act 3: wip's version 2 runs every 10 minutes; yield is event-driven now
  const changed = await reconcileRuleSchedules(client, taskQueue, [compileRule('wip', 2, rule('10m')), compileRule('yield', 2, rule(undefined))]);

  // Assert
  expect(first.created.sort()).toEqual([scheduleId(taskQueue, 'wip'), scheduleId(taskQueue, 'yield')]);
  expect(again).toEqual({ created: [], updated: [], deleted: [] });
  expect(changed).toEqual({ created: [], updated: [scheduleId(taskQueue, 'wip')], deleted: [scheduleId(taskQueue, 'yield')] });
  expect(await scheduleOf('wip')).toEqual({ intervals: [10], memo: '2:10' });
  expect(await scheduleOf('yield')).toBeNull();
});
