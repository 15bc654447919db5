/**
 * Flow facts: units completed (production_events), work in progress and its age (the units read
 * model, as it is now), overdue steps and queue-time violations (the `overdue` and
 * `queue-time-exceeded` events the unit runs record when a deadline passes).
 */
import type { EventFilter } from '..';
import { dimensionsOf, MINUTE_MS, type FactProvider } from './types';
import { windowRange } from './window';

async function distinctSerials(filter: EventFilter, env: Parameters<FactProvider>[1]): Promise<number> {
  const [row] = await env.events.aggregate<{ n: number }>(filter, [{ $group: { _id: '$serial' } }, { $group: { _id: null, n: { $sum: 1 } } }]);
  return row?.n ?? 0;
}

/** With a step: units that completed it; with an operator only: units the operator completed a step of; else units that finished their routing. */
const unitsCompleted: FactProvider = async (params, env) => {
  const range = windowRange(params.window, env.now, env.timeZone, env.shifts) ?? { to: env.now };
  const finishing = params.step === undefined && params.operator === undefined;
  const dims = dimensionsOf(params, env.scope, finishing ? ['productModel', 'line', 'workOrder'] : ['productModel', 'line', 'step', 'operator', 'workOrder']);
  return distinctSerials({ types: [finishing ? 'finished' : 'completed'], ...range, ...dims }, env);
};

const wipCount: FactProvider = async (params, env) => (await env.events.wip(dimensionsOf(params, env.scope, ['productModel', 'line', 'step', 'workOrder']))).count;

const wipAgeMinutes: FactProvider = async (params, env) => {
  const { oldest } = await env.events.wip(dimensionsOf(params, env.scope, ['productModel', 'line', 'step', 'workOrder']));
  return oldest === null ? 0 : Math.max(0, (env.now.getTime() - oldest.getTime()) / MINUTE_MS);
};

/** How far back an overdue step is still looked for. */
export const OVERDUE_LOOKBACK_DAYS = 7;
const CLOSING = ['completed', 'scrapped', 'finished'];

/** Steps an `overdue` event was recorded for and that the unit has not completed (nor left by scrap or finish) since. */
const overdueSteps: FactProvider = async (params, env) => {
  const from = new Date(env.now.getTime() - OVERDUE_LOOKBACK_DAYS * 1440 * MINUTE_MS);
  const overdue = await env.events.find({ types: ['overdue'], from, to: env.now, ...dimensionsOf(params, env.scope, ['productModel', 'line', 'step']) }, ['serial', 'step', 'at']);
  if (overdue.length === 0) return 0;
  const open = new Map<string, { serial: string; step: string | null; at: Date }>();
  for (const o of overdue) open.set(`${o.serial}\u0000${o.step ?? ''}`, o);
  const serials = [...new Set(overdue.map((o) => o.serial))];
  const later = await env.events.find({ types: CLOSING, from, to: env.now, serials }, ['serial', 'step', 'type', 'at']);
  for (const [key, o] of open) {
    const closed = later.some((e) => e.serial === o.serial && e.at >= o.at && (e.type !== 'completed' || e.step === o.step));
    if (closed) open.delete(key);
  }
  return open.size;
};

const queueTimeViolations: FactProvider = async (params, env) => {
  const range = windowRange(params.window, env.now, env.timeZone, env.shifts) ?? { to: env.now };
  return distinctSerials({ types: ['queue-time-exceeded'], ...range, ...dimensionsOf(params, env.scope, ['productModel', 'line', 'step']) }, env);
};

export const FLOW_FACTS: Record<string, FactProvider> = { unitsCompleted, wipCount, wipAgeMinutes, overdueSteps, queueTimeViolations };
