/**
 * The routing state machine of one unit: pure functions from (state, action) to the next state
 * and the events to record. Workflows drive it; it knows nothing of Temporal.
 */
import { entryStepId, findStep, hasTransition, nextTransition } from '../../definitions/routing/graph';
import type { Outcome, Routing } from '../../definitions/routing/schema';
import type { AllowedAction, UnitEventType, UnitStatus } from '../../definitions/units/model';

export type { AllowedAction, UnitStatus } from '../../definitions/units/model';

export interface UnitState {
  status: UnitStatus;
  /** The step the unit is at (waiting for it or in it); null once finished. */
  step: string | null;
  holdReason?: string;
  /** How often each bounded loop transition ("from->to:on") has been taken. */
  loops?: Record<string, number>;
  /** While held: where a release puts the unit back, and the loop whose count it clears. */
  resume?: { status: 'waiting' | 'in-progress'; step: string; clearLoop?: string };
}

export interface StepAction {
  type: 'start' | 'complete';
  step: string;
  station: string;
  operator: string;
  result?: Outcome;
}

export type RejectionCode = 'STEP_NOT_ALLOWED' | 'STEP_MISSED' | 'UNIT_FINISHED' | 'UNIT_HELD' | 'UNIT_SCRAPPED' | 'RESULT_REQUIRED';

export interface Rejection {
  code: RejectionCode;
  message: string;
  allowed: AllowedAction[];
  /** STEP_MISSED: the steps the unit still has to go through before the one the station asked for (遗漏工序). */
  missed?: string[];
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

/**
 * The steps between `from` and a later step `to` along pass transitions (shortest way, `to`
 * excluded); undefined when `to` does not lie ahead of `from`.
 */
function stepsBetween(routing: Routing, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const t of routing.transitions) {
      if (t.from !== at || t.on !== 'pass' || previous.has(t.to)) continue;
      previous.set(t.to, at);
      if (t.to === to) {
        const path: string[] = [];
        for (let s = at; s !== from; s = previous.get(s) as string) path.unshift(s);
        return [from, ...path];
      }
      queue.push(t.to);
    }
  }
  return undefined;
}

/**
 * Why `action` may not be taken now; undefined when it may. With the routing at hand, a station
 * that starts a step further down the route is told which steps were missed.
 */
export function rejection(state: UnitState, action: StepAction, routing?: Routing): Rejection | undefined {
  const allowed = allowedActions(state);
  if (state.status === 'finished') {
    return { code: 'UNIT_FINISHED', message: 'the unit has finished its routing', allowed };
  }
  if (state.status === 'scrapped') {
    return { code: 'UNIT_SCRAPPED', message: `the unit was scrapped: ${state.holdReason ?? 'no reason given'}`, allowed };
  }
  if (state.status === 'held') {
    return { code: 'UNIT_HELD', message: `the unit is on hold: ${state.holdReason ?? 'no reason given'}`, allowed };
  }
  if (!allowed.some((a) => a.type === action.type && a.step === action.step)) {
    const missed = routing && state.step !== null && action.type === 'start' ? stepsBetween(routing, state.step, action.step) : undefined;
    if (missed) {
      return {
        code: 'STEP_MISSED',
        message: `step ${action.step} comes later: ${missed.join(', ')} ${missed.length === 1 ? 'has' : 'have'} not been done (遗漏工序); allowed: ${describe(allowed)}`,
        allowed,
        missed,
      };
    }
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
    return { state: { status: 'in-progress', step: action.step, ...(state.loops ? { loops: state.loops } : {}) }, events: [{ type: 'started', step: action.step }] };
  }
  const result = action.result as Outcome;
  const completed: EventDraft = { type: 'completed', step: action.step, result };
  const transition = nextTransition(routing, action.step, result);
  const loops = state.loops ?? {};
  if (transition !== undefined && transition.maxLoops !== undefined) {
    const loop = `${transition.from}->${transition.to}:${transition.on}`;
    const taken = (loops[loop] ?? 0) + 1;
    if (taken > transition.maxLoops) {
      const reason = `the loop ${transition.from} → ${transition.to} was taken more than ${transition.maxLoops} times`;
      if (transition.onMaxLoops === 'scrap') {
        return { state: { status: 'scrapped', step: null, holdReason: reason, loops }, events: [completed, { type: 'scrapped', step: action.step, detail: reason }] };
      }
      return {
        state: { status: 'held', step: action.step, holdReason: reason, loops, resume: { status: 'waiting', step: action.step, clearLoop: loop } },
        events: [completed, { type: 'held', step: action.step, detail: reason }],
      };
    }
    return { state: { status: 'waiting', step: transition.to, loops: { ...loops, [loop]: taken } }, events: [completed] };
  }
  if (transition !== undefined) {
    return { state: { status: 'waiting', step: transition.to, ...(state.loops ? { loops: state.loops } : {}) }, events: [completed] };
  }
  if (result === 'fail' && !hasTransition(routing, action.step, 'fail')) {
    const holdReason = `step ${action.step} failed and the routing has no fail path from it`;
    return {
      state: { status: 'held', step: action.step, holdReason, ...(state.loops ? { loops: state.loops } : {}), resume: { status: 'waiting', step: action.step } },
      events: [completed, { type: 'held', step: action.step, detail: holdReason }],
    };
  }
  return { state: { status: 'finished', step: null }, events: [completed, { type: 'finished', step: null }] };
}
