/**
 * wo:<number> — a work order from the ERP. (Skeleton: the signal units send it; the workflow
 * itself comes with the work-order change.)
 */
import { defineSignal } from '@temporalio/workflow';
import type { ComponentScan, RunKind, UnitStatus } from '../../definitions/units/model';

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
