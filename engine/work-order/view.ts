/**
 * A work order as it is queried and stored (read model): its production request, what its units
 * did, and what it told the ERP. Built from the workflow's state by one pure function.
 */
import type { Routing } from '../../definitions/routing/schema';
import type { ErpLogEntry, WorkOrderHeader, WorkOrderView } from '../../definitions/work-orders/view';
import { countsOf, statusOf, stepTable, type WorkOrderState } from './state';

export type { WorkOrderHeader, WorkOrderView };

export function workOrderView(
  h: WorkOrderHeader,
  routing: Pick<Routing, 'steps'>,
  state: WorkOrderState,
  erp: { progressSent: number; messages: ErpLogEntry[] },
  revision: number,
): WorkOrderView {
  return {
    number: h.number,
    site: h.site,
    line: h.line,
    productModel: h.productModel,
    routing: { key: h.routingKey, version: h.routingVersion },
    quantity: h.quantity,
    dueAt: h.dueAt,
    priority: h.priority,
    status: statusOf(state),
    counts: countsOf(state),
    steps: stepTable(state, routing),
    schedule: { ...state.schedule },
    createdAt: h.createdAt,
    createdBy: h.createdBy,
    releasedAt: state.releasedAt,
    completedAt: state.completedAt,
    erp: { progressSent: erp.progressSent, messages: [...erp.messages] },
    units: state.units.map((u) => ({ serial: u.serial, status: u.status, step: u.step, ...(u.detail ? { detail: u.detail } : {}) })),
    revision,
  };
}
