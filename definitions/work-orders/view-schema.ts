/**
 * The work order as the API shows it (engine/work-order/view.ts WorkOrderView), as JSON Schema
 * for the OpenAPI document. Self-contained (no $ref), so the API embeds it as is.
 */
const str = { type: 'string' } as const;
const int = { type: 'integer', minimum: 0 } as const;
const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;
const time = { type: 'string', format: 'date-time' } as const;

const counts = {
  type: 'object',
  required: ['quantity', 'released', 'remaining', 'completed', 'scrapped', 'held', 'wip', 'releaseFailed'],
  description: 'wip: released and neither finished nor scrapped (held included); remaining: not released yet.',
  properties: { quantity: int, released: int, remaining: int, completed: int, scrapped: int, held: int, wip: int, releaseFailed: int },
} as const;

const step = {
  type: 'object',
  required: ['step', 'waiting', 'inProgress', 'held', 'completed', 'scrapped'],
  description: 'One routing step (ISA-95 process segment): units there now, units that completed it at least once, units scrapped at it.',
  properties: { step: str, waiting: int, inProgress: int, held: int, completed: int, scrapped: int },
} as const;

const schedule = {
  type: 'object',
  required: ['behind', 'detectedAt', 'rule', 'projectedFinishAt'],
  properties: { behind: { type: 'boolean' }, detectedAt: nullableTime, rule: { enum: ['due-date', 'projected-rate', null] }, projectedFinishAt: nullableTime },
} as const;

const erpEntry = {
  type: 'object',
  required: ['kind', 'idempotencyKey', 'at', 'outcome'],
  properties: {
    kind: { enum: ['progress', 'behind-schedule', 'completion'] },
    idempotencyKey: str,
    at: time,
    outcome: { enum: ['sent', 'not-sent', 'failed'] },
    status: { type: 'integer' },
    detail: str,
  },
} as const;

const unitStatus = { enum: ['planned', 'waiting', 'in-progress', 'held', 'scrapped', 'finished', 'release-failed'] } as const;

const summaryProperties = {
  number: str,
  site: str,
  line: str,
  productModel: str,
  routing: { type: 'object', required: ['key', 'version'], properties: { key: str, version: { type: 'integer' } } },
  quantity: { type: 'integer' },
  dueAt: time,
  priority: { type: 'integer' },
  status: { enum: ['created', 'released', 'in-progress', 'completed'] },
  counts,
  steps: { type: 'array', items: step },
  schedule,
  createdAt: time,
  createdBy: str,
  releasedAt: nullableTime,
  completedAt: nullableTime,
  erp: { type: 'object', required: ['progressSent', 'messages'], properties: { progressSent: int, messages: { type: 'array', items: erpEntry } } },
  revision: { type: 'integer' },
} as const;

const summaryRequired = ['number', 'site', 'line', 'productModel', 'routing', 'quantity', 'dueAt', 'priority', 'status', 'counts', 'steps', 'schedule', 'createdAt', 'releasedAt', 'completedAt', 'erp'];

export const workOrderSummarySchema = { type: 'object', required: summaryRequired, properties: summaryProperties };

export const workOrderViewSchema = {
  type: 'object',
  required: [...summaryRequired, 'units'],
  properties: {
    ...summaryProperties,
    units: {
      type: 'array',
      items: { type: 'object', required: ['serial', 'status', 'step'], properties: { serial: str, status: unitStatus, step: { type: ['string', 'null'] }, detail: str } },
    },
  },
};
