/**
 * Lots through the routing machine (a quantity that steps can scrap part of) and quality's
 * dispositions — hold, release, scrap, and partial scrap of a lot by quantity.
 */
import type { Routing, RoutingStep } from '../../../definitions/routing/schema';
import { applyDisposition, dispositionRejection, holdState, type Disposition, type DispositionRejectionCode } from '../../../engine/routing/disposition';
import { allowedActions, apply, initialState, rejection, type StepAction, type UnitState } from '../../../engine/routing/machine';
import { complete, start } from '../../support/fixtures';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

function step(id: string, over: Partial<RoutingStep> = {}): RoutingStep {
  return { id, name: `Step ${id}`, kind: 'operation', stationGroup: `g-${id}`, ...over };
}

/** A lot routing: mix → fill → inspect (fail → rework → inspect, at most once) → pack. */
function lotRouting(): Routing {
  return {
    name: 'Filling line',
    mode: 'lot',
    entry: 'mix',
    steps: [step('mix'), step('fill'), step('inspect', { kind: 'inspection' }), step('rework', { kind: 'rework' }), step('pack', { kind: 'packaging' })],
    transitions: [
      { from: 'mix', to: 'fill', on: 'pass' },
      { from: 'fill', to: 'inspect', on: 'pass' },
      { from: 'inspect', to: 'pack', on: 'pass' },
      { from: 'inspect', to: 'rework', on: 'fail', maxLoops: 1, onMaxLoops: 'scrap' },
      { from: 'rework', to: 'inspect', on: 'pass' },
    ],
  };
}

const lot = (status: UnitState['status'], s: string | null, quantity: number, over: Partial<UnitState> = {}): UnitState => ({ status, step: s, quantity, ...over });
const unit = (status: UnitState['status'], s: string | null, over: Partial<UnitState> = {}): UnitState => ({ status, step: s, ...over });

// ---------------------------------------------------------------------------------------------
// The machine with lots
// ---------------------------------------------------------------------------------------------

describe('initialState with a quantity', () => {
  it.each<[string, number | undefined, UnitState]>([
    ['a lot of 500', 500, { status: 'waiting', step: 'mix', quantity: 500 }],
    ['a lot of 1', 1, { status: 'waiting', step: 'mix', quantity: 1 }],
    ['no quantity (a unit)', undefined, { status: 'waiting', step: 'mix' }],
  ])('when %s is released, then it waits at the entry step with that quantity', (_case, quantity, expected) => {
    // Act
    const state = initialState(lotRouting(), quantity);

    // Assert
    expect(state).toEqual(expected);
  });
});

describe('scrapQuantity on complete', () => {
  it('when a step passes and scraps part of the lot, then a partially-scrapped event follows and the rest goes on', () => {
    // Act
    const next = apply(lotRouting(), lot('in-progress', 'fill', 100), complete('fill', 'pass', { scrapQuantity: 3 }));

    // Assert
    expect(next.state).toEqual({ status: 'waiting', step: 'inspect', quantity: 97 });
    expect(next.events).toEqual([
      { type: 'completed', step: 'fill', result: 'pass' },
      { type: 'partially-scrapped', step: 'fill', quantity: 3, detail: '3 scrapped at fill, 97 left' },
    ]);
  });

  it('when a step fails and scraps part of the lot, then the rest follows the fail transition with its loop counted', () => {
    // Act
    const next = apply(lotRouting(), lot('in-progress', 'inspect', 40), complete('inspect', 'fail', { scrapQuantity: 5 }));

    // Assert
    expect(next.state).toEqual({ status: 'waiting', step: 'rework', quantity: 35, loops: { 'inspect->rework:fail': 1 } });
    expect(next.events.map((e) => e.type)).toEqual(['completed', 'partially-scrapped']);
  });

  it('when a lot that scraps part of itself exceeds its rework loop (scrap), then the rest is scrapped too and no good quantity is left', () => {
    // Arrange
    const state = lot('in-progress', 'inspect', 40, { loops: { 'inspect->rework:fail': 1 } });
    const reason = 'the loop inspect → rework was taken more than 1 times';

    // Act
    const next = apply(lotRouting(), state, complete('inspect', 'fail', { scrapQuantity: 5 }));

    // Assert
    expect(next.events.map((e) => e.type)).toEqual(['completed', 'partially-scrapped', 'scrapped']);
    expect(next.events[2]).toEqual({ type: 'scrapped', step: 'inspect', detail: reason });
    expect(next.state).toMatchObject({ status: 'scrapped', step: null, holdReason: reason });
    // quantity is the lot's good quantity: a scrapped lot has none, as after every other whole-lot scrap
    expect(next.state.quantity).toBe(0);
  });

  it('when the last step passes with part of the lot scrapped, then the lot finishes with the good quantity', () => {
    // Act
    const next = apply(lotRouting(), lot('in-progress', 'pack', 10), complete('pack', 'pass', { scrapQuantity: 1 }));

    // Assert
    expect(next.state).toEqual({ status: 'finished', step: null, quantity: 9 });
    expect(next.events.map((e) => e.type)).toEqual(['completed', 'partially-scrapped', 'finished']);
  });

  it.each<[string, number]>([
    ['the whole lot of 10', 10],
    ['a lot of 1', 1],
  ])('when a step scraps %s, then the lot is scrapped with quantity 0', (_case, quantity) => {
    // Act
    const next = apply(lotRouting(), lot('in-progress', 'fill', quantity), complete('fill', 'pass', { scrapQuantity: quantity }));

    // Assert
    const reason = 'the whole lot was scrapped at fill';
    expect(next.state).toEqual({ status: 'scrapped', step: null, holdReason: reason, quantity: 0 });
    expect(next.events).toEqual([
      { type: 'completed', step: 'fill', result: 'pass' },
      { type: 'partially-scrapped', step: 'fill', quantity, detail: `${quantity} scrapped at fill, 0 left` },
      { type: 'scrapped', step: 'fill', detail: reason },
    ]);
    expect(allowedActions(next.state)).toEqual([]);
    expect(rejection(next.state, start('inspect'))?.code).toBe('UNIT_SCRAPPED');
  });

  it('when a step scraps nothing (scrapQuantity 0), then the lot goes on unchanged with no scrap event', () => {
    // Act
    const next = apply(lotRouting(), lot('in-progress', 'fill', 10), complete('fill', 'pass', { scrapQuantity: 0 }));

    // Assert
    expect(next.state).toEqual({ status: 'waiting', step: 'inspect', quantity: 10 });
    expect(next.events).toEqual([{ type: 'completed', step: 'fill', result: 'pass' }]);
  });

  it('when a unit that is not a lot completes with scrapQuantity 0, then it is accepted', () => {
    // Act
    const why = rejection(unit('in-progress', 'fill'), complete('fill', 'pass', { scrapQuantity: 0 }), lotRouting());

    // Assert
    expect(why).toBeUndefined();
  });

  it.each<[string, UnitState, StepAction, string]>([
    ['more than the lot has', lot('in-progress', 'fill', 10), complete('fill', 'pass', { scrapQuantity: 11 }), 'the lot has 10; 11 cannot be scrapped'],
    ['more than a lot reduced earlier has left', lot('in-progress', 'fill', 3), complete('fill', 'fail', { scrapQuantity: 4 }), 'the lot has 3; 4 cannot be scrapped'],
    ['any part of a unit that is not a lot', unit('in-progress', 'fill'), complete('fill', 'pass', { scrapQuantity: 1 }), 'only a lot can scrap part of itself'],
  ])('when a step scraps %s, then QUANTITY_INVALID points at scrapQuantity', (_case, state, action, message) => {
    // Act
    const why = rejection(state, action, lotRouting());

    // Assert
    expect(why).toEqual({ code: 'QUANTITY_INVALID', message, pointer: '/scrapQuantity', allowed: [{ type: 'complete', step: 'fill', stationGroup: 'g-fill' }] });
    expect(() => apply(lotRouting(), state, action)).toThrow(message);
  });

  it('when a lot moves from step to step, then its quantity and loops are carried every time', () => {
    // Arrange
    const routing = lotRouting();
    const acts: StepAction[] = [start('mix'), complete('mix'), start('fill'), complete('fill'), start('inspect'), complete('inspect', 'fail'), start('rework'), complete('rework')];

    // Act
    let state = initialState(routing, 25);
    const seen: Array<number | undefined> = [];
    for (const a of acts) {
      state = apply(routing, state, a).state;
      seen.push(state.quantity);
    }

    // Assert
    expect(seen).toEqual(Array(acts.length).fill(25));
    expect(state).toEqual({ status: 'waiting', step: 'inspect', quantity: 25, loops: { 'inspect->rework:fail': 1 } });
  });

  it('when a lot is started, then the started event carries no quantity and the state keeps it', () => {
    // Act
    const next = apply(lotRouting(), lot('waiting', 'mix', 8), start('mix'));

    // Assert
    expect(next).toEqual({ state: { status: 'in-progress', step: 'mix', quantity: 8 }, events: [{ type: 'started', step: 'mix' }] });
  });
});

// ---------------------------------------------------------------------------------------------
// Dispositions
// ---------------------------------------------------------------------------------------------

describe('dispositionRejection', () => {
  const HELD = unit('held', 'fill', { holdReason: 'contamination' });

  it.each<[string, DispositionRejectionCode, UnitState, Disposition, string]>([
    ['holding a finished unit', 'UNIT_FINISHED', unit('finished', null), { type: 'hold', reason: 'r' }, 'the unit has finished its routing'],
    ['releasing a finished unit', 'UNIT_FINISHED', unit('finished', null), { type: 'release', reason: 'r' }, 'the unit has finished its routing'],
    ['scrapping a scrapped unit', 'UNIT_SCRAPPED', unit('scrapped', null), { type: 'scrap', reason: 'r' }, 'the unit is already scrapped'],
    ['releasing a scrapped unit', 'UNIT_SCRAPPED', unit('scrapped', null), { type: 'release', reason: 'r' }, 'the unit is already scrapped'],
    ['holding a held unit', 'UNIT_HELD', HELD, { type: 'hold', reason: 'again' }, 'the unit is already on hold: contamination'],
    ['releasing a waiting unit', 'UNIT_NOT_HELD', unit('waiting', 'fill'), { type: 'release', reason: 'r' }, 'the unit is not on hold'],
    ['releasing a unit in progress', 'UNIT_NOT_HELD', unit('in-progress', 'fill'), { type: 'release', reason: 'r' }, 'the unit is not on hold'],
    ['holding a lot with a quantity', 'QUANTITY_INVALID', lot('waiting', 'fill', 10), { type: 'hold', reason: 'r', quantity: 2 }, 'a quantity goes with a scrap only'],
    ['releasing a lot with a quantity', 'QUANTITY_INVALID', lot('held', 'fill', 10), { type: 'release', reason: 'r', quantity: 2 }, 'a quantity goes with a scrap only'],
    ['scrapping a quantity of a unit that is not a lot', 'QUANTITY_INVALID', unit('waiting', 'fill'), { type: 'scrap', reason: 'r', quantity: 1 }, 'only a lot can scrap part of itself'],
    ['scrapping more than the lot has', 'QUANTITY_INVALID', lot('waiting', 'fill', 10), { type: 'scrap', reason: 'r', quantity: 11 }, 'the lot has 10; 11 cannot be scrapped'],
  ])('when %s, then it is refused with %s', (_case, code, state, d, message) => {
    // Act
    const why = dispositionRejection(state, d);

    // Assert
    expect(why).toEqual({ code, message });
    expect(() => applyDisposition(state, d)).toThrow(message);
  });

  it.each<[string, number]>([
    ['zero', 0],
    ['a negative quantity', -5],
  ])('when a scrap of a lot names %s, then it is refused with QUANTITY_INVALID', (_case, quantity) => {
    // Act
    const why = dispositionRejection(lot('waiting', 'fill', 10), { type: 'scrap', reason: 'r', quantity });

    // Assert
    expect(why?.code).toBe('QUANTITY_INVALID');
  });

  it.each<[string, UnitState, Disposition]>([
    ['holding a waiting unit', unit('waiting', 'fill'), { type: 'hold', reason: 'r' }],
    ['holding a unit in progress', unit('in-progress', 'fill'), { type: 'hold', reason: 'r' }],
    ['releasing a held unit', HELD, { type: 'release', reason: 'r' }],
    ['scrapping a held unit', HELD, { type: 'scrap', reason: 'r' }],
    ['scrapping all of a lot by quantity', lot('waiting', 'fill', 10), { type: 'scrap', reason: 'r', quantity: 10 }],
    ['scrapping part of a held lot', lot('held', 'fill', 10), { type: 'scrap', reason: 'r', quantity: 3 }],
  ])('when %s, then it is accepted', (_case, state, d) => {
    // Act
    const why = dispositionRejection(state, d);

    // Assert
    expect(why).toBeUndefined();
  });
});

describe('applyDisposition', () => {
  it('when a unit in progress is held and released, then it is in progress at the same step again', () => {
    // Arrange
    const before = unit('in-progress', 'inspect', { loops: { 'inspect->rework:fail': 1 } });

    // Act
    const held = applyDisposition(before, { type: 'hold', reason: 'gauge out of calibration' });
    const released = applyDisposition(held.state, { type: 'release', reason: 'gauge recalibrated' });

    // Assert
    expect(held.state).toEqual({
      status: 'held',
      step: 'inspect',
      holdReason: 'gauge out of calibration',
      loops: { 'inspect->rework:fail': 1 },
      resume: { status: 'in-progress', step: 'inspect' },
    });
    expect(held.events).toEqual([{ type: 'held', step: 'inspect', detail: 'gauge out of calibration' }]);
    expect(released.state).toEqual(before);
    expect(released.events).toEqual([{ type: 'resumed', step: 'inspect', detail: 'gauge recalibrated' }]);
  });

  it('when a held lot is released, then its quantity is kept', () => {
    // Act
    const held = applyDisposition(lot('waiting', 'fill', 30), { type: 'hold', reason: 'r' });
    const released = applyDisposition(held.state, { type: 'release', reason: 'ok' });

    // Assert
    expect(held.state.quantity).toBe(30);
    expect(released.state).toEqual(lot('waiting', 'fill', 30));
  });

  it('when a unit held without a resume position is released, then it waits at its step', () => {
    // Act
    const released = applyDisposition(unit('held', 'fill', { holdReason: 'old hold' }), { type: 'release', reason: 'ok' });

    // Assert
    expect(released.state).toEqual(unit('waiting', 'fill'));
  });

  it('when holdState holds a waiting lot, then it remembers to resume waiting there', () => {
    // Act
    const state = holdState(lot('waiting', 'pack', 4), 'queue time exceeded');

    // Assert
    expect(state).toEqual({ status: 'held', step: 'pack', holdReason: 'queue time exceeded', quantity: 4, resume: { status: 'waiting', step: 'pack' } });
  });

  it.each<[string, UnitState, Disposition, UnitState]>([
    ['a waiting unit', unit('waiting', 'fill', { loops: { 'a->b:fail': 1 } }), { type: 'scrap', reason: 'dropped' }, { status: 'scrapped', step: null, holdReason: 'dropped', loops: { 'a->b:fail': 1 } }],
    ['a held unit', unit('held', 'fill', { holdReason: 'x', resume: { status: 'waiting', step: 'fill' } }), { type: 'scrap', reason: 'dropped' }, { status: 'scrapped', step: null, holdReason: 'dropped' }],
    ['a whole lot without a quantity', lot('waiting', 'fill', 10), { type: 'scrap', reason: 'dropped' }, { status: 'scrapped', step: null, holdReason: 'dropped', quantity: 0 }],
    ['a whole lot by its full quantity', lot('in-progress', 'fill', 10), { type: 'scrap', reason: 'dropped', quantity: 10 }, { status: 'scrapped', step: null, holdReason: 'dropped', quantity: 0 }],
  ])('when %s is scrapped, then it is scrapped with the reason and a scrapped event', (_case, state, d, expected) => {
    // Act
    const next = applyDisposition(state, d);

    // Assert
    expect(next.state).toEqual(expected);
    expect(next.events).toEqual([{ type: 'scrapped', step: 'fill', detail: 'dropped' }]);
    expect(allowedActions(next.state)).toEqual([]);
  });

  it.each<[string, UnitState, number, UnitState]>([
    ['a waiting lot', lot('waiting', 'fill', 10), 3, lot('waiting', 'fill', 7)],
    ['a lot in progress', lot('in-progress', 'fill', 10), 9, lot('in-progress', 'fill', 1)],
    ['a held lot', lot('held', 'fill', 10, { holdReason: 'h', resume: { status: 'waiting', step: 'fill' } }), 4, lot('held', 'fill', 6, { holdReason: 'h', resume: { status: 'waiting', step: 'fill' } })],
  ])('when part of %s is scrapped, then it stays where it was with the rest and a partially-scrapped event', (_case, state, quantity, expected) => {
    // Act
    const next = applyDisposition(state, { type: 'scrap', reason: 'damaged in transport', quantity });

    // Assert
    expect(next.state).toEqual(expected);
    expect(next.events).toEqual([{ type: 'partially-scrapped', step: 'fill', detail: 'damaged in transport', quantity }]);
  });

  it('when a lot is partially scrapped twice, then the quantities add up and it can no longer scrap more than is left', () => {
    // Arrange
    const first = applyDisposition(lot('waiting', 'fill', 10), { type: 'scrap', reason: 'a', quantity: 4 }).state;

    // Act
    const second = applyDisposition(first, { type: 'scrap', reason: 'b', quantity: 5 }).state;
    const why = dispositionRejection(second, { type: 'scrap', reason: 'c', quantity: 2 });

    // Assert
    expect(second.quantity).toBe(1);
    expect(why).toEqual({ code: 'QUANTITY_INVALID', message: 'the lot has 1; 2 cannot be scrapped' });
  });
});
