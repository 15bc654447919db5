/**
 * Templates (`{{variable}}` placeholders in message en/zh and dedupKey), param bindings
 * (a param value that is exactly `{{variable}}`), and which variables a rule can count on.
 */
import { finding, type Finding } from '../validation/finding';
import type { AlertRule } from './schema';
import { CONTEXT_VARIABLES, RULE_VARIABLES, TRIGGER_EVENTS, type ContextVariable, type TemplateVariable } from './vocabulary';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const BINDING = /^\{\{\s*([^{}]*?)\s*\}\}$/;

/** The names of a template's placeholders, each once, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/** The variable name when the value is a binding (`"{{line}}"`), otherwise undefined. */
export function bindingOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return BINDING.exec(value)?.[1];
}

/** Fills a template; placeholders without a value become ''. */
export function renderTemplate(template: string, values: Partial<Record<TemplateVariable, string | number | boolean>>): string {
  return template.replace(PLACEHOLDER, (_all, name: string) => {
    const value = (values as Record<string, string | number | boolean | undefined>)[name];
    return value === undefined ? '' : String(value);
  });
}

/**
 * The variables that have a value whenever the rule is evaluated: the rule variables, the
 * context variables every trigger carries (a schedule carries none), and the product model,
 * line or step when the scope names exactly one.
 */
export function availableVariables(rule: Pick<AlertRule, 'triggers' | 'scope'>): Set<TemplateVariable> {
  let carried = new Set<ContextVariable>(CONTEXT_VARIABLES);
  for (const trigger of rule.triggers) {
    const carries: readonly ContextVariable[] = trigger.event === undefined ? [] : TRIGGER_EVENTS[trigger.event].carries;
    carried = new Set([...carried].filter((v) => carries.includes(v)));
  }
  const available = new Set<TemplateVariable>([...RULE_VARIABLES, ...carried]);
  const pinned: Array<[readonly string[] | undefined, ContextVariable]> = [
    [rule.scope?.productModels, 'productModel'],
    [rule.scope?.lines, 'line'],
    [rule.scope?.steps, 'step'],
  ];
  for (const [list, variable] of pinned) {
    if (list?.length === 1) available.add(variable);
  }
  return available;
}

/** The finding for a variable that may have no value when the rule is evaluated. */
export function unavailableVariable(at: string, name: string): Finding {
  return finding(at, 'rule.unavailable-variable', {
    en: `{{${name}}} has no value when the rule is evaluated: not every trigger carries it and the scope does not name exactly one`,
    zh: `规则评估时 {{${name}}} 可能没有值：并非每个触发条件都携带该变量，适用范围也未限定为唯一值`,
  });
}
