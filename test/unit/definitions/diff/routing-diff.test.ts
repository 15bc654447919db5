/**
 * Diffing two versions of a routing, as the designer shows them: steps, transitions and
 * queue-time limits matched by identity, measurements as their own entities, defect code lists as sets.
 */
import { diffDefinitions } from '../../../../definitions/diff/diff';
import type { Change } from '../../../../definitions/diff/types';
import { at, edited, example, minimalRouting, reversedKeys, type RoutingFixture } from './fixtures';

const base = minimalRouting();
const diff = (after: unknown, before: unknown = base) => diffDefinitions('routing', before, after);
const withRouting = (edit: (r: RoutingFixture) => void): RoutingFixture => edited(base, edit);

describe('diffDefinitions(routing) finds nothing when nothing changed', () => {
  const noEntry = withRouting((r) => delete r.entry);
  const twoLimits = withRouting((r) => r.queueTimeLimits?.push({ from: 'repair', to: 'aoi', maxMinutes: 60 }));

  it.each<[string, unknown, unknown]>([
    ['the versions are equal', base, minimalRouting()],
    ['only the key order differs, at every depth', base, reversedKeys(base)],
    ['a step moved in the list while the entry is named', base, withRouting((r) => r.steps.reverse())],
    [
      'the steps are listed in another order and no entry is named (the entry is the step no transition leads to)',
      noEntry,
      edited(noEntry, (r) => r.steps.reverse()),
    ],
    ['the transitions are listed in another order', base, withRouting((r) => r.transitions.reverse())],
    ['the queue-time limits are listed in another order', twoLimits, edited(twoLimits, (r) => r.queueTimeLimits?.reverse())],
  ])('when %s, then the diff is identical with no changes', (_case, before, after) => {
    // Arrange: the versions above. Act
    const result = diff(after, before);

    // Assert
    expect(result).toEqual({ kind: 'routing', identical: true, changes: [], summary: {} });
  });
});

describe('diffDefinitions(routing) on steps', () => {
  it('when a step is added, then it is one added step with its pointer in the new version', () => {
    // Arrange
    const inspect = { id: 'spi', name: 'Paste inspection', kind: 'inspection' as const, stationGroup: 'smt-spi' };
    const after = withRouting((r) => r.steps.splice(1, 0, inspect));

    // Act
    const result = diff(after);

    // Assert
    expect(result.changes).toEqual<Change[]>([{ op: 'added', entity: 'step', id: 'spi', pointer: '/steps/1', after: inspect }]);
    expect(result.summary).toEqual({ step: { added: 1, removed: 0, changed: 0 } });
    expect(result.identical).toBe(false);
  });

  it('when a step is removed, then it is one removed step with its pointer in the old version', () => {
    // Arrange
    const after = withRouting((r) => r.steps.splice(2, 1));

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes).toEqual<Change[]>([{ op: 'removed', entity: 'step', id: 'repair', pointer: '/steps/2', before: at(base.steps, 2) }]);
  });

  it('when a step is renamed, then it is one changed step with the name as a field change', () => {
    // Arrange
    const after = withRouting((r) => (at(r.steps, 3).name = 'Pack and label'));

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes).toEqual<Change[]>([
      {
        op: 'changed',
        entity: 'step',
        id: 'pack',
        pointer: '/steps/3',
        before: at(base.steps, 3),
        after: at(after.steps, 3),
        fields: [{ pointer: '/name', before: 'Pack', after: 'Pack and label' }],
      },
    ]);
  });

  it('when a step changed and moved, then its pointer is where it is in the new version', () => {
    // Arrange
    const after = withRouting((r) => {
      at(r.steps, 3).stationGroup = 'pack-2';
      r.steps.unshift(r.steps.splice(3, 1)[0] ?? at(r.steps, 0));
    });

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes.map(({ entity, id, pointer, fields }) => ({ entity, id, pointer, fields }))).toEqual([
      { entity: 'step', id: 'pack', pointer: '/steps/0', fields: [{ pointer: '/stationGroup', before: 'pack', after: 'pack-2' }] },
    ]);
  });

  it('when the routing names no entry and a step is put before its source, then the entry in effect changed too', () => {
    // Arrange: without entry, the entry is the one step no transition leads to.
    const load = { id: 'load', name: 'Load magazine', kind: 'operation' as const, stationGroup: 'smt-loader' };
    const before = withRouting((r) => delete r.entry);
    const after = edited(before, (r) => {
      r.steps.push(load);
      r.transitions.push({ from: 'load', to: 'print', on: 'pass' });
    });

    // Act
    const { changes } = diff(after, before);

    // Assert
    expect(changes.map(({ op, entity, id, pointer, before: was, after: is }) => ({ op, entity, id, pointer, was, is }))).toEqual([
      { op: 'changed', entity: 'entry', id: 'load', pointer: '/steps/4', was: 'print', is: 'load' },
      { op: 'added', entity: 'step', id: 'load', pointer: '/steps/4', was: undefined, is: load },
      { op: 'added', entity: 'transition', id: 'load→print on pass', pointer: '/transitions/4', was: undefined, is: { from: 'load', to: 'print', on: 'pass' } },
    ]);
  });

  it('when the named entry is dropped but the entry in effect stays the same, then only the field is removed', () => {
    // Arrange
    const after = withRouting((r) => delete r.entry);

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes).toEqual<Change[]>([{ op: 'removed', entity: 'field', id: 'entry', pointer: '/entry', before: 'print' }]);
  });
});

describe('diffDefinitions(routing) on transitions', () => {
  const loop = { from: 'aoi', to: 'repair', on: 'fail' as const, defectCodes: ['BRIDGE'], maxLoops: 3 };

  it.each<[string, (r: RoutingFixture) => void, Change]>([
    [
      'a transition is added',
      (r) => r.transitions.push({ from: 'repair', to: 'pack', on: 'fail' }),
      { op: 'added', entity: 'transition', id: 'repair→pack on fail', pointer: '/transitions/4', after: { from: 'repair', to: 'pack', on: 'fail' } },
    ],
    [
      'a transition is removed',
      (r) => r.transitions.splice(2, 1),
      { op: 'removed', entity: 'transition', id: 'aoi→repair on fail', pointer: '/transitions/2', before: loop },
    ],
    [
      "a transition's maxLoops changes",
      (r) => (at(r.transitions, 2).maxLoops = 2),
      {
        op: 'changed',
        entity: 'transition',
        id: 'aoi→repair on fail',
        pointer: '/transitions/2',
        before: loop,
        after: { ...loop, maxLoops: 2 },
        fields: [{ pointer: '/maxLoops', before: 3, after: 2 }],
      },
    ],
    [
      "a defect code is added to a transition's list",
      (r) => at(r.transitions, 2).defectCodes?.push('TOMBSTONE'),
      {
        op: 'changed',
        entity: 'transition',
        id: 'aoi→repair on fail',
        pointer: '/transitions/2',
        before: loop,
        after: { ...loop, defectCodes: ['BRIDGE', 'TOMBSTONE'] },
        fields: [{ pointer: '/defectCodes/1', after: 'TOMBSTONE' }],
      },
    ],
  ])('when %s, then the diff holds exactly that transition change', (_case, edit, expected) => {
    // Arrange
    const after = withRouting(edit);

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes).toEqual([expected]);
  });

  it('when a queue-time limit is tightened, then it is one changed queue-time limit', () => {
    // Arrange
    const after = withRouting((r) => (at(r.queueTimeLimits, 0).maxMinutes = 90));

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes.map(({ op, entity, id, pointer, fields }) => ({ op, entity, id, pointer, fields }))).toEqual([
      { op: 'changed', entity: 'queue-time-limit', id: 'print→aoi', pointer: '/queueTimeLimits/0', fields: [{ pointer: '/maxMinutes', before: 120, after: 90 }] },
    ]);
  });
});

describe('diffDefinitions(routing) on plain fields and order', () => {
  it.each<[string, (r: RoutingFixture) => void, Change]>([
    ['the name changes', (r) => (r.name = 'Mini SMT v2'), { op: 'changed', entity: 'field', id: 'name', pointer: '/name', before: 'Mini SMT', after: 'Mini SMT v2' }],
    ['the description is removed', (r) => delete r.description, { op: 'removed', entity: 'field', id: 'description', pointer: '/description', before: 'Print, inspect, repair, pack.' }],
  ])('when %s, then it is one field change', (_case, edit, expected) => {
    // Arrange
    const after = withRouting(edit);

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes).toEqual([expected]);
  });

  it('when several collections change, then changes follow the document, the same on every run', () => {
    // Arrange
    const after = withRouting((r) => {
      r.transitions.push({ from: 'print', to: 'repair', on: 'fail' });
      at(r.steps, 2).name = 'Rework';
      r.name = 'Renamed';
    });

    // Act
    const first = diff(after);
    const second = diff(structuredClone(after));

    // Assert
    expect(first.changes.map((c) => `${c.entity}:${c.op}:${c.pointer}`)).toEqual([
      'field:changed:/name',
      'step:changed:/steps/2',
      'transition:added:/transitions/4',
    ]);
    expect(second).toEqual(first);
  });
});

describe('diffDefinitions(routing) on the shipped SMT example', () => {
  it('when the example is diffed against a modified copy of itself, then exactly the modifications are reported', () => {
    // Arrange
    const before = example('smt-mainboard.routing.json');
    let oldName: unknown;
    const after = edited(before, (r) => {
      const steps = r.steps as Array<Record<string, unknown>>;
      const aoi = steps.find((s) => s.id === 'aoi');
      if (aoi === undefined) throw new Error('the SMT example has no aoi step');
      oldName = aoi.name;
      aoi.name = 'AOI (3D)';
      steps.push({ id: 'xray', name: 'X-ray inspection', kind: 'inspection', stationGroup: 'smt-xray' });
      (r.transitions as unknown[]).reverse();
    });

    // Act
    const result = diffDefinitions('routing', before, after);

    // Assert
    expect(result.changes.map(({ op, entity, id, fields }) => ({ op, entity, id, fields }))).toEqual([
      { op: 'changed', entity: 'step', id: 'aoi', fields: [{ pointer: '/name', before: oldName, after: 'AOI (3D)' }] },
      { op: 'added', entity: 'step', id: 'xray', fields: undefined },
    ]);
    expect(diffDefinitions('routing', before, structuredClone(before)).identical).toBe(true);
  });
});
