/** Typed fixture factories for escalation policies. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EscalationLevel, EscalationPolicy } from '../../../../definitions/policies/schema';
import { EXAMPLES } from '../master-data/fixtures';

export type ExamplePolicy = 'quality-default' | 'maintenance-default';

/** A shipped example policy (a new object each call, so a test may change it freely). */
export function examplePolicy(name: ExamplePolicy = 'quality-default'): EscalationPolicy {
  return JSON.parse(readFileSync(path.join(EXAMPLES, `${name}.escalation-policy.json`), 'utf8')) as EscalationPolicy;
}

type Row = Record<string, unknown>;

/** A level as loose JSON, so a test can break it in ways the type forbids. */
export interface LooseLevel {
  [key: string]: unknown;
  channels: Row[];
  recipients: Row[];
}

/** A policy as loose JSON. */
export interface LoosePolicy {
  [key: string]: unknown;
  levels: LooseLevel[];
}

/** An example policy with the changes made by `change`. */
export function policyWith(change: (policy: LoosePolicy) => void, name: ExamplePolicy = 'quality-default'): unknown {
  const policy = examplePolicy(name) as unknown as LoosePolicy;
  change(policy);
  return policy;
}

/** A level of a test's own: at 0 minutes from the opening, by andon, to the line leader. */
export function level(over: Partial<EscalationLevel> = {}): EscalationLevel {
  return { delayMinutes: 0, delayFrom: 'open', channels: [{ channel: 'andon' }], recipients: [{ role: 'line-leader' }], ...over };
}

/** A policy of a test's own: one level, stops on acknowledgement. */
export function policy(over: Partial<EscalationPolicy> = {}): EscalationPolicy {
  return { name: 'Test policy', levels: [level()], onAcknowledge: 'stop', ...over };
}
