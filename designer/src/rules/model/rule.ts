/**
 * Pure edits of an alert rule's rule-level fields (triggers, scope, event, actions, policy,
 * dedup) as the rule editor makes them. Optional lists the author empties are removed, since the
 * schema wants them absent rather than empty.
 */
import type { AlertRule, AlertRuleScope } from '../../../../definitions/rules/schema';
import type { ActionType, TriggerEventType } from '../../../../definitions/rules/vocabulary';
import type { CondNode } from './tree';

/** A rule while it is edited: the same shape, with a condition tree that may be half-built. */
export type RuleDoc = Omit<AlertRule, 'conditions'> & { conditions: CondNode };

export type ScopeKey = keyof AlertRuleScope;

export function newRule(policyKey: string): RuleDoc {
  return {
    name: '',
    triggers: [{ event: 'unit.step-completed' }],
    conditions: { all: [] },
    event: { type: 'quality.alert', severity: 'major', message: { en: '{{fact}} is {{value}} (limit {{threshold}})', zh: '{{fact}} 为 {{value}}（限值 {{threshold}}）' } },
    escalationPolicy: policyKey,
  };
}

export function setScopeList(rule: RuleDoc, key: ScopeKey, ids: readonly string[]): RuleDoc {
  const scope: AlertRuleScope = { ...(rule.scope ?? {}) };
  const clean = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ''))];
  if (clean.length === 0) delete scope[key];
  else scope[key] = clean as [string, ...string[]];
  const { scope: _old, ...rest } = rule;
  void _old;
  return Object.keys(scope).length === 0 ? rest : { ...rest, scope };
}

export function eventTriggers(rule: RuleDoc): TriggerEventType[] {
  return rule.triggers.flatMap((t) => (t.event === undefined ? [] : [t.event]));
}

export function scheduleOf(rule: RuleDoc): string | undefined {
  return rule.triggers.find((t) => t.every !== undefined)?.every;
}

/** The event triggers chosen, then the schedule when there is one. */
export function setTriggers(rule: RuleDoc, events: readonly TriggerEventType[], every: string | undefined): RuleDoc {
  const triggers: RuleDoc['triggers'] = [...new Set(events)].map((event) => ({ event }));
  if (every !== undefined && every !== '') triggers.push({ every });
  return { ...rule, triggers };
}

export function actionTypes(rule: RuleDoc): ActionType[] {
  return (rule.actions ?? []).map((a) => a.type);
}

export function setActions(rule: RuleDoc, types: readonly ActionType[]): RuleDoc {
  const { actions: _old, ...rest } = rule;
  void _old;
  return types.length === 0 ? rest : { ...rest, actions: [...new Set(types)].map((type) => ({ type })) };
}

type OptionalField = 'description' | 'dedupKey' | 'cooldownMinutes';

/** Sets an optional top-level field; an empty text or no number removes it. */
export function setOptional<K extends OptionalField>(rule: RuleDoc, key: K, value: RuleDoc[K] | '' | null | undefined): RuleDoc {
  const next: RuleDoc = { ...rule };
  if (value === undefined || value === null || value === '') delete next[key];
  else next[key] = value as RuleDoc[K];
  return next;
}
