/**
 * What the ERP sends to create a work order (ISA-95: a production request). The schema is the
 * single source of the WorkOrderCreate type; docs/erp-integration.md explains each field.
 */
import type { FromSchema } from 'json-schema-to-ts';

const serial = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' } as const;

export const WORK_ORDER_STATUSES = ['created', 'released', 'in-progress', 'completed'] as const;

export const workOrderCreateSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/work-order-create.json',
  title: 'WorkOrderCreate',
  description: 'Give either serials or serialPattern (exactly one).',
  type: 'object',
  additionalProperties: false,
  required: ['number', 'productModel', 'routing', 'quantity', 'dueAt', 'line'],
  properties: {
    number: { ...serial, description: "The ERP's order number; the work order is wo:<number>." },
    productModel: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$', description: "One of the routing's productModels." },
    routing: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'Routing key; its active published version is pinned.' },
    quantity: { type: 'integer', minimum: 1, maximum: 10000 },
    dueAt: { type: 'string', format: 'date-time', maxLength: 40, description: 'When the last unit is due (ISO 8601 with zone).' },
    line: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$', description: 'A line of the site master data.' },
    priority: { type: 'integer', minimum: 0, maximum: 1000, description: 'Higher goes first in dispatch (default 0).' },
    serials: { type: 'array', minItems: 1, maxItems: 10000, items: serial, description: 'The serials, exactly quantity of them; or give serialPattern.' },
    serialPattern: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9._{}:-]+$',
      description: 'E.g. MB{YYMMDD}-{SEQ:5}: {YYYY} {YY} {MM} {DD} {YYMMDD} {YYYYMMDD} (UTC, creation date), {SEQ:n} (once), {WO}, {LINE}.',
    },
    serialStart: { type: 'integer', minimum: 0, maximum: 999999999, description: 'First {SEQ} number (default 1).' },
    progressIntervalSeconds: { type: 'integer', minimum: 1, maximum: 86400, description: 'At most one progress message per this many seconds (default 60).' },
  },
} as const;

export type WorkOrderCreate = FromSchema<typeof workOrderCreateSchema>;

export const workOrderReleaseSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/work-order-release.json',
  title: 'WorkOrderRelease',
  type: 'object',
  additionalProperties: false,
  properties: { count: { type: 'integer', minimum: 1, maximum: 10000, description: 'How many more units to release; all that remain when absent.' } },
} as const;

export type WorkOrderReleaseRequest = FromSchema<typeof workOrderReleaseSchema>;
