/**
 * Durable deadlines of a unit's run: a step in progress longer than its maxMinutes (overdue), and
 * the queue-time limits between completing one step and starting another. Pure: the workflow
 * keeps them, sleeps until the earliest one, and asks which have fallen due.
 */
import { findStep } from '../../definitions/routing/graph';
import type { Routing } from '../../definitions/routing/schema';
import type { EventDraft, StepAction, UnitState } from './machine';

export interface Deadline {
  /** overdue:<step> or queue:<from>-><to>: one deadline per key, a newer one replaces it. */
  key: string;
  /** Epoch milliseconds (workflow time). */
  at: number;
  kind: 'overdue' | 'queue';
  step: string;
  to?: string;
  minutes: number;
  onViolation: 'alert' | 'hold';
}

const MINUTE = 60_000;

/** The deadlines after an accepted action at time `now`: set, replaced or cleared. */
export function deadlinesAfter(routing: Routing, deadlines: Deadline[], action: Pick<StepAction, 'type' | 'step'>, now: number): Deadline[] {
  const kept = deadlines.filter((d) => {
    if (action.type === 'start') return !(d.kind === 'queue' && d.to === action.step);
    return !(d.kind === 'overdue' && d.step === action.step) && !(d.kind === 'queue' && d.step === action.step);
  });
  if (action.type === 'start') {
    const step = findStep(routing, action.step);
    if (step?.maxMinutes !== undefined) {
      kept.push({ key: `overdue:${step.id}`, at: now + step.maxMinutes * MINUTE, kind: 'overdue', step: step.id, minutes: step.maxMinutes, onViolation: step.onOverdue ?? 'alert' });
    }
    return kept;
  }
  for (const limit of routing.queueTimeLimits ?? []) {
    if (limit.from !== action.step) continue;
    kept.push({ key: `queue:${limit.from}->${limit.to}`, at: now + limit.maxMinutes * MINUTE, kind: 'queue', step: limit.from, to: limit.to, minutes: limit.maxMinutes, onViolation: limit.onViolation });
  }
  return kept;
}

/** Whether a deadline still concerns the unit in `state` (a finished or scrapped unit has none). */
function applies(d: Deadline, state: UnitState): boolean {
  if (state.status === 'finished' || state.status === 'scrapped') return false;
  if (d.kind === 'overdue') {
    // Held in the middle of the step: the clock keeps running (it fires, but holds nothing more).
    const at = state.status === 'held' ? state.resume : state;
    if (!at) return false;
    const branches = state.status === 'held' ? state.resume?.branches : state.branches;
    return branches ? branches.some((b) => b.step === d.step && b.status === 'in-progress') : at.status === 'in-progress' && at.step === d.step;
  }
  return true;
}

export interface DueDeadlines {
  /** What to record for each deadline that fell due. */
  events: EventDraft[];
  /** Whether one of them holds the unit, and why. */
  hold?: string;
  remaining: Deadline[];
}

/** The deadlines due at `now`: their events, and the ones still ahead (or no longer relevant: dropped). */
export function dueDeadlines(deadlines: Deadline[], state: UnitState, now: number): DueDeadlines {
  const events: EventDraft[] = [];
  let hold: string | undefined;
  const remaining: Deadline[] = [];
  for (const d of deadlines) {
    if (!applies(d, state)) continue;
    if (d.at > now) {
      remaining.push(d);
      continue;
    }
    const detail = d.kind === 'overdue'
      ? `step ${d.step} has been in progress longer than ${d.minutes} min (工序超时)`
      : `queue time ${d.step} → ${d.to ?? ''} exceeded ${d.minutes} min (Q-time 超时)`;
    events.push({ type: d.kind === 'overdue' ? 'overdue' : 'queue-time-exceeded', step: d.kind === 'overdue' ? d.step : (d.to ?? d.step), detail });
    if (d.onViolation === 'hold' && hold === undefined && state.status !== 'held') hold = detail;
  }
  return { events, ...(hold !== undefined ? { hold } : {}), remaining };
}

export function earliest(deadlines: Deadline[]): number | undefined {
  return deadlines.reduce<number | undefined>((min, d) => (min === undefined || d.at < min ? d.at : min), undefined);
}
