/**
 * Master data validation as a site administrator sees it: the example site is valid, and every
 * mistake is reported with the JSON pointer of the value at fault and a stable code.
 */
import { validateMasterData } from '../../../../definitions/master-data/validate';
import type { Finding } from '../../../../definitions/validation/finding';
import { PLANT_1, at, exampleMasterData, masterDataWith, where, type LooseMasterData, type Where } from './fixtures';

function findingsOf(value: unknown): Finding[] {
  const result = validateMasterData(value);
  if (result.ok) throw new Error('expected the master data to be rejected, but it was accepted');
  return result.findings;
}

describe('validateMasterData accepts good master data', () => {
  it('when the plant-1 example is validated, then it is valid and returned unchanged', () => {
    // Arrange
    const md = exampleMasterData();

    // Act
    const result = validateMasterData(md);

    // Assert
    expect(result).toEqual({ ok: true, value: md });
  });

  it.each<[string, unknown]>([
    ['only the name is given', { name: 'Empty site' }],
    ['a station has no line (it is on its group\'s line)', masterDataWith((md) => delete at(md.stations, 0).line)],
    ['a station group has no line', masterDataWith((md) => delete at(md.stationGroups, 0).line)],
    ['a shift runs over midnight', masterDataWith((md) => md.shifts.push({ id: 'late', name: 'Late shift', start: '22:00', end: '06:00' }))],
    ['webhook targets are listed', masterDataWith((md) => (md.webhooks = [{ id: 'wecom-quality', name: 'WeCom quality group', kind: 'wecom' }]))],
    ['a user has no roles, lines, email or phone', masterDataWith((md) => md.users.push({ id: 'u-visitor', name: 'Visitor' }))],
    ['an id is used once in each of two collections', masterDataWith((md) => md.roles.push({ id: 'SMT1', name: 'Role named like a line' }))],
  ])('when %s, then the master data is valid', (_case, md) => {
    // Act
    const result = validateMasterData(md);

    // Assert
    expect(result).toEqual({ ok: true, value: md });
  });
});

describe('validateMasterData reports an id listed twice in any collection', () => {
  it.each<[keyof LooseMasterData & string, string, number]>([
    ['productModels', 'id', PLANT_1.productModels],
    ['lines', 'id', PLANT_1.lines],
    ['stationGroups', 'id', PLANT_1.stationGroups],
    ['stations', 'id', PLANT_1.stations],
    ['equipment', 'id', PLANT_1.equipment],
    ['parts', 'partNumber', PLANT_1.parts],
    ['defectCodes', 'code', PLANT_1.defectCodes],
    ['roles', 'id', PLANT_1.roles],
    ['users', 'id', PLANT_1.users],
    ['groups', 'id', PLANT_1.groups],
    ['shifts', 'id', PLANT_1.shifts],
  ])('when the first of %s is listed again, then its copy is a duplicate by %s', (collection, key, size) => {
    // Arrange: a copy of the first item at the end (same references, so only the id is at fault).
    const md = masterDataWith((m) => {
      const items = m[collection] as Array<Record<string, unknown>>;
      items.push({ ...at(items, 0) });
    });

    // Act
    const findings = findingsOf(md);

    // Assert
    expect(where(findings)).toEqual([{ pointer: `/${collection}/${size}/${key}`, code: 'master.duplicate-id' }]);
  });

  it('when a webhook target is listed twice, then the second is a duplicate', () => {
    // Arrange
    const md = masterDataWith((m) => (m.webhooks = [{ id: 'wecom-quality', name: 'A' }, { id: 'wecom-quality', name: 'B' }]));

    // Act
    const findings = findingsOf(md);

    // Assert
    expect(where(findings)).toEqual([{ pointer: '/webhooks/1/id', code: 'master.duplicate-id' }]);
  });

  it('when a part number is listed three times, then each later listing is reported', () => {
    // Arrange
    const md = masterDataWith((m) => m.parts.push({ partNumber: 'PCB-A100', description: 'again' }, { partNumber: 'PCB-A100', description: 'and again' }));

    // Act
    const findings = findingsOf(md);

    // Assert
    expect(where(findings)).toEqual([
      { pointer: `/parts/${PLANT_1.parts}/partNumber`, code: 'master.duplicate-id' },
      { pointer: `/parts/${PLANT_1.parts + 1}/partNumber`, code: 'master.duplicate-id' },
    ]);
  });
});

describe('validateMasterData rejects broken master data with the exact findings', () => {
  it.each<[string, unknown, Where[]]>([
    // The shape (JSON Schema).
    ['the master data is an array', [], [{ pointer: '', code: 'schema.type' }]],
    ['the name is missing', masterDataWith((md) => delete md.name), [{ pointer: '/name', code: 'schema.required' }]],
    ['there is an unknown collection', masterDataWith((md) => (md.suppliers = [])), [{ pointer: '/suppliers', code: 'schema.unknown-property' }]],
    ['a shift starts at 25:00', masterDataWith((md) => (at(md.shifts, 0).start = '25:00')), [{ pointer: '/shifts/0/start', code: 'schema.pattern' }]],
    ['a user email is not an address', masterDataWith((md) => (at(md.users, 0).email = 'wang.li')), [{ pointer: '/users/0/email', code: 'schema.format' }]],
    ['a webhook target has no name', masterDataWith((md) => (md.webhooks = [{ id: 'wecom-quality' }])), [{ pointer: '/webhooks/0/name', code: 'schema.required' }]],
    [
      'the shape is wrong and a line is listed twice (meaning is only checked on a good shape)',
      masterDataWith((md) => {
        md.name = '';
        md.lines.push({ id: 'SMT1', name: 'Again' });
      }),
      [{ pointer: '/name', code: 'schema.minLength' }],
    ],
    // References inside the master data.
    ['a station names an unknown station group', masterDataWith((md) => (at(md.stations, 0).stationGroup = 'smt-laser')), [{ pointer: '/stations/0/stationGroup', code: 'master.unknown-reference' }]],
    ['a station names an unknown line', masterDataWith((md) => (at(md.stations, 0).line = 'SMT9')), [{ pointer: '/stations/0/line', code: 'master.unknown-reference' }]],
    [
      'a station group names an unknown line (its stations on SMT1 are not also reported as mismatched)',
      masterDataWith((md) => (at(md.stationGroups, 2).line = 'SMT9')),
      [{ pointer: '/stationGroups/2/line', code: 'master.unknown-reference' }],
    ],
    ['equipment names an unknown station', masterDataWith((md) => (at(md.equipment, 1).station = 'MT-09')), [{ pointer: '/equipment/1/station', code: 'master.unknown-reference' }]],
    ['a user holds an unknown role', masterDataWith((md) => (at(md.users, 0).roles = ['line-leader', 'shift-lead'])), [{ pointer: '/users/0/roles/1', code: 'master.unknown-reference' }]],
    ['a user works on an unknown line', masterDataWith((md) => (at(md.users, 1).lines = ['SMT2', 'FA1'])), [{ pointer: '/users/1/lines/0', code: 'master.unknown-reference' }]],
    ['a user works an unknown shift', masterDataWith((md) => (at(md.users, 1).shifts = ['day', 'swing'])), [{ pointer: '/users/1/shifts/1', code: 'master.unknown-reference' }]],
    ['a group has an unknown member', masterDataWith((md) => (at(md.groups, 0).members = ['u-zhang-wei', 'u-liu-yang', 'u-nobody'])), [{ pointer: '/groups/0/members/2', code: 'master.unknown-reference' }]],
    // Agreement and sanity.
    ['a station is on another line than its group', masterDataWith((md) => (at(md.stations, 0).line = 'FA1')), [{ pointer: '/stations/0/line', code: 'master.line-mismatch' }]],
    ['a shift starts and ends at the same time', masterDataWith((md) => (at(md.shifts, 0).end = '08:00')), [{ pointer: '/shifts/0', code: 'master.empty-shift' }]],
    [
      'a station names an unknown group and a line (no line mismatch can be judged)',
      masterDataWith((md) => {
        at(md.stations, 0).stationGroup = 'smt-laser';
        at(md.stations, 0).line = 'FA1';
      }),
      [{ pointer: '/stations/0/stationGroup', code: 'master.unknown-reference' }],
    ],
    [
      'there are several mistakes, reported collection by collection',
      masterDataWith((md) => {
        md.shifts.push({ id: 'day', name: 'Second day shift', start: '09:00', end: '09:00' });
        at(md.groups, 2).members = ['u-sun-hao', 'u-ghost'];
        md.lines.push({ id: 'FA1', name: 'Again' });
        at(md.stations, 3).line = 'COAT1';
      }),
      [
        { pointer: `/lines/${PLANT_1.lines}/id`, code: 'master.duplicate-id' },
        { pointer: '/stations/3/line', code: 'master.line-mismatch' },
        { pointer: '/groups/2/members/1', code: 'master.unknown-reference' },
        { pointer: `/shifts/${PLANT_1.shifts}/id`, code: 'master.duplicate-id' },
        { pointer: `/shifts/${PLANT_1.shifts}`, code: 'master.empty-shift' },
      ],
    ],
  ])('when %s, then exactly these findings are reported', (_case, md, expected) => {
    // Act
    const findings = findingsOf(md);

    // Assert
    expect(where(findings)).toEqual(expected);
  });
});

describe('validateMasterData explains its findings in both languages', () => {
  it('when a station is on another line than its group, then the finding names station, group and both lines', () => {
    // Arrange
    const md = masterDataWith((m) => (at(m.stations, 0).line = 'FA1'));

    // Act
    const findings = findingsOf(md);

    // Assert
    expect(findings).toEqual([
      {
        pointer: '/stations/0/line',
        code: 'master.line-mismatch',
        message: 'station "PR-01" is on line "FA1" but its station group "smt-printer" is on line "SMT1"',
        messageZh: '工位 "PR-01" 属于产线 "FA1"，但其工位组 "smt-printer" 属于产线 "SMT1"',
      },
    ]);
  });

  it.each<[string, (md: LooseMasterData) => void, string, string]>([
    ['a part number is listed twice', (md) => md.parts.push({ partNumber: 'BAT-3000', description: 'again' }), 'part "BAT-3000" is listed more than once', '物料 "BAT-3000" 重复'],
    ['a group has an unknown member', (md) => (at(md.groups, 1).members = ['u-ghost']), 'members names no user: "u-ghost"', 'members 引用的用户不存在："u-ghost"'],
    ['a shift is empty', (md) => (at(md.shifts, 1).start = '08:00'), 'shift "night" starts and ends at 08:00', '班次 "night" 的开始和结束时间都是 08:00'],
  ])('when %s, then the message says so in English and Chinese', (_case, change, en, zh) => {
    // Arrange
    const md = masterDataWith(change);

    // Act
    const [first] = findingsOf(md);

    // Assert
    expect(first).toMatchObject({ message: en, messageZh: zh });
  });
});

describe('validateMasterData on a draft that is corrected in place', () => {
  it('when a mistake is fixed in the same object and validated again, then the fix is seen', () => {
    // Arrange
    const md = masterDataWith((m) => (at(m.equipment, 0).station = 'PR-09')) as unknown as LooseMasterData;
    const before = validateMasterData(md);

    // Act
    md.stations.push({ id: 'PR-09', name: 'Printer 9', stationGroup: 'smt-printer' });
    const after = validateMasterData(md);

    // Assert
    expect(before.ok).toBe(false);
    expect(after.ok).toBe(true);
  });
});
