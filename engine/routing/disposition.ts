/**
 * Quality's decisions on a unit, outside its routing: hold it, release the hold, scrap it.
 * Pure, like the routing machine; the unit workflow applies them on a Workflow Update.
 */
import type { EventDraft, Transition, UnitState } from './machine';

export type DispositionType = 'hold' | 'release' | 'scrap';

export interface Disposition {
  type: DispositionType;
  reason: string;
}

export type DispositionRejectionCode = 'UNIT_FINISHED' | 'UNIT_SCRAPPED' | 'UNIT_HELD' | 'UNIT_NOT_HELD';

export interface DispositionRejection {
  code: DispositionRejectionCode;
  message: string;
}

/** Why `d` cannot be applied now; undefined when it can. */
export function dispositionRejection(state: UnitState, d: Disposition): DispositionRejection | undefined {
  if (state.status === 'finished') return { code: 'UNIT_FINISHED', message: 'the unit has finished its routing' };
  if (state.status === 'scrapped') return { code: 'UNIT_SCRAPPED', message: 'the unit is already scrapped' };
  if (d.type === 'hold' && state.status === 'held') return { code: 'UNIT_HELD', message: `the unit is already on hold: ${state.holdReason ?? ''}` };
  if (d.type === 'release' && state.status !== 'held') return { code: 'UNIT_NOT_HELD', message: 'the unit is not on hold' };
  return undefined;
}

export function applyDisposition(state: UnitState, d: Disposition): Transition {
  const why = dispositionRejection(state, d);
  if (why) throw new Error(why.message);
  const step = state.step;
  const event = (type: EventDraft['type']): EventDraft => ({ type, step, detail: d.reason });
  const loops = state.loops ? { loops: state.loops } : {};
  switch (d.type) {
    case 'hold':
      return {
        state: { status: 'held', step, holdReason: d.reason, ...loops, resume: { status: state.status === 'in-progress' ? 'in-progress' : 'waiting', step: step as string } },
        events: [event('held')],
      };
    case 'release': {
      const resume = state.resume ?? { status: 'waiting' as const, step: step as string };
      const remaining = { ...(state.loops ?? {}) };
      if (resume.clearLoop) delete remaining[resume.clearLoop];
      return { state: { status: resume.status, step: resume.step, ...(state.loops ? { loops: remaining } : {}) }, events: [event('resumed')] };
    }
    case 'scrap':
      return { state: { status: 'scrapped', step: null, holdReason: d.reason, ...loops }, events: [event('scrapped')] };
  }
}
