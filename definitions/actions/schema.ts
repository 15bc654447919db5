/** What an operator's station sends for a unit: start or complete a step. */
import type { FromSchema } from 'json-schema-to-ts';

const name = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]*$' } as const;

const partCode = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$' } as const;

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
    equipment: { ...name, description: 'The machine or tool used (traceability).' },
    result: { enum: ['pass', 'fail'] },
    measurements: {
      type: 'array',
      maxItems: 200,
      description: 'Values measured at the step; a value outside its LSL/USL turns a pass into a fail.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'value'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, value: { type: 'number' } },
      },
    },
    components: {
      type: 'array',
      maxItems: 200,
      description: 'Components scanned at the step: part number, supplier lot, quantity.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['partNumber'],
        properties: {
          partNumber: partCode,
          supplierLot: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' },
          quantity: { type: 'integer', minimum: 1, maximum: 100000 },
        },
      },
    },
    defectCodes: { type: 'array', items: partCode, uniqueItems: true, minItems: 1, maxItems: 50, description: 'With a fail: the defects found; they choose the fail transition.' },
    scrapQuantity: { type: 'integer', minimum: 0, maximum: 100000000, description: 'Lots: how many of the lot this step scrapped.' },
  },
  if: { required: ['type'], properties: { type: { const: 'complete' } } },
  then: { required: ['result'] },
  else: { properties: { result: false, measurements: false, components: false, defectCodes: false, scrapQuantity: false } },
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
    productModel: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$', description: "Required when the routing lists product models: it decides which parts the unit may take." },
    lot: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: 'The production lot (batch) the unit is built in.' },
    dueAt: { type: 'string', format: 'date-time', description: 'When the unit is due: dispatch order.' },
    priority: { type: 'integer', minimum: 0, maximum: 1000, description: 'Higher first in the dispatch queues (default 0).' },
  },
} as const;

export type UnitRelease = FromSchema<typeof unitReleaseSchema>;
