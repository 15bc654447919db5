/**
 * Moving an in-flight unit to another version of its routing, and splitting a lot: pure checks
 * and transitions the unit workflow applies on a Workflow Update.
 */
import { findStep } from '../../definitions/routing/graph';
import type { Routing } from '../../definitions/routing/schema';
import type { EventDraft, Transition, UnitState } from './machine';

export interface MigrationRejection {
  code: 'UNIT_FINISHED' | 'UNIT_SCRAPPED' | 'STEP_UNMAPPED' | 'SAME_VERSION';
  message: string;
  /** JSON pointer into the request naming the offending mapping. */
  pointer?: string;
}

/** The steps a unit is at now (every open branch; while held, where it resumes). */
function positions(state: UnitState): string[] {
  const branches = state.branches ?? state.resume?.branches;
  if (branches) return [...new Set(branches.filter((b) => b.status !== 'done').map((b) => b.step))];
  return state.step === null ? [] : [state.step];
}

export function migrationRejection(state: UnitState, fromVersion: number, to: { routingVersion: number; routing: Routing; stepMapping: Record<string, string> }): MigrationRejection | undefined {
  if (state.status === 'finished') return { code: 'UNIT_FINISHED', message: 'the unit has finished its routing' };
  if (state.status === 'scrapped') return { code: 'UNIT_SCRAPPED', message: 'the unit is scrapped' };
  if (to.routingVersion === fromVersion) return { code: 'SAME_VERSION', message: `the unit already runs version ${fromVersion}` };
  for (const step of positions(state)) {
    const target = to.stepMapping[step] ?? step;
    if (!findStep(to.routing, target)) {
      return {
        code: 'STEP_UNMAPPED',
        pointer: `/stepMapping/${step.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        message: `the unit is at step ${step}; version ${to.routingVersion} has no step ${target}: map it to one of ${to.routing.steps.map((s) => s.id).join(', ')}`,
      };
    }
  }
  return undefined;
}

export function applyMigration(state: UnitState, fromVersion: number, to: { routingVersion: number; stepMapping: Record<string, string>; reason: string }): Transition {
  const map = (step: string): string => to.stepMapping[step] ?? step;
  const mapBranches = (bs: UnitState['branches']): UnitState['branches'] => bs?.map((b) => ({ ...b, step: map(b.step) }));
  const moved = positions(state).map((s) => (map(s) === s ? s : `${s} → ${map(s)}`));
  const next: UnitState = {
    ...state,
    step: state.step === null ? null : map(state.step),
    ...(state.branches ? { branches: mapBranches(state.branches) } : {}),
    ...(state.resume ? { resume: { ...state.resume, step: map(state.resume.step), ...(state.resume.branches ? { branches: mapBranches(state.resume.branches) } : {}) } } : {}),
  };
  delete next.loops;
  const event: EventDraft = { type: 'migrated', step: next.step, detail: `routing version ${fromVersion} → ${to.routingVersion} (${moved.join(', ')}): ${to.reason}` };
  return { state: next, events: [event] };
}

export interface SplitRejection {
  code: 'NOT_A_LOT' | 'QUANTITY_INVALID' | 'UNIT_FINISHED' | 'UNIT_SCRAPPED' | 'LOT_IN_PROGRESS';
  message: string;
}

export function splitRejection(state: UnitState, quantity: number): SplitRejection | undefined {
  if (state.quantity === undefined) return { code: 'NOT_A_LOT', message: 'only a lot can be split' };
  if (state.status === 'finished') return { code: 'UNIT_FINISHED', message: 'the lot has finished its routing' };
  if (state.status === 'scrapped') return { code: 'UNIT_SCRAPPED', message: 'the lot is scrapped' };
  if (state.status === 'in-progress') return { code: 'LOT_IN_PROGRESS', message: 'a lot is split between steps, not during one: complete the step first' };
  if (!(quantity > 0 && quantity < state.quantity)) return { code: 'QUANTITY_INVALID', message: `split off between 1 and ${state.quantity - 1} of the lot's ${state.quantity}` };
  return undefined;
}

/** The parent's transition and the state the new lot starts in. */
export function applySplit(state: UnitState, split: { quantity: number; newLot: string; reason: string }): Transition & { child: UnitState } {
  const left = (state.quantity as number) - split.quantity;
  const { holdReason: _h, resume: _r, ...position } = state;
  const child: UnitState = state.status === 'held' ? { ...state, quantity: split.quantity } : { ...position, quantity: split.quantity };
  return {
    state: { ...state, quantity: left },
    events: [{ type: 'split', step: state.step, quantity: split.quantity, detail: `${split.quantity} split off into lot ${split.newLot}, ${left} left: ${split.reason}` }],
    child,
  };
}
