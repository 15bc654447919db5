/**
 * What holds for any JSON, whatever the kind: escaped pointers, fields nobody declared a rule
 * for, and values that are not objects at all.
 */
import { diffDefinitions } from '../../../../definitions/diff/diff';
import type { Change } from '../../../../definitions/diff/types';
import { edited, minimalRouting } from './fixtures';

describe('diffDefinitions on any JSON', () => {
  it('when a key holds "/" and "~", then the pointer escapes them as RFC 6901 says', () => {
    // Arrange
    const before = { name: 'x', 'limits/a~b': { 'm~n': 1 } };
    const after = { name: 'x', 'limits/a~b': { 'm~n': 2 } };

    // Act
    const { changes } = diffDefinitions('alert-rule', before, after);

    // Assert
    expect(changes).toEqual<Change[]>([
      {
        op: 'changed',
        entity: 'field',
        id: 'limits/a~b',
        pointer: '/limits~1a~0b',
        before: { 'm~n': 1 },
        after: { 'm~n': 2 },
        fields: [{ pointer: '/m~0n', before: 1, after: 2 }],
      },
    ]);
  });

  it('when a field no rule knows holds objects with ids, then they are matched by id, not by position', () => {
    // Arrange: a collection another engineer may add to routings before it gets a rule.
    const before = { ...minimalRouting(), fixtures: [{ id: 'F1', slots: 2 }, { id: 'F2', slots: 4 }] };
    const after = edited(before, (r) => {
      r.fixtures.reverse();
      r.fixtures[0] = { id: 'F2', slots: 6 };
    });

    // Act
    const { changes } = diffDefinitions('routing', before, after);

    // Assert
    expect(changes).toMatchObject([{ op: 'changed', entity: 'field', id: 'fixtures', pointer: '/fixtures', fields: [{ pointer: '/0/slots', before: 4, after: 6 }] }]);
  });

  it.each<[string, unknown, unknown, Change]>([
    ['the old version is missing', undefined, { name: 'new' }, { op: 'added', entity: 'field', pointer: '', after: { name: 'new' } }],
    ['the new version is not an object', { name: 'old' }, null, { op: 'changed', entity: 'field', pointer: '', before: { name: 'old' }, after: null }],
  ])('when %s, then the whole value is one field change at the root', (_case, before, after, expected) => {
    // Arrange: the versions above. Act
    const result = diffDefinitions('escalation-policy', before, after);

    // Assert
    expect(result.changes).toEqual([expected]);
    expect(result.identical).toBe(false);
  });

  it('when a field is added and another removed, then each is reported once with its own side', () => {
    // Arrange
    const before = { name: 'Policy', owner: 'quality' };
    const after = { tags: ['smt'], name: 'Policy' };

    // Act
    const { changes, summary } = diffDefinitions('escalation-policy', before, after);

    // Assert
    expect(changes).toEqual<Change[]>([
      { op: 'added', entity: 'field', id: 'tags', pointer: '/tags', after: ['smt'] },
      { op: 'removed', entity: 'field', id: 'owner', pointer: '/owner', before: 'quality' },
    ]);
    expect(summary).toEqual({ field: { added: 1, removed: 1, changed: 0 } });
  });
});
