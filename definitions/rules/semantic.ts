/**
 * Semantic checks of an alert rule that a schema cannot express, in the order of the rule's
 * properties. Each finding names the JSON pointer of the value at fault.
 *
 * Decisions:
 * - A variable used by a template or bound by a param (`"{{line}}"`) must have a value whenever
 *   the rule is evaluated: every trigger carries it (a schedule carries none), or the scope names
 *   exactly one product model / line / step. So a scheduled rule cannot bind a param to the event,
 *   but any fact can be evaluated on a schedule with literal params (over the window and scope):
 *   no fact needs an event as such.
 * - An automatic action needs its target the same way (ACTION_TARGETS): hold-unit and hold-lot
 *   need a unit (serial: only unit.* events carry one), hold-line a line, hold-work-order a work order.
 * - With master data, scope and literal params must name existing product models, lines, defect
 *   codes, equipment and parts. Steps belong to routings and operators to the shop floor, so they
 *   are not checked against master data.
 * - A literal product model, line or step param outside the rule's scope list can never hold.
 */
import type { ValidationContext } from '../validation/context';
import { finding, pointer, type Finding } from '../validation/finding';
import { conditionFindings } from './conditions';
import { referenceSets, REFERENCE_NOUNS, type ReferenceSets } from './references';
import type { AlertRule } from './schema';
import { availableVariables, placeholders, unavailableVariable } from './templates';
import { ACTION_TARGETS, isTemplateVariable, TEMPLATE_VARIABLES, type TemplateVariable } from './vocabulary';

export function alertRuleFindings(rule: AlertRule, ctx: ValidationContext = {}): Finding[] {
  const references = ctx.masterData ? referenceSets(ctx.masterData) : undefined;
  const available = availableVariables(rule);
  return [
    ...scopeFindings(rule, references),
    ...conditionFindings(rule, { available, scope: rule.scope, references }),
    ...templateFindings(rule.event.message.en, pointer('event', 'message', 'en'), available),
    ...templateFindings(rule.event.message.zh, pointer('event', 'message', 'zh'), available),
    ...policyFindings(rule, ctx.escalationPolicies),
    ...actionFindings(rule, available),
    ...(rule.dedupKey === undefined ? [] : templateFindings(rule.dedupKey, pointer('dedupKey'), available)),
  ];
}

function scopeFindings(rule: AlertRule, references: ReferenceSets | undefined): Finding[] {
  if (!references) return [];
  const lists = [
    ['productModels', rule.scope?.productModels],
    ['lines', rule.scope?.lines],
  ] as const;
  return lists.flatMap(([key, ids]) =>
    (ids ?? []).flatMap((id, i) =>
      references[key].has(id)
        ? []
        : [finding(pointer('scope', key, i), 'rule.unknown-reference', { en: `${REFERENCE_NOUNS[key].en} "${id}" is not in the master data`, zh: `主数据中没有${REFERENCE_NOUNS[key].zh} "${id}"` })],
    ),
  );
}

function templateFindings(template: string, at: string, available: ReadonlySet<TemplateVariable>): Finding[] {
  return placeholders(template).flatMap((name) => {
    if (!isTemplateVariable(name)) {
      return [
        finding(at, 'rule.unknown-template-variable', {
          en: `{{${name}}} is not a known variable (known: ${TEMPLATE_VARIABLES.join(', ')})`,
          zh: `{{${name}}} 不是已知变量（可用变量：${TEMPLATE_VARIABLES.join(', ')}）`,
        }),
      ];
    }
    if (!available.has(name)) {
      return [unavailableVariable(at, name)];
    }
    return [];
  });
}

function policyFindings(rule: AlertRule, policies: ReadonlySet<string> | undefined): Finding[] {
  if (!policies || policies.has(rule.escalationPolicy)) return [];
  return [
    finding(pointer('escalationPolicy'), 'rule.unknown-policy', {
      en: `escalation policy "${rule.escalationPolicy}" is not published`,
      zh: `升级策略 "${rule.escalationPolicy}" 不存在或未发布`,
    }),
  ];
}

function actionFindings(rule: AlertRule, available: ReadonlySet<TemplateVariable>): Finding[] {
  return (rule.actions ?? []).flatMap((action, i) => {
    const target = ACTION_TARGETS[action.type];
    if (available.has(target)) return [];
    return [
      finding(pointer('actions', i, 'type'), 'rule.action-target-unavailable', {
        en: `${action.type} needs a ${target} whenever the rule fires, but not every trigger carries one${target === 'serial' ? ' (only unit events do)' : ''}`,
        zh: `${action.type} 在规则触发时需要 ${target}，但并非每个触发条件都携带该信息${target === 'serial' ? '（只有产品事件携带）' : ''}`,
      }),
    ];
  });
}
