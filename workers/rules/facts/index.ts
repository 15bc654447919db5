/**
 * Every fact of the catalog (definitions/rules/facts.ts) with the provider that computes it, and
 * the cache of one evaluation pass: one fact with the same params (and scope) is computed once
 * per pass, however many rules and conditions ask for it.
 */
import type { AlertRuleScope } from '../../../definitions/rules/schema';
import { canonicalJson } from '../../../definitions/validation/finding';
import { FLOW_FACTS } from './flow';
import { QUALITY_FACTS } from './quality';
import { RESOURCE_FACTS } from './resources';
import type { FactEnv, FactProvider, FactValue, ResolvedParams } from './types';

export type { FactEnv, FactProvider, FactValue, ResolvedParams } from './types';

export const FACT_PROVIDERS: Readonly<Record<string, FactProvider>> = { ...QUALITY_FACTS, ...FLOW_FACTS, ...RESOURCE_FACTS };

/** The facts of one evaluation pass, at one moment. */
export class FactCache {
  private readonly values = new Map<string, Promise<FactValue>>();
  /** How many values were computed (not served from the cache). */
  computed = 0;

  constructor(readonly env: Omit<FactEnv, 'scope'>) {}

  value(name: string, params: ResolvedParams, scope?: AlertRuleScope): Promise<FactValue> {
    const provider = Object.hasOwn(FACT_PROVIDERS, name) ? FACT_PROVIDERS[name] : undefined;
    if (!provider) return Promise.reject(new Error(`no provider computes the fact "${name}"`));
    const key = `${name}\u0000${canonicalJson(params)}\u0000${canonicalJson(scope ?? {})}`;
    let value = this.values.get(key);
    if (!value) {
      this.computed += 1;
      value = provider(params, { ...this.env, scope });
      this.values.set(key, value);
    }
    return value;
  }
}
