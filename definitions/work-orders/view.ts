/**
 * The work-order read model as stored and shown: what the work-order workflow persists (whole,
 * by number) and the API answers. Types only; engine/work-order builds it.
 */
import type { UnitStatus } from '../units/model';

export type WorkOrderStatus = 'created' | 'released' | 'in-progress' | 'completed';

/** A unit's status as the work order sees it: 'planned' until released; 'release-failed' when its serial was taken. */
export type WorkOrderUnitStatus = UnitStatus | 'planned' | 'release-failed';

export type BehindRule = 'due-date' | 'projected-rate';

export interface Schedule {
  behind: boolean;
  /** Workflow time at which it was found behind. */
  detectedAt: string | null;
  rule: BehindRule | null;
  /** At the projected rate, when the last unit would be done (null until something is done). */
  projectedFinishAt: string | null;
}

export interface WorkOrderCounts {
  quantity: number;
  /** Units started as unit workflows. */
  released: number;
  /** Not released yet. */
  remaining: number;
  completed: number;
  scrapped: number;
  /** On hold (part of wip). */
  held: number;
  /** Released and neither finished nor scrapped (held included). */
  wip: number;
  releaseFailed: number;
}

export interface StepCounts {
  step: string;
  waiting: number;
  inProgress: number;
  held: number;
  /** Units that completed the step at least once. */
  completed: number;
  /** Units scrapped at the step. */
  scrapped: number;
}

export type ErpMessageKind = 'progress' | 'behind-schedule' | 'completion';

/** What became of a message: delivered (HTTP status), not sent (no endpoint), or given up. */
export interface ErpDelivery {
  outcome: 'sent' | 'not-sent' | 'failed';
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  detail?: string;
}

export interface ErpLogEntry extends ErpDelivery {
  kind: ErpMessageKind;
  idempotencyKey: string;
  at: string;
}

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
