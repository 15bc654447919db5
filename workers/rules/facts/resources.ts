/**
 * Facts about what production runs on: equipment, material and work orders.
 */
import type { FactProvider } from './types';
import { MINUTE_MS } from './types';

/**
 * Minutes the equipment was down. Fed by equipment status reports (`equipment.down` / up from
 * the machines, or equipment-failure exceptions raised by people); no read model records them
 * yet, so the equipment counts as running and the value is 0.
 */
const equipmentDownMinutes: FactProvider = () => Promise.resolve(0);

/**
 * Whether material on hand falls short of what the open work orders need. Fed by the WMS's
 * stock levels (or material-shortage exceptions raised by people or the WMS); no read model
 * records them yet, so the value is false.
 */
const materialShortage: FactProvider = () => Promise.resolve(false);

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
