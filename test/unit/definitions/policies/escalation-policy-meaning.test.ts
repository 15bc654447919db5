/**
 * Escalation policy validation, the meaning: a well-shaped policy whose ladder does not climb,
 * whose acknowledgement or repeat makes no sense, or whose recipients, lines, shifts or webhook
 * targets the site's master data does not know (or cannot reach), is refused with exact findings.
 */
import type { MasterData } from '../../../../definitions/master-data/schema';
import { validateEscalationPolicy } from '../../../../definitions/policies/validate';
import type { Finding } from '../../../../definitions/validation/finding';
import { at, exampleMasterData, masterDataWith, where, type Where } from '../master-data/fixtures';
import { level, policy, policyWith } from './fixtures';

/** The example site with the webhook targets the example policies name. */
const siteWithWebhooks = (): MasterData =>
  masterDataWith((md) => (md.webhooks = [{ id: 'wecom-quality', name: 'WeCom quality group', kind: 'wecom' }, { id: 'wecom-maintenance', name: 'WeCom maintenance group', kind: 'wecom' }]));

function findingsOf(value: unknown, masterData: MasterData | undefined = exampleMasterData()): Finding[] {
  const result = validateEscalationPolicy(value, masterData ? { masterData } : {});
  if (result.ok) throw new Error('expected the policy to be rejected, but it was accepted');
  return result.findings;
}

describe('validateEscalationPolicy checks the ladder, the repeat and the acknowledgement', () => {
  it.each<[string, unknown, Where[]]>([
    ['a level starts as early as the one before', policyWith((p) => (at(p.levels, 2).delayMinutes = 10)), [{ pointer: '/levels/2/delayMinutes', code: 'policy.delay-not-increasing' }]],
    ['a level starts earlier than the one before', policyWith((p) => (at(p.levels, 1).delayMinutes = 45)), [{ pointer: '/levels/2/delayMinutes', code: 'policy.delay-not-increasing' }]],
    [
      'an early level starts later than the two after it',
      policyWith((p) => (at(p.levels, 1).delayMinutes = 70)),
      [
        { pointer: '/levels/2/delayMinutes', code: 'policy.delay-not-increasing' },
        { pointer: '/levels/3/delayMinutes', code: 'policy.delay-not-increasing' },
      ],
    ],
    ['a level starts 0 minutes after the previous one', policy({ levels: [level(), level({ delayFrom: 'previous', delayMinutes: 0 })] }), [{ pointer: '/levels/1/delayMinutes', code: 'policy.delay-not-increasing' }]],
    [
      'a level counted from the opening falls back behind levels counted from their previous one',
      policy({ levels: [level(), level({ delayFrom: 'previous', delayMinutes: 10 }), level({ delayFrom: 'previous', delayMinutes: 20 }), level({ delayMinutes: 30 })] }),
      [{ pointer: '/levels/3/delayMinutes', code: 'policy.delay-not-increasing' }],
    ],
    ['acknowledging pauses but pauseMinutes is missing', policyWith((p) => delete p.pauseMinutes, 'maintenance-default'), [{ pointer: '/pauseMinutes', code: 'policy.missing-pause-minutes' }]],
    ['acknowledging stops but pauseMinutes is given', policyWith((p) => (p.pauseMinutes = 30)), [{ pointer: '/pauseMinutes', code: 'policy.unused-pause-minutes' }]],
    ['the repeat lasts longer than a week', policyWith((p) => (p.repeat = { everyMinutes: 1440, times: 8 })), [{ pointer: '/repeat', code: 'policy.repeat-too-long' }]],
  ])('when %s, then exactly these findings are reported', (_case, value, expected) => {
    // Act
    const findings = findingsOf(value);

    // Assert
    expect(where(findings)).toEqual(expected);
  });
});

describe('validateEscalationPolicy checks references against the master data', () => {
  it.each<[string, unknown, MasterData, Where[]]>([
    ['the scope names an unknown line', policyWith((p) => (p.scope = { lines: ['SMT1', 'SMT9'] })), exampleMasterData(), [{ pointer: '/scope/lines/1', code: 'policy.unknown-line' }]],
    ['the scope names an unknown shift', policyWith((p) => (p.scope = { shifts: ['swing', 'day'] })), exampleMasterData(), [{ pointer: '/scope/shifts/0', code: 'policy.unknown-shift' }]],
    ['a level names an unknown role', policyWith((p) => (at(p.levels, 1).recipients = [{ role: 'qa-lead' }])), exampleMasterData(), [{ pointer: '/levels/1/recipients/0/role', code: 'policy.unknown-recipient' }]],
    ['a level names an unknown user', policyWith((p) => at(p.levels, 2).recipients.push({ user: 'u-nobody' })), exampleMasterData(), [{ pointer: '/levels/2/recipients/1/user', code: 'policy.unknown-recipient' }]],
    ['a level names an unknown group', policyWith((p) => (at(p.levels, 3).recipients = [{ group: 'board' }])), exampleMasterData(), [{ pointer: '/levels/3/recipients/0/group', code: 'policy.unknown-recipient' }]],
    [
      'a level names a role nobody holds',
      policyWith((p) => (at(p.levels, 1).recipients = [{ role: 'shift-supervisor' }])),
      masterDataWith((md) => md.roles.push({ id: 'shift-supervisor', name: 'Shift supervisor' })),
      [{ pointer: '/levels/1/recipients/0/role', code: 'policy.empty-recipient' }],
    ],
    [
      'a level names a group without members',
      policyWith((p) => (at(p.levels, 3).recipients = [{ group: 'night-crew' }])),
      masterDataWith((md) => md.groups.push({ id: 'night-crew', name: 'Night crew' })),
      [{ pointer: '/levels/3/recipients/0/group', code: 'policy.empty-recipient' }],
    ],
    [
      'a level names a group whose only member is unknown',
      policyWith((p) => (at(p.levels, 3).recipients = [{ group: 'night-crew' }])),
      masterDataWith((md) => md.groups.push({ id: 'night-crew', name: 'Night crew', members: ['u-ghost'] })),
      [{ pointer: '/levels/3/recipients/0/group', code: 'policy.empty-recipient' }],
    ],
    [
      'email and sms go to a user with neither address nor phone',
      policyWith((p) => at(p.levels, 1).recipients.push({ user: 'u-op-1001' })),
      exampleMasterData(),
      [
        { pointer: '/levels/1/recipients/1/user', code: 'policy.unreachable-recipient' },
        { pointer: '/levels/1/recipients/1/user', code: 'policy.unreachable-recipient' },
      ],
    ],
    [
      'sms goes to a role whose only holder has no phone',
      policyWith((p) => at(p.levels, 2).recipients.push({ role: 'operator' })),
      masterDataWith((md) => (at(md.users, 7).email = 'op.1001@example.com')),
      [{ pointer: '/levels/2/recipients/1/role', code: 'policy.unreachable-recipient' }],
    ],
    [
      'a webhook target is not among the listed webhook targets',
      policyWith((p) => (at(at(p.levels, 0).channels, 1).target = 'dingtalk-quality')),
      siteWithWebhooks(),
      [{ pointer: '/levels/0/channels/1/target', code: 'policy.unknown-webhook' }],
    ],
    [
      'there are several mistakes, reported in document order',
      policyWith((p) => {
        p.scope = { lines: ['SMT1', 'PCBA'], shifts: ['day', 'noon'] };
        at(p.levels, 1).recipients = [{ role: 'qa-lead' }, { user: 'u-op-1001' }];
        at(p.levels, 2).delayMinutes = 10;
        p.pauseMinutes = 15;
      }),
      exampleMasterData(),
      [
        { pointer: '/scope/lines/1', code: 'policy.unknown-line' },
        { pointer: '/scope/shifts/1', code: 'policy.unknown-shift' },
        { pointer: '/levels/1/recipients/0/role', code: 'policy.unknown-recipient' },
        { pointer: '/levels/1/recipients/1/user', code: 'policy.unreachable-recipient' },
        { pointer: '/levels/1/recipients/1/user', code: 'policy.unreachable-recipient' },
        { pointer: '/levels/2/delayMinutes', code: 'policy.delay-not-increasing' },
        { pointer: '/pauseMinutes', code: 'policy.unused-pause-minutes' },
      ],
    ],
  ])('when %s, then exactly these findings are reported', (_case, value, masterData, expected) => {
    // Act
    const findings = findingsOf(value, masterData);

    // Assert
    expect(where(findings)).toEqual(expected);
  });

  it('when the master data lists the examples\' webhook targets, then both examples are valid', () => {
    // Arrange
    const masterData = siteWithWebhooks();

    // Act
    const results = [policyWith(() => undefined), policyWith(() => undefined, 'maintenance-default')].map((p) => validateEscalationPolicy(p, { masterData }).ok);

    // Assert
    expect(results).toEqual([true, true]);
  });

  it('when there is no master data, then unknown recipients, lines, shifts and targets are not reported', () => {
    // Arrange
    const value = policyWith((p) => {
      p.scope = { lines: ['SMT9'], shifts: ['swing'] };
      at(p.levels, 1).recipients = [{ role: 'qa-lead' }, { user: 'u-nobody' }, { group: 'board' }];
    });

    // Act
    const result = validateEscalationPolicy(value);

    // Assert
    expect(result).toEqual({ ok: true, value });
  });
});

describe('validateEscalationPolicy explains its findings in both languages', () => {
  it.each<[string, unknown, Finding]>([
    [
      'a level starts earlier than one before it',
      policyWith((p) => (at(p.levels, 1).delayMinutes = 45)),
      {
        pointer: '/levels/2/delayMinutes',
        code: 'policy.delay-not-increasing',
        message: 'level 3 starts 30 min after the incident opened, not later than level 2 (45 min)',
        messageZh: '第 3 级在事件开启后 30 分钟启动，未晚于第 2 级（45 分钟）',
      },
    ],
    [
      'sms goes to a user without a phone',
      policyWith((p) => {
        at(p.levels, 1).channels = [{ channel: 'sms' }];
        at(p.levels, 1).recipients = [{ user: 'u-op-1001' }];
      }),
      {
        pointer: '/levels/1/recipients/0/user',
        code: 'policy.unreachable-recipient',
        message: 'sms cannot reach user "u-op-1001": no phone number',
        messageZh: '用户 "u-op-1001" 没有手机号，无法通过短信通知',
      },
    ],
    [
      'acknowledging pauses but pauseMinutes is missing',
      policyWith((p) => delete p.pauseMinutes, 'maintenance-default'),
      {
        pointer: '/pauseMinutes',
        code: 'policy.missing-pause-minutes',
        message: 'onAcknowledge "pause" needs pauseMinutes: how long an acknowledgement holds the escalation',
        messageZh: 'onAcknowledge 为 "pause" 时必须填写 pauseMinutes（确认后暂停升级的分钟数）',
      },
    ],
    [
      'a level names an unknown group',
      policyWith((p) => (at(p.levels, 3).recipients = [{ group: 'board' }])),
      { pointer: '/levels/3/recipients/0/group', code: 'policy.unknown-recipient', message: 'group "board" is not in the master data', messageZh: '主数据中没有群组 "board"' },
    ],
  ])('when %s, then the finding says so in English and Chinese', (_case, value, expected) => {
    // Act
    const findings = findingsOf(value);

    // Assert
    expect(findings).toEqual([expected]);
  });
});
