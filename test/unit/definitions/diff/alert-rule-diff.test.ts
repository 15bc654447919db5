/**
 * Diffing two versions of an alert rule: the condition tree (json-rules-engine shape) reports
 * changed leaves with their pointer, and added or removed subtrees whole.
 */
import { diffDefinitions } from '../../../../definitions/diff/diff';
import type { Change } from '../../../../definitions/diff/types';
import { alertRule, edited, example, type AlertRuleFixture, type ConditionFixture } from './fixtures';

const base = alertRule();
const diff = (after: unknown) => diffDefinitions('alert-rule', base, after);

/** The children of a group in the fixture tree (any → all → leaves). */
function children(node: ConditionFixture | undefined): ConditionFixture[] {
  if (node !== undefined && 'all' in node) return node.all;
  if (node !== undefined && 'any' in node) return node.any;
  throw new Error('fixture node is not an all/any group');
}

const withRule = (edit: (r: AlertRuleFixture, top: ConditionFixture[], nested: ConditionFixture[]) => void): AlertRuleFixture =>
  edited(base, (r) => {
    const top = children(r.conditions);
    edit(r, top, children(top[0]));
  });

describe('diffDefinitions(alert-rule) on conditions', () => {
  it('when a threshold value changes in a nested all, then it is one changed condition with its pointer', () => {
    // Arrange
    const after = withRule((_r, _top, nested) => {
      const leaf = nested[1];
      if (leaf !== undefined && 'value' in leaf) leaf.value = 0.08;
    });

    // Act
    const { changes, summary } = diff(after);

    // Assert
    expect(changes).toEqual<Change[]>([
      {
        op: 'changed',
        entity: 'condition',
        id: 'aoiFailRate',
        pointer: '/conditions/any/0/all/1',
        before: { fact: 'aoiFailRate', operator: 'greaterThan', value: 0.05, params: { windowMinutes: 60 } },
        after: { fact: 'aoiFailRate', operator: 'greaterThan', value: 0.08, params: { windowMinutes: 60 } },
        fields: [{ pointer: '/value', before: 0.05, after: 0.08 }],
      },
    ]);
    expect(summary).toEqual({ condition: { added: 0, removed: 0, changed: 1 } });
  });

  it.each<[string, (r: AlertRuleFixture, top: ConditionFixture[], nested: ConditionFixture[]) => void, Array<Partial<Change>>]>([
    [
      'a leaf is added to the nested group',
      (_r, _top, nested) => nested.push({ fact: 'shift', operator: 'equal', value: 'night' }),
      [{ op: 'added', entity: 'condition', id: 'shift', pointer: '/conditions/any/0/all/2' }],
    ],
    [
      'the nested group is removed',
      (_r, top) => top.shift(),
      [{ op: 'removed', entity: 'condition', id: 'all', pointer: '/conditions/any/0' }],
    ],
    [
      "a leaf's params change",
      (_r, _top, nested) => {
        const leaf = nested[1];
        if (leaf !== undefined && 'params' in leaf) leaf.params = { windowMinutes: 30 };
      },
      [{ op: 'changed', entity: 'condition', id: 'aoiFailRate', pointer: '/conditions/any/0/all/1', fields: [{ pointer: '/params/windowMinutes', before: 60, after: 30 }] }],
    ],
    [
      'a leaf is replaced by a leaf on another fact',
      (_r, top) => top.splice(1, 1, { fact: 'reworkCount', operator: 'greaterThan', value: 5 }),
      [
        { op: 'removed', entity: 'condition', id: 'scrapCount', pointer: '/conditions/any/1' },
        { op: 'added', entity: 'condition', id: 'reworkCount', pointer: '/conditions/any/1' },
      ],
    ],
    [
      'the top-level any becomes an all',
      (r, top) => (r.conditions = { all: top }),
      [{ op: 'changed', entity: 'condition', id: 'all', pointer: '/conditions' }],
    ],
  ])('when %s, then exactly those condition changes are reported', (_case, edit, expected) => {
    // Arrange
    const after = withRule(edit);

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes).toMatchObject(expected);
    expect(changes).toHaveLength(expected.length);
  });

  it('when the children of a group are listed in another order, then the versions are identical', () => {
    // Arrange
    const after = withRule((_r, top, nested) => {
      top.reverse();
      nested.reverse();
    });

    // Act
    const result = diff(after);

    // Assert
    expect(result.identical).toBe(true);
    expect(result.changes).toEqual([]);
  });

  it('when the cooldown changes and a leaf changes, then the field comes first as in the document', () => {
    // Arrange
    const after = withRule((r, top) => {
      r.cooldownMinutes = 60;
      const scrap = top[1];
      if (scrap !== undefined && 'operator' in scrap) scrap.operator = 'greaterThanInclusive';
    });

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes.map(({ entity, pointer, fields }) => ({ entity, pointer, fields }))).toEqual([
      { entity: 'field', pointer: '/cooldownMinutes', fields: undefined },
      { entity: 'condition', pointer: '/conditions/any/1', fields: [{ pointer: '/operator', before: 'greaterThan', after: 'greaterThanInclusive' }] },
    ]);
  });
});

describe('diffDefinitions(alert-rule) on a shipped example', () => {
  /** The pointer (below /conditions) and the object of the first leaf of a condition tree. */
  function firstLeaf(node: unknown, pointer = '/conditions'): [string, Record<string, unknown>] | undefined {
    if (node === null || typeof node !== 'object') return undefined;
    const record = node as Record<string, unknown>;
    if (typeof record.fact === 'string') return [pointer, record];
    for (const key of ['all', 'any'] as const) {
      const list = record[key];
      if (Array.isArray(list)) {
        for (const [i, child] of list.entries()) {
          const found = firstLeaf(child, `${pointer}/${key}/${i}`);
          if (found) return found;
        }
      }
    }
    return record.not === undefined ? undefined : firstLeaf(record.not, `${pointer}/not`);
  }

  it('when the threshold of the first leaf of step-yield changes, then it is the only change, at that leaf', () => {
    // Arrange
    const before = example('step-yield.alert-rule.json');
    const [pointer, leaf] = firstLeaf(before.conditions) ?? ['', {}];
    const after = edited(before, (r) => {
      const target = firstLeaf(r.conditions);
      if (target === undefined) throw new Error('the example has no condition leaf');
      target[1].value = 12345;
    });

    // Act
    const { changes } = diffDefinitions('alert-rule', before, after);

    // Assert
    expect(changes).toMatchObject([{ op: 'changed', entity: 'condition', id: leaf.fact, pointer, fields: [{ pointer: '/value', before: leaf.value, after: 12345 }] }]);
    expect(changes).toHaveLength(1);
  });
});
