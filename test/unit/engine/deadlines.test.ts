/**
 * Durable deadlines of a unit's run: a step in progress longer than its maxMinutes (工序超时) and
 * the queue-time limits between completing one step and starting another (Q-time).
 */
import type { QueueTimeLimit, Routing, RoutingStep } from '../../../definitions/routing/schema';
import { deadlinesAfter, dueDeadlines, earliest, type Deadline } from '../../../engine/routing/deadlines';
import type { UnitState } from '../../../engine/routing/machine';
import { exampleRouting } from '../../support/fixtures';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 0, 6, 8, 0, 0);

function step(id: string, over: Partial<RoutingStep> = {}): RoutingStep {
  return { id, name: `Step ${id}`, kind: 'operation', stationGroup: `g-${id}`, ...over };
}

/**
 * clean (max 10 min, alert) → coat (max 30 min, hold) → cure (no max) → pack.
 * Queue time: clean → coat within 60 min (hold), clean → cure within 240 min (alert).
 */
function routing(queueTimeLimits: QueueTimeLimit[] = DEFAULT_LIMITS): Routing {
  return {
    name: 'Conformal coating',
    entry: 'clean',
    steps: [step('clean', { maxMinutes: 10 }), step('coat', { maxMinutes: 30, onOverdue: 'hold' }), step('cure'), step('pack', { maxMinutes: 2, onOverdue: 'alert' })],
    transitions: [
      { from: 'clean', to: 'coat', on: 'pass' },
      { from: 'coat', to: 'cure', on: 'pass' },
      { from: 'cure', to: 'pack', on: 'pass' },
    ],
    queueTimeLimits,
  };
}
const DEFAULT_LIMITS: QueueTimeLimit[] = [
  { from: 'clean', to: 'coat', maxMinutes: 60, onViolation: 'hold' },
  { from: 'clean', to: 'cure', maxMinutes: 240, onViolation: 'alert' },
];

function overdue(s: string, at: number, minutes: number, onViolation: Deadline['onViolation'] = 'alert'): Deadline {
  return { key: `overdue:${s}`, at, kind: 'overdue', step: s, minutes, onViolation };
}

function queue(from: string, to: string, at: number, minutes: number, onViolation: Deadline['onViolation'] = 'alert'): Deadline {
  return { key: `queue:${from}->${to}`, at, kind: 'queue', step: from, to, minutes, onViolation };
}

const startOf = (s: string): { type: 'start'; step: string } => ({ type: 'start', step: s });
const completeOf = (s: string): { type: 'complete'; step: string } => ({ type: 'complete', step: s });

const waiting = (s: string): UnitState => ({ status: 'waiting', step: s });
const inProgress = (s: string): UnitState => ({ status: 'in-progress', step: s });

// ---------------------------------------------------------------------------------------------
// deadlinesAfter
// ---------------------------------------------------------------------------------------------

describe('deadlinesAfter', () => {
  it.each<[string, string, Deadline[]]>([
    ['a step with maxMinutes and the default alert', 'clean', [overdue('clean', T0 + 10 * MINUTE, 10, 'alert')]],
    ['a step with maxMinutes and onOverdue hold', 'coat', [overdue('coat', T0 + 30 * MINUTE, 30, 'hold')]],
    ['a step without maxMinutes', 'cure', []],
    ['a step the routing does not have', 'xray', []],
  ])('when %s is started, then exactly these deadlines are set', (_case, s, expected) => {
    // Act
    const deadlines = deadlinesAfter(routing(), [], startOf(s), T0);

    // Assert
    expect(deadlines).toEqual(expected);
  });

  it('when a step is completed, then its overdue deadline is cleared and each queue-time limit from it is set', () => {
    // Arrange
    const before = [overdue('clean', T0 + 10 * MINUTE, 10)];

    // Act
    const deadlines = deadlinesAfter(routing(), before, completeOf('clean'), T0 + 4 * MINUTE);

    // Assert
    expect(deadlines).toEqual([
      queue('clean', 'coat', T0 + 64 * MINUTE, 60, 'hold'),
      queue('clean', 'cure', T0 + 244 * MINUTE, 240, 'alert'),
    ]);
  });

  it('when the queue-time target step is started, then only that queue deadline is cleared and the step\'s overdue is set', () => {
    // Arrange
    const before = [queue('clean', 'coat', T0 + 60 * MINUTE, 60, 'hold'), queue('clean', 'cure', T0 + 240 * MINUTE, 240)];

    // Act
    const deadlines = deadlinesAfter(routing(), before, startOf('coat'), T0 + 20 * MINUTE);

    // Assert
    expect(deadlines).toEqual([queue('clean', 'cure', T0 + 240 * MINUTE, 240), overdue('coat', T0 + 50 * MINUTE, 30, 'hold')]);
  });

  it('when a step without queue-time limits is completed, then only its overdue deadline goes', () => {
    // Arrange
    const before = [queue('clean', 'cure', T0 + 240 * MINUTE, 240), overdue('coat', T0 + 30 * MINUTE, 30, 'hold')];

    // Act
    const deadlines = deadlinesAfter(routing(), before, completeOf('coat'), T0 + 10 * MINUTE);

    // Assert
    expect(deadlines).toEqual([queue('clean', 'cure', T0 + 240 * MINUTE, 240)]);
  });

  it('when a step is completed again (after rework), then its queue deadlines are replaced, not doubled', () => {
    // Arrange
    const before = [queue('clean', 'coat', T0 + 60 * MINUTE, 60, 'hold'), queue('clean', 'cure', T0 + 240 * MINUTE, 240)];

    // Act
    const deadlines = deadlinesAfter(routing(), before, completeOf('clean'), T0 + 30 * MINUTE);

    // Assert
    expect(deadlines).toEqual([queue('clean', 'coat', T0 + 90 * MINUTE, 60, 'hold'), queue('clean', 'cure', T0 + 270 * MINUTE, 240)]);
    expect(new Set(deadlines.map((d) => d.key)).size).toBe(deadlines.length);
  });

  it('when a step is started, then deadlines of other steps are kept untouched', () => {
    // Arrange
    const other = overdue('clean', T0 + 5 * MINUTE, 10);

    // Act
    const deadlines = deadlinesAfter(routing(), [other], startOf('pack'), T0);

    // Assert
    expect(deadlines).toEqual([other, overdue('pack', T0 + 2 * MINUTE, 2, 'alert')]);
  });

  it('when the routing has no queue-time limits, then completing sets none', () => {
    // Arrange
    const r: Routing = { ...routing(), queueTimeLimits: undefined };

    // Act
    const deadlines = deadlinesAfter(r, [overdue('clean', T0 + 10 * MINUTE, 10)], completeOf('clean'), T0);

    // Assert
    expect(deadlines).toEqual([]);
  });

  it('when deadlines are set, then the input list is not changed', () => {
    // Arrange
    const before = Object.freeze([overdue('clean', T0 + 10 * MINUTE, 10)]);

    // Act
    const after = deadlinesAfter(routing(), [...before], completeOf('clean'), T0);

    // Assert
    expect(before).toEqual([overdue('clean', T0 + 10 * MINUTE, 10)]);
    expect(after).not.toBe(before);
  });

  it('when the SMT print step is started and completed, then its overdue (2 min) and the print → reflow queue time (240 min, hold) follow', () => {
    // Arrange
    const smt = exampleRouting();

    // Act
    const started = deadlinesAfter(smt, [], startOf('print'), T0);
    const completed = deadlinesAfter(smt, started, completeOf('print'), T0 + MINUTE);
    const reflow = deadlinesAfter(smt, completed, startOf('reflow'), T0 + 30 * MINUTE);

    // Assert
    expect(started).toEqual([overdue('print', T0 + 2 * MINUTE, 2, 'alert')]);
    expect(completed).toEqual([queue('print', 'reflow', T0 + 241 * MINUTE, 240, 'hold')]);
    expect(reflow).toEqual([overdue('reflow', T0 + 40 * MINUTE, 10, 'alert')]);
  });
});

// ---------------------------------------------------------------------------------------------
// dueDeadlines
// ---------------------------------------------------------------------------------------------

describe('dueDeadlines', () => {
  const OVERDUE_CLEAN = overdue('clean', T0 + 10 * MINUTE, 10, 'alert');
  const OVERDUE_COAT = overdue('coat', T0 + 30 * MINUTE, 30, 'hold');
  const Q_COAT = queue('clean', 'coat', T0 + 60 * MINUTE, 60, 'hold');
  const Q_CURE = queue('clean', 'cure', T0 + 240 * MINUTE, 240, 'alert');

  it('when the step is still in progress at its overdue time, then an overdue alert is drafted and no hold', () => {
    // Act
    const due = dueDeadlines([OVERDUE_CLEAN], inProgress('clean'), T0 + 10 * MINUTE);

    // Assert
    expect(due).toEqual({
      events: [{ type: 'overdue', step: 'clean', detail: 'step clean has been in progress longer than 10 min (工序超时)' }],
      remaining: [],
    });
  });

  it('when a step with onOverdue hold runs over, then the unit is to be held with the detail as reason', () => {
    // Act
    const due = dueDeadlines([OVERDUE_COAT], inProgress('coat'), T0 + 31 * MINUTE);

    // Assert
    const detail = 'step coat has been in progress longer than 30 min (工序超时)';
    expect(due).toEqual({ events: [{ type: 'overdue', step: 'coat', detail }], hold: detail, remaining: [] });
  });

  it.each<[string, UnitState]>([
    ['waiting at the next step', waiting('cure')],
    ['in progress at another step', inProgress('cure')],
    ['finished', { status: 'finished', step: null }],
    ['scrapped', { status: 'scrapped', step: null }],
  ])('when the unit is %s at the overdue time, then no overdue event is drafted', (_case, state) => {
    // Act
    const due = dueDeadlines([OVERDUE_COAT], state, T0 + 31 * MINUTE);

    // Assert
    expect(due.events).toEqual([]);
    expect(due.hold).toBeUndefined();
  });

  it('when a branch is still in progress at its overdue time, then it is overdue even though the unit summary names another step', () => {
    // Arrange
    const state: UnitState = { status: 'in-progress', step: 'clean', branches: [{ step: 'clean', status: 'waiting' }, { step: 'coat', status: 'in-progress' }] };

    // Act
    const due = dueDeadlines([OVERDUE_COAT], state, T0 + 30 * MINUTE);

    // Assert
    expect(due.events.map((e) => `${e.type} ${e.step ?? '-'}`)).toEqual(['overdue coat']);
    expect(due.hold).toBe('step coat has been in progress longer than 30 min (工序超时)');
  });

  it('when the overdue branch has only been waiting, then nothing is drafted', () => {
    // Arrange
    const state: UnitState = { status: 'in-progress', step: 'clean', branches: [{ step: 'clean', status: 'in-progress' }, { step: 'coat', status: 'waiting' }] };

    // Act
    const due = dueDeadlines([OVERDUE_COAT], state, T0 + 30 * MINUTE);

    // Assert
    expect(due.events).toEqual([]);
  });

  it.each<[string, UnitState]>([
    ['waiting at coat', waiting('coat')],
    ['in progress at clean again (rework)', inProgress('clean')],
    ['held', { status: 'held', step: 'coat', holdReason: 'x' }],
  ])('when the unit is %s after the queue time ran out, then queue-time-exceeded is drafted at the target step', (_case, state) => {
    // Act
    const due = dueDeadlines([Q_CURE], state, T0 + 240 * MINUTE);

    // Assert
    expect(due.events).toEqual([{ type: 'queue-time-exceeded', step: 'cure', detail: 'queue time clean → cure exceeded 240 min (Q-time 超时)' }]);
    expect(due.hold).toBeUndefined();
    expect(due.remaining).toEqual([]);
  });

  it.each<[string, UnitState]>([
    ['finished', { status: 'finished', step: null }],
    ['scrapped', { status: 'scrapped', step: null }],
  ])('when the unit is %s, then a queue deadline neither fires nor remains', (_case, state) => {
    // Act
    const due = dueDeadlines([Q_COAT, Q_CURE], state, T0 + 300 * MINUTE);

    // Assert
    expect(due).toEqual({ events: [], remaining: [] });
  });

  it('when a hold queue time runs out while the unit waits, then it is to be held', () => {
    // Act
    const due = dueDeadlines([Q_COAT], waiting('coat'), T0 + 61 * MINUTE);

    // Assert
    expect(due.hold).toBe('queue time clean → coat exceeded 60 min (Q-time 超时)');
  });

  it('when a hold queue time runs out while the unit is already held, then the event is drafted but no second hold', () => {
    // Act
    const due = dueDeadlines([Q_COAT], { status: 'held', step: 'coat', holdReason: 'earlier' }, T0 + 61 * MINUTE);

    // Assert
    expect(due.events.map((e) => e.type)).toEqual(['queue-time-exceeded']);
    expect(due.hold).toBeUndefined();
  });

  it('when a deadline is exactly due, then it fires; a millisecond earlier it remains', () => {
    // Act
    const early = dueDeadlines([Q_COAT], waiting('coat'), Q_COAT.at - 1);
    const exact = dueDeadlines([Q_COAT], waiting('coat'), Q_COAT.at);

    // Assert
    expect(early).toEqual({ events: [], remaining: [Q_COAT] });
    expect(exact.events).toHaveLength(1);
    expect(exact.remaining).toEqual([]);
  });

  it('when some deadlines are due and others ahead, then the due ones fire in order, the first hold gives the reason and the rest remain', () => {
    // Arrange
    const alertQueue = queue('clean', 'pack', T0 + 20 * MINUTE, 20, 'alert');
    const holdQueue = queue('clean', 'coat', T0 + 25 * MINUTE, 25, 'hold');
    const secondHold = queue('clean', 'cure', T0 + 28 * MINUTE, 28, 'hold');
    const later = queue('cure', 'pack', T0 + 90 * MINUTE, 90, 'alert');

    // Act
    const due = dueDeadlines([alertQueue, later, holdQueue, secondHold], waiting('coat'), T0 + 30 * MINUTE);

    // Assert
    expect(due.events.map((e) => e.step)).toEqual(['pack', 'coat', 'cure']);
    expect(due.hold).toBe('queue time clean → coat exceeded 25 min (Q-time 超时)');
    expect(due.remaining).toEqual([later]);
  });

  it('when nothing is due, then there are no events, no hold and every relevant deadline remains', () => {
    // Act
    const due = dueDeadlines([OVERDUE_COAT, Q_CURE], inProgress('coat'), T0);

    // Assert
    expect(due).toEqual({ events: [], remaining: [OVERDUE_COAT, Q_CURE] });
  });

  it('when an overdue deadline concerns a step the unit has left, then it is dropped even before it is due', () => {
    // Act
    const due = dueDeadlines([OVERDUE_CLEAN, Q_CURE], waiting('coat'), T0);

    // Assert
    expect(due).toEqual({ events: [], remaining: [Q_CURE] });
  });

  it('when quality holds a unit in the middle of a step, then the step\'s overdue deadline is kept for after the release', () => {
    // Arrange: coat started at T0 (overdue at T0+30), held at T0+5 while in progress
    const held: UnitState = { status: 'held', step: 'coat', holdReason: 'suspect lacquer', resume: { status: 'in-progress', step: 'coat' } };

    // Act: the workflow asks at T0+6 (another deadline woke it)
    const due = dueDeadlines([OVERDUE_COAT], held, T0 + 6 * MINUTE);

    // Assert
    expect(due.events).toEqual([]);
    expect(due.remaining).toEqual([OVERDUE_COAT]);
  });
});

// ---------------------------------------------------------------------------------------------
// earliest
// ---------------------------------------------------------------------------------------------

describe('earliest', () => {
  it.each<[string, Deadline[], number | undefined]>([
    ['no deadlines', [], undefined],
    ['one deadline', [overdue('a', T0 + 5, 1)], T0 + 5],
    ['the earliest listed last', [queue('a', 'b', T0 + 90, 1), overdue('c', T0 + 30, 1), queue('d', 'e', T0 + 10, 1)], T0 + 10],
    ['the earliest listed first', [queue('a', 'b', T0 + 1, 1), overdue('c', T0 + 30, 1)], T0 + 1],
    ['two at the same time', [overdue('a', T0 + 7, 1), overdue('b', T0 + 7, 1)], T0 + 7],
    ['one already in the past', [overdue('a', T0 + 7, 1), overdue('b', T0 - 7, 1)], T0 - 7],
  ])('when given %s, then the earliest time is returned', (_case, deadlines, expected) => {
    // Act
    const at = earliest(deadlines);

    // Assert
    expect(at).toBe(expected);
  });
});
