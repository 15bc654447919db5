import { schemaFindings } from '../validation/ajv';
import type { ValidationContext } from '../validation/context';
import type { Validated } from '../validation/finding';
import { alertRuleSchema, type AlertRule } from './schema';
import { alertRuleFindings } from './semantic';

/**
 * Schema first; semantic checks only run on a rule that has the right shape. With `ctx`, master
 * data references and the escalation policy are checked as well.
 */
export function validateAlertRule(value: unknown, ctx: ValidationContext = {}): Validated<AlertRule> {
  const shape = schemaFindings(alertRuleSchema, value);
  if (shape.length > 0) return { ok: false, findings: shape };
  const rule = value as AlertRule;
  const meaning = alertRuleFindings(rule, ctx);
  return meaning.length > 0 ? { ok: false, findings: meaning } : { ok: true, value: rule };
}
