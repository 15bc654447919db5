/**
 * The routing state machine of one unit, without Temporal: which action a station may take
 * next, why any other is refused, and where a unit goes after each action.
 */
import type { Routing } from '../../../definitions/routing/schema';
import {
  allowedActions,
  apply,
  initialState,
  rejection,
  type AllowedAction,
  type EventDraft,
  type StepAction,
  type UnitState,
} from '../../../engine/routing/machine';
import { applyDisposition, dispositionRejection } from '../../../engine/routing/disposition';
import { complete, exampleRouting, start, SMT_MODEL, SMT_ROUTE_WITH_REPAIR } from '../../support/fixtures';

const smt: Routing = exampleRouting();
/** SMT units in these tests are MB-A100 boards. */
const CTX = { productModel: SMT_MODEL };

/** Two steps, "assemble" then "test"; neither has a fail transition. */
function tinyRouting(): Routing {
  return {
    name: 'Tiny',
    steps: [
      { id: 'assemble', name: 'Assemble', kind: 'operation', stationGroup: 'bench' },
      { id: 'test', name: 'Function test', kind: 'test', stationGroup: 'tester' },
    ],
    transitions: [{ from: 'assemble', to: 'test', on: 'pass' }],
  };
}

const waiting = (step: string): UnitState => ({ status: 'waiting', step });
const inProgress = (step: string): UnitState => ({ status: 'in-progress', step });
const FINISHED: UnitState = { status: 'finished', step: null };
const HELD: UnitState = { status: 'held', step: 'print', holdReason: 'step print failed and the routing has no fail path from it' };

function withoutResult(action: StepAction): StepAction {
  const { result: _result, ...rest } = action;
  return rest;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Runs `actions` from the initial state, returning the final state and every event drafted. */
function run(routing: Routing, actions: StepAction[]): { state: UnitState; events: EventDraft[] } {
  let state = initialState(routing);
  const events: EventDraft[] = [];
  for (const action of actions) {
    const next = apply(routing, state, action, CTX);
    state = next.state;
    events.push(...next.events);
  }
  return { state, events };
}

/** Start and complete each [step, result] in turn. */
function walk(route: Array<[string, 'pass' | 'fail']>): StepAction[] {
  return route.flatMap(([step, result]) => [start(step), complete(step, result)]);
}

describe('initialState', () => {
  it('when a unit is released onto the SMT routing, then it waits at the entry step', () => {
    // Act
    const state = initialState(smt);

    // Assert
    expect(state).toEqual({ status: 'waiting', step: 'print' });
  });

  it('when the routing names no entry, then the unit waits at the first listed step', () => {
    // Arrange
    const routing = tinyRouting();

    // Act
    const state = initialState(routing);

    // Assert
    expect(state).toEqual({ status: 'waiting', step: 'assemble' });
  });

  it('when the entry names a step the routing does not have, then the unit cannot be started on it', () => {
    // Arrange
    const routing: Routing = { ...tinyRouting(), entry: 'xray' };

    // Act
    const act = (): UnitState => initialState(routing);

    // Assert
    expect(act).toThrow('routing has no entry step');
  });
});

describe('allowedActions', () => {
  it.each<[string, UnitState, AllowedAction[]]>([
    ['waiting at spi', waiting('spi'), [{ type: 'start', step: 'spi' }]],
    ['in progress at aoi', inProgress('aoi'), [{ type: 'complete', step: 'aoi' }]],
    ['held', HELD, []],
    ['finished', FINISHED, []],
  ])('when the unit is %s, then exactly these actions are allowed', (_case, state, expected) => {
    // Act
    const allowed = allowedActions(state);

    // Assert
    expect(allowed).toEqual(expected);
  });
});

describe('rejection', () => {
  it.each<[string, UnitState, StepAction, AllowedAction, string]>([
    ['starting a later step while waiting at print', waiting('print'), start('spi'), { type: 'start', step: 'print' }, 'start spi is not allowed now; allowed: start print'],
    ['completing the waiting step before starting it', waiting('print'), complete('print'), { type: 'start', step: 'print' }, 'complete print is not allowed now; allowed: start print'],
    [
      'completing without a result a step not yet started',
      waiting('print'),
      withoutResult(complete('print')),
      { type: 'start', step: 'print' },
      'complete print is not allowed now; allowed: start print',
    ],
    ['starting the step in progress again', inProgress('mount'), start('mount'), { type: 'complete', step: 'mount' }, 'start mount is not allowed now; allowed: complete mount'],
    [
      'completing a different step than the one in progress',
      inProgress('mount'),
      complete('reflow'),
      { type: 'complete', step: 'mount' },
      'complete reflow is not allowed now; allowed: complete mount',
    ],
    ['going back to an earlier step', waiting('ict'), start('aoi'), { type: 'start', step: 'ict' }, 'start aoi is not allowed now; allowed: start ict'],
  ])('when %s, then STEP_NOT_ALLOWED names the allowed action', (_case, state, action, allowed, message) => {
    // Act
    const why = rejection(state, action);

    // Assert
    expect(why).toEqual({ code: 'STEP_NOT_ALLOWED', message, allowed: [allowed] });
  });

  it('when the step in progress is completed without a result, then RESULT_REQUIRED is returned', () => {
    // Arrange
    const state = inProgress('aoi');

    // Act
    const why = rejection(state, withoutResult(complete('aoi')));

    // Assert
    expect(why).toEqual({
      code: 'RESULT_REQUIRED',
      message: 'completing a step needs a result (pass or fail)',
      allowed: [{ type: 'complete', step: 'aoi' }],
    });
  });

  it.each<StepAction>([start('print'), complete('pack'), start('pack')])(
    'when the unit has finished and a station sends $type $step, then UNIT_FINISHED is returned with nothing allowed',
    (action) => {
      // Act
      const why = rejection(FINISHED, action);

      // Assert
      expect(why).toEqual({ code: 'UNIT_FINISHED', message: 'the unit has finished its routing', allowed: [] });
    },
  );

  it.each<StepAction>([start('print'), complete('print', 'pass'), start('spi')])(
    'when the unit is held and a station sends $type $step, then UNIT_HELD gives the hold reason and allows nothing',
    (action) => {
      // Act
      const why = rejection(HELD, action);

      // Assert
      expect(why).toEqual({
        code: 'UNIT_HELD',
        message: 'the unit is on hold: step print failed and the routing has no fail path from it',
        allowed: [],
      });
    },
  );

  it('when the unit is held without a recorded reason, then UNIT_HELD says no reason was given', () => {
    // Arrange
    const state: UnitState = { status: 'held', step: 'aoi' };

    // Act
    const why = rejection(state, start('aoi'));

    // Assert
    expect(why?.code).toBe('UNIT_HELD');
    expect(why?.message).toBe('the unit is on hold: no reason given');
  });

  it.each<[string, UnitState, StepAction]>([
    ['the waiting step is started', waiting('print'), start('print')],
    ['the step in progress passes', inProgress('aoi'), complete('aoi', 'pass')],
    ['the step in progress fails', inProgress('aoi'), complete('aoi', 'fail')],
  ])('when %s, then the action is not rejected', (_case, state, action) => {
    // Act
    const why = rejection(state, action);

    // Assert
    expect(why).toBeUndefined();
  });
});

describe('apply', () => {
  it('when the waiting step is started, then the unit is in progress there and a started event is drafted', () => {
    // Act
    const next = apply(smt, waiting('print'), start('print'), CTX);

    // Assert
    expect(next).toEqual({ state: { status: 'in-progress', step: 'print' }, events: [{ type: 'started', step: 'print' }] });
  });

  it('when a step passes and has a pass transition, then the unit waits at the next step', () => {
    // Act
    const next = apply(smt, inProgress('reflow'), complete('reflow', 'pass'), CTX);

    // Assert
    expect(next).toEqual({
      state: { status: 'waiting', step: 'aoi' },
      events: [{ type: 'completed', step: 'reflow', result: 'pass' }],
    });
  });

  it('when SPI fails, then the unit goes back to the paste print', () => {
    // Act
    const next = apply(smt, inProgress('spi'), complete('spi', 'fail'), CTX);

    // Assert
    expect(next.state).toEqual({ status: 'waiting', step: 'print', loops: { 'spi->print:fail': 1 } });
    expect(next.events).toEqual([{ type: 'completed', step: 'spi', result: 'fail' }]);
  });

  it('when AOI fails and the repair passes, then the unit is back at AOI and only AOI may be started', () => {
    // Arrange
    let state = inProgress('aoi');

    // Act
    state = apply(smt, state, complete('aoi', 'fail'), CTX).state;
    const atRepair = state;
    state = apply(smt, state, start('repair'), CTX).state;
    state = apply(smt, state, complete('repair', 'pass'), CTX).state;

    // Assert
    expect(atRepair).toEqual({ status: 'waiting', step: 'repair', loops: { 'aoi->repair:fail': 1 } });
    expect(state).toEqual({ status: 'waiting', step: 'aoi', loops: { 'aoi->repair:fail': 1 } });
    expect(allowedActions(state)).toEqual([{ type: 'start', step: 'aoi' }]);
  });

  it('when the last step passes, then the unit finishes with a completed and a finished event', () => {
    // Act
    const next = apply(smt, inProgress('pack'), complete('pack', 'pass'), CTX);

    // Assert
    expect(next.state).toEqual({ status: 'finished', step: null });
    expect(next.events.map((e) => e.type)).toEqual(['completed', 'finished']);
    expect(next.events).toEqual([
      { type: 'completed', step: 'pack', result: 'pass' },
      { type: 'finished', step: null },
    ]);
    expect(allowedActions(next.state)).toEqual([]);
  });

  it('when the SMT route is run with one AOI repair, then the unit finishes after exactly the expected events', () => {
    // Arrange
    const actions = walk(SMT_ROUTE_WITH_REPAIR);

    // Act
    const { state, events } = run(smt, actions);

    // Assert
    expect(state).toEqual({ status: 'finished', step: null });
    expect(events.map((e) => `${e.type} ${e.step ?? '-'}${e.result ? ' ' + e.result : ''}`)).toEqual([
      ...SMT_ROUTE_WITH_REPAIR.flatMap(([step, result]) => [`started ${step}`, `completed ${step} ${result}`]),
      'finished -',
    ]);
  });

  it('when a step fails that has no fail transition (tiny routing), then the unit is held with the reason recorded', () => {
    // Arrange
    const routing = tinyRouting();
    const reason = 'step assemble failed and the routing has no fail path from it';

    // Act
    const { state, events } = run(routing, [start('assemble'), complete('assemble', 'fail')]);

    // Assert
    expect(state).toEqual({ status: 'held', step: 'assemble', holdReason: reason, resume: { status: 'waiting', step: 'assemble' } });
    expect(events).toEqual([
      { type: 'started', step: 'assemble' },
      { type: 'completed', step: 'assemble', result: 'fail' },
      { type: 'held', step: 'assemble', detail: reason },
    ]);
    expect(rejection(state, start('test'))).toEqual({ code: 'UNIT_HELD', message: `the unit is on hold: ${reason}`, allowed: [] });
  });

  it('when the last step fails and has no fail transition, then the unit is held rather than finished', () => {
    // Arrange
    const routing = tinyRouting();

    // Act
    const { state, events } = run(routing, walk([['assemble', 'pass'], ['test', 'fail']]));

    // Assert
    expect(state.status).toBe('held');
    expect(state.step).toBe('test');
    expect(events.map((e) => e.type)).toEqual(['started', 'completed', 'started', 'completed', 'held']);
  });

  it.each<[string, UnitState, StepAction]>([
    ['the unit has finished', FINISHED, start('print')],
    ['the unit is held', HELD, start('print')],
    ['the action is for another step', waiting('print'), start('spi')],
    ['the result is missing', inProgress('print'), withoutResult(complete('print'))],
  ])('when %s, then apply refuses with the rejection message', (_case, state, action) => {
    // Arrange
    const message = rejection(state, action, smt, CTX)?.message;

    // Act
    const act = (): unknown => apply(smt, state, action, CTX);

    // Assert
    expect(message).toEqual(expect.any(String));
    expect(act).toThrow(message);
  });

  it('when every action of the SMT route is applied, then no input state, action or routing is changed', () => {
    // Arrange
    const routing = deepFreeze(exampleRouting());
    const routingBefore = structuredClone(routing);
    let state = deepFreeze(initialState(routing));

    for (const action of walk(SMT_ROUTE_WITH_REPAIR).map(deepFreeze)) {
      const stateBefore = structuredClone(state);
      const actionBefore = structuredClone(action);

      // Act
      const next = apply(routing, state, action, CTX);

      // Assert
      expect(state).toEqual(stateBefore);
      expect(action).toEqual(actionBefore);
      expect(next.state).not.toBe(state);
      state = deepFreeze(next.state);
    }
    expect(routing).toEqual(routingBefore);
    expect(state).toEqual({ status: 'finished', step: null });
  });
});

describe('missed steps (遗漏工序)', () => {
  it.each<[string, UnitState, StepAction, string[]]>([
    ['the next step is skipped', waiting('spi'), start('mount'), ['spi']],
    ['two steps are skipped', waiting('spi'), start('reflow'), ['spi', 'mount']],
    ['the unit is still in a step', inProgress('mount'), start('aoi'), ['mount', 'reflow']],
  ])('when %s, then STEP_MISSED lists the steps still to do', (_case, state, action, missed) => {
    // Act
    const why = rejection(state, action, smt);

    // Assert
    expect(why?.code).toBe('STEP_MISSED');
    expect(why?.missed).toEqual(missed);
    expect(why?.allowed).toEqual(allowedActions(state, smt));
    expect(why?.message).toContain('遗漏工序');
  });

  it('when a station asks for an earlier step, then it is STEP_NOT_ALLOWED, not a missed step', () => {
    expect(rejection(waiting('ict'), start('aoi'), smt)?.code).toBe('STEP_NOT_ALLOWED');
  });
});

describe('bounded rework loops', () => {
  /** Runs actions from the SMT entry, failing `step` as often as asked, and returns the final transition. */
  function runUntil(failures: Array<[string, string]>): { state: UnitState; events: EventDraft[] } {
    let state = initialState(smt);
    let last: { state: UnitState; events: EventDraft[] } = { state, events: [] };
    for (const [step, result] of failures) {
      state = apply(smt, state, start(step), CTX).state;
      last = apply(smt, state, complete(step, result as 'pass' | 'fail'), CTX);
      state = last.state;
    }
    return last;
  }
  const toAoi: Array<[string, string]> = [['print', 'pass'], ['spi', 'pass'], ['mount', 'pass'], ['reflow', 'pass']];

  it('when AOI fails as often as its loop allows, then the unit goes back to repair each time', () => {
    const route: Array<[string, string]> = [...toAoi, ['aoi', 'fail'], ['repair', 'pass'], ['aoi', 'fail'], ['repair', 'pass'], ['aoi', 'fail']];
    const last = runUntil(route);
    expect(last.state).toMatchObject({ status: 'waiting', step: 'repair', loops: { 'aoi->repair:fail': 3 } });
  });

  it('when AOI fails once more than its maxLoops (3, hold), then the unit is held with the reason and nothing more is allowed', () => {
    const route: Array<[string, string]> = [...toAoi];
    for (let i = 0; i < 3; i++) route.push(['aoi', 'fail'], ['repair', 'pass']);
    route.push(['aoi', 'fail']);

    const last = runUntil(route);

    expect(last.state).toMatchObject({ status: 'held', step: 'aoi' });
    expect(last.events.map((e) => e.type)).toEqual(['completed', 'held']);
    expect(last.events[1]?.detail).toBe('the loop aoi → repair was taken more than 3 times');
    expect(rejection(last.state, start('repair'), smt)?.code).toBe('UNIT_HELD');
  });

  it('when ICT fails more often than its maxLoops (2, scrap), then the unit is scrapped and refuses every action', () => {
    const route: Array<[string, string]> = [...toAoi, ['aoi', 'pass']];
    for (let i = 0; i < 2; i++) route.push(['ict', 'fail'], ['repair', 'pass'], ['aoi', 'pass']);
    route.push(['ict', 'fail']);

    const last = runUntil(route);

    expect(last.state).toMatchObject({ status: 'scrapped', step: null });
    expect(last.events.map((e) => e.type)).toEqual(['completed', 'scrapped']);
    expect(rejection(last.state, start('repair'), smt)).toMatchObject({ code: 'UNIT_SCRAPPED', allowed: [] });
  });
});

describe('dispositions (hold, release, scrap)', () => {
  it('when a waiting unit is held and released, then it is back where it was', () => {
    const held = applyDisposition(waiting('mount'), { type: 'hold', reason: 'suspect reel' });
    const released = applyDisposition(held.state, { type: 'release', reason: 'reel checked' });

    expect(held.state).toMatchObject({ status: 'held', step: 'mount', holdReason: 'suspect reel' });
    expect(held.events).toEqual([{ type: 'held', step: 'mount', detail: 'suspect reel' }]);
    expect(released.state).toEqual({ status: 'waiting', step: 'mount' });
    expect(released.events).toEqual([{ type: 'resumed', step: 'mount', detail: 'reel checked' }]);
  });

  it('when a unit held for too many loops is released, then that loop starts counting again', () => {
    const state: UnitState = { status: 'held', step: 'aoi', holdReason: 'loop', loops: { 'aoi->repair:fail': 4, 'spi->print:fail': 1 }, resume: { status: 'waiting', step: 'aoi', clearLoop: 'aoi->repair:fail' } };
    expect(applyDisposition(state, { type: 'release', reason: 'engineering approved' }).state).toEqual({ status: 'waiting', step: 'aoi', loops: { 'spi->print:fail': 1 } });
  });

  it.each<[string, UnitState, 'hold' | 'release' | 'scrap', string]>([
    ['holding a held unit', HELD, 'hold', 'UNIT_HELD'],
    ['releasing a unit that is not held', waiting('print'), 'release', 'UNIT_NOT_HELD'],
    ['scrapping a finished unit', FINISHED, 'scrap', 'UNIT_FINISHED'],
    ['holding a scrapped unit', { status: 'scrapped', step: null }, 'hold', 'UNIT_SCRAPPED'],
  ])('when %s, then it is refused with %s', (_case, state, type, code) => {
    expect(dispositionRejection(state, { type, reason: 'x' })?.code).toBe(code);
  });
});
