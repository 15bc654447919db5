/** Static checks of a rule set: never fires, overlap, unreachable escalation levels. */
import type { EscalationPolicy } from '../../../../definitions/policies/schema';
import type { AlertRule } from '../../../../definitions/rules/schema';
import { ruleSetFindings, type RuleEntry } from '../../../../definitions/rules/static-checks';

const policy: EscalationPolicy = { name: 'p', onAcknowledge: 'stop', scope: { lines: ['SMT1'] }, levels: [{ delayMinutes: 0, delayFrom: 'open', channels: [{ channel: 'email' }], recipients: [{ role: 'qe' }] }] };
const policies = new Map([['p', policy]]);

function rule(key: string, leaves: Array<[string, string, number | boolean | number[]]>, over: Partial<AlertRule> = {}): RuleEntry {
  return {
    key,
    version: 1,
    rule: {
      name: key,
      triggers: [{ event: 'unit.step-completed' }],
      scope: { lines: ['SMT1'] },
      conditions: { all: leaves.map(([fact, operator, value]) => ({ fact, operator, value, params: { window: '1h' } })) },
      event: { type: 'q.x', severity: 'major', message: { en: 'x', zh: 'x' } },
      escalationPolicy: 'p',
      ...over,
    },
  };
}

const codes = (entries: RuleEntry[]) => ruleSetFindings(entries, policies).map((f) => `${f.rule}:${f.code}`);

describe('rules that can never fire', () => {
  it.each([
    ['> 5 and < 3', [['defectRate', 'greaterThan', 5], ['defectRate', 'lessThan', 3]], true],
    ['≥ 5 and ≤ 5', [['defectRate', 'greaterThanInclusive', 5], ['defectRate', 'lessThanInclusive', 5]], false],
    ['> 5 and < 5', [['defectRate', 'greaterThan', 5], ['defectRate', 'lessThanInclusive', 5]], true],
    ['integer > 5 and < 6', [['defectCount', 'greaterThan', 5], ['defectCount', 'lessThan', 6]], true],
    ['number > 5 and < 6', [['defectRate', 'greaterThan', 5], ['defectRate', 'lessThan', 6]], false],
    ['= 2 and in [3, 4]', [['defectCount', 'equal', 2], ['defectCount', 'in', [3, 4]]], true],
    ['= 2 and ≠ 2', [['defectCount', 'equal', 2], ['defectCount', 'notEqual', 2]], true],
    ['on two different facts', [['defectRate', 'greaterThan', 5], ['dppm', 'lessThan', 3]], false],
  ] as Array<[string, Array<[string, string, number | number[]]>, boolean]>)('when the conditions are %s, then never-fires is %s', (_name, leaves, expected) => {
    expect(codes([rule('r', leaves)]).includes('r:checks.never-fires')).toBe(expected);
  });

  it('when the contradiction lies in different branches of an any, then the rule can still fire', () => {
    const r = rule('r', []);
    r.rule.conditions = { any: [{ fact: 'defectRate', operator: 'greaterThan', value: 5, params: { window: '1h' } }, { fact: 'defectRate', operator: 'lessThan', value: 3, params: { window: '1h' } }] };
    expect(codes([r])).not.toContain('r:checks.never-fires');
  });
});

describe('overlapping rules', () => {
  it.each([
    ['> 2 and > 5 on the same scope', rule('b', [['defectRate', 'greaterThan', 5]]), true],
    ['> 2 and < 1 on the same scope', rule('b', [['defectRate', 'lessThan', 1]]), false],
    ['> 2 and > 5 on another line', rule('b', [['defectRate', 'greaterThan', 5]], { scope: { lines: ['FA1'] } }), false],
    ['> 2 and > 5 with another trigger', rule('b', [['defectRate', 'greaterThan', 5]], { triggers: [{ every: '15m' }] }), false],
  ] as Array<[string, RuleEntry, boolean]>)('when two rules are %s, then overlap is %s', (_name, other, expected) => {
    expect(codes([rule('a', [['defectRate', 'greaterThan', 2]]), other]).includes('b:checks.overlap')).toBe(expected);
  });
});

describe('escalation levels never reached', () => {
  it('when the policy covers other lines than the rule, then each of its levels is unreachable for the rule', () => {
    const findings = ruleSetFindings([rule('r', [['defectRate', 'greaterThan', 5]], { scope: { lines: ['FA1'] } })], policies);
    expect(findings.filter((f) => f.code === 'checks.level-unreachable').map((f) => f.pointer)).toEqual(['/escalationPolicy']);
  });

  it('when the policy is not published, then the rule says so', () => {
    expect(codes([rule('r', [['defectRate', 'greaterThan', 5]], { escalationPolicy: 'missing' })])).toEqual(['r:checks.policy-not-published']);
  });

  it('when rule and policy share a line, then nothing is found', () => {
    expect(codes([rule('r', [['defectRate', 'greaterThan', 5]])])).toEqual([]);
  });
});
