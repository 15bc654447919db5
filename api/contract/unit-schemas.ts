/** The contract's unit, lot, disposition, dispatch and component-trace resources (spread into componentSchemas in schemas.ts). */
import type { JsonSchema } from './embed';
import { ref, str, nullableStr, dateTime, int } from './primitives';

export const unitSchemas: Record<string, JsonSchema> = {
  LotSplitOutcome: { type: 'object', required: ['lot', 'newLot'], properties: { lot: { $ref: '#/components/schemas/Unit' }, newLot: { $ref: '#/components/schemas/Unit' } } },
  MigrationOutcome: {
    type: 'object',
    required: ['routing', 'toVersion', 'migrated', 'refused'],
    properties: {
      routing: { type: 'string' },
      toVersion: { type: 'integer' },
      migrated: { type: 'array', items: { type: 'object', required: ['serial', 'fromVersion', 'step'], properties: { serial: { type: 'string' }, fromVersion: { type: 'integer' }, step: { type: ['string', 'null'] } } } },
      refused: { type: 'array', items: { type: 'object', required: ['serial', 'reason', 'message'], properties: { serial: { type: 'string' }, reason: { type: 'string' }, message: { type: 'string' } } } },
    },
  },
  AllowedAction: { type: 'object', required: ['type', 'step'], properties: { type: { enum: ['start', 'complete'] }, step: str, stationGroup: str } },
  Unit: {
    type: 'object',
    required: ['serial', 'status', 'line', 'routing', 'step', 'allowed', 'allowedSteps'],
    properties: {
      serial: str,
      status: { enum: ['waiting', 'in-progress', 'held', 'scrapped', 'finished'] },
      line: str,
      site: str,
      routing: { type: 'object', required: ['key', 'version'], properties: { key: str, version: int } },
      step: nullableStr,
      allowed: { type: 'array', items: ref('AllowedAction') },
      allowedSteps: { type: 'array', items: str },
      kind: { enum: ['unit', 'lot'] },
      quantity: int,
      productModel: str,
      workOrder: str,
      lot: str,
      dueAt: str,
      priority: int,
      waitingSince: dateTime,
    },
  },
  TraceEvent: {
    type: 'object',
    required: ['seq', 'type', 'step', 'station', 'operator', 'result', 'detail', 'at'],
    properties: {
      seq: int, type: str, step: nullableStr, station: nullableStr, operator: nullableStr, result: nullableStr, detail: nullableStr, at: dateTime,
      equipment: nullableStr,
      measurements: {
        type: 'array',
        items: { type: 'object', required: ['name', 'value', 'ok'], properties: { name: str, value: { type: 'number' }, unit: str, lsl: { type: 'number' }, usl: { type: 'number' }, ok: { type: 'boolean' } } },
      },
      components: {
        type: 'array',
        items: { type: 'object', required: ['partNumber', 'supplierLot', 'quantity'], properties: { partNumber: str, supplierLot: nullableStr, quantity: int } },
      },
      defectCodes: { type: 'array', items: str },
      quantity: int,
    },
  },
  ActionOutcome: {
    type: 'object',
    required: ['unit', 'events'],
    properties: { unit: ref('Unit'), events: { type: 'array', items: ref('TraceEvent') } },
  },
  Trace: { type: 'object', required: ['serial', 'events'], properties: { serial: str, events: { type: 'array', items: ref('TraceEvent') } } },
  DispositionRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['reason'],
    properties: { reason: { type: 'string', minLength: 1, maxLength: 2000, description: 'Why: recorded on the unit and in the audit trail.' } },
  },
  BulkDispositionRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'reason', 'select'],
    properties: {
      type: { enum: ['hold', 'release', 'scrap'] },
      reason: { type: 'string', minLength: 1, maxLength: 2000, description: 'Why: recorded on every unit and in the audit trail.' },
      select: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        maxProperties: 1,
        description: 'Exactly one of: a production lot, a line, a work order, or a component (supplier) lot. Only units on your lines are selected; for release, only held ones.',
        properties: {
          lot: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
          line: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' },
          workOrder: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$' },
          componentLot: {
            type: 'object',
            additionalProperties: false,
            required: ['supplierLot'],
            properties: {
              supplierLot: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' },
              partNumber: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$' },
            },
          },
        },
      },
    },
  },
  BulkDispositionResult: {
    type: 'object',
    required: ['type', 'selected', 'done', 'refused'],
    properties: {
      type: { enum: ['hold', 'release', 'scrap'] },
      selected: int,
      done: { type: 'array', items: str, description: 'Serials the decision was applied to.' },
      refused: {
        type: 'array',
        items: { type: 'object', required: ['serial', 'reason', 'message', 'messageZh'], properties: { serial: str, reason: str, message: str, messageZh: str } },
      },
    },
  },
  DispatchClaim: {
    type: 'object',
    required: ['by', 'station', 'at', 'expiresAt'],
    properties: { by: str, station: nullableStr, at: dateTime, expiresAt: dateTime },
  },
  QueueEntry: {
    type: 'object',
    required: ['serial', 'line', 'steps', 'dueAt', 'priority', 'waitingSince', 'workOrder', 'lot', 'productModel', 'claim'],
    properties: {
      serial: str,
      line: str,
      steps: { type: 'array', items: str },
      dueAt: { type: ['string', 'null'], format: 'date-time' },
      priority: { type: 'number' },
      waitingSince: { type: ['string', 'null'], format: 'date-time' },
      workOrder: nullableStr,
      lot: nullableStr,
      productModel: nullableStr,
      claim: { oneOf: [ref('DispatchClaim'), { type: 'null' }] },
    },
  },
  DispatchQueue: {
    type: 'object',
    required: ['stationGroup', 'station', 'items', 'nextCursor'],
    properties: { stationGroup: str, station: nullableStr, items: { type: 'array', items: ref('QueueEntry') }, nextCursor: nullableStr },
  },
  DispatchClaimResult: { type: 'object', required: ['unit', 'claim'], properties: { unit: ref('QueueEntry'), claim: ref('DispatchClaim') } },
  ComponentTrace: {
    type: 'object',
    required: ['supplierLot', 'partNumber', 'items', 'nextCursor'],
    properties: {
      supplierLot: str,
      partNumber: nullableStr,
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['serial', 'partNumber', 'supplierLot', 'step', 'station', 'seq', 'quantity', 'at', 'line', 'workOrder', 'lot'],
          properties: { serial: str, partNumber: str, supplierLot: str, step: nullableStr, station: nullableStr, seq: int, quantity: { type: 'number' }, at: dateTime, line: str, workOrder: nullableStr, lot: nullableStr },
        },
      },
      nextCursor: nullableStr,
    },
  },
};
