import { schemaFindings } from '../validation/ajv';
import type { ValidationContext } from '../validation/context';
import { finding, type Finding, type Validated } from '../validation/finding';
import { escalationPolicySchema, type EscalationPolicy } from './schema';
import { escalationPolicyFindings } from './semantic';

const RECIPIENT = /^\/levels\/[0-9]+\/recipients\/[0-9]+$/;

/** A recipient with no or several of role, user and group: say so in words instead of ajv's property count. */
function explained(f: Finding): Finding {
  if ((f.code !== 'schema.minProperties' && f.code !== 'schema.maxProperties') || !RECIPIENT.test(f.pointer)) return f;
  return finding(f.pointer, f.code, {
    en: 'a recipient names exactly one of role, user or group',
    zh: '每个接收人必须且只能指定 role、user、group 之一',
  });
}

/**
 * Schema first; semantic checks (and, with `ctx.masterData`, reference checks) only run on a
 * policy that has the right shape.
 */
export function validateEscalationPolicy(value: unknown, ctx?: ValidationContext): Validated<EscalationPolicy> {
  const shape = schemaFindings(escalationPolicySchema, value);
  if (shape.length > 0) return { ok: false, findings: shape.map(explained) };
  const policy = value as EscalationPolicy;
  const meaning = escalationPolicyFindings(policy, ctx);
  return meaning.length > 0 ? { ok: false, findings: meaning } : { ok: true, value: policy };
}
