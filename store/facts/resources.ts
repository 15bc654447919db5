/**
 * Facts about what production runs on: equipment, material and work orders.
 */
import type { FactProvider } from './types';
import { MINUTE_MS } from './types';
import { windowRange } from './window';

/**
 * Minutes the equipment was down: the equipment-failure exceptions reported about it (their
 * `reference` is the equipment id), each down from its opening until it was resolved. With a
 * window, the downtime inside the window; without one, the length of the current stop (0 when
 * none is open). Counted at `now`, so a backtest sees the stops as they were then.
 */
const equipmentDownMinutes: FactProvider = async (params, env) => {
  if (params.equipment === undefined) return 0;
  const range = windowRange(params.window, env.now, env.timeZone, env.shifts);
  const since = range?.from ?? env.now;
  const stops = await env.incidents.spans({ site: env.site, type: 'equipment-failure', reference: params.equipment, since });
  const now = env.now.getTime();
  let minutes = 0;
  for (const stop of stops) {
    const start = Date.parse(stop.openedAt);
    const end = stop.resolvedAt === null ? now : Math.min(now, Date.parse(stop.resolvedAt));
    if (start > now) continue;
    if (range === undefined) {
      if (stop.resolvedAt === null || Date.parse(stop.resolvedAt) > now) minutes = Math.max(minutes, (now - start) / MINUTE_MS);
    } else {
      minutes += Math.max(0, end - Math.max(start, since.getTime())) / MINUTE_MS;
    }
  }
  return minutes;
};

/**
 * Whether material is short: a material-shortage exception (raised by people or the WMS) open
 * at `now` about the part (its `reference`: the part number, or the work order it holds up) and
 * on the line, as the params name them.
 */
const materialShortage: FactProvider = async (params, env) => {
  const reference = params.partNumber ?? params.workOrder;
  const shortages = await env.incidents.spans({ site: env.site, type: 'material-shortage', ...(reference !== undefined ? { reference } : {}), ...(params.line !== undefined ? { line: params.line } : {}), since: env.now });
  const now = env.now.getTime();
  return shortages.some((s) => Date.parse(s.openedAt) <= now && (s.resolvedAt === null || Date.parse(s.resolvedAt) > now));
};

/**
 * Minutes the work order is behind its plan (negative when ahead), from the work-order read
 * model: the projected finish (or the completion) against the due date; with neither, how long
 * past due it is (0 before the due date). An unknown work order is not behind: 0.
 */
const orderBehindSchedule: FactProvider = async (params, env) => {
  if (params.workOrder === undefined) return 0;
  const order = await env.workOrders.get(params.workOrder);
  if (!order) return 0;
  const due = Date.parse(order.dueAt);
  if (!Number.isFinite(due)) return 0;
  const finish = order.completedAt ?? order.schedule.projectedFinishAt;
  if (finish !== null) return (Date.parse(finish) - due) / MINUTE_MS;
  return Math.max(0, (env.now.getTime() - due) / MINUTE_MS);
};

export const RESOURCE_FACTS: Record<string, FactProvider> = { equipmentDownMinutes, materialShortage, orderBehindSchedule };
