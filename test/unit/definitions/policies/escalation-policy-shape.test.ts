/**
 * Escalation policy validation, the shape: the shipped examples are valid against the example
 * site, and a policy of the wrong shape is refused before its meaning is looked at.
 */
import { readdirSync } from 'node:fs';
import { validateEscalationPolicy } from '../../../../definitions/policies/validate';
import type { Finding } from '../../../../definitions/validation/finding';
import { EXAMPLES, at, exampleMasterData, where, type Where } from '../master-data/fixtures';
import { examplePolicy, level, policy, policyWith, type ExamplePolicy } from './fixtures';

function findingsOf(value: unknown): Finding[] {
  const result = validateEscalationPolicy(value, { masterData: exampleMasterData() });
  if (result.ok) throw new Error('expected the policy to be rejected, but it was accepted');
  return result.findings;
}

describe('validateEscalationPolicy on the shipped examples', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.escalation-policy.json'));

  it('when the examples folder is listed, then it holds the quality and the maintenance policy', () => {
    // Assert
    expect(files.sort()).toEqual(['maintenance-default.escalation-policy.json', 'quality-default.escalation-policy.json']);
  });

  it.each<ExamplePolicy>(['quality-default', 'maintenance-default'])('when %s is validated against the plant-1 master data, then it is valid and returned unchanged', (name) => {
    // Arrange
    const value = examplePolicy(name);

    // Act
    const result = validateEscalationPolicy(value, { masterData: exampleMasterData() });

    // Assert
    expect(result).toEqual({ ok: true, value });
  });

  it.each<ExamplePolicy>(['quality-default', 'maintenance-default'])('when %s is validated without master data, then it is valid', (name) => {
    // Arrange
    const value = examplePolicy(name);

    // Act
    const result = validateEscalationPolicy(value);

    // Assert
    expect(result).toEqual({ ok: true, value });
  });
});

describe('validateEscalationPolicy accepts the optional parts being left out or at their bounds', () => {
  it.each<[string, unknown]>([
    ['the policy is a single level that stops on acknowledgement', policy()],
    ['there is no description, scope or repeat', policyWith((p) => ['description', 'scope', 'repeat'].forEach((k) => delete p[k]))],
    ['the scope names lines only', policyWith((p) => (p.scope = { lines: ['SMT1'] }))],
    ['levels have no names', policyWith((p) => p.levels.forEach((l) => delete l.name))],
    ['every level counts from the previous one', policy({ levels: [level(), level({ delayFrom: 'previous', delayMinutes: 5 }), level({ delayFrom: 'previous', delayMinutes: 1 })] })],
    ['the first level counts from the previous one (the opening) after 5 minutes', policy({ levels: [level({ delayFrom: 'previous', delayMinutes: 5 })] })],
    ['a level starts one week after the opening', policy({ levels: [level(), level({ delayMinutes: 10080 })] })],
    ['the repeat lasts exactly one week', policy({ repeat: { everyMinutes: 1440, times: 7 } })],
    ['an acknowledgement pauses for one week', policy({ onAcknowledge: 'pause', pauseMinutes: 10080 })],
    ['a user without email or phone is called by andon only', policy({ levels: [level({ recipients: [{ user: 'u-op-1001' }] })] })],
  ])('when %s, then the policy is valid', (_case, value) => {
    // Act
    const result = validateEscalationPolicy(value, { masterData: exampleMasterData() });

    // Assert
    expect(result).toEqual({ ok: true, value });
  });
});

describe('validateEscalationPolicy rejects a policy of the wrong shape with the exact findings', () => {
  it.each<[string, unknown, Where[]]>([
    ['the policy is a string', 'escalate', [{ pointer: '', code: 'schema.type' }]],
    ['the name is missing', policyWith((p) => delete p.name), [{ pointer: '/name', code: 'schema.required' }]],
    ['the name is 201 characters long', policyWith((p) => (p.name = 'n'.repeat(201))), [{ pointer: '/name', code: 'schema.maxLength' }]],
    ['the policy has an unknown property', policyWith((p) => (p.owner = 'QA')), [{ pointer: '/owner', code: 'schema.unknown-property' }]],
    ['there are no levels', policyWith((p) => (p.levels = [])), [{ pointer: '/levels', code: 'schema.minItems' }]],
    ['there are 21 levels', policyWith((p) => (p.levels = Array.from({ length: 21 }, (_, i) => ({ ...at(p.levels, 0), delayMinutes: i })))), [{ pointer: '/levels', code: 'schema.maxItems' }]],
    ['onAcknowledge is missing', policyWith((p) => delete p.onAcknowledge), [{ pointer: '/onAcknowledge', code: 'schema.required' }]],
    ['onAcknowledge is "snooze"', policyWith((p) => (p.onAcknowledge = 'snooze')), [{ pointer: '/onAcknowledge', code: 'schema.enum' }]],
    ['a level has no delayFrom', policyWith((p) => delete at(p.levels, 1).delayFrom), [{ pointer: '/levels/1/delayFrom', code: 'schema.required' }]],
    ['a level counts from the acknowledgement', policyWith((p) => (at(p.levels, 1).delayFrom = 'ack')), [{ pointer: '/levels/1/delayFrom', code: 'schema.enum' }]],
    ['a delay is negative', policyWith((p) => (at(p.levels, 0).delayMinutes = -1)), [{ pointer: '/levels/0/delayMinutes', code: 'schema.minimum' }]],
    ['a delay is 10.5 minutes', policyWith((p) => (at(p.levels, 1).delayMinutes = 10.5)), [{ pointer: '/levels/1/delayMinutes', code: 'schema.type' }]],
    ['a delay is more than a week', policyWith((p) => (at(p.levels, 3).delayMinutes = 10081)), [{ pointer: '/levels/3/delayMinutes', code: 'schema.maximum' }]],
    ['a level has no channels', policyWith((p) => delete (at(p.levels, 1) as Record<string, unknown>).channels), [{ pointer: '/levels/1/channels', code: 'schema.required' }]],
    ['a level has an empty channel list', policyWith((p) => (at(p.levels, 1).channels = [])), [{ pointer: '/levels/1/channels', code: 'schema.minItems' }]],
    ['a level has an empty recipient list', policyWith((p) => (at(p.levels, 2).recipients = [])), [{ pointer: '/levels/2/recipients', code: 'schema.minItems' }]],
    ['a channel is "fax"', policyWith((p) => (at(at(p.levels, 1).channels, 0).channel = 'fax')), [{ pointer: '/levels/1/channels/0/channel', code: 'schema.enum' }]],
    ['a webhook names no target', policyWith((p) => delete at(at(p.levels, 0).channels, 1).target), [{ pointer: '/levels/0/channels/1/target', code: 'schema.required' }]],
    ['an email channel names a target', policyWith((p) => (at(at(p.levels, 1).channels, 0).target = 'wecom-quality')), [{ pointer: '/levels/1/channels/0/target', code: 'schema.not-allowed' }]],
    ['a channel is listed twice', policyWith((p) => at(p.levels, 1).channels.push({ channel: 'sms' })), [{ pointer: '/levels/1/channels', code: 'schema.uniqueItems' }]],
    ['a recipient names nobody', policyWith((p) => (at(p.levels, 1).recipients = [{}])), [{ pointer: '/levels/1/recipients/0', code: 'schema.minProperties' }]],
    ['a recipient names a role and a user', policyWith((p) => (at(p.levels, 1).recipients = [{ role: 'quality-engineer', user: 'u-zhang-wei' }])), [{ pointer: '/levels/1/recipients/0', code: 'schema.maxProperties' }]],
    ['a recipient is a team', policyWith((p) => (at(p.levels, 1).recipients = [{ team: 'quality' }])), [{ pointer: '/levels/1/recipients/0/team', code: 'schema.unknown-property' }]],
    ['a recipient is listed twice', policyWith((p) => at(p.levels, 1).recipients.push({ role: 'quality-engineer' })), [{ pointer: '/levels/1/recipients', code: 'schema.uniqueItems' }]],
    ['a role is not an identifier', policyWith((p) => (at(p.levels, 1).recipients = [{ role: 'quality engineer' }])), [{ pointer: '/levels/1/recipients/0/role', code: 'schema.pattern' }]],
    ['the scope has an empty line list', policyWith((p) => (p.scope = { lines: [] })), [{ pointer: '/scope/lines', code: 'schema.minItems' }]],
    ['the repeat has no count', policyWith((p) => (p.repeat = { everyMinutes: 30 })), [{ pointer: '/repeat/times', code: 'schema.required' }]],
    ['the repeat is every 0 minutes', policyWith((p) => (p.repeat = { everyMinutes: 0, times: 3 })), [{ pointer: '/repeat/everyMinutes', code: 'schema.minimum' }]],
    ['pauseMinutes is 0', policyWith((p) => (p.pauseMinutes = 0), 'maintenance-default'), [{ pointer: '/pauseMinutes', code: 'schema.minimum' }]],
    [
      'the shape is wrong and the delays decrease (meaning is only checked on a good shape)',
      policyWith((p) => {
        at(p.levels, 3).delayMinutes = 5;
        at(p.levels, 0).channels = [];
      }),
      [{ pointer: '/levels/0/channels', code: 'schema.minItems' }],
    ],
    [
      'there are three shape mistakes',
      policyWith((p) => {
        delete p.name;
        at(at(p.levels, 0).channels, 0).channel = 'pager';
        p.onAcknowledge = 'ignore';
      }),
      [
        { pointer: '/name', code: 'schema.required' },
        { pointer: '/levels/0/channels/0/channel', code: 'schema.enum' },
        { pointer: '/onAcknowledge', code: 'schema.enum' },
      ],
    ],
  ])('when %s, then exactly these findings are reported', (_case, value, expected) => {
    // Act
    const findings = findingsOf(value);

    // Assert
    expect(where(findings)).toEqual(expected);
  });

  it('when a recipient names both a role and a user, then the message says to name exactly one', () => {
    // Arrange
    const value = policyWith((p) => (at(p.levels, 1).recipients = [{ role: 'quality-engineer', user: 'u-zhang-wei' }]));

    // Act
    const findings = findingsOf(value);

    // Assert
    expect(findings).toEqual([
      {
        pointer: '/levels/1/recipients/0',
        code: 'schema.maxProperties',
        message: 'a recipient names exactly one of role, user or group',
        messageZh: '每个接收人必须且只能指定 role、user、group 之一',
      },
    ]);
  });
});
