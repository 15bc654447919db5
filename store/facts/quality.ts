/**
 * Quality facts over the `completed` (and `finished`) events of production_events: defect rate,
 * DPPM, defect count, first-pass and step yield, consecutive failures, operator defect rate.
 * Aggregations use only $match, $group ($sum), $unwind: what the embedded server supports.
 */
import type { EventFilter } from '..';
import { dimensionsOf, percent, type FactEnv, type FactProvider, type ResolvedParams } from './types';
import { windowRange } from './window';

const COMPLETED = ['completed'] as const;

/** The completed events of a condition: its window and dimensions (defect code apart). */
export function completedFilter(params: ResolvedParams, env: FactEnv, dims: Parameters<typeof dimensionsOf>[2] = ['productModel', 'line', 'step', 'operator', 'equipment', 'workOrder']): EventFilter {
  const range = windowRange(params.window, env.now, env.timeZone, env.shifts);
  return { types: COMPLETED, ...(range ?? { to: env.now }), ...dimensionsOf(params, env.scope, dims) };
}

async function distinctSerials(env: FactEnv, filter: EventFilter, extra: Record<string, unknown> = {}): Promise<number> {
  const [row] = await env.events.aggregate<{ n: number }>(filter, [...(Object.keys(extra).length ? [{ $match: extra }] : []), { $group: { _id: '$serial' } }, { $group: { _id: null, n: { $sum: 1 } } }]);
  return row?.n ?? 0;
}

/** Events matching the filter and `extra` ($sum of 1: the embedded server's $sum of a field path is not dependable). */
async function countOf(env: FactEnv, filter: EventFilter, extra: Record<string, unknown>): Promise<number> {
  const [row] = await env.events.aggregate<{ n: number }>(filter, [{ $match: extra }, { $group: { _id: null, n: { $sum: 1 } } }]);
  return row?.n ?? 0;
}

/** Units completed in the window and, of them, units with a defect (of the code, when given). */
export async function defectiveUnits(params: ResolvedParams, env: FactEnv): Promise<{ units: number; defective: number }> {
  const filter = completedFilter(params, env);
  const units = await distinctSerials(env, filter);
  if (units === 0) return { units, defective: 0 };
  const defective = params.defectCode === undefined ? await distinctSerials(env, filter, { defective: 1 }) : await distinctSerials(env, { ...filter, defectCode: params.defectCode });
  return { units, defective };
}

const defectRate: FactProvider = async (params, env) => {
  const { units, defective } = await defectiveUnits(params, env);
  return percent(defective, units);
};

const dppm: FactProvider = async (params, env) => {
  const { units, defective } = await defectiveUnits(params, env);
  return units > 0 ? (1_000_000 * defective) / units : 0;
};

/** Each defect code recorded counts one; a failed result without a code counts one. */
const defectCount: FactProvider = async (params, env) => {
  const filter = { ...completedFilter(params, env), ...(params.defectCode === undefined ? {} : { defectCode: params.defectCode }) };
  const [coded] = await env.events.aggregate<{ n: number }>(filter, [
    { $unwind: '$defectCodes' },
    ...(params.defectCode === undefined ? [] : [{ $match: { defectCodes: params.defectCode } }]),
    { $group: { _id: null, n: { $sum: 1 } } },
  ]);
  if (params.defectCode !== undefined) return coded?.n ?? 0;
  const [uncoded] = await env.events.aggregate<{ n: number }>(filter, [{ $match: { failed: 1, defectCodes: { $size: 0 } } }, { $group: { _id: null, n: { $sum: 1 } } }]);
  return (coded?.n ?? 0) + (uncoded?.n ?? 0);
};

const SERIAL_CHUNK = 500;

/** Of the units that finished in the window, the share that never failed a step (100 when none finished). */
const firstPassYield: FactProvider = async (params, env) => {
  const range = windowRange(params.window, env.now, env.timeZone, env.shifts);
  const finished = await env.events.aggregate<{ _id: string }>({ types: ['finished'], ...(range ?? { to: env.now }), ...dimensionsOf(params, env.scope, ['productModel', 'line']) }, [{ $group: { _id: '$serial' } }]);
  const serials = finished.map((f) => f._id);
  let failed = 0;
  for (let i = 0; i < serials.length; i += SERIAL_CHUNK) {
    failed += await distinctSerials(env, { types: COMPLETED, to: env.now, serials: serials.slice(i, i + SERIAL_CHUNK) }, { failed: 1 });
  }
  return percent(serials.length - failed, serials.length, 100);
};

/** Passed results at the step as a share of its pass and fail results in the window (100 when none). */
const stepYield: FactProvider = async (params, env) => {
  const filter = completedFilter(params, env, ['productModel', 'line', 'step']);
  const [passed, failed] = await Promise.all([countOf(env, filter, { passed: 1 }), countOf(env, filter, { failed: 1 })]);
  return percent(passed, passed + failed, 100);
};

/** How many results to look back at: a longer run of failures reads as this many. */
export const CONSECUTIVE_LOOKBACK = 200;

const consecutiveFailures: FactProvider = async (params, env) => {
  const filter: EventFilter = { types: COMPLETED, to: env.now, ...dimensionsOf(params, env.scope, ['productModel', 'line', 'step', 'equipment']) };
  const latest = await env.events.find(filter, ['result'], { newestFirst: true, limit: CONSECUTIVE_LOOKBACK });
  let run = 0;
  for (const e of latest) {
    if (e.result === 'fail') run += 1;
    else if (e.result === 'pass') break;
  }
  return run;
};

export const QUALITY_FACTS: Record<string, FactProvider> = {
  defectRate,
  dppm,
  defectCount,
  firstPassYield,
  stepYield,
  consecutiveFailures,
  // The same calculation as the defect rate; the catalog makes the operator param required.
  operatorDefectRate: defectRate,
};
