/**
 * Diffing two versions of an escalation policy: levels are ordered, matched by position with an
 * LCS over their contents, so an insertion is one added level and nothing else.
 */
import { diffDefinitions } from '../../../../definitions/diff/diff';
import type { Change } from '../../../../definitions/diff/types';
import { at, edited, escalationPolicy, example, level, type EscalationPolicyFixture } from './fixtures';

const base = escalationPolicy();
const diff = (after: unknown) => diffDefinitions('escalation-policy', base, after);
const withPolicy = (edit: (p: EscalationPolicyFixture) => void): EscalationPolicyFixture => edited(base, edit);
const quality = level('Quality manager', 5, 'quality-manager', 'email');

describe('diffDefinitions(escalation-policy) on levels', () => {
  it('when a level is inserted in the middle, then it is one added level and no later level changed', () => {
    // Arrange
    const after = withPolicy((p) => p.levels.splice(1, 0, quality));

    // Act
    const { changes, summary } = diff(after);

    // Assert
    expect(changes).toEqual<Change[]>([{ op: 'added', entity: 'level', id: '2', pointer: '/levels/1', after: quality }]);
    expect(summary).toEqual({ level: { added: 1, removed: 0, changed: 0 } });
  });

  it('when a level is inserted and the next one is changed, then one added and one changed level are reported', () => {
    // Arrange
    const after = withPolicy((p) => {
      at(p.levels, 1).delayMinutes = 20;
      p.levels.splice(1, 0, quality);
    });

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes.map(({ op, id, pointer, fields }) => ({ op, id, pointer, fields }))).toEqual([
      { op: 'added', id: '2', pointer: '/levels/1', fields: undefined },
      { op: 'changed', id: '3', pointer: '/levels/2', fields: [{ pointer: '/delayMinutes', before: 15, after: 20 }] },
    ]);
  });

  it.each<[string, (p: EscalationPolicyFixture) => void, Array<Partial<Change>>]>([
    ['the last level is removed', (p) => p.levels.pop(), [{ op: 'removed', entity: 'level', id: '3', pointer: '/levels/2' }]],
    [
      'a recipient is added to a level',
      (p) => at(p.levels, 0).recipients.push({ user: 'u-wang-li' }),
      [{ op: 'changed', entity: 'level', id: '1', pointer: '/levels/0', fields: [{ pointer: '/recipients/1', after: { user: 'u-wang-li' } }] }],
    ],
    [
      'the acknowledgement behaviour changes',
      (p) => (p.onAcknowledge = 'pause'),
      [{ op: 'changed', entity: 'field', id: 'onAcknowledge', pointer: '/onAcknowledge', before: 'stop', after: 'pause' }],
    ],
    [
      'the last two levels swap places (the order is meaningful: a move is removed + added)',
      (p) => p.levels.push(...p.levels.splice(1, 1)),
      [
        { op: 'removed', entity: 'level', id: '2', pointer: '/levels/1', before: at(base.levels, 1) },
        { op: 'added', entity: 'level', id: '3', pointer: '/levels/2', after: at(base.levels, 1) },
      ],
    ],
  ])('when %s, then the diff reports exactly that', (_case, edit, expected) => {
    // Arrange
    const after = withPolicy(edit);

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes).toMatchObject(expected);
    expect(changes).toHaveLength(expected.length);
  });
});

describe('diffDefinitions(escalation-policy) on a shipped example', () => {
  it('when a level is inserted after the first level of quality-default, then it is the only change', () => {
    // Arrange
    const before = example('quality-default.escalation-policy.json');
    const after = edited(before, (p) => (p.levels as unknown[]).splice(1, 0, quality));

    // Act
    const { changes } = diffDefinitions('escalation-policy', before, after);

    // Assert
    expect(changes).toEqual<Change[]>([{ op: 'added', entity: 'level', id: '2', pointer: '/levels/1', after: quality }]);
  });
});
