/**
 * Who a level notifies: roles on the incident's line, users, group members (each once), and the
 * shift running at a given time in the site's time zone.
 */
import { currentShift, resolveRecipients, shiftCovers } from '../../../definitions/incidents/recipients';
import type { MasterData } from '../../../definitions/master-data/schema';
import type { EscalationRecipient } from '../../../definitions/policies/schema';

const site: MasterData = {
  name: 'Plant 1',
  lines: [
    { id: 'SMT1', name: 'SMT 1' },
    { id: 'FA1', name: 'Final assembly 1' },
  ],
  roles: [
    { id: 'qe', name: 'Quality engineer' },
    { id: 'lead', name: 'Line lead' },
  ],
  users: [
    { id: 'wang', name: '王工', email: 'wang@plant.test', phone: '+8613800000001', roles: ['qe'], lines: ['SMT1'] },
    { id: 'li', name: '李工', email: 'li@plant.test', roles: ['qe'], lines: ['FA1'] },
    { id: 'zhao', name: '赵经理', phone: '+8613800000003', roles: ['qe', 'lead'] },
    { id: 'chen', name: '陈班长', email: 'chen@plant.test', roles: ['lead'], lines: ['FA1'] },
  ],
  groups: [{ id: 'night-crew', name: 'Night crew', members: ['chen', 'ghost', 'wang'] }],
  shifts: [
    { id: 'day', name: 'Day', start: '08:00', end: '20:00' },
    { id: 'night', name: 'Night', start: '20:00', end: '08:00' },
  ],
};

describe('resolveRecipients', () => {
  const cases: Array<[string, EscalationRecipient[], string | null, string[]]> = [
    ['a role on SMT1: holders on SMT1 and those without lines', [{ role: 'qe' }], 'SMT1', ['wang', 'zhao']],
    ['a role on FA1', [{ role: 'qe' }], 'FA1', ['li', 'zhao']],
    ['a role with no incident line: every holder', [{ role: 'qe' }], null, ['wang', 'li', 'zhao']],
    ['a user, whatever the line', [{ user: 'chen' }], 'SMT1', ['chen']],
    ['a group: its known members, unknown ids left out', [{ group: 'night-crew' }], 'SMT1', ['chen', 'wang']],
    ['overlapping recipients: each user once, first mention first', [{ user: 'zhao' }, { role: 'qe' }, { group: 'night-crew' }], 'SMT1', ['zhao', 'wang', 'chen']],
    ['unknown role, user and group: nobody', [{ role: 'nobody' }, { user: 'ghost' }, { group: 'none' }], 'SMT1', []],
  ];

  it.each(cases)('when the recipients are %s, then they resolve to the expected users', (_name, recipients, line, expected) => {
    // Arrange: the table row

    // Act
    const resolved = resolveRecipients(site, recipients, line);

    // Assert
    expect(resolved.map((r) => r.userId)).toEqual(expected);
  });

  describe('the shift on duty', () => {
    // Day 08:00-20:00, night 20:00-08:00, Asia/Shanghai (UTC+8): 02:00Z is 10:00 day, 14:00Z is 22:00 night.
    const rostered: MasterData = {
      ...site,
      users: [
        { id: 'day-qe', name: 'Day QE', roles: ['qe'], lines: ['SMT1'], shifts: ['day'] },
        { id: 'night-qe', name: 'Night QE', roles: ['qe'], lines: ['SMT1'], shifts: ['night'] },
        { id: 'any-qe', name: 'Any-shift QE', roles: ['qe'], lines: ['SMT1'] },
        { id: 'night-lead', name: 'Night lead', roles: ['lead'], shifts: ['night'] },
      ],
    };
    const table: Array<[string, EscalationRecipient[], string, string[]]> = [
      ['a role in the day shift: its day people and those of any shift', [{ role: 'qe' }], '2026-11-24T02:00:00Z', ['day-qe', 'any-qe']],
      ['a role in the night shift', [{ role: 'qe' }], '2026-11-24T14:00:00Z', ['night-qe', 'any-qe']],
      ['a role nobody of which is on duty: all its people', [{ role: 'lead' }], '2026-11-24T02:00:00Z', ['night-lead']],
      ['a named user off duty: still that user', [{ user: 'night-qe' }], '2026-11-24T02:00:00Z', ['night-qe']],
    ];
    it.each(table)('when the recipients are %s, then they resolve to those people', (_name, recipients, at, expected) => {
      expect(resolveRecipients(rostered, recipients, 'SMT1', new Date(at), 'Asia/Shanghai').map((r) => r.userId)).toEqual(expected);
    });
  });

  it('when a user resolves, then the name, email and phone of the master data come with it', () => {
    // Act
    const [wang, zhao] = resolveRecipients(site, [{ user: 'wang' }, { user: 'zhao' }], 'SMT1');

    // Assert
    expect(wang).toEqual({ userId: 'wang', name: '王工', email: 'wang@plant.test', phone: '+8613800000001' });
    expect(zhao).toEqual({ userId: 'zhao', name: '赵经理', phone: '+8613800000003' });
  });

  it('when the site has no active master data, then nobody is notified', () => {
    expect(resolveRecipients(null, [{ role: 'qe' }], 'SMT1')).toEqual([]);
  });
});

describe('currentShift', () => {
  const cases: Array<[string, string, string | null]> = [
    ['2026-03-02T00:00:00Z', 'Asia/Shanghai', 'day'], // 08:00 in Shanghai: the day shift starts
    ['2026-03-01T23:59:00Z', 'Asia/Shanghai', 'night'], // 07:59 in Shanghai: still the night
    ['2026-03-02T12:00:00Z', 'Asia/Shanghai', 'night'], // 20:00 in Shanghai: over midnight
    ['2026-03-02T12:00:00Z', 'UTC', 'day'], // 12:00 in UTC
    ['2026-03-02T19:30:00Z', 'Europe/Berlin', 'night'], // 20:30 in Berlin
  ];

  it.each(cases)('when it is %s in %s, then the shift running is %s', (at, zone, expected) => {
    // Act
    const shift = currentShift(site.shifts, new Date(at), zone);

    // Assert
    expect(shift?.id ?? null).toBe(expected);
  });

  it('when no shift covers the time, then there is none', () => {
    // Arrange
    const shifts = [{ id: 'early', name: 'Early', start: '06:00', end: '14:00' }];

    // Act / Assert
    expect(currentShift(shifts, new Date('2026-03-02T10:00:00Z'), 'Asia/Shanghai')).toBeNull(); // 18:00
    expect(currentShift(undefined, new Date(), 'Asia/Shanghai')).toBeNull();
  });

  it('when a shift starts and ends at the same minute, then it runs all day', () => {
    expect(shiftCovers({ start: '06:00', end: '06:00' }, 0)).toBe(true);
    expect(shiftCovers({ start: '06:00', end: '06:00' }, 23 * 60 + 59)).toBe(true);
  });
});
