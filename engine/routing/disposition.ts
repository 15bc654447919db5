/**
 * Quality's decisions on a unit, outside its routing: hold it, release the hold, scrap it (a lot:
 * all of it, or part of it). Pure, like the routing machine; the unit workflow applies them on a
 * Workflow Update.
 */
import { carried, type EventDraft, type Transition, type UnitState } from './machine';

export type DispositionType = 'hold' | 'release' | 'scrap';

export interface Disposition {
  type: DispositionType;
  reason: string;
  /** Lots, scrap only: how many to scrap; the whole lot when absent. */
  quantity?: number;
}

export type DispositionRejectionCode = 'UNIT_FINISHED' | 'UNIT_SCRAPPED' | 'UNIT_HELD' | 'UNIT_NOT_HELD' | 'QUANTITY_INVALID';

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
  if (d.quantity !== undefined) {
    if (d.type !== 'scrap') return { code: 'QUANTITY_INVALID', message: 'a quantity goes with a scrap only' };
    if (state.quantity === undefined) return { code: 'QUANTITY_INVALID', message: 'only a lot can scrap part of itself' };
    if (!Number.isInteger(d.quantity) || d.quantity < 1) return { code: 'QUANTITY_INVALID', message: `scrap at least 1 of the lot's ${state.quantity}` };
    if (d.quantity > state.quantity) return { code: 'QUANTITY_INVALID', message: `the lot has ${state.quantity}; ${d.quantity} cannot be scrapped` };
  }
  return undefined;
}

/** Holds a unit where it is, remembering how to resume it. */
export function holdState(state: UnitState, reason: string): UnitState {
  const step = state.step as string;
  return {
    status: 'held',
    step,
    holdReason: reason,
    ...carried(state),
    ...(state.branches ? { branches: state.branches } : {}),
    resume: { status: state.status === 'in-progress' ? 'in-progress' : 'waiting', step, ...(state.branches ? { branches: state.branches } : {}) },
  };
}

export function applyDisposition(state: UnitState, d: Disposition): Transition {
  const why = dispositionRejection(state, d);
  if (why) throw new Error(why.message);
  const step = state.step;
  const event = (type: EventDraft['type']): EventDraft => ({ type, step, detail: d.reason });
  switch (d.type) {
    case 'hold':
      return { state: holdState(state, d.reason), events: [event('held')] };
    case 'release': {
      const resume = state.resume ?? { status: 'waiting' as const, step: step as string };
      const remaining = { ...(state.loops ?? {}) };
      if (resume.clearLoop) delete remaining[resume.clearLoop];
      const { loops: _loops, ...kept } = carried(state);
      return {
        state: { status: resume.status, step: resume.step, ...kept, ...(state.loops ? { loops: remaining } : {}), ...(resume.branches ? { branches: resume.branches } : {}) },
        events: [event('resumed')],
      };
    }
    case 'scrap': {
      if (d.quantity !== undefined && state.quantity !== undefined && d.quantity < state.quantity) {
        const left = state.quantity - d.quantity;
        return { state: { ...state, quantity: left }, events: [{ ...event('partially-scrapped'), quantity: d.quantity }] };
      }
      return { state: { status: 'scrapped', step: null, holdReason: d.reason, ...carried(state), ...(state.quantity !== undefined ? { quantity: 0 } : {}) }, events: [event('scrapped')] };
    }
  }
}
