/**
 * What a work order knows about its units, and what follows from it: counts, the table per step
 * (ISA-95: per process segment), its status and whether it is behind schedule. Pure functions
 * over plain data, so the workflow can carry the state through continue-as-new as is.
 */
import type { Routing } from '../../definitions/routing/schema';
import type { ComponentScan, UnitStatus } from '../../definitions/units/model';
import type { BehindRule, Schedule, StepCounts, WorkOrderCounts, WorkOrderStatus, WorkOrderUnitStatus } from '../../definitions/work-orders/view';

export type { BehindRule, Schedule, StepCounts, WorkOrderCounts, WorkOrderStatus, WorkOrderUnitStatus };

export interface WorkOrderUnit {
  serial: string;
  status: WorkOrderUnitStatus;
  step: string | null;
  /** The last seq the unit reported; older progress is ignored. */
  lastSeq: number;
  /** Steps the unit has completed at least once. */
  passed: string[];
  /** Lots: the good quantity. */
  quantity?: number;
  /** Once finished or scrapped: what it consumed. */
  consumption?: ComponentScan[];
  /** Why a release failed. */
  detail?: string;
}

export interface WorkOrderState {
  units: WorkOrderUnit[];
  releasedAt: string | null;
  completedAt: string | null;
  schedule: Schedule;
}

const DONE: ReadonlySet<WorkOrderUnitStatus> = new Set(['finished', 'scrapped', 'release-failed']);

export function initialWorkOrderState(serials: readonly string[]): WorkOrderState {
  return {
    units: serials.map((serial) => ({ serial, status: 'planned', step: null, lastSeq: 0, passed: [] })),
    releasedAt: null,
    completedAt: null,
    schedule: { behind: false, detectedAt: null, rule: null, projectedFinishAt: null },
  };
}

export function countsOf(state: WorkOrderState): WorkOrderCounts {
  const c: WorkOrderCounts = { quantity: state.units.length, released: 0, remaining: 0, completed: 0, scrapped: 0, held: 0, wip: 0, releaseFailed: 0 };
  for (const u of state.units) {
    if (u.status === 'planned') c.remaining++;
    else if (u.status === 'release-failed') c.releaseFailed++;
    else {
      c.released++;
      if (u.status === 'finished') c.completed++;
      else if (u.status === 'scrapped') c.scrapped++;
      else {
        c.wip++;
        if (u.status === 'held') c.held++;
      }
    }
  }
  return c;
}

/** Counts per step, in the routing's step order. */
export function stepTable(state: WorkOrderState, routing: Pick<Routing, 'steps'>): StepCounts[] {
  const rows = new Map(routing.steps.map((s) => [s.id, { step: s.id, waiting: 0, inProgress: 0, held: 0, completed: 0, scrapped: 0 }]));
  const row = (step: string): StepCounts => {
    let r = rows.get(step);
    if (!r) rows.set(step, (r = { step, waiting: 0, inProgress: 0, held: 0, completed: 0, scrapped: 0 }));
    return r;
  };
  for (const u of state.units) {
    for (const p of u.passed) row(p).completed++;
    if (u.step === null) continue;
    if (u.status === 'waiting') row(u.step).waiting++;
    else if (u.status === 'in-progress') row(u.step).inProgress++;
    else if (u.status === 'held') row(u.step).held++;
    else if (u.status === 'scrapped') row(u.step).scrapped++;
  }
  return [...rows.values()];
}

/** Every unit finished, scrapped or refused at release: nothing more will happen. */
export function allDone(state: WorkOrderState): boolean {
  return state.units.every((u) => DONE.has(u.status));
}

export function statusOf(state: WorkOrderState): WorkOrderStatus {
  if (allDone(state)) return 'completed';
  const released = state.units.filter((u) => u.status !== 'planned' && u.status !== 'release-failed');
  if (released.length === 0) return 'created';
  const moved = released.some((u) => u.status !== 'waiting' || u.passed.length > 0);
  return moved ? 'in-progress' : 'released';
}

export interface UnitReport {
  serial: string;
  status: UnitStatus;
  step: string | null;
  lastSeq: number;
  quantity?: number;
  consumption?: ComponentScan[];
}

/**
 * Applies a unit's report; false when it changes nothing (unknown serial, older than known,
 * or a unit that never was released here).
 */
export function applyReport(state: WorkOrderState, index: number | undefined, r: UnitReport): boolean {
  const u = index === undefined ? undefined : state.units[index];
  if (!u || u.serial !== r.serial || u.status === 'release-failed' || r.lastSeq < u.lastSeq) return false;
  if (r.lastSeq === u.lastSeq && r.status === u.status && r.step === u.step && r.consumption === undefined && r.quantity === u.quantity) return false;
  // The unit left its step (on to another, or finished): that step was completed.
  if (u.step !== null && (r.step !== u.step || r.status === 'finished') && u.status !== 'planned' && r.status !== 'scrapped' && !u.passed.includes(u.step)) {
    u.passed.push(u.step);
  }
  u.status = r.status;
  // A scrapped unit may report no step: it keeps the step it was scrapped at.
  u.step = r.status === 'scrapped' && r.step === null ? u.step : r.step;
  u.lastSeq = r.lastSeq;
  if (r.quantity !== undefined) u.quantity = r.quantity;
  if (r.consumption !== undefined) u.consumption = r.consumption;
  return true;
}

/**
 * Behind schedule, the rule (documented in docs/erp-integration.md):
 *  - due-date: at the due time, not every unit is finished or scrapped;
 *  - projected-rate: once at least a tenth of the units (and at least one) are done, the pace
 *    since the first release projects the last unit after the due time.
 * Once behind, a work order stays behind.
 */
export function checkSchedule(state: WorkOrderState, dueAt: string, now: string): boolean {
  const s = state.schedule;
  const due = Date.parse(dueAt);
  const t = Date.parse(now);
  const done = state.units.filter((u) => DONE.has(u.status)).length;
  const total = state.units.length;
  if (state.releasedAt !== null && done > 0 && done < total) {
    const start = Date.parse(state.releasedAt);
    s.projectedFinishAt = new Date(start + ((t - start) * total) / done).toISOString();
  }
  if (s.behind || done === total) return false;
  if (t >= due) {
    Object.assign(s, { behind: true, detectedAt: now, rule: 'due-date' });
    return true;
  }
  if (s.projectedFinishAt !== null && done >= Math.max(1, Math.ceil(total / 10)) && Date.parse(s.projectedFinishAt) > due) {
    Object.assign(s, { behind: true, detectedAt: now, rule: 'projected-rate' });
    return true;
  }
  return false;
}
