/**
 * The routing state machine of one unit (or lot): pure functions from (state, action) to the
 * next state and the events to record. Workflows drive it; it knows nothing of Temporal.
 * After a split step the unit runs its branches in parallel until they meet at the join step.
 */
import { entryStepId, findStep, hasTransition, nextTransition } from '../../definitions/routing/graph';
import type { Outcome, Routing, RoutingTransition } from '../../definitions/routing/schema';
import type { AllowedAction, ComponentScan, MeasurementReading, UnitEventType, UnitStatus } from '../../definitions/units/model';
import { branchAllowed, branchSummary, moveBranch, restartBranch, splitBranch, splitInto, type Branch } from './branches';
import { dataRejection, judge, type DataRejectionCode, type StepData } from './step-data';

export type { AllowedAction, UnitStatus } from '../../definitions/units/model';
export type { Branch } from './branches';

export interface UnitState {
  status: UnitStatus;
  /** The step the unit is at (waiting for it or in it; with branches, the first open one); null once finished. */
  step: string | null;
  holdReason?: string;
  /** How often each bounded loop transition ("from->to:on") has been taken. */
  loops?: Record<string, number>;
  /** While held: where a release puts the unit back, and the loop whose count it clears. */
  resume?: { status: 'waiting' | 'in-progress'; step: string; clearLoop?: string; branches?: Branch[] };
  /** Between a split and its join: where each parallel branch is. */
  branches?: Branch[];
  /** Lots: the good quantity. */
  quantity?: number;
}

export interface StepAction extends StepData {
  type: 'start' | 'complete';
  step: string;
  station: string;
  operator: string;
  result?: Outcome;
  /** Lots: how many of the lot this step scrapped (the rest goes on). */
  scrapQuantity?: number;
}

/** What the machine knows of the run besides its state. */
export interface RunContext {
  productModel?: string;
}

export type RejectionCode = 'STEP_NOT_ALLOWED' | 'STEP_MISSED' | 'UNIT_FINISHED' | 'UNIT_HELD' | 'UNIT_SCRAPPED' | 'RESULT_REQUIRED' | 'QUANTITY_INVALID' | DataRejectionCode;

export interface Rejection {
  code: RejectionCode;
  message: string;
  allowed: AllowedAction[];
  /** STEP_MISSED: the steps the unit still has to go through before the one the station asked for (遗漏工序). */
  missed?: string[];
  /** A JSON pointer into the action that names the offending value. */
  pointer?: string;
}

/** What the machine wants recorded; the workflow adds seq, time and who sent it. */
export interface EventDraft {
  type: UnitEventType;
  step: string | null;
  result?: Outcome;
  detail?: string;
  measurements?: MeasurementReading[];
  components?: ComponentScan[];
  defectCodes?: string[];
  quantity?: number;
  equipment?: string;
}

export interface Transition {
  state: UnitState;
  events: EventDraft[];
}

export function initialState(routing: Routing, quantity?: number): UnitState {
  const entry = entryStepId(routing);
  if (entry === undefined || !findStep(routing, entry)) throw new Error('routing has no entry step');
  return { status: 'waiting', step: entry, ...(quantity !== undefined ? { quantity } : {}) };
}

/** What a state carries from one step to the next: loop counts and a lot's quantity. */
export function carried(state: UnitState): Pick<UnitState, 'loops' | 'quantity'> {
  return { ...(state.loops ? { loops: state.loops } : {}), ...(state.quantity !== undefined ? { quantity: state.quantity } : {}) };
}

export function allowedActions(state: UnitState, routing?: Routing): AllowedAction[] {
  const group = (step: string): Partial<AllowedAction> => {
    const g = routing ? findStep(routing, step)?.stationGroup : undefined;
    return g === undefined ? {} : { stationGroup: g };
  };
  if (state.status !== 'waiting' && state.status !== 'in-progress') return [];
  if (state.branches) return branchAllowed(state.branches).map((a) => ({ ...a, ...group(a.step) }));
  if (state.step === null) return [];
  return [{ type: state.status === 'waiting' ? 'start' : 'complete', step: state.step, ...group(state.step) }];
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
 * that starts a step further down the route is told which steps were missed, and the data sent
 * with a completion is checked against the step.
 */
export function rejection(state: UnitState, action: StepAction, routing?: Routing, context: RunContext = {}): Rejection | undefined {
  const allowed = allowedActions(state, routing);
  if (state.status === 'finished') return { code: 'UNIT_FINISHED', message: 'the unit has finished its routing', allowed };
  if (state.status === 'scrapped') return { code: 'UNIT_SCRAPPED', message: `the unit was scrapped: ${state.holdReason ?? 'no reason given'}`, allowed };
  if (state.status === 'held') return { code: 'UNIT_HELD', message: `the unit is on hold: ${state.holdReason ?? 'no reason given'}`, allowed };
  if (!allowed.some((a) => a.type === action.type && a.step === action.step)) {
    const from = state.branches ? undefined : state.step;
    const missed = routing && from != null && action.type === 'start' ? stepsBetween(routing, from, action.step) : undefined;
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
  if (action.type === 'start') return undefined;
  if (action.result === undefined) return { code: 'RESULT_REQUIRED', message: 'completing a step needs a result (pass or fail)', allowed };
  if (action.scrapQuantity !== undefined && action.scrapQuantity > 0) {
    if (state.quantity === undefined) return { code: 'QUANTITY_INVALID', message: 'only a lot can scrap part of itself', allowed, pointer: '/scrapQuantity' };
    if (action.scrapQuantity > state.quantity) {
      return { code: 'QUANTITY_INVALID', message: `the lot has ${state.quantity}; ${action.scrapQuantity} cannot be scrapped`, allowed, pointer: '/scrapQuantity' };
    }
  }
  const step = routing ? findStep(routing, action.step) : undefined;
  const bad = step ? dataRejection(step, action.result, action, context.productModel) : undefined;
  return bad ? { ...bad, allowed } : undefined;
}

/** The fail transition for the defect codes: the first code with a transition of its own wins. */
function failTransition(routing: Routing, from: string, codes: string[]): RoutingTransition | undefined {
  const specific = codes.find((c) => routing.transitions.some((t) => t.from === from && t.on === 'fail' && t.defectCodes?.includes(c)));
  return nextTransition(routing, from, 'fail', specific ?? codes[0]);
}

/** Where the unit goes when its position at `from` moves to `to` (undefined: the routing ends there). */
function moveTo(routing: Routing, state: UnitState, from: string, to: string | undefined): UnitState {
  const lotQuantity = state.quantity !== undefined ? { quantity: state.quantity } : {};
  if (state.branches) {
    const summary = branchSummary(moveBranch(routing, state.branches, from, to));
    return summary.status === 'finished' ? { ...summary, ...lotQuantity } : { ...summary, ...carried(state) };
  }
  if (to !== undefined) return { status: 'waiting', step: to, ...carried(state) };
  return { status: 'finished', step: null, ...lotQuantity };
}

/** Held after `step` failed (or looped too often): a release puts the unit back to waiting for it. */
function held(state: UnitState, step: string, reason: string, clearLoop?: string): UnitState {
  const branches = state.branches ? restartBranch(state.branches, step) : undefined;
  return {
    status: 'held',
    step,
    holdReason: reason,
    ...carried(state),
    resume: { status: 'waiting', step, ...(clearLoop ? { clearLoop } : {}), ...(branches ? { branches } : {}) },
    ...(branches ? { branches } : {}),
  };
}

/** Applies an action that `rejection` accepted. */
export function apply(routing: Routing, state: UnitState, action: StepAction, context: RunContext = {}): Transition {
  const why = rejection(state, action, routing, context);
  if (why) throw new Error(why.message);
  const extra = action.equipment !== undefined ? { equipment: action.equipment } : {};
  if (action.type === 'start') {
    const started: EventDraft = { type: 'started', step: action.step, ...extra };
    if (state.branches) {
      const branches = state.branches.map((b) => (b.step === action.step && b.status === 'waiting' ? { ...b, status: 'in-progress' as const } : b));
      return { state: { ...branchSummary(branches), ...carried(state) }, events: [started] };
    }
    return { state: { status: 'in-progress', step: action.step, ...carried(state) }, events: [started] };
  }
  const stepDef = findStep(routing, action.step);
  const judged = stepDef ? judge(stepDef, action.result as Outcome, action, context.productModel) : { result: action.result as Outcome, readings: [], outOfSpec: [], consumption: [] };
  const result = judged.result;
  const codes = action.defectCodes ?? [];
  const completed: EventDraft = {
    type: 'completed',
    step: action.step,
    result,
    ...extra,
    ...(judged.readings.length > 0 ? { measurements: judged.readings } : {}),
    ...(judged.consumption.length > 0 ? { components: judged.consumption } : {}),
    ...(codes.length > 0 ? { defectCodes: codes } : {}),
    ...(judged.outOfSpec.length > 0 ? { detail: `outside the limits (超出规格): ${judged.outOfSpec.join(', ')}` } : {}),
  };
  const events: EventDraft[] = [completed];
  let base = state;
  const scrap = action.scrapQuantity ?? 0;
  if (scrap > 0 && state.quantity !== undefined) {
    const left = state.quantity - scrap;
    events.push({ type: 'partially-scrapped', step: action.step, quantity: scrap, detail: `${scrap} scrapped at ${action.step}, ${left} left` });
    if (left === 0) {
      const reason = `the whole lot was scrapped at ${action.step}`;
      return { state: { status: 'scrapped', step: null, holdReason: reason, ...carried(state), quantity: 0 }, events: [...events, { type: 'scrapped', step: action.step, detail: reason }] };
    }
    base = { ...state, quantity: left };
  }
  const transition = result === 'pass' ? nextTransition(routing, action.step, 'pass') : failTransition(routing, action.step, codes);
  if (result === 'pass' && stepDef?.split) {
    const targets = routing.transitions.filter((t) => t.from === action.step && t.on === 'pass').map((t) => t.to);
    if (targets.length > 1) {
      const branches = base.branches ? splitBranch(routing, base.branches, action.step, targets) : splitInto(routing, targets);
      return { state: { ...branchSummary(branches), ...carried(base) }, events };
    }
  }
  if (transition !== undefined && transition.maxLoops !== undefined) {
    const loop = `${transition.from}->${transition.to}:${transition.on}`;
    const loops = base.loops ?? {};
    const taken = (loops[loop] ?? 0) + 1;
    if (taken > transition.maxLoops) {
      const reason = `the loop ${transition.from} → ${transition.to} was taken more than ${transition.maxLoops} times`;
      if (transition.onMaxLoops === 'scrap') {
        const noneLeft = base.quantity !== undefined ? { quantity: 0 } : {};
        return { state: { status: 'scrapped', step: null, holdReason: reason, ...carried(base), ...noneLeft }, events: [...events, { type: 'scrapped', step: action.step, detail: reason }] };
      }
      return { state: held(base, action.step, reason, loop), events: [...events, { type: 'held', step: action.step, detail: reason }] };
    }
    return { state: moveTo(routing, { ...base, loops: { ...loops, [loop]: taken } }, action.step, transition.to), events };
  }
  if (transition !== undefined) return { state: moveTo(routing, base, action.step, transition.to), events };
  if (result === 'fail' && !hasTransition(routing, action.step, 'fail')) {
    const reason = `step ${action.step} failed and the routing has no fail path from it`;
    return { state: held(base, action.step, reason), events: [...events, { type: 'held', step: action.step, detail: reason }] };
  }
  const next = moveTo(routing, base, action.step, undefined);
  return { state: next, events: next.status === 'finished' ? [...events, { type: 'finished', step: null }] : events };
}
