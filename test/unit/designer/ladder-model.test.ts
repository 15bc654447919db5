/** The escalation-ladder edits (designer/src/rules/model/policy.ts) checked with the server's policy validator. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateEscalationPolicy } from '../../../definitions/policies/validate';
import { backtestSeries } from '../../../designer/src/rules/model/backtest';
import {
  addLevel,
  levelStarts,
  moveLevel,
  newPolicy,
  parseRecipient,
  removeLevel,
  setChannels,
  setOnAcknowledge,
  setPolicyScope,
  setRecipients,
  updateLevel,
  type PolicyDoc,
} from '../../../designer/src/rules/model/policy';

const example = JSON.parse(readFileSync(path.join(__dirname, '../../../definitions/examples/quality-default.escalation-policy.json'), 'utf8')) as PolicyDoc;

describe('escalation ladder edits', () => {
  it('a new policy with a name is valid, and each added level starts 15 minutes after the last', () => {
    let policy: PolicyDoc = { ...newPolicy(), name: 'Line stop' };
    expect(validateEscalationPolicy(policy).ok).toBe(true);
    policy = addLevel(addLevel(policy));
    expect(levelStarts(policy)).toEqual([0, 15, 30]);
    expect(validateEscalationPolicy(policy).ok).toBe(true);
  });

  it('moving a later level first makes the delays decrease, which the validator reports at the delay', () => {
    const moved = moveLevel(example, 1, -1);
    expect(moved.levels.map((l) => l.name)).toEqual(['Quality engineer', 'Line leader', 'Quality manager', 'Plant management']);
    const result = validateEscalationPolicy(moved);
    expect(result.ok ? [] : result.findings.map((f) => [f.pointer, f.code])).toEqual([['/levels/1/delayMinutes', 'policy.delay-not-increasing']]);
  });

  it('the last level cannot be removed; another can', () => {
    const one = { ...newPolicy(), name: 'x' };
    expect(removeLevel(one, 0)).toBe(one);
    expect(removeLevel(example, 0).levels).toHaveLength(3);
  });

  it('a webhook channel keeps its target; an empty target is reported at it', () => {
    const level = example.levels[0]!;
    expect(setChannels(level, ['email', 'webhook']).channels).toEqual([{ channel: 'email' }, { channel: 'webhook', target: 'wecom-quality' }]);
    const bare = updateLevel(example, 1, (l) => setChannels(l, ['webhook']));
    const result = validateEscalationPolicy(bare);
    expect(result.ok ? [] : result.findings.map((f) => f.pointer)).toContain('/levels/1/channels/0/target');
  });

  it.each([
    ['role:line-leader', { kind: 'role', id: 'line-leader' }],
    ['group: plant-management', { kind: 'group', id: 'plant-management' }],
    ['line-leader', undefined],
  ])('recipient text %s reads as %j', (text, ref) => expect(parseRecipient(text)).toEqual(ref));

  it('recipients are one of role, user or group each, without duplicates', () => {
    const level = setRecipients(example.levels[0]!, [
      { kind: 'role', id: 'line-leader' },
      { kind: 'user', id: 'u1' },
      { kind: 'role', id: 'line-leader' },
    ]);
    expect(level.recipients).toEqual([{ role: 'line-leader' }, { user: 'u1' }]);
  });

  it('pausing on acknowledgement brings a pause length; stopping drops it', () => {
    const paused = setOnAcknowledge(example, 'pause');
    expect(paused).toMatchObject({ onAcknowledge: 'pause', pauseMinutes: 15 });
    expect(validateEscalationPolicy(paused).ok).toBe(true);
    expect(setOnAcknowledge(paused, 'stop')).not.toHaveProperty('pauseMinutes');
    expect(setPolicyScope(setPolicyScope(example, 'lines', []), 'shifts', [])).not.toHaveProperty('scope');
  });
});

describe('backtest chart', () => {
  it('has one point per bucket with its firings and evaluations', () => {
    const series = backtestSeries(
      {
        bucketMinutes: 60,
        buckets: [
          { start: '2026-01-05T08:00:00.000Z', evaluations: 4, firings: 0 },
          { start: '2026-01-05T09:00:00.000Z', evaluations: 6, firings: 2 },
        ],
      },
      'en',
    );
    expect(series.map((p) => [p.firings, p.evaluations])).toEqual([
      [0, 4],
      [2, 6],
    ]);
    expect(series[0]?.label).toMatch(/05\/01/);
  });
});
