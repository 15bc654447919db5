/**
 * The routing schema (JSON Schema 2020-12) is the single source of the Routing type:
 * the TypeScript type below is derived from it, never written by hand.
 */
import type { FromSchema } from 'json-schema-to-ts';

export const STEP_KINDS = ['operation', 'inspection', 'test', 'rework', 'packaging'] as const;
export const OUTCOMES = ['pass', 'fail'] as const;

const identifier = {
  type: 'string',
  pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$',
  description: 'Identifier: a letter, then letters, digits, "_" or "-" (at most 64 characters).',
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
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    entry: { ...identifier, description: 'The first step; the first listed step when absent.' },
    steps: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'kind', 'stationGroup'],
        properties: {
          id: identifier,
          name: { type: 'string', minLength: 1, maxLength: 200 },
          kind: { enum: STEP_KINDS },
          stationGroup: identifier,
        },
      },
    },
    transitions: {
      type: 'array',
      maxItems: 5000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to', 'on'],
        properties: {
          from: identifier,
          to: identifier,
          on: { enum: OUTCOMES },
        },
      },
    },
  },
} as const;

export type Routing = FromSchema<typeof routingSchema>;
export type RoutingStep = Routing['steps'][number];
export type RoutingTransition = Routing['transitions'][number];
export type StepKind = (typeof STEP_KINDS)[number];
export type Outcome = (typeof OUTCOMES)[number];
