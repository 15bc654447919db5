/** What an operator's station sends for a unit: start or complete a step. */
import type { FromSchema } from 'json-schema-to-ts';

const name = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]*$' } as const;

export const unitActionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/unit-action.json',
  title: 'UnitAction',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'step', 'station', 'operator'],
  properties: {
    type: { enum: ['start', 'complete'] },
    step: name,
    station: name,
    operator: name,
    result: { enum: ['pass', 'fail'] },
  },
  if: { required: ['type'], properties: { type: { const: 'complete' } } },
  then: { required: ['result'] },
  else: { properties: { result: false } },
} as const;

export type UnitAction = FromSchema<typeof unitActionSchema>;

export const unitReleaseSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/unit-release.json',
  title: 'UnitRelease',
  type: 'object',
  additionalProperties: false,
  required: ['serial', 'routing', 'line'],
  properties: {
    serial: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
    routing: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    line: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$', description: 'The production line the unit runs on; who may see and act on it follows from it.' },
  },
} as const;

export type UnitRelease = FromSchema<typeof unitReleaseSchema>;
