/**
 * Every fact of the catalog (definitions/rules/facts.ts) with the provider that computes it, and
 * the cache of one evaluation pass: one fact with the same params (and scope) is computed once
 * per pass, however many rules and conditions ask for it.
 */
import type { AlertRuleScope } from '../../definitions/rules/schema';
import { canonicalJson } from '../../definitions/validation/finding';
import { FLOW_FACTS } from './flow';
import { QUALITY_FACTS } from './quality';
import { RESOURCE_FACTS } from './resources';
import type { FactEnv, FactProvider, FactValue, ResolvedParams } from './types';

export type { FactEnv, FactProvider, FactValue, ResolvedParams } from './types';

export const FACT_PROVIDERS: Readonly<Record<string, FactProvider>> = { ...QUALITY_FACTS, ...FLOW_FACTS, ...RESOURCE_FACTS };

/** A scope's key, worked out once per scope object (a rule's scope does not change while it is loaded). */
const scopeKeys = new WeakMap<object, string>();
function scopeKey(scope: AlertRuleScope | undefined): string {
  if (!scope) return '';
  let key = scopeKeys.get(scope);
  if (key === undefined) {
    key = canonicalJson(scope);
    scopeKeys.set(scope, key);
  }
  return key;
}

/** Resolved params are flat strings: their key is the sorted name=value pairs (kept per params object). */
const paramsKeys = new WeakMap<object, string>();
function paramsKey(params: ResolvedParams): string {
  const kept = paramsKeys.get(params);
  if (kept !== undefined) return kept;
  const names = Object.keys(params).filter((k) => params[k] !== undefined).sort();
  let key = '';
  for (const k of names) key += `${k}\u0001${params[k] as string}\u0002`;
  paramsKeys.set(params, key);
  return key;
}

/** The facts of one evaluation pass, at one moment. */
export class FactCache {
  private readonly values = new Map<string, Promise<FactValue>>();
  /** How many values were computed (not served from the cache). */
  computed = 0;

  constructor(readonly env: Omit<FactEnv, 'scope'>) {}

  value(name: string, params: ResolvedParams, scope?: AlertRuleScope): Promise<FactValue> {
    const provider = Object.hasOwn(FACT_PROVIDERS, name) ? FACT_PROVIDERS[name] : undefined;
    if (!provider) return Promise.reject(new Error(`no provider computes the fact "${name}"`));
    const key = `${name}\u0000${paramsKey(params)}\u0000${scopeKey(scope)}`;
    let value = this.values.get(key);
    if (!value) {
      this.computed += 1;
      value = provider(params, { ...this.env, scope });
      this.values.set(key, value);
    }
    return value;
  }
}
