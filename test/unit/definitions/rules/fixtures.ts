/** Typed fixture factories for alert rule tests: a valid rule, and ways to change parts of it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MasterData } from '../../../../definitions/master-data/schema';
import type { AlertRule, ConditionLeaf } from '../../../../definitions/rules/schema';
import { validateAlertRule } from '../../../../definitions/rules/validate';
import type { Finding } from '../../../../definitions/validation/finding';
import type { ValidationContext } from '../../../../definitions/validation/context';

export const EXAMPLES = path.resolve(__dirname, '..', '..', '..', '..', 'definitions', 'examples');

export function readExample(file: string): unknown {
  return JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as unknown;
}

export const PLANT_1 = readExample('plant-1.master-data.json') as MasterData;
export const POLICIES: ReadonlySet<string> = new Set(['quality-default', 'maintenance-default']);
/** What the API validates a rule against for the example site. */
export const SITE: ValidationContext = { masterData: PLANT_1, escalationPolicies: POLICIES };

/**
 * A valid leaf: the defect rate of the event's product model over the last hour is above 2 %.
 * A property `over` sets to undefined is left out.
 */
export function aLeaf(over: Partial<ConditionLeaf> = {}): ConditionLeaf {
  const leaf = { fact: 'defectRate', operator: 'greaterThan', value: 2, params: { window: '1h', productModel: '{{productModel}}' }, ...over };
  return Object.fromEntries(Object.entries(leaf).filter(([, v]) => v !== undefined)) as ConditionLeaf;
}

/** A valid rule (valid with SITE too) with `over` replacing whole properties. */
export function aRule(over: Partial<AlertRule> = {}): AlertRule {
  return {
    name: 'Defect rate by product model',
    triggers: [{ event: 'unit.defect-recorded' }],
    conditions: { all: [aLeaf()] },
    event: {
      type: 'quality.defect-rate-high',
      severity: 'major',
      message: { en: '{{ruleName}}: {{fact}} is {{value}} (limit {{threshold}})', zh: '{{ruleName}}：{{fact}} 为 {{value}}（上限 {{threshold}}）' },
    },
    escalationPolicy: 'quality-default',
    ...over,
  };
}

/** aRule whose only condition is aLeaf(leaf). */
export function aRuleWithLeaf(leaf: Partial<ConditionLeaf>, over: Partial<AlertRule> = {}): AlertRule {
  return aRule({ conditions: { all: [aLeaf(leaf)] }, ...over });
}

/** A rule as loose JSON, so a test can break it in ways the AlertRule type forbids. */
export type LooseRule = Record<string, unknown> & { conditions: Record<string, unknown>; event: Record<string, unknown> & { message: Record<string, unknown> } };

export function aRuleChangedBy(change: (rule: LooseRule) => void, base: AlertRule = aRule()): unknown {
  const rule = structuredClone(base) as unknown as LooseRule;
  change(rule);
  return rule;
}

/** `depth` groups nested inside each other around one leaf; depth 1 is the top-level group. */
export function nestedGroups(depth: number): Record<string, unknown> {
  let node: unknown = aLeaf();
  for (let i = 0; i < depth; i++) node = { all: [node] };
  return node as Record<string, unknown>;
}

export type Where = Pick<Finding, 'pointer' | 'code'>;
export const where = (findings: Finding[]): Where[] => findings.map(({ pointer, code }) => ({ pointer, code }));

export function findingsOf(value: unknown, ctx: ValidationContext = SITE): Finding[] {
  const result = validateAlertRule(value, ctx);
  if (result.ok) throw new Error('expected the rule to be rejected, but it was accepted');
  return result.findings;
}
