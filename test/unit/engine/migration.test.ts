/**
 * Moving an in-flight unit to another version of its routing (with a step mapping), and
 * splitting part of a lot off into a new lot at the same position.
 */
import type { Routing } from '../../../definitions/routing/schema';
import { allowedActions, apply, type UnitState } from '../../../engine/routing/machine';
import { applyMigration, applySplit, migrationRejection, splitRejection, type MigrationRejection, type SplitRejection } from '../../../engine/routing/migration';
import { complete, exampleRouting, SMT_MODEL, start } from '../../support/fixtures';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const V1 = 3;
const V2 = 4;

/** Version 4 of the SMT routing: AOI is replaced by a 3D AOI step "aoi3d"; every other step stays. */
function smtV2(): Routing {
  const r = exampleRouting();
  const rename = (id: string): string => (id === 'aoi' ? 'aoi3d' : id);
  return {
    ...r,
    steps: r.steps.map((s) => (s.id === 'aoi' ? { ...s, id: 'aoi3d', name: '3D AOI', stationGroup: 'smt-aoi3d' } : s)),
    transitions: r.transitions.map((t) => ({ ...t, from: rename(t.from), to: rename(t.to) })),
  };
}

const target = (stepMapping: Record<string, string> = {}, routing: Routing = smtV2()): { routingVersion: number; routing: Routing; stepMapping: Record<string, string> } => ({
  routingVersion: V2,
  routing,
  stepMapping,
});

const STEPS_V2 = 'print, spi, mount, reflow, aoi3d, repair, ict, pack';

// ---------------------------------------------------------------------------------------------
// migrationRejection
// ---------------------------------------------------------------------------------------------

describe('migrationRejection', () => {
  it.each<[string, MigrationRejection['code'], UnitState, number, Record<string, string>, Omit<MigrationRejection, 'code'>]>([
    ['the unit has finished', 'UNIT_FINISHED', { status: 'finished', step: null }, V1, {}, { message: 'the unit has finished its routing' }],
    ['the unit is scrapped', 'UNIT_SCRAPPED', { status: 'scrapped', step: null, holdReason: 'x' }, V1, {}, { message: 'the unit is scrapped' }],
    ['the unit already runs the target version', 'SAME_VERSION', { status: 'waiting', step: 'aoi' }, V2, { aoi: 'aoi3d' }, { message: 'the unit already runs version 4' }],
    ['a finished unit is moved to its own version (finished is reported first)', 'UNIT_FINISHED', { status: 'finished', step: null }, V2, {}, { message: 'the unit has finished its routing' }],
    [
      'the unit waits at a step the new version lacks and no mapping is given',
      'STEP_UNMAPPED',
      { status: 'waiting', step: 'aoi' },
      V1,
      {},
      { pointer: '/stepMapping/aoi', message: `the unit is at step aoi; version 4 has no step aoi: map it to one of ${STEPS_V2}` },
    ],
    [
      'the mapping names a step the new version does not have',
      'STEP_UNMAPPED',
      { status: 'in-progress', step: 'aoi' },
      V1,
      { aoi: 'aoi-3d' },
      { pointer: '/stepMapping/aoi', message: `the unit is at step aoi; version 4 has no step aoi-3d: map it to one of ${STEPS_V2}` },
    ],
    [
      'a held unit is at the removed step',
      'STEP_UNMAPPED',
      { status: 'held', step: 'aoi', holdReason: 'loop', resume: { status: 'waiting', step: 'aoi' } },
      V1,
      { reflow: 'reflow' },
      { pointer: '/stepMapping/aoi', message: `the unit is at step aoi; version 4 has no step aoi: map it to one of ${STEPS_V2}` },
    ],
  ])('when %s, then it is refused with %s', (_case, code, state, fromVersion, mapping, rest) => {
    // Act
    const why = migrationRejection(state, fromVersion, target(mapping));

    // Assert
    expect(why).toEqual({ code, ...rest });
  });

  it.each<[string, UnitState, Record<string, string>]>([
    ['the unit waits at a step both versions have', { status: 'waiting', step: 'reflow' }, {}],
    ['the unit is in a step both versions have', { status: 'in-progress', step: 'ict' }, {}],
    ['the removed step is mapped to its replacement', { status: 'waiting', step: 'aoi' }, { aoi: 'aoi3d' }],
    ['a kept step is mapped to another existing step', { status: 'waiting', step: 'reflow' }, { reflow: 'aoi3d' }],
    ['the unit is held at a kept step', { status: 'held', step: 'repair', holdReason: 'x', resume: { status: 'waiting', step: 'repair' } }, {}],
    ['mappings of steps the unit is not at name missing steps', { status: 'waiting', step: 'pack' }, { print: 'nowhere' }],
  ])('when %s, then the migration is accepted', (_case, state, mapping) => {
    // Act
    const why = migrationRejection(state, V1, target(mapping));

    // Assert
    expect(why).toBeUndefined();
  });

  describe('with branches', () => {
    /** Version 2 of a split routing in which branch step "coat" became "spray". */
    const v2: Routing = {
      name: 'Split v2',
      entry: 'prep',
      steps: [
        { id: 'prep', name: 'Prep', kind: 'operation', stationGroup: 'g', split: true },
        { id: 'solder', name: 'Solder', kind: 'operation', stationGroup: 'g' },
        { id: 'spray', name: 'Spray', kind: 'operation', stationGroup: 'g' },
        { id: 'final', name: 'Final', kind: 'test', stationGroup: 'g', join: true },
      ],
      transitions: [
        { from: 'prep', to: 'solder', on: 'pass' },
        { from: 'prep', to: 'spray', on: 'pass' },
        { from: 'solder', to: 'final', on: 'pass' },
        { from: 'spray', to: 'final', on: 'pass' },
      ],
    };
    const inBranches: UnitState = {
      status: 'in-progress',
      step: 'solder',
      branches: [
        { step: 'solder', status: 'in-progress' },
        { step: 'coat', status: 'waiting' },
      ],
    };

    it('when a branch is at a removed step, then STEP_UNMAPPED points at that branch\'s step', () => {
      // Act
      const why = migrationRejection(inBranches, 1, { routingVersion: 2, routing: v2, stepMapping: {} });

      // Assert
      expect(why).toEqual({ code: 'STEP_UNMAPPED', pointer: '/stepMapping/coat', message: 'the unit is at step coat; version 2 has no step coat: map it to one of prep, solder, spray, final' });
    });

    it('when the removed branch step is mapped, then the migration is accepted', () => {
      // Act
      const why = migrationRejection(inBranches, 1, { routingVersion: 2, routing: v2, stepMapping: { coat: 'spray' } });

      // Assert
      expect(why).toBeUndefined();
    });

    it('when the branch at the removed step has already ended (done), then it needs no mapping', () => {
      // Arrange
      const state: UnitState = { status: 'waiting', step: 'solder', branches: [{ step: 'solder', status: 'waiting' }, { step: 'coat', status: 'done' }] };

      // Act
      const why = migrationRejection(state, 1, { routingVersion: 2, routing: v2, stepMapping: {} });

      // Assert
      expect(why).toBeUndefined();
    });

    it('when a unit held inside branches is at a removed step, then its resume branches are checked', () => {
      // Arrange
      const state: UnitState = {
        status: 'held',
        step: 'solder',
        holdReason: 'x',
        resume: { status: 'in-progress', step: 'solder', branches: inBranches.branches },
      };

      // Act
      const why = migrationRejection(state, 1, { routingVersion: 2, routing: v2, stepMapping: {} });

      // Assert
      expect(why?.code).toBe('STEP_UNMAPPED');
      expect(why?.pointer).toBe('/stepMapping/coat');
    });
  });

  it('when the unmapped step id holds "/" or "~", then the JSON pointer escapes them', () => {
    // Act
    const why = migrationRejection({ status: 'waiting', step: 'a/b~c' }, V1, target());

    // Assert
    expect(why?.pointer).toBe('/stepMapping/a~1b~0c');
  });
});

// ---------------------------------------------------------------------------------------------
// applyMigration
// ---------------------------------------------------------------------------------------------

describe('applyMigration', () => {
  it('when a unit waiting at the removed AOI is moved to its replacement, then it waits there and the event names versions and the move', () => {
    // Arrange
    const state: UnitState = { status: 'waiting', step: 'aoi', loops: { 'aoi->repair:fail': 2 } };

    // Act
    const next = applyMigration(state, V1, { routingVersion: V2, stepMapping: { aoi: 'aoi3d' }, reason: 'ECN-042: 3D AOI' });

    // Assert
    expect(next.state).toEqual({ status: 'waiting', step: 'aoi3d' });
    expect(next.events).toEqual([{ type: 'migrated', step: 'aoi3d', detail: 'routing version 3 → 4 (aoi → aoi3d): ECN-042: 3D AOI' }]);
  });

  it('when the unit is at a step that is not mapped, then it stays there and the detail names the step alone', () => {
    // Arrange
    const state: UnitState = { status: 'in-progress', step: 'reflow', quantity: 40 };

    // Act
    const next = applyMigration(state, V1, { routingVersion: V2, stepMapping: { aoi: 'aoi3d' }, reason: 'new profile' });

    // Assert
    expect(next.state).toEqual({ status: 'in-progress', step: 'reflow', quantity: 40 });
    expect(next.events).toEqual([{ type: 'migrated', step: 'reflow', detail: 'routing version 3 → 4 (reflow): new profile' }]);
  });

  it('when a held unit is migrated, then its step and resume position move and it stays held for the same reason', () => {
    // Arrange
    const state: UnitState = {
      status: 'held',
      step: 'aoi',
      holdReason: 'the loop aoi → repair was taken more than 3 times',
      loops: { 'aoi->repair:fail': 4 },
      resume: { status: 'waiting', step: 'aoi', clearLoop: 'aoi->repair:fail' },
    };

    // Act
    const next = applyMigration(state, V1, { routingVersion: V2, stepMapping: { aoi: 'aoi3d' }, reason: 'r' });

    // Assert
    expect(next.state).toEqual({
      status: 'held',
      step: 'aoi3d',
      holdReason: 'the loop aoi → repair was taken more than 3 times',
      resume: { status: 'waiting', step: 'aoi3d', clearLoop: 'aoi->repair:fail' },
    });
    expect(next.events[0]?.step).toBe('aoi3d');
  });

  it('when a unit in branches is migrated, then every branch is mapped and the detail lists each open position', () => {
    // Arrange
    const state: UnitState = {
      status: 'in-progress',
      step: 'solder',
      branches: [
        { step: 'solder', status: 'in-progress' },
        { step: 'coat', status: 'waiting' },
        { step: 'label', status: 'done' },
      ],
    };

    // Act
    const next = applyMigration(state, 1, { routingVersion: 2, stepMapping: { coat: 'spray' }, reason: 'spray coating' });

    // Assert
    expect(next.state.branches).toEqual([
      { step: 'solder', status: 'in-progress' },
      { step: 'spray', status: 'waiting' },
      { step: 'label', status: 'done' },
    ]);
    expect(next.state.step).toBe('solder');
    expect(next.events[0]?.detail).toBe('routing version 1 → 2 (solder, coat → spray): spray coating');
  });

  it('when a unit held inside branches is migrated, then the resume branches are mapped as well', () => {
    // Arrange
    const branches: UnitState['branches'] = [
      { step: 'solder', status: 'waiting' },
      { step: 'coat', status: 'in-progress' },
    ];
    const state: UnitState = { status: 'held', step: 'coat', holdReason: 'x', branches, resume: { status: 'in-progress', step: 'coat', branches } };

    // Act
    const next = applyMigration(state, 1, { routingVersion: 2, stepMapping: { coat: 'spray' }, reason: 'r' });

    // Assert
    const mapped = [
      { step: 'solder', status: 'waiting' },
      { step: 'spray', status: 'in-progress' },
    ];
    expect(next.state).toEqual({ status: 'held', step: 'spray', holdReason: 'x', branches: mapped, resume: { status: 'in-progress', step: 'spray', branches: mapped } });
  });

  it('when a unit is migrated, then the input state is not changed', () => {
    // Arrange
    const state: UnitState = Object.freeze({ status: 'waiting', step: 'aoi', loops: Object.freeze({ 'aoi->repair:fail': 1 }) });

    // Act
    applyMigration(state, V1, { routingVersion: V2, stepMapping: { aoi: 'aoi3d' }, reason: 'r' });

    // Assert
    expect(state).toEqual({ status: 'waiting', step: 'aoi', loops: { 'aoi->repair:fail': 1 } });
  });

  it('when the migrated unit goes on, then it runs the new version\'s step at its station group', () => {
    // Arrange
    const v2 = smtV2();
    const migrated = applyMigration({ status: 'waiting', step: 'aoi' }, V1, { routingVersion: V2, stepMapping: { aoi: 'aoi3d' }, reason: 'r' }).state;

    // Act
    const started = apply(v2, migrated, start('aoi3d'), { productModel: SMT_MODEL }).state;
    const passed = apply(v2, started, complete('aoi3d', 'pass'), { productModel: SMT_MODEL }).state;

    // Assert
    expect(allowedActions(migrated, v2)).toEqual([{ type: 'start', step: 'aoi3d', stationGroup: 'smt-aoi3d' }]);
    expect(passed).toEqual({ status: 'waiting', step: 'ict' });
  });
});

// ---------------------------------------------------------------------------------------------
// splitRejection / applySplit
// ---------------------------------------------------------------------------------------------

describe('splitRejection', () => {
  const lot = (status: UnitState['status'], quantity: number, s: string | null = 'fill'): UnitState => ({ status, step: s, quantity });

  it.each<[string, SplitRejection['code'], UnitState, number, string]>([
    ['a unit that is not a lot', 'NOT_A_LOT', { status: 'waiting', step: 'fill' }, 1, 'only a lot can be split'],
    ['a finished lot', 'UNIT_FINISHED', lot('finished', 10, null), 2, 'the lot has finished its routing'],
    ['a scrapped lot', 'UNIT_SCRAPPED', lot('scrapped', 0, null), 2, 'the lot is scrapped'],
    ['a lot in the middle of a step', 'LOT_IN_PROGRESS', lot('in-progress', 10), 2, 'a lot is split between steps, not during one: complete the step first'],
    ['nothing off a lot of 10', 'QUANTITY_INVALID', lot('waiting', 10), 0, "split off between 1 and 9 of the lot's 10"],
    ['the whole lot of 10', 'QUANTITY_INVALID', lot('waiting', 10), 10, "split off between 1 and 9 of the lot's 10"],
    ['more than the lot of 10', 'QUANTITY_INVALID', lot('waiting', 10), 11, "split off between 1 and 9 of the lot's 10"],
    ['a negative quantity', 'QUANTITY_INVALID', lot('waiting', 10), -1, "split off between 1 and 9 of the lot's 10"],
    ['anything off a lot of 1', 'QUANTITY_INVALID', lot('waiting', 1), 1, "split off between 1 and 0 of the lot's 1"],
  ])('when splitting %s, then it is refused with %s', (_case, code, state, quantity, message) => {
    // Act
    const why = splitRejection(state, quantity);

    // Assert
    expect(why).toEqual({ code, message });
  });

  it.each<[string, UnitState, number]>([
    ['1 off a waiting lot of 10', lot('waiting', 10), 1],
    ['9 off a waiting lot of 10', lot('waiting', 10), 9],
    ['1 off a lot of 2', lot('waiting', 2), 1],
    ['half of a held lot', { status: 'held', step: 'fill', quantity: 10, holdReason: 'x' }, 5],
  ])('when splitting %s, then it is accepted', (_case, state, quantity) => {
    // Act
    const why = splitRejection(state, quantity);

    // Assert
    expect(why).toBeUndefined();
  });
});

describe('applySplit', () => {
  it('when 4 are split off a waiting lot of 10, then the parent keeps 6 and the child waits at the same step with 4', () => {
    // Arrange
    const state: UnitState = { status: 'waiting', step: 'fill', quantity: 10, loops: { 'inspect->rework:fail': 1 } };

    // Act
    const split = applySplit(state, { quantity: 4, newLot: 'LOT-0002', reason: 'second filler' });

    // Assert
    expect(split.state).toEqual({ status: 'waiting', step: 'fill', quantity: 6, loops: { 'inspect->rework:fail': 1 } });
    expect(split.child).toEqual({ status: 'waiting', step: 'fill', quantity: 4, loops: { 'inspect->rework:fail': 1 } });
    expect(split.events).toEqual([{ type: 'split', step: 'fill', quantity: 4, detail: '4 split off into lot LOT-0002, 6 left: second filler' }]);
  });

  it('when part of a held lot is split off, then both lots stay held for the same reason and resume at the same place', () => {
    // Arrange
    const state: UnitState = { status: 'held', step: 'fill', quantity: 10, holdReason: 'contamination', resume: { status: 'waiting', step: 'fill' } };

    // Act
    const split = applySplit(state, { quantity: 3, newLot: 'LOT-0003', reason: 'quarantine sample' });

    // Assert
    expect(split.state).toEqual({ ...state, quantity: 7 });
    expect(split.child).toEqual({ ...state, quantity: 3 });
  });

  it('when a waiting lot carries a stale hold reason, then the child starts without it', () => {
    // Arrange
    const state: UnitState = { status: 'waiting', step: 'fill', quantity: 10, holdReason: 'old', resume: { status: 'waiting', step: 'fill' } };

    // Act
    const split = applySplit(state, { quantity: 2, newLot: 'LOT-0004', reason: 'r' });

    // Assert
    expect(split.child).toEqual({ status: 'waiting', step: 'fill', quantity: 2 });
  });

  it('when a lot inside branches is split, then the child has the same branches', () => {
    // Arrange
    const branches: UnitState['branches'] = [
      { step: 'solder', status: 'waiting' },
      { step: 'final', status: 'arrived' },
    ];
    const state: UnitState = { status: 'waiting', step: 'solder', quantity: 8, branches };

    // Act
    const split = applySplit(state, { quantity: 5, newLot: 'LOT-0005', reason: 'r' });

    // Assert
    expect(split.child).toEqual({ status: 'waiting', step: 'solder', quantity: 5, branches });
    expect(split.state).toEqual({ ...state, quantity: 3 });
  });

  it('when the split-off lot goes on, then it runs the routing from the same step on its own quantity', () => {
    // Arrange
    const routing: Routing = {
      name: 'Fill',
      mode: 'lot',
      steps: [
        { id: 'fill', name: 'Fill', kind: 'operation', stationGroup: 'filler' },
        { id: 'pack', name: 'Pack', kind: 'packaging', stationGroup: 'pack' },
      ],
      transitions: [{ from: 'fill', to: 'pack', on: 'pass' }],
    };
    const { child, state } = applySplit({ status: 'waiting', step: 'fill', quantity: 10 }, { quantity: 4, newLot: 'LOT-9', reason: 'r' });

    // Act
    let c = apply(routing, child, start('fill')).state;
    c = apply(routing, c, complete('fill', 'pass', { scrapQuantity: 1 })).state;

    // Assert
    expect(c).toEqual({ status: 'waiting', step: 'pack', quantity: 3 });
    expect(state.quantity).toBe(6);
  });
});
