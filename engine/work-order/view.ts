/**
 * A work order as it is queried and stored (read model): its production request, what its units
 * did, and what it told the ERP. Built from the workflow's state by one pure function.
 */
import type { Routing } from '../../definitions/routing/schema';
import type { ErpLogEntry } from './messages';
import {
  countsOf,
  statusOf,
  stepTable,
  type Schedule,
  type StepCounts,
  type WorkOrderCounts,
  type WorkOrderState,
  type WorkOrderStatus,
  type WorkOrderUnitStatus,
} from './state';

/** The production request as the work order keeps it (what the API resolved at creation). */
export interface WorkOrderHeader {
  number: string;
  site: string;
  line: string;
  productModel: string;
  routingKey: string;
  routingVersion: number;
  quantity: number;
  dueAt: string;
  priority: number;
  createdAt: string;
  createdBy: string;
}

export interface WorkOrderView {
  number: string;
  site: string;
  line: string;
  productModel: string;
  routing: { key: string; version: number };
  quantity: number;
  dueAt: string;
  priority: number;
  status: WorkOrderStatus;
  counts: WorkOrderCounts;
  steps: StepCounts[];
  schedule: Schedule;
  createdAt: string;
  createdBy: string;
  releasedAt: string | null;
  completedAt: string | null;
  erp: { progressSent: number; messages: ErpLogEntry[] };
  units: Array<{ serial: string; status: WorkOrderUnitStatus; step: string | null; detail?: string }>;
  /** Grows with every change; the read model keeps the highest. */
  revision: number;
}

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
