/**
 * The alert rule schema (JSON Schema 2020-12) is the single source of the AlertRule type.
 *
 * Conditions have the json-rules-engine shape: the top level is a group (`all`, `any` or `not`),
 * a group holds groups or leaves `{fact, operator, value, params}`. JSON Schema can say that
 * recursively, but a recursive type cannot be derived from it, so the nesting is unrolled into
 * `$defs` levels: groups nest at most CONDITION_MAX_DEPTH deep and each list holds at most
 * CONDITION_MAX_ITEMS conditions. Facts, operators and params are checked against the catalogs
 * by the semantic validation (rules/semantic.ts), not here, so the designer gets `rule.*`
 * findings that name the catalog entry at fault.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { ACTION_TYPES, SEVERITIES, TRIGGER_EVENT_TYPES } from './vocabulary';

export const CONDITION_MAX_DEPTH = 4;
export const CONDITION_MAX_ITEMS = 20;

const identifier = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' } as const;
const ids = { type: 'array', items: identifier, uniqueItems: true, minItems: 1, maxItems: 100 } as const;
/** A duration: 1 to 999 minutes, hours or days (`15m`, `12h`, `1d`). */
const every = { type: 'string', pattern: '^[1-9][0-9]{0,2}[mhd]$' } as const;
const template = { type: 'string', minLength: 1, maxLength: 500 } as const;
const scalar = { type: ['string', 'number', 'boolean'], maxLength: 200 } as const;

const conditionList = <const Ref extends string>(ref: Ref) =>
  ({ type: 'array', minItems: 1, maxItems: CONDITION_MAX_ITEMS, items: { $ref: ref } }) as const;

const leafProperties = {
  fact: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
  operator: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
  value: { ...scalar, type: ['string', 'number', 'boolean', 'array'], minItems: 1, maxItems: 100, items: scalar },
  params: {
    type: 'object',
    maxProperties: 12,
    propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
    additionalProperties: scalar,
  },
} as const;

const NOT_A_LEAF = { fact: false, operator: false, value: false, params: false } as const;

/** A group (exactly one of all/any/not) whose members are `next`, or a leaf. */
const groupOrLeaf = <const Ref extends string>(next: Ref) =>
  ({
    type: 'object',
    additionalProperties: false,
    properties: { all: conditionList(next), any: conditionList(next), not: { $ref: next }, ...leafProperties },
    if: { required: ['all'] },
    then: { properties: { any: false, not: false, ...NOT_A_LEAF } },
    else: {
      if: { required: ['any'] },
      then: { properties: { not: false, ...NOT_A_LEAF } },
      else: {
        if: { required: ['not'] },
        then: { properties: NOT_A_LEAF },
        else: { required: ['fact', 'operator', 'value'] },
      },
    },
  }) as const;

export const alertRuleSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/alert-rule.json',
  title: 'AlertRule',
  description: 'An alert rule: when it is evaluated (triggers), where (scope), what must hold (conditions), and what it raises.',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'triggers', 'conditions', 'event', 'escalationPolicy'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
    scope: {
      type: 'object',
      description: 'Where the rule applies; a list that is absent means everywhere. Events outside the scope do not trigger the rule.',
      additionalProperties: false,
      properties: { productModels: ids, lines: ids, steps: ids },
    },
    triggers: {
      type: 'array',
      description: 'When the rule is evaluated: on events of a type, and/or on a schedule.',
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { event: { enum: TRIGGER_EVENT_TYPES }, every },
        if: { required: ['event'] },
        then: { properties: { every: false } },
        else: { required: ['every'] },
      },
    },
    conditions: {
      type: 'object',
      description: 'json-rules-engine conditions: a group of all, any or not at the top.',
      additionalProperties: false,
      properties: {
        all: conditionList('#/$defs/condition2'),
        any: conditionList('#/$defs/condition2'),
        not: { $ref: '#/$defs/condition2' },
      },
      if: { required: ['all'] },
      then: { properties: { any: false, not: false } },
      else: {
        if: { required: ['any'] },
        then: { properties: { not: false } },
        // Neither all, any nor not: name the usual one as missing.
        else: { if: { required: ['not'] }, then: true, else: { required: ['all'] } },
      },
    },
    event: {
      type: 'object',
      description: 'The alert the rule raises.',
      additionalProperties: false,
      required: ['type', 'severity', 'message'],
      properties: {
        type: { type: 'string', maxLength: 100, pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$' },
        severity: { enum: SEVERITIES },
        message: {
          type: 'object',
          description: 'Templates: {{variable}} placeholders are filled in when the alert is raised.',
          additionalProperties: false,
          required: ['en', 'zh'],
          properties: { en: template, zh: template },
        },
      },
    },
    escalationPolicy: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'Key of an escalation policy.' },
    actions: {
      type: 'array',
      description: 'What is done automatically when the rule fires.',
      maxItems: 4,
      uniqueItems: true,
      items: { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { enum: ACTION_TYPES } } },
    },
    cooldownMinutes: {
      type: 'integer',
      minimum: 0,
      maximum: 10080,
      description: 'After the rule fired for a dedup key, it does not fire again for that key for this long; absent means 0.',
    },
    dedupKey: {
      ...template,
      maxLength: 200,
      description: 'Template of the key alerts are de-duplicated by; absent means one key per rule.',
    },
  },
  $defs: {
    condition2: groupOrLeaf('#/$defs/condition3'),
    condition3: groupOrLeaf('#/$defs/condition4'),
    condition4: groupOrLeaf('#/$defs/condition5'),
    // The deepest level holds leaves only: a group here is reported at its all/any/not.
    condition5: {
      type: 'object',
      additionalProperties: false,
      properties: { all: false, any: false, not: false, ...leafProperties },
      if: { anyOf: [{ required: ['all'] }, { required: ['any'] }, { required: ['not'] }] },
      then: true,
      else: { required: ['fact', 'operator', 'value'] },
    },
    /** A leaf, for the ConditionLeaf type (condition5 is a leaf that reports groups nested too deep). */
    leaf: {
      type: 'object',
      additionalProperties: false,
      required: ['fact', 'operator', 'value'],
      properties: leafProperties,
    },
  },
} as const;

export type AlertRule = FromSchema<typeof alertRuleSchema>;
export type AlertRuleScope = NonNullable<AlertRule['scope']>;
export type AlertRuleTrigger = AlertRule['triggers'][number];
export type AlertRuleConditions = AlertRule['conditions'];
export type AlertRuleEvent = AlertRule['event'];
export type AlertRuleAction = NonNullable<AlertRule['actions']>[number];
export type ConditionLeaf = FromSchema<typeof alertRuleSchema.$defs.leaf>;
export type ConditionValue = ConditionLeaf['value'];
export type ParamValue = NonNullable<ConditionLeaf['params']>[string];
