/**
 * The words an alert rule is written in: the events that can trigger it, the variables its
 * templates may use, its severities and its automatic actions. Pure data, exported so the API
 * can hand it to the designer.
 */

/** Text in both languages the UI speaks. */
export interface Bilingual {
  en: string;
  zh: string;
}

/**
 * Variables taken from the context a rule is evaluated in: the triggering event, or the rule's
 * scope when it names exactly one product model, line or step.
 */
export const CONTEXT_VARIABLES = ['productModel', 'line', 'step', 'operator', 'defectCode', 'equipment', 'workOrder', 'partNumber', 'serial'] as const;
export type ContextVariable = (typeof CONTEXT_VARIABLES)[number];

/**
 * Variables every evaluation knows: the rule's name, its severity, and of the leaf condition that
 * decided (the first leaf that held, in document order; the first leaf when none did, under a
 * `not`): the fact's name, its value, the threshold (the leaf's `value`) it was compared with and
 * its window param ('' when it has none).
 */
export const RULE_VARIABLES = ['ruleName', 'severity', 'fact', 'value', 'threshold', 'window'] as const;
export type RuleVariable = (typeof RULE_VARIABLES)[number];

/** The one list of variables a template (`{{name}}`) may use: message en/zh and dedupKey. */
export const TEMPLATE_VARIABLES = [...RULE_VARIABLES, ...CONTEXT_VARIABLES] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

export function isContextVariable(name: string): name is ContextVariable {
  return (CONTEXT_VARIABLES as readonly string[]).includes(name);
}

/** Event types a rule can be triggered by. */
export const TRIGGER_EVENT_TYPES = ['unit.step-completed', 'unit.defect-recorded', 'equipment.down', 'material.shortage', 'order.progress'] as const;
export type TriggerEventType = (typeof TRIGGER_EVENT_TYPES)[number];

export interface TriggerEvent {
  type: TriggerEventType;
  labels: Bilingual;
  /** The context variables every event of this type carries. */
  carries: readonly ContextVariable[];
}

export const TRIGGER_EVENTS: Readonly<Record<TriggerEventType, TriggerEvent>> = {
  'unit.step-completed': {
    type: 'unit.step-completed',
    labels: { en: 'Unit completed a step', zh: '产品完成工序' },
    carries: ['serial', 'productModel', 'line', 'step', 'operator', 'workOrder'],
  },
  'unit.defect-recorded': {
    type: 'unit.defect-recorded',
    labels: { en: 'Defect recorded on a unit', zh: '记录产品不良' },
    carries: ['serial', 'productModel', 'line', 'step', 'operator', 'workOrder', 'defectCode'],
  },
  'equipment.down': {
    type: 'equipment.down',
    labels: { en: 'Equipment went down', zh: '设备停机' },
    carries: ['equipment', 'line'],
  },
  'material.shortage': {
    type: 'material.shortage',
    labels: { en: 'Material shortage reported', zh: '物料短缺上报' },
    carries: ['partNumber', 'line', 'workOrder'],
  },
  'order.progress': {
    type: 'order.progress',
    labels: { en: 'Work order progress', zh: '工单进度更新' },
    carries: ['workOrder', 'productModel', 'line'],
  },
};

export const SEVERITIES = ['critical', 'major', 'minor', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Automatic actions a rule may take when it fires. */
export const ACTION_TYPES = ['hold-unit', 'hold-lot', 'hold-line', 'hold-work-order'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/**
 * The context variable that names what an action holds; it must be available whenever the rule
 * fires. `hold-lot` holds the lot of the triggering unit, so it needs a unit (serial) as well.
 */
export const ACTION_TARGETS: Readonly<Record<ActionType, ContextVariable>> = {
  'hold-unit': 'serial',
  'hold-lot': 'serial',
  'hold-line': 'line',
  'hold-work-order': 'workOrder',
};
