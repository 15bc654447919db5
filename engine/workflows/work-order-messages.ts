/**
 * What the API and the units say to a work order's workflow: its input, carry, signal, Updates
 * and Query. Exported next to the workflow (re-exported by work-order.ts), imported by the API.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Routing } from '../../definitions/routing/schema';
import type { ComponentScan, RunKind, UnitStatus } from '../../definitions/units/model';
import type { ErpLogEntry } from '../work-order/messages';
import type { WorkOrderState } from '../work-order/state';
import type { WorkOrderHeader, WorkOrderView } from '../work-order/view';

/** What a unit of a work order tells it after each persisted change of status or step. */
export interface UnitProgress {
  serial: string;
  kind: RunKind;
  status: UnitStatus;
  step: string | null;
  /** The unit's last recorded seq: a work order ignores progress older than what it has. */
  lastSeq: number;
  /** Lots: the good quantity now. */
  quantity?: number;
  /** Once finished or scrapped: every component the unit consumed (part, supplier lot, quantity). */
  consumption?: ComponentScan[];
}

export const unitProgressSignal = defineSignal<[UnitProgress]>('unitProgress');

export interface WorkOrderWorkflowInput extends WorkOrderHeader {
  routing: Routing;
  /** Every serial of the order (given or generated at creation), in release order. */
  serials: string[];
  /** Seconds of workflow time between two progress messages to the ERP (default 60). */
  progressIntervalSeconds?: number;
  /** Continue as new once the history has this many events (default 10,000), or when Temporal suggests it. */
  historyLimit?: number;
  /** State carried over by continue-as-new. */
  carried?: WorkOrderCarry;
}

export interface Outbox {
  progressSent: number;
  lastProgressAt: string | null;
  /** Something changed since the last progress message. */
  progressDirty: boolean;
  behindPending: boolean;
  completionSent: boolean;
  messages: ErpLogEntry[];
}

export interface WorkOrderCarry {
  state: WorkOrderState;
  outbox: Outbox;
  revision: number;
  persistedRevision: number;
}

export interface WorkOrderRelease {
  /** How many more units to release; all that remain when absent. */
  count?: number;
}

/** Failure type of a refused release; details[0] is {code, message, remaining}. */
export const WORK_ORDER_REJECTED = 'WorkOrderRejected';

export const workOrderViewQuery = defineQuery<WorkOrderView>('workOrderView');
/** Resolves once the read model holds the work order (the API answers creation with it). */
export const workOrderCreatedUpdate = defineUpdate<WorkOrderView>('workOrderCreated');
export const workOrderReleaseUpdate = defineUpdate<WorkOrderView, [WorkOrderRelease]>('workOrderRelease');
