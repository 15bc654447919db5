/** The rule designer's condition-tree edits (designer/src/rules/model/tree.ts): pure, table-driven. */
import {
  addMember,
  canAddMember,
  canNestGroup,
  factsUsed,
  leavesOf,
  moveMember,
  pointerOf,
  removeAt,
  setGroupKind,
  unwrapNot,
  wrapInNot,
  type CondNode,
  type TreePath,
} from '../../../designer/src/rules/model/tree';

const rate: CondNode = { fact: 'defectRate', operator: 'greaterThan', value: 2, params: { window: '1h' } };
const units: CondNode = { fact: 'unitsCompleted', operator: 'greaterThanInclusive', value: 50, params: { window: '1h' } };
const down: CondNode = { fact: 'equipmentDownMinutes', operator: 'greaterThan', value: 10, params: { equipment: 'OVEN-01' } };
const tree: CondNode = { all: [rate, { any: [units, { not: down }] }] };

describe('condition tree edits', () => {
  it.each<[string, (t: CondNode) => CondNode, CondNode]>([
    ['a leaf is added to the top group', (t) => addMember(t, [], down), { all: [rate, { any: [units, { not: down }] }, down] }],
    ['a group is added inside a nested group', (t) => addMember(t, ['all', 1], { all: [rate] }), { all: [rate, { any: [units, { not: down }, { all: [rate] }] }] }],
    ['an any group switches to all and keeps its members', (t) => setGroupKind(t, ['all', 1], 'all'), { all: [rate, { all: [units, { not: down }] }] }],
    ['the top group switches to any', (t) => setGroupKind(t, [], 'any'), { any: [rate, { any: [units, { not: down }] }] }],
    ['a leaf is wrapped in not', (t) => wrapInNot(t, ['all', 0]), { all: [{ not: rate }, { any: [units, { not: down }] }] }],
    ['a not is unwrapped', (t) => unwrapNot(t, ['all', 1, 'any', 1]), { all: [rate, { any: [units, down] }] }],
    ['a leaf is removed', (t) => removeAt(t, ['all', 0]), { all: [{ any: [units, { not: down }] }] }],
    ['removing the leaf under a not removes the not', (t) => removeAt(t, ['all', 1, 'any', 1, 'not']), { all: [rate, { any: [units] }] }],
    ['a nested group left empty goes too', (t) => removeAt(removeAt(t, ['all', 1, 'any', 1]), ['all', 1, 'any', 0]), { all: [rate] }],
    ['the top group stays when emptied', (t) => removeAt(removeAt(t, ['all', 1]), ['all', 0]), { all: [] }],
    ['a member moves down', (t) => moveMember(t, ['all', 0], 1), { all: [{ any: [units, { not: down }] }, rate] }],
    ['the first member does not move up', (t) => moveMember(t, ['all', 0], -1), tree],
    ['unwrapping a top-level not over a leaf keeps a group at the top', () => unwrapNot({ not: rate }, []), { all: [rate] }],
  ])('%s', (_name, edit, expected) => {
    const before = JSON.stringify(tree);
    expect(edit(tree)).toEqual(expected);
    expect(JSON.stringify(tree)).toBe(before);
  });

  it('refuses to add a member to a leaf, with a clear error', () => {
    expect(() => addMember(tree, ['all', 0], units)).toThrow('members are added to an "all" or "any" group');
    expect(() => removeAt(tree, [])).toThrow('the top group cannot be removed');
  });

  it.each<[TreePath, string]>([
    [[], '/conditions'],
    [['all', 1, 'any', 1, 'not'], '/conditions/all/1/any/1/not'],
  ])('path %j points at %s', (path, pointer) => expect(pointerOf(path)).toBe(pointer));

  it('lists every leaf with the pointer the validators and the dry-run trace use', () => {
    expect(leavesOf(tree).map((l) => l.pointer)).toEqual(['/conditions/all/0', '/conditions/all/1/any/0', '/conditions/all/1/any/1/not']);
    expect(factsUsed(tree)).toEqual(['defectRate', 'unitsCompleted', 'equipmentDownMinutes']);
  });

  it.each<[TreePath, boolean]>([
    [[], true],
    [['all', 1], true],
    [['all', 1, 'any', 1], true],
    [['all', 1, 'any', 1, 'not'], false],
  ])('a group may be nested below %j: %s (the schema allows 4 levels)', (path, allowed) => expect(canNestGroup(path)).toBe(allowed));

  it('a leaf or a not takes no members', () => {
    expect(canAddMember(tree, [])).toBe(true);
    expect(canAddMember(tree, ['all', 0])).toBe(false);
    expect(canAddMember(tree, ['all', 1, 'any', 1])).toBe(false);
  });
});
