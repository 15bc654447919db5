/**
 * Where a rule is evaluated: the context variables of the triggering event (or none, on a
 * schedule), which rules an event is offered to (trigger type and scope), and condition params
 * with their bindings (`{{line}}`) resolved. Pure.
 */
import type { AlertRule, AlertRuleScope } from '../schema';
import { bindingOf, renderTemplate } from '../templates';
import { isContextVariable, type ContextVariable, type TriggerEventType } from '../vocabulary';
import type { UnitBatch, UnitEvent } from '../../units/model';
import { durationMinutes } from '../facts';

export type ContextValues = Partial<Record<ContextVariable, string>>;

/** A condition's params after binding: literals only; a binding without a value is absent. */
export type ResolvedParams = Partial<Record<string, string>>;

/** An event a rule may be offered: its trigger type, time and context variables. */
export interface TriggerContext {
  type: TriggerEventType | 'schedule';
  at: Date;
  site: string;
  values: ContextValues;
}

/** The trigger types a unit event raises: a completed step, and a defect when it records one. */
export function triggerTypesOf(event: Pick<UnitEvent, 'type' | 'result' | 'defectCodes'>): TriggerEventType[] {
  if (event.type !== 'completed') return [];
  const defective = event.result === 'fail' || (event.defectCodes?.length ?? 0) > 0;
  return defective ? ['unit.step-completed', 'unit.defect-recorded'] : ['unit.step-completed'];
}

/** The context variables of one event of a unit batch (the first defect code names the defect). */
export function valuesOfEvent(head: Pick<UnitBatch, 'serial' | 'line' | 'productModel' | 'workOrder'>, e: Pick<UnitEvent, 'step' | 'operator' | 'equipment' | 'defectCodes'>): ContextValues {
  const values: ContextValues = { serial: head.serial, line: head.line };
  const optional: Array<[ContextVariable, string | null | undefined]> = [
    ['productModel', head.productModel],
    ['workOrder', head.workOrder],
    ['step', e.step],
    ['operator', e.operator],
    ['equipment', e.equipment],
    ['defectCode', e.defectCodes?.[0]],
  ];
  for (const [k, v] of optional) if (typeof v === 'string' && v !== '') values[k] = v;
  return values;
}

/** Every trigger context of a batch, one per trigger type each event raises, in event order. */
export function triggersOfBatch(batch: UnitBatch): TriggerContext[] {
  return batch.events.flatMap((e) =>
    triggerTypesOf(e).map((type): TriggerContext => ({ type, at: new Date(e.at), site: batch.site, values: valuesOfEvent(batch, e) })),
  );
}

const SCOPE_DIMENSIONS: Array<[keyof AlertRuleScope, ContextVariable]> = [
  ['productModels', 'productModel'],
  ['lines', 'line'],
  ['steps', 'step'],
];

/** Whether the context lies within the scope: every list the scope has contains the context's value. */
export function inScope(scope: AlertRuleScope | undefined, values: ContextValues): boolean {
  return SCOPE_DIMENSIONS.every(([list, variable]) => {
    const allowed = scope?.[list];
    if (allowed === undefined) return true;
    const value = values[variable];
    return value !== undefined && allowed.includes(value);
  });
}

/** Whether the rule is triggered by this context: one of its event triggers has its type, and it is in scope. */
export function triggers(rule: Pick<AlertRule, 'triggers' | 'scope'>, ctx: Pick<TriggerContext, 'type' | 'values'>): boolean {
  if (ctx.type === 'schedule') return false;
  return rule.triggers.some((t) => t.event === ctx.type) && inScope(rule.scope, ctx.values);
}

/** The context values with the scope's single product model, line or step filled in where absent. */
export function withPinnedScope(scope: AlertRuleScope | undefined, values: ContextValues): ContextValues {
  const out = { ...values };
  for (const [list, variable] of SCOPE_DIMENSIONS) {
    const allowed = scope?.[list];
    if (out[variable] === undefined && allowed?.length === 1) out[variable] = allowed[0];
  }
  return out;
}

/** A condition's params with bindings replaced by context values; a binding without a value is left out. */
export function resolveParams(params: Record<string, unknown> | undefined, values: ContextValues): ResolvedParams {
  const out: ResolvedParams = {};
  for (const [name, raw] of Object.entries(params ?? {})) {
    const binding = bindingOf(raw);
    if (binding === undefined) out[name] = String(raw);
    else if (isContextVariable(binding) && values[binding] !== undefined) out[name] = values[binding];
  }
  return out;
}

/**
 * The key bursts of one rule are coalesced by: the rule and its dedup key rendered with the
 * context (rule variables such as the value are not known before evaluation).
 */
export function coalesceKey(ruleKey: string, dedupTemplate: string | undefined, values: ContextValues): string {
  return `${ruleKey}\u0000${dedupTemplate === undefined ? '' : renderTemplate(dedupTemplate, values)}`;
}

/** The intervals (minutes) of a rule's `every` triggers, sorted, each once: its schedule. */
export function scheduleMinutes(rule: { rule: Pick<AlertRule, 'triggers'> }): number[] {
  const minutes = rule.rule.triggers.flatMap((t) => (t.every === undefined ? [] : [durationMinutes(t.every)])).filter((m): m is number => m !== undefined);
  return [...new Set(minutes)].sort((a, b) => a - b);
}
