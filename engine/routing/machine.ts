/**
 * The routing state machine of one unit: pure functions from (state, action) to the next state
 * and the events to record. Workflows drive it; it knows nothing of Temporal.
 */
import { entryStepId, findStep, hasTransition, nextStepId } from '../../definitions/routing/graph';
import type { Outcome, Routing } from '../../definitions/routing/schema';
import type { AllowedAction, UnitEventType, UnitStatus } from '../../definitions/units/model';

export type { AllowedAction, UnitStatus } from '../../definitions/units/model';

export interface UnitState {
  status: UnitStatus;
  /** The step the unit is at (waiting for it or in it); null once finished. */
  step: string | null;
  holdReason?: string;
}

export interface StepAction {
  type: 'start' | 'complete';
  step: string;
  station: string;
  operator: string;
  result?: Outcome;
}

export type RejectionCode = 'STEP_NOT_ALLOWED' | 'UNIT_FINISHED' | 'UNIT_HELD' | 'RESULT_REQUIRED';

export interface Rejection {
  code: RejectionCode;
  message: string;
  allowed: AllowedAction[];
}


/** What the machine wants recorded; the workflow adds seq, time and who sent it. */
export interface EventDraft {
  type: UnitEventType;
  step: string | null;
  result?: Outcome;
  detail?: string;
}

export function initialState(routing: Routing): UnitState {
  const entry = entryStepId(routing);
  if (entry === undefined || !findStep(routing, entry)) throw new Error('routing has no entry step');
  return { status: 'waiting', step: entry };
}

export function allowedActions(state: UnitState): AllowedAction[] {
  if (state.step === null) return [];
  if (state.status === 'waiting') return [{ type: 'start', step: state.step }];
  if (state.status === 'in-progress') return [{ type: 'complete', step: state.step }];
  return [];
}

function describe(allowed: AllowedAction[]): string {
  return allowed.length === 0 ? 'nothing' : allowed.map((a) => `${a.type} ${a.step}`).join(' or ');
}

/** Why `action` may not be taken now; undefined when it may. */
export function rejection(state: UnitState, action: StepAction): Rejection | undefined {
  const allowed = allowedActions(state);
  if (state.status === 'finished') {
    return { code: 'UNIT_FINISHED', message: 'the unit has finished its routing', allowed };
  }
  if (state.status === 'held') {
    return { code: 'UNIT_HELD', message: `the unit is on hold: ${state.holdReason ?? 'no reason given'}`, allowed };
  }
  if (!allowed.some((a) => a.type === action.type && a.step === action.step)) {
    return { code: 'STEP_NOT_ALLOWED', message: `${action.type} ${action.step} is not allowed now; allowed: ${describe(allowed)}`, allowed };
  }
  if (action.type === 'complete' && action.result === undefined) {
    return { code: 'RESULT_REQUIRED', message: 'completing a step needs a result (pass or fail)', allowed };
  }
  return undefined;
}

export interface Transition {
  state: UnitState;
  events: EventDraft[];
}

/** Applies an action that `rejection` accepted. */
export function apply(routing: Routing, state: UnitState, action: StepAction): Transition {
  const why = rejection(state, action);
  if (why) throw new Error(why.message);
  if (action.type === 'start') {
    return { state: { status: 'in-progress', step: action.step }, events: [{ type: 'started', step: action.step }] };
  }
  const result = action.result as Outcome;
  const completed: EventDraft = { type: 'completed', step: action.step, result };
  const next = nextStepId(routing, action.step, result);
  if (next !== undefined) {
    return { state: { status: 'waiting', step: next }, events: [completed] };
  }
  if (result === 'fail' && !hasTransition(routing, action.step, 'fail')) {
    const holdReason = `step ${action.step} failed and the routing has no fail path from it`;
    return {
      state: { status: 'held', step: action.step, holdReason },
      events: [completed, { type: 'held', step: action.step, detail: holdReason }],
    };
  }
  return { state: { status: 'finished', step: null }, events: [completed, { type: 'finished', step: null }] };
}
