/**
 * Parallel branches: a split step whose pass transitions start branches that run in any order
 * and meet at the join step; a branch may also end without a join. Holds inside a branch, and
 * the release that restores the branches.
 */
import type { Routing, RoutingStep, RoutingTransition } from '../../../definitions/routing/schema';
import { applyDisposition } from '../../../engine/routing/disposition';
import { allowedActions, apply, initialState, rejection, type Branch, type EventDraft, type StepAction, type UnitState } from '../../../engine/routing/machine';
import { complete, start } from '../../support/fixtures';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

function step(id: string, over: Partial<RoutingStep> = {}): RoutingStep {
  return { id, name: `Step ${id}`, kind: 'operation', stationGroup: `g-${id}`, ...over };
}

const pass = (from: string, to: string): RoutingTransition => ({ from, to, on: 'pass' });
const fail = (from: string, to: string): RoutingTransition => ({ from, to, on: 'fail' });

/**
 * prep splits into two branches that meet at final:
 *   solder → inspect (fail → touchup → inspect) → final
 *   coat (no fail path) → final
 * then final → pack.
 */
function splitRouting(): Routing {
  return {
    name: 'Split and join',
    entry: 'prep',
    steps: [
      step('prep', { split: true }),
      step('solder'),
      step('inspect', { kind: 'inspection' }),
      step('touchup', { kind: 'rework' }),
      step('coat'),
      step('final', { join: true, kind: 'test' }),
      step('pack', { kind: 'packaging' }),
    ],
    transitions: [
      pass('prep', 'solder'),
      pass('prep', 'coat'),
      pass('solder', 'inspect'),
      pass('inspect', 'final'),
      fail('inspect', 'touchup'),
      pass('touchup', 'inspect'),
      pass('coat', 'final'),
      pass('final', 'pack'),
    ],
  };
}

/** A label branch that ends by itself, next to a main branch that reaches the join. */
function endingBranchRouting(): Routing {
  return {
    name: 'A branch without a join',
    entry: 'prep',
    steps: [step('prep', { split: true }), step('main'), step('label'), step('final', { join: true })],
    transitions: [pass('prep', 'main'), pass('prep', 'label'), pass('main', 'final')],
  };
}

type Act = ['start' | 'complete', string, ('pass' | 'fail')?];

function action([type, s, result]: Act): StepAction {
  return type === 'start' ? start(s) : complete(s, result ?? 'pass');
}

/** Applies the acts in order from `state`, returning the final state and every event. */
function run(routing: Routing, state: UnitState, acts: Act[]): { state: UnitState; events: EventDraft[] } {
  const events: EventDraft[] = [];
  let current = state;
  for (const a of acts) {
    const next = apply(routing, current, action(a));
    current = next.state;
    events.push(...next.events);
  }
  return { state: current, events };
}

const SPLIT_DONE: Act[] = [['start', 'prep'], ['complete', 'prep', 'pass']];
const SOLDER_BRANCH: Act[] = [['start', 'solder'], ['complete', 'solder', 'pass'], ['start', 'inspect'], ['complete', 'inspect', 'pass']];
const COAT_BRANCH: Act[] = [['start', 'coat'], ['complete', 'coat', 'pass']];

const afterSplit = (): UnitState => run(splitRouting(), initialState(splitRouting()), SPLIT_DONE).state;

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('split', () => {
  it('when the split step passes, then both branches wait and each may be started at its own station group', () => {
    // Arrange
    const routing = splitRouting();

    // Act
    const { state, events } = run(routing, initialState(routing), SPLIT_DONE);

    // Assert
    expect(state).toEqual({
      status: 'waiting',
      step: 'solder',
      branches: [
        { step: 'solder', status: 'waiting' },
        { step: 'coat', status: 'waiting' },
      ],
    });
    expect(events).toEqual([
      { type: 'started', step: 'prep' },
      { type: 'completed', step: 'prep', result: 'pass' },
    ]);
    expect(allowedActions(state, routing)).toEqual([
      { type: 'start', step: 'solder', stationGroup: 'g-solder' },
      { type: 'start', step: 'coat', stationGroup: 'g-coat' },
    ]);
  });

  it('when the split step fails, then no branches start (the fail is handled like any other step)', () => {
    // Arrange
    const routing = splitRouting();

    // Act
    const { state } = run(routing, initialState(routing), [['start', 'prep'], ['complete', 'prep', 'fail']]);

    // Assert
    expect(state.status).toBe('held');
    expect(state.branches).toBeUndefined();
  });

  it('when a split step has only one pass transition, then the unit just moves on without branches', () => {
    // Arrange
    const routing: Routing = { name: 'One way', steps: [step('a', { split: true }), step('b')], transitions: [pass('a', 'b')] };

    // Act
    const { state } = run(routing, initialState(routing), [['start', 'a'], ['complete', 'a', 'pass']]);

    // Assert
    expect(state).toEqual({ status: 'waiting', step: 'b' });
  });

  it('when a step that is not a split has two pass transitions, then only the first is followed', () => {
    // Arrange
    const routing: Routing = { name: 'No split', entry: 'a', steps: [step('a'), step('b'), step('c')], transitions: [pass('a', 'b'), pass('a', 'c')] };

    // Act
    const { state } = run(routing, initialState(routing), [['start', 'a'], ['complete', 'a', 'pass']]);

    // Assert
    expect(state).toEqual({ status: 'waiting', step: 'b' });
  });

  it('when one branch goes straight to the join, then that branch has arrived at once', () => {
    // Arrange
    const routing: Routing = {
      name: 'Direct',
      entry: 'a',
      steps: [step('a', { split: true }), step('b'), step('j', { join: true })],
      transitions: [pass('a', 'b'), pass('a', 'j'), pass('b', 'j')],
    };

    // Act
    const { state } = run(routing, initialState(routing), [['start', 'a'], ['complete', 'a', 'pass']]);

    // Assert
    expect(state).toEqual({ status: 'waiting', step: 'b', branches: [{ step: 'b', status: 'waiting' }, { step: 'j', status: 'arrived' }] });
    expect(allowedActions(state, routing)).toEqual([{ type: 'start', step: 'b', stationGroup: 'g-b' }]);
  });

  it('when the split step carries loop counts, then the branches keep them', () => {
    // Arrange
    const routing = splitRouting();
    const state: UnitState = { status: 'in-progress', step: 'prep', loops: { 'x->y:fail': 2 } };

    // Act
    const next = apply(routing, state, complete('prep'));

    // Assert
    expect(next.state.loops).toEqual({ 'x->y:fail': 2 });
    expect(next.state.branches).toHaveLength(2);
  });
});

describe('branches in progress', () => {
  it('when one branch is started, then the unit is in progress and the other branch can still be started', () => {
    // Arrange
    const routing = splitRouting();

    // Act
    const next = apply(routing, afterSplit(), start('coat'));

    // Assert
    expect(next.state).toEqual({
      status: 'in-progress',
      step: 'solder',
      branches: [
        { step: 'solder', status: 'waiting' },
        { step: 'coat', status: 'in-progress' },
      ],
    });
    expect(next.events).toEqual([{ type: 'started', step: 'coat' }]);
    expect(allowedActions(next.state, routing)).toEqual([
      { type: 'start', step: 'solder', stationGroup: 'g-solder' },
      { type: 'complete', step: 'coat', stationGroup: 'g-coat' },
    ]);
  });

  it('when both branches are in progress, then both may be completed', () => {
    // Act
    const { state } = run(splitRouting(), afterSplit(), [['start', 'solder'], ['start', 'coat']]);

    // Assert
    expect(allowedActions(state)).toEqual([
      { type: 'complete', step: 'solder' },
      { type: 'complete', step: 'coat' },
    ]);
    expect(state.status).toBe('in-progress');
  });

  it.each<[string, Act[]]>([
    ['the solder branch first, then the coat branch', [...SOLDER_BRANCH, ...COAT_BRANCH]],
    ['the coat branch first, then the solder branch', [...COAT_BRANCH, ...SOLDER_BRANCH]],
    ['both interleaved', [['start', 'coat'], ['start', 'solder'], ['complete', 'solder', 'pass'], ['start', 'inspect'], ['complete', 'coat', 'pass'], ['complete', 'inspect', 'pass']]],
  ])('when %s are done, then the unit waits at the join without branches', (_case, acts) => {
    // Arrange
    const routing = splitRouting();

    // Act
    const { state, events } = run(routing, afterSplit(), acts);

    // Assert
    expect(state).toEqual({ status: 'waiting', step: 'final' });
    expect(allowedActions(state, routing)).toEqual([{ type: 'start', step: 'final', stationGroup: 'g-final' }]);
    expect(events.filter((e) => e.type === 'completed').map((e) => e.step).sort()).toEqual(['coat', 'inspect', 'solder']);
    expect(events.some((e) => e.type === 'finished')).toBe(false);
  });

  it('when only the solder branch has arrived, then the join cannot be started and only the coat branch is allowed', () => {
    // Arrange
    const routing = splitRouting();

    // Act
    const { state } = run(routing, afterSplit(), SOLDER_BRANCH);
    const why = rejection(state, start('final'), routing);

    // Assert
    expect(state).toEqual({
      status: 'waiting',
      step: 'coat',
      branches: [
        { step: 'final', status: 'arrived' },
        { step: 'coat', status: 'waiting' },
      ],
    });
    expect(why).toEqual({
      code: 'STEP_NOT_ALLOWED',
      message: 'start final is not allowed now; allowed: start coat',
      allowed: [{ type: 'start', step: 'coat', stationGroup: 'g-coat' }],
    });
  });

  it('when a branch step is started twice, then the second start is refused', () => {
    // Arrange
    const routing = splitRouting();
    const state = apply(routing, afterSplit(), start('coat')).state;

    // Act
    const why = rejection(state, start('coat'), routing);

    // Assert
    expect(why?.code).toBe('STEP_NOT_ALLOWED');
    expect(why?.message).toBe('start coat is not allowed now; allowed: start solder or complete coat');
  });

  it('when a station starts a later step of a branch, then it is STEP_NOT_ALLOWED (no missed steps are computed across branches)', () => {
    // Arrange
    const routing = splitRouting();

    // Act
    const why = rejection(afterSplit(), start('inspect'), routing);

    // Assert
    expect(why?.code).toBe('STEP_NOT_ALLOWED');
    expect(why?.missed).toBeUndefined();
  });

  it('when the join is reached and passes, then the unit goes on and finishes after pack', () => {
    // Arrange
    const routing = splitRouting();

    // Act
    const { state, events } = run(routing, afterSplit(), [...SOLDER_BRANCH, ...COAT_BRANCH, ['start', 'final'], ['complete', 'final', 'pass'], ['start', 'pack'], ['complete', 'pack', 'pass']]);

    // Assert
    expect(state).toEqual({ status: 'finished', step: null });
    expect(events.at(-1)).toEqual({ type: 'finished', step: null });
  });

  it('when a branch step fails and has a fail path, then only that branch goes to rework', () => {
    // Arrange
    const routing = splitRouting();

    // Act
    const { state } = run(routing, afterSplit(), [['start', 'solder'], ['complete', 'solder', 'pass'], ['start', 'inspect'], ['complete', 'inspect', 'fail']]);

    // Assert
    expect(state).toEqual({
      status: 'waiting',
      step: 'touchup',
      branches: [
        { step: 'touchup', status: 'waiting' },
        { step: 'coat', status: 'waiting' },
      ],
    });
  });

  it('when a branch is reworked and then arrives, then the join waits for the other branch as before', () => {
    // Arrange
    const routing = splitRouting();
    const acts: Act[] = [
      ['start', 'solder'], ['complete', 'solder', 'pass'], ['start', 'inspect'], ['complete', 'inspect', 'fail'],
      ['start', 'touchup'], ['complete', 'touchup', 'pass'], ['start', 'inspect'], ['complete', 'inspect', 'pass'],
    ];

    // Act
    const { state } = run(routing, afterSplit(), acts);

    // Assert
    expect(state.branches).toEqual<Branch[]>([
      { step: 'final', status: 'arrived' },
      { step: 'coat', status: 'waiting' },
    ]);
  });
});

describe('a branch ending without a join', () => {
  it('when the branch without a join ends first, then the other branch goes on and the unit then waits at the join', () => {
    // Arrange
    const routing = endingBranchRouting();
    const split = run(routing, initialState(routing), [['start', 'prep'], ['complete', 'prep', 'pass']]).state;

    // Act
    const ended = run(routing, split, [['start', 'label'], ['complete', 'label', 'pass']]);
    const joined = run(routing, ended.state, [['start', 'main'], ['complete', 'main', 'pass']]);

    // Assert
    expect(ended.state).toEqual({
      status: 'waiting',
      step: 'main',
      branches: [
        { step: 'main', status: 'waiting' },
        { step: 'label', status: 'done' },
      ],
    });
    expect(ended.events).toEqual([
      { type: 'started', step: 'label' },
      { type: 'completed', step: 'label', result: 'pass' },
    ]);
    expect(joined.state).toEqual({ status: 'waiting', step: 'final' });
  });

  it('when the branch without a join ends last, then the unit waits at the join', () => {
    // Arrange
    const routing = endingBranchRouting();
    const split = run(routing, initialState(routing), [['start', 'prep'], ['complete', 'prep', 'pass']]).state;

    // Act
    const { state, events } = run(routing, split, [['start', 'main'], ['complete', 'main', 'pass'], ['start', 'label'], ['complete', 'label', 'pass']]);

    // Assert
    expect(state).toEqual({ status: 'waiting', step: 'final' });
    expect(events.some((e) => e.type === 'finished')).toBe(false);
  });

  it('when no branch reaches a join, then the unit finishes once the last branch ends', () => {
    // Arrange
    const routing: Routing = { name: 'Fan out', entry: 'a', steps: [step('a', { split: true }), step('x'), step('y')], transitions: [pass('a', 'x'), pass('a', 'y')] };
    const split = run(routing, initialState(routing), [['start', 'a'], ['complete', 'a', 'pass']]).state;

    // Act
    const first = run(routing, split, [['start', 'x'], ['complete', 'x', 'pass']]);
    const last = run(routing, first.state, [['start', 'y'], ['complete', 'y', 'pass']]);

    // Assert
    expect(first.state.status).toBe('waiting');
    expect(first.events.some((e) => e.type === 'finished')).toBe(false);
    expect(last.state).toEqual({ status: 'finished', step: null });
    expect(last.events).toEqual([
      { type: 'started', step: 'y' },
      { type: 'completed', step: 'y', result: 'pass' },
      { type: 'finished', step: null },
    ]);
  });
});

describe('holds inside a branch', () => {
  const REASON = 'step coat failed and the routing has no fail path from it';

  it('when a branch step without a fail path fails, then the unit is held with its branches remembered', () => {
    // Arrange
    const routing = splitRouting();

    // Act
    const { state, events } = run(routing, afterSplit(), [['start', 'coat'], ['complete', 'coat', 'fail']]);

    // Assert
    expect(state).toMatchObject({ status: 'held', step: 'coat', holdReason: REASON });
    expect(state.branches?.map((b) => b.step)).toEqual(['solder', 'coat']);
    expect(state.resume?.branches?.map((b) => b.step)).toEqual(['solder', 'coat']);
    expect(events.slice(-2)).toEqual([
      { type: 'completed', step: 'coat', result: 'fail' },
      { type: 'held', step: 'coat', detail: REASON },
    ]);
    expect(allowedActions(state, routing)).toEqual([]);
    expect(rejection(state, start('solder'), routing)).toMatchObject({ code: 'UNIT_HELD', message: `the unit is on hold: ${REASON}` });
  });

  it('when the held unit is released, then the branches are restored and the failed branch step must be started again', () => {
    // Arrange
    const routing = splitRouting();
    const held = run(routing, afterSplit(), [['start', 'coat'], ['complete', 'coat', 'fail']]).state;

    // Act
    const released = applyDisposition(held, { type: 'release', reason: 'coating checked' });

    // Assert
    expect(released.events).toEqual([{ type: 'resumed', step: 'coat', detail: 'coating checked' }]);
    expect(released.state.branches).toEqual<Branch[]>([
      { step: 'solder', status: 'waiting' },
      { step: 'coat', status: 'waiting' },
    ]);
    expect(allowedActions(released.state, routing)).toEqual([
      { type: 'start', step: 'solder', stationGroup: 'g-solder' },
      { type: 'start', step: 'coat', stationGroup: 'g-coat' },
    ]);
    expect(rejection(released.state, start('coat'), routing)).toBeUndefined();
  });

  it('when the released unit redoes the failed branch step and both branches pass, then it reaches the join', () => {
    // Arrange
    const routing = splitRouting();
    const held = run(routing, afterSplit(), [['start', 'coat'], ['complete', 'coat', 'fail']]).state;
    const released = applyDisposition(held, { type: 'release', reason: 'ok' }).state;

    // Act
    const { state } = run(routing, released, [['start', 'coat'], ['complete', 'coat', 'pass'], ...SOLDER_BRANCH]);

    // Assert
    expect(state).toEqual({ status: 'waiting', step: 'final' });
  });

  it('when quality holds a unit with a branch in progress and releases it, then the branches are exactly as before', () => {
    // Arrange
    const routing = splitRouting();
    const before = apply(routing, afterSplit(), start('solder')).state;

    // Act
    const held = applyDisposition(before, { type: 'hold', reason: 'suspect solder' });
    const released = applyDisposition(held.state, { type: 'release', reason: 'solder ok' });

    // Assert
    expect(held.state).toMatchObject({ status: 'held', step: 'solder', holdReason: 'suspect solder', branches: before.branches });
    expect(allowedActions(held.state, routing)).toEqual([]);
    expect(released.state).toEqual(before);
    expect(allowedActions(released.state, routing)).toEqual([
      { type: 'complete', step: 'solder', stationGroup: 'g-solder' },
      { type: 'start', step: 'coat', stationGroup: 'g-coat' },
    ]);
  });
});

describe('lots through branches', () => {
  it('when a lot splits into branches and joins, then its quantity is kept throughout', () => {
    // Arrange
    const routing = splitRouting();

    // Act
    const split = run(routing, initialState(routing, 12), SPLIT_DONE).state;
    const joined = run(routing, split, [...COAT_BRANCH, ...SOLDER_BRANCH]).state;

    // Assert
    expect(split.quantity).toBe(12);
    expect(joined).toEqual({ status: 'waiting', step: 'final', quantity: 12 });
  });

  it('when a lot scraps part of itself in one branch, then the joined lot has the reduced quantity', () => {
    // Arrange
    const routing = splitRouting();
    const split = run(routing, initialState(routing, 12), SPLIT_DONE).state;

    // Act
    let state = apply(routing, split, start('coat')).state;
    const scrapped = apply(routing, state, complete('coat', 'pass', { scrapQuantity: 2 }));
    state = run(routing, scrapped.state, SOLDER_BRANCH).state;

    // Assert
    expect(scrapped.events[1]).toEqual({ type: 'partially-scrapped', step: 'coat', quantity: 2, detail: '2 scrapped at coat, 10 left' });
    expect(state).toEqual({ status: 'waiting', step: 'final', quantity: 10 });
  });
});

describe('nested splits', () => {
  /** a splits into b and c; b splits again into b1 and b2 that meet at bj; bj and c meet at j. */
  function nestedRouting(): Routing {
    return {
      name: 'Nested',
      entry: 'a',
      steps: [step('a', { split: true }), step('b', { split: true }), step('b1'), step('b2'), step('bj', { join: true }), step('c'), step('j', { join: true })],
      transitions: [pass('a', 'b'), pass('a', 'c'), pass('b', 'b1'), pass('b', 'b2'), pass('b1', 'bj'), pass('b2', 'bj'), pass('bj', 'j'), pass('c', 'j')],
    };
  }

  it('when a split inside a branch passes, then the other outer branch is still open', () => {
    // Arrange
    const routing = nestedRouting();

    // Act
    const { state } = run(routing, initialState(routing), [['start', 'a'], ['complete', 'a', 'pass'], ['start', 'b'], ['complete', 'b', 'pass']]);

    // Assert
    expect(allowedActions(state).map((a) => a.step).sort()).toEqual(['b1', 'b2', 'c']);
  });

  it('when the inner branches join and the outer join is reached, then the outer branch c must still have been done', () => {
    // Arrange
    const routing = nestedRouting();
    const acts: Act[] = [
      ['start', 'a'], ['complete', 'a', 'pass'], ['start', 'b'], ['complete', 'b', 'pass'],
      ['start', 'b1'], ['complete', 'b1', 'pass'], ['start', 'b2'], ['complete', 'b2', 'pass'],
      ['start', 'bj'], ['complete', 'bj', 'pass'],
    ];

    // Act
    const { state } = run(routing, initialState(routing), acts);

    // Assert
    expect(allowedActions(state)).toEqual([{ type: 'start', step: 'c' }]);
  });
});
