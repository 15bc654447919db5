/**
 * The master data index other validators look things up in: every collection keyed by id,
 * users by role, members by group; built once per master data object, in linear time.
 */
import { masterDataIndex, membersOf, usersWithRole } from '../../../../definitions/master-data/lookup';
import type { MasterData } from '../../../../definitions/master-data/schema';
import { validateMasterData } from '../../../../definitions/master-data/validate';
import { at, exampleMasterData, masterDataWith } from './fixtures';

/** A site as large as the schema allows for parts and users: 100k of each. */
function largeSite(): MasterData {
  const n = 100_000;
  return {
    name: 'Large site',
    lines: [{ id: 'L1', name: 'Line 1' }],
    roles: [{ id: 'operator', name: 'Operator' }],
    parts: Array.from({ length: n }, (_, i) => ({ partNumber: `P-${i}`, description: `Part ${i}`, lotControlled: false })),
    users: Array.from({ length: n }, (_, i) => ({ id: `u${i}`, name: `User ${i}`, roles: ['operator'], lines: ['L1'] })),
    groups: [{ id: 'everyone', name: 'Everyone', members: Array.from({ length: 500 }, (_, i) => `u${i}`) }],
  };
}

describe('masterDataIndex', () => {
  it('when the plant-1 example is indexed, then every collection is keyed by its id', () => {
    // Arrange
    const md = exampleMasterData();

    // Act
    const index = masterDataIndex(md);

    // Assert
    expect([...index.lines.keys()]).toEqual(['SMT1', 'FA1', 'COAT1']);
    expect(index.stations.get('MT-02')?.stationGroup).toBe('smt-mounter');
    expect(index.stationGroups.get('fa-test')?.line).toBe('FA1');
    expect(index.equipment.has('OVEN-01')).toBe(true);
    expect(index.parts.get('PCB-A100')?.lotControlled).toBe(true);
    expect(index.defectCodes.get('D-BRIDGE')?.name.zh).toBe('连锡');
    expect(index.productModels.has('FA-X2')).toBe(true);
    expect(index.roles.has('quality-manager')).toBe(true);
    expect(index.shifts.get('night')?.start).toBe('20:00');
    expect(index.groups.has('plant-management')).toBe(true);
    expect([...(index.webhooks?.keys() ?? [])]).toEqual(['wecom-quality', 'wecom-maintenance']);
  });

  it('when users hold roles and groups list members, then both are resolved to users', () => {
    // Arrange
    const md = masterDataWith((m) => (at(m.users, 7).roles = ['operator', 'line-leader']));

    // Act
    const index = masterDataIndex(md);

    // Assert
    expect(usersWithRole(index, 'line-leader').map((u) => u.id)).toEqual(['u-wang-li', 'u-op-1001']);
    expect(usersWithRole(index, 'nobody-has-this')).toEqual([]);
    expect(membersOf(index, 'maintenance-oncall').map((u) => u.id)).toEqual(['u-chen-jing', 'u-zhao-min']);
    expect(membersOf(index, 'no-such-group')).toEqual([]);
  });

  it('when a group lists an unknown member, then the index leaves it out', () => {
    // Arrange
    const md = masterDataWith((m) => (at(m.groups, 0).members = ['u-ghost', 'u-liu-yang']));

    // Act
    const members = membersOf(masterDataIndex(md), 'smt-quality');

    // Assert
    expect(members.map((u) => u.id)).toEqual(['u-liu-yang']);
  });

  it('when an id is listed twice, then the first listing is the one indexed', () => {
    // Arrange
    const md = masterDataWith((m) => m.lines.push({ id: 'SMT1', name: 'Second SMT1' }));

    // Act
    const index = masterDataIndex(md);

    // Assert
    expect(index.lines.get('SMT1')?.name).toBe('SMT line 1');
    expect(index.lines.size).toBe(3);
  });

  it('when webhook targets are listed, then they are indexed', () => {
    // Arrange
    const md = masterDataWith((m) => (m.webhooks = [{ id: 'wecom-quality', name: 'WeCom quality group' }]));

    // Act
    const index = masterDataIndex(md);

    // Assert
    expect([...(index.webhooks?.keys() ?? [])]).toEqual(['wecom-quality']);
  });

  it('when the same master data is indexed twice, then the first index is returned again', () => {
    // Arrange
    const md = exampleMasterData();

    // Act
    const first = masterDataIndex(md);
    const second = masterDataIndex(md);

    // Assert
    expect(second).toBe(first);
    expect(masterDataIndex(exampleMasterData())).not.toBe(first);
  });

  it('when a site has 100k parts and 100k users, then it is validated and indexed in linear time', () => {
    // Arrange
    const md = largeSite();
    const started = performance.now();

    // Act
    const result = validateMasterData(md);
    const index = masterDataIndex(md);

    // Assert: quadratic work on 100k items would take minutes; this bound only catches that.
    expect(result.ok).toBe(true);
    expect(index.parts.size).toBe(100_000);
    expect(index.parts.get('P-99999')?.description).toBe('Part 99999');
    expect(usersWithRole(index, 'operator')).toHaveLength(100_000);
    expect(membersOf(index, 'everyone')).toHaveLength(500);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
