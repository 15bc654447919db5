/**
 * Diffing two versions of master data: each collection matched by its key (id, partNumber, code),
 * lists of references (roles, members) as sets.
 */
import { diffDefinitions } from '../../../../definitions/diff/diff';
import { IDENTITY_RULES } from '../../../../definitions/diff/identity';
import type { Change } from '../../../../definitions/diff/types';
import { at, edited, example, masterData, type MasterDataFixture } from './fixtures';

const base = masterData();
const diff = (after: unknown) => diffDefinitions('master-data', base, after);
const withData = (edit: (m: MasterDataFixture) => void): MasterDataFixture => edited(base, edit);

describe('diffDefinitions(master-data)', () => {
  it('when a part is added, then it is one added part identified by its part number', () => {
    // Arrange
    const capacitor = { partNumber: 'C-0402-100N', description: 'Capacitor 100 nF 0402' };
    const after = withData((m) => m.parts.unshift(capacitor));

    // Act
    const { changes, summary } = diff(after);

    // Assert
    expect(changes).toEqual<Change[]>([{ op: 'added', entity: 'part', id: 'C-0402-100N', pointer: '/parts/0', after: capacitor }]);
    expect(summary).toEqual({ part: { added: 1, removed: 0, changed: 0 } });
  });

  it("when a user's role changes, then the user changed with the old role removed and the new one added", () => {
    // Arrange
    const after = withData((m) => (at(m.users, 0).roles = ['line-leader']));

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes).toEqual<Change[]>([
      {
        op: 'changed',
        entity: 'user',
        id: 'u-wang-li',
        pointer: '/users/0',
        before: at(base.users, 0),
        after: at(after.users, 0),
        fields: [
          { pointer: '/roles/0', before: 'operator' },
          { pointer: '/roles/0', after: 'line-leader' },
        ],
      },
    ]);
  });

  it.each<[string, (m: MasterDataFixture) => void, Array<Partial<Change>>]>([
    [
      "a defect code's Chinese name changes",
      (m) => (at(m.defectCodes, 0).name.zh = '桥连'),
      [{ op: 'changed', entity: 'defect-code', id: 'BRIDGE', pointer: '/defectCodes/0', fields: [{ pointer: '/name/zh', before: '连锡', after: '桥连' }] }],
    ],
    [
      'a member is added to a group',
      (m) => at(m.groups, 0).members.push('u-wang-li'),
      [{ op: 'changed', entity: 'group', id: 'smt-leads', fields: [{ pointer: '/members/1', after: 'u-wang-li' }] }],
    ],
    [
      'a part becomes lot-controlled and a role is removed',
      (m) => {
        at(m.parts, 0).lotControlled = true;
        m.roles.pop();
      },
      [
        { op: 'changed', entity: 'part', id: 'PCB-A100', fields: [{ pointer: '/lotControlled', after: true }] },
        { op: 'removed', entity: 'role', id: 'line-leader', pointer: '/roles/1' },
      ],
    ],
    [
      'a product model is removed',
      (m) => (m.productModels = []),
      [{ op: 'removed', entity: 'product-model', id: 'MB-A100', pointer: '/productModels/0' }],
    ],
  ])('when %s, then the diff reports exactly that', (_case, edit, expected) => {
    // Arrange
    const after = withData(edit);

    // Act
    const { changes } = diff(after);

    // Assert
    expect(changes).toMatchObject(expected);
    expect(changes).toHaveLength(expected.length);
  });

  it('when every keyed collection of the shipped example is listed in reverse, then the versions are identical', () => {
    // Arrange
    const before = example('plant-1.master-data.json');
    const after = edited(before, (m) => {
      for (const key of Object.keys(IDENTITY_RULES['master-data'].collections)) {
        const value = m[key];
        if (Array.isArray(value)) value.reverse();
      }
    });

    // Act
    const result = diffDefinitions('master-data', before, after);

    // Assert
    expect(result.changes).toEqual([]);
    expect(result.identical).toBe(true);
  });
});
