/**
 * The routing schema (JSON Schema 2020-12) is the single source of the Routing type:
 * the TypeScript type below is derived from it, never written by hand.
 *
 * Every property added after the walking skeleton is optional, so routings written for it
 * (name, description, entry, steps with id/name/kind/stationGroup, transitions from/to/on)
 * stay valid. Defaults are documentation: the validator does not write them into the value.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { bilingual, code, identifier } from '../validation/common';

export const STEP_KINDS = ['operation', 'inspection', 'test', 'rework', 'packaging'] as const;
export const OUTCOMES = ['pass', 'fail'] as const;
export const ROUTING_MODES = ['unit', 'lot'] as const;
/** What happens to a unit that would take a rework loop once more than its maxLoops allow. */
export const LOOP_LIMIT_ACTIONS = ['hold', 'scrap'] as const;
/** What happens when a queue-time limit between two steps is exceeded. */
export const QUEUE_TIME_ACTIONS = ['hold', 'alert'] as const;

const name = { type: 'string', minLength: 1, maxLength: 200 } as const;
/** A duration in minutes: more than zero, at most a year. */
const minutes = { type: 'number', exclusiveMinimum: 0, maximum: 525600 } as const;
const defectCodes = { type: 'array', items: code, uniqueItems: true, minItems: 1, maxItems: 500 } as const;

const instructions = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  description: 'Work instructions shown at the station.',
  properties: {
    text: bilingual,
    attachmentUrl: {
      type: 'string',
      format: 'uri',
      pattern: '^https?://',
      maxLength: 2000,
      description: 'A document or picture (http or https only, so the station UI never follows a script URL).',
    },
  },
} as const;

const component = {
  type: 'object',
  additionalProperties: false,
  required: ['quantity', 'captureSupplierLot', 'partNumbers'],
  description: 'A component the station installs: which part numbers are allowed, per product model.',
  properties: {
    name,
    quantity: { type: 'integer', minimum: 1, maximum: 100000 },
    captureSupplierLot: { type: 'boolean', description: "Whether the operator must scan the supplier's lot." },
    partNumbers: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      description: 'Allowed part numbers; an entry without productModel applies to every model that has no entry of its own.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['partNumbers'],
        properties: {
          productModel: identifier,
          partNumbers: { type: 'array', items: code, uniqueItems: true, minItems: 1, maxItems: 50 },
        },
      },
    },
  },
} as const;

const measurement = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    unit: { type: 'string', minLength: 1, maxLength: 32 },
    lsl: { type: 'number', description: 'Lower specification limit.' },
    target: { type: 'number' },
    usl: { type: 'number', description: 'Upper specification limit.' },
    required: { type: 'boolean', default: true, description: 'Whether the step cannot be completed without this value.' },
  },
} as const;

const step = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'kind', 'stationGroup'],
  properties: {
    id: identifier,
    name,
    kind: { enum: STEP_KINDS },
    stationGroup: identifier,
    standardMinutes: { ...minutes, description: 'Planned work content of the step.' },
    maxMinutes: { ...minutes, description: 'Longest the step may take; not below standardMinutes.' },
    onOverdue: { enum: QUEUE_TIME_ACTIONS, default: 'alert', description: 'What happens when the step takes longer than maxMinutes: an alert event, or a hold too.' },
    split: { type: 'boolean', default: false, description: 'Every pass transition of this step starts a parallel branch.' },
    join: { type: 'boolean', default: false, description: 'The step waits until every branch of its split has arrived.' },
    instructions,
    components: { type: 'array', maxItems: 200, items: component },
    measurements: { type: 'array', maxItems: 200, items: measurement },
    defectCodes: { ...defectCodes, description: 'The defect codes this step may record; fail transitions may only name these.' },
  },
} as const;

const transition = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'on'],
  properties: {
    from: identifier,
    to: identifier,
    on: { enum: OUTCOMES },
    defectCodes: { ...defectCodes, description: 'Only on fail: this transition is taken for these defect codes.' },
    maxLoops: { type: 'integer', minimum: 1, maximum: 1000, description: 'How often a unit may take this rework transition.' },
    onMaxLoops: { enum: LOOP_LIMIT_ACTIONS, default: 'hold', description: 'What happens when maxLoops is exceeded.' },
  },
  allOf: [
    // Defect codes select among fail transitions; a pass transition has none.
    { if: { required: ['on'], properties: { on: { const: 'pass' } } }, then: { properties: { defectCodes: false } } },
    // onMaxLoops says what happens after maxLoops, so it needs maxLoops.
    { if: { required: ['onMaxLoops'] }, then: { required: ['maxLoops'] } },
  ],
} as const;

const queueTimeLimit = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'maxMinutes', 'onViolation'],
  description: 'The longest a unit may wait from completing `from` until starting `to`.',
  properties: {
    from: identifier,
    to: identifier,
    maxMinutes: minutes,
    onViolation: { enum: QUEUE_TIME_ACTIONS },
  },
} as const;

export const routingSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/routing.json',
  title: 'Routing',
  description: 'A routing: the steps a unit goes through and the transitions between them.',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'steps', 'transitions'],
  properties: {
    name,
    description: { type: 'string', maxLength: 4000 },
    mode: { enum: ROUTING_MODES, default: 'unit', description: 'Whether single serialized units or whole lots run the routing.' },
    productModels: { type: 'array', items: identifier, uniqueItems: true, minItems: 1, maxItems: 500 },
    entry: {
      ...identifier,
      description: 'The first step; when absent, the one step that no transition leads to.',
    },
    steps: { type: 'array', minItems: 1, maxItems: 1000, items: step },
    transitions: { type: 'array', maxItems: 5000, items: transition },
    queueTimeLimits: { type: 'array', maxItems: 500, items: queueTimeLimit },
  },
} as const;

export type Routing = FromSchema<typeof routingSchema, { keepDefaultedPropertiesOptional: true }>;
export type RoutingStep = Routing['steps'][number];
export type RoutingTransition = Routing['transitions'][number];
export type QueueTimeLimit = NonNullable<Routing['queueTimeLimits']>[number];
export type StepComponent = NonNullable<RoutingStep['components']>[number];
export type StepMeasurement = NonNullable<RoutingStep['measurements']>[number];
export type StepKind = (typeof STEP_KINDS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type RoutingMode = (typeof ROUTING_MODES)[number];
