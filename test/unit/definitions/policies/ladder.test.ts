/** The pure timing helpers the engine schedules an escalation ladder with. */
import { levelStartMinutes, recipientRef, repeatMinutes } from '../../../../definitions/policies/ladder';
import type { EscalationRecipient } from '../../../../definitions/policies/schema';
import { examplePolicy, level, policy } from './fixtures';

describe('levelStartMinutes', () => {
  it.each<[string, Parameters<typeof levelStartMinutes>[0], number[]]>([
    ['every level counts from the opening', examplePolicy('quality-default'), [0, 10, 30, 60]],
    ['every level after the first counts from the previous one', examplePolicy('maintenance-default'), [0, 15, 45]],
    ['the first level counts from the previous one (the opening)', policy({ levels: [level({ delayFrom: 'previous', delayMinutes: 5 })] }), [5]],
    [
      'counting from the opening and from the previous level is mixed',
      policy({ levels: [level({ delayMinutes: 5 }), level({ delayFrom: 'previous', delayMinutes: 10 }), level({ delayMinutes: 40 }), level({ delayFrom: 'previous', delayMinutes: 20 })] }),
      [5, 15, 40, 60],
    ],
  ])('when %s, then the levels start at the expected minutes', (_case, value, expected) => {
    // Act
    const starts = levelStartMinutes(value);

    // Assert
    expect(starts).toEqual(expected);
  });
});

describe('repeatMinutes', () => {
  it('when the quality example repeats every 30 minutes 4 times, then the last level is sent again at 90, 120, 150 and 180', () => {
    // Act
    const repeats = repeatMinutes(examplePolicy('quality-default'));

    // Assert
    expect(repeats).toEqual([90, 120, 150, 180]);
  });

  it('when a policy has no repeat, then nothing is sent again', () => {
    // Act
    const repeats = repeatMinutes(policy());

    // Assert
    expect(repeats).toEqual([]);
  });
});

describe('recipientRef', () => {
  it.each<[EscalationRecipient, { kind: string; id: string }]>([
    [{ role: 'line-leader' }, { kind: 'role', id: 'line-leader' }],
    [{ user: 'u-wang-li' }, { kind: 'user', id: 'u-wang-li' }],
    [{ group: 'plant-management' }, { kind: 'group', id: 'plant-management' }],
  ])('when the recipient is %j, then its kind and id are %j', (recipient, expected) => {
    // Act
    const ref = recipientRef(recipient);

    // Assert
    expect(ref).toEqual(expected);
  });
});
