/**
 * The messages a work order sends the ERP (see docs/erp-integration.md for the ISA-95 reading:
 * production request → production response, segment responses, material actuals by lot).
 * Each carries its idempotency key; the receiver de-duplicates by it.
 */
import type { ComponentScan } from '../../definitions/units/model';
import type { ErpDelivery, ErpLogEntry, ErpMessageKind, Schedule, StepCounts, WorkOrderCounts, WorkOrderStatus } from '../../definitions/work-orders/view';

export type { ErpDelivery, ErpLogEntry, ErpMessageKind };

/** The production request the message answers: the work order as the ERP sent it. */
export interface ProductionRequestRef {
  number: string;
  productModel: string;
  routing: { key: string; version: number };
  line: string;
  quantity: number;
  dueAt: string;
}

export interface ErpMessageBody {
  kind: ErpMessageKind;
  idempotencyKey: string;
  /** Workflow time the message was made. */
  at: string;
  productionRequest: ProductionRequestRef;
  status: WorkOrderStatus;
  /** Cumulative counts. */
  counts: WorkOrderCounts;
  /** Per step (process segment). */
  segments: StepCounts[];
  schedule: Schedule;
  /** Completion only: every unit's outcome and what it consumed. */
  units?: Array<{ serial: string; status: 'finished' | 'scrapped' | 'release-failed'; materialConsumed: ComponentScan[] }>;
}

export interface ErpMessage {
  kind: ErpMessageKind;
  idempotencyKey: string;
  body: ErpMessageBody;
}

export const erpKeys = {
  progress: (number: string, k: number): string => `wo:${number}:progress:${k}`,
  behindSchedule: (number: string): string => `wo:${number}:behind-schedule`,
  completion: (number: string): string => `wo:${number}:completion`,
} as const;

export const NO_ERP_ENDPOINT = 'not sent: no ERP endpoint configured';
