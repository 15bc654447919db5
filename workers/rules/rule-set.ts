/**
 * The active published alert rules (each key's active version), compiled; the site's shifts;
 * and the escalation policy versions firings pin.
 */
import type { Shift } from '../../definitions/master-data/lookup';
import type { MasterData } from '../../definitions/master-data/schema';
import type { EscalationPolicy } from '../../definitions/policies/schema';
import type { AlertRule } from '../../definitions/rules/schema';
import type { PinnedPolicy } from '../../engine/workflows/incident-messages';
import type { Store } from '../../store';
import { compileRule, RuleLoadError, type CompiledRule } from '../../definitions/rules/run/evaluate';

export interface ActiveRules {
  rules: CompiledRule[];
  /** Active versions that could not be compiled (a fact or operator nothing implements). */
  rejected: Array<{ key: string; version: number; pointer: string; reason: string }>;
  shifts: Shift[];
}

export async function loadActiveRules(store: Store, siteKey: string): Promise<ActiveRules> {
  const [heads, site] = await Promise.all([store.definitions.heads('alert-rule'), store.definitions.activeVersion('master-data', siteKey)]);
  const rules: CompiledRule[] = [];
  const rejected: ActiveRules['rejected'] = [];
  for (const head of heads) {
    if (head.activeVersion === null) continue;
    const version = await store.definitions.getVersion('alert-rule', head.key, head.activeVersion);
    if (!version) continue;
    try {
      rules.push(compileRule(head.key, head.activeVersion, version.content as AlertRule));
    } catch (e) {
      if (!(e instanceof RuleLoadError)) throw e;
      rejected.push({ key: head.key, version: head.activeVersion, pointer: e.pointer, reason: e.message });
    }
  }
  const shifts = ((site?.content as MasterData | undefined)?.shifts ?? []) as Shift[];
  return { rules, rejected, shifts };
}

/** The escalation policy's active version, pinned by the incident; null when none is published. */
export async function pinPolicy(store: Store, key: string): Promise<PinnedPolicy | null> {
  const version = await store.definitions.activeVersion('escalation-policy', key);
  return version ? { key, version: version.version, content: version.content as EscalationPolicy } : null;
}
