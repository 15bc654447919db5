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

const lotId = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' } as const;
const reason = { type: 'string', minLength: 1, maxLength: 2000 } as const;

export const lotReleaseSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/lot-release.json',
  title: 'LotRelease',
  type: 'object',
  additionalProperties: false,
  required: ['lot', 'routing', 'line', 'quantity'],
  properties: {
    lot: lotId,
    routing: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'A routing in lot mode.' },
    line: unitReleaseSchema.properties.line,
    quantity: { type: 'integer', minimum: 1, maximum: 100000000 },
    productModel: unitReleaseSchema.properties.productModel,
    dueAt: unitReleaseSchema.properties.dueAt,
    priority: unitReleaseSchema.properties.priority,
  },
} as const;

export type LotRelease = FromSchema<typeof lotReleaseSchema>;

export const lotSplitSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/lot-split.json',
  title: 'LotSplit',
  type: 'object',
  additionalProperties: false,
  required: ['quantity', 'newLot', 'reason'],
  properties: {
    quantity: { type: 'integer', minimum: 1, maximum: 100000000, description: 'How many move to the new lot.' },
    newLot: lotId,
    reason,
  },
} as const;

export type LotSplit = FromSchema<typeof lotSplitSchema>;

export const lotScrapSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/lot-scrap.json',
  title: 'LotScrap',
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: {
    reason,
    quantity: { type: 'integer', minimum: 1, maximum: 100000000, description: 'How many to scrap; the whole lot when absent.' },
  },
} as const;

export type LotScrap = FromSchema<typeof lotScrapSchema>;

export const unitMigrationSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/unit-migration.json',
  title: 'UnitMigration',
  type: 'object',
  additionalProperties: false,
  required: ['routing', 'toVersion', 'serials', 'stepMapping', 'reason'],
  properties: {
    routing: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    toVersion: { type: 'integer', minimum: 1, maximum: 999999999, description: 'A published, not retired version of the routing.' },
    serials: { type: 'array', items: unitReleaseSchema.properties.serial, minItems: 1, maxItems: 1000, uniqueItems: true, description: 'The in-flight units (or lots) to move.' },
    stepMapping: {
      type: 'object',
      maxProperties: 1000,
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' },
      additionalProperties: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' },
      description: 'Old step id → new step id for every step a unit may be at that the new version does not have under the same id.',
    },
    reason,
  },
} as const;

export type UnitMigrationRequest = FromSchema<typeof unitMigrationSchema>;
