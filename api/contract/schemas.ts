/** The API's component schemas: definitions' schemas embedded, plus the API's own resources. */
import { lotReleaseSchema, lotScrapSchema, lotSplitSchema, unitActionSchema, unitMigrationSchema, unitReleaseSchema } from '../../definitions/actions/schema';
import { bundleSchema } from '../../definitions/bundle';
import { type DEFINITION_KINDS } from '../../definitions/kinds';
import { masterDataSchema } from '../../definitions/master-data/schema';
import { escalationPolicySchema } from '../../definitions/policies/schema';
import { routingSchema } from '../../definitions/routing/schema';
import { alertRuleSchema } from '../../definitions/rules/schema';
import { workOrderCreateSchema, workOrderReleaseSchema } from '../../definitions/work-orders/schema';
import { workOrderSummarySchema, workOrderViewSchema } from '../../definitions/work-orders/view-schema';
import { embed, type JsonSchema } from './embed';
import { incidentSchemas } from './incidents';

export const ROLES = ['admin', 'engineer', 'quality', 'operator', 'viewer', 'integration'] as const;

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const int = { type: 'integer' } as const;

export const CONTENT_SCHEMA_BY_KIND: Record<(typeof DEFINITION_KINDS)[number], string> = {
  routing: 'Routing',
  'alert-rule': 'AlertRule',
  'escalation-policy': 'EscalationPolicy',
  'master-data': 'MasterData',
};

export function page(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: { items: { type: 'array', items: item }, nextCursor: { ...nullableStr, description: 'Pass as ?cursor= for the next page; null on the last.' } },
  };
}

/** The rule tools' resources (api/use-cases/rules.ts). */
const labels = { type: 'object', required: ['en', 'zh'], properties: { en: str, zh: str } } as const;
const ruleSchemas: Record<string, JsonSchema> = {
  FactCatalog: {
    type: 'object',
    required: ['facts', 'paramTypes', 'operators'],
    properties: {
      facts: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'valueType', 'labels', 'description', 'params'],
          properties: {
            name: str,
            valueType: { enum: ['number', 'integer', 'boolean'] },
            unit: str,
            labels,
            description: labels,
            params: { type: 'array', items: { type: 'object', required: ['name', 'type', 'required'], properties: { name: str, type: str, required: { type: 'boolean' } } } },
          },
        },
      },
      paramTypes: { type: 'array', items: { type: 'object', required: ['name', 'labels', 'pattern', 'example'], properties: { name: str, labels, pattern: str, example: str, binds: str, reference: str } } },
      operators: { type: 'array', items: { type: 'object', required: ['name', 'symbol', 'labels', 'appliesTo', 'value'], properties: { name: str, symbol: str, labels, appliesTo: { type: 'array', items: str }, value: str } } },
    },
  },
  RuleDryRunRequest: {
    type: 'object',
    additionalProperties: false,
    description: 'Exactly one of: a rule draft (`rule`), or a published rule (`key`, optionally `version`; default its active version).',
    properties: {
      rule: ref('AlertRule'),
      key: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
      version: { type: 'integer', minimum: 1, maximum: 999999999 },
      facts: { type: 'object', maxProperties: 50, description: 'Sample values, by fact name (every condition on that fact) or by the fact with its params as the answer labels it, e.g. `defectRate(productModel=MB-A100,window=1h)` (that condition only, and it wins); facts not given are computed from the recorded production.', additionalProperties: { type: ['number', 'boolean'] } },
      context: {
        type: 'object',
        maxProperties: 12,
        description: 'Context variables (as a triggering event would carry them).',
        additionalProperties: false,
        properties: Object.fromEntries(['productModel', 'line', 'step', 'operator', 'defectCode', 'equipment', 'workOrder', 'partNumber', 'serial'].map((k) => [k, { type: 'string', minLength: 1, maxLength: 64 }])),
      },
    },
  },
  RuleEvaluation: {
    type: 'object',
    required: ['fired', 'trace', 'facts', 'message', 'dedupKey', 'variables'],
    properties: {
      fired: { type: 'boolean' },
      trace: {
        type: 'array',
        items: { type: 'object', required: ['path', 'fact', 'operator', 'value', 'factValue', 'result'], properties: { path: str, fact: str, operator: str, value: {}, params: { type: 'object' }, factValue: {}, result: { type: 'boolean' } } },
      },
      facts: { type: 'object' },
      message: labels,
      dedupKey: str,
      variables: { type: 'object' },
    },
  },
  RuleBacktestRequest: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
    description: 'How far back to replay: `hours` (1 to 744) or `days` (1 to 31).',
    properties: { hours: { type: 'integer', minimum: 1, maximum: 744 }, days: { type: 'integer', minimum: 1, maximum: 31 } },
  },
  RuleBacktest: {
    type: 'object',
    required: ['rule', 'from', 'to', 'events', 'evaluations', 'firings', 'truncated', 'bucketMinutes', 'buckets', 'fired'],
    properties: {
      rule: { type: 'object', required: ['key', 'version'], properties: { key: str, version: int } },
      from: dateTime,
      to: dateTime,
      events: int,
      evaluations: int,
      firings: int,
      truncated: { type: 'boolean', description: 'The replay stopped at its limits (evaluations, events or time).' },
      bucketMinutes: int,
      buckets: { type: 'array', items: { type: 'object', required: ['start', 'evaluations', 'firings'], properties: { start: dateTime, evaluations: int, firings: int } } },
      fired: { type: 'array', items: { type: 'object', required: ['at', 'dedupKey'], properties: { at: dateTime, dedupKey: str, value: {} } } },
    },
  },
  RuleChecks: {
    type: 'object',
    required: ['rules', 'findings'],
    properties: {
      rules: int,
      findings: { type: 'array', items: { type: 'object', required: ['rule', 'pointer', 'code', 'message', 'messageZh'], properties: { rule: str, related: str, pointer: str, code: str, message: str, messageZh: str } } },
    },
  },
};

export const componentSchemas: Record<string, JsonSchema> = {
  Routing: embed(routingSchema, 'Routing'),
  AlertRule: embed(alertRuleSchema, 'AlertRule'),
  EscalationPolicy: embed(escalationPolicySchema, 'EscalationPolicy'),
  MasterData: embed(masterDataSchema, 'MasterData'),
  DefinitionBundle: embed(bundleSchema, 'DefinitionBundle'),
  UnitAction: embed(unitActionSchema, 'UnitAction'),
  UnitRelease: embed(unitReleaseSchema, 'UnitRelease'),
  LotRelease: embed(lotReleaseSchema, 'LotRelease'),
  LotSplit: embed(lotSplitSchema, 'LotSplit'),
  LotScrap: embed(lotScrapSchema, 'LotScrap'),
  UnitMigration: embed(unitMigrationSchema, 'UnitMigration'),
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
  WorkOrderCreate: embed(workOrderCreateSchema, 'WorkOrderCreate'),
  WorkOrderRelease: embed(workOrderReleaseSchema, 'WorkOrderRelease'),
  WorkOrder: workOrderViewSchema,
  WorkOrderSummary: workOrderSummarySchema,
  Finding: {
    type: 'object',
    required: ['pointer', 'code', 'message', 'messageZh'],
    properties: { pointer: str, code: str, message: str, messageZh: str },
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details.',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string', format: 'uri' },
      title: str,
      status: int,
      detail: str,
      instance: str,
      errors: { type: 'array', items: ref('Finding') },
      parameter: str,
    },
  },
  Health: {
    type: 'object',
    required: ['status', 'temporal', 'mongo'],
    properties: {
      status: { enum: ['ok', 'degraded'] },
      temporal: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } },
      mongo: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } },
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
  Draft: {
    type: 'object',
    required: ['id', 'kind', 'key', 'content', 'revision', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt'],
    properties: {
      id: str,
      kind: str,
      key: str,
      content: { type: 'object' },
      revision: int,
      note: nullableStr,
      createdBy: str,
      createdAt: dateTime,
      updatedBy: str,
      updatedAt: dateTime,
    },
  },
  Signature: {
    type: 'object',
    required: ['signedBy', 'name', 'meaning', 'at'],
    properties: { signedBy: str, name: str, meaning: str, at: dateTime },
  },
  VersionMeta: {
    type: 'object',
    required: ['kind', 'key', 'version', 'contentHash', 'publishedBy', 'publishedAt'],
    properties: {
      kind: str,
      key: str,
      version: int,
      contentHash: str,
      draftId: nullableStr,
      publishedBy: str,
      publishedAt: dateTime,
      note: nullableStr,
      signature: { oneOf: [ref('Signature'), { type: 'null' }] },
      status: { enum: ['active', 'retired', 'superseded'] },
    },
  },
  Version: { allOf: [ref('VersionMeta'), { type: 'object', required: ['content'], properties: { content: { type: 'object' } } }] },
  KeySummary: {
    type: 'object',
    required: ['kind', 'key', 'latestVersion', 'activeVersion', 'versions'],
    properties: {
      kind: str,
      key: str,
      latestVersion: int,
      activeVersion: { type: ['integer', 'null'] },
      latestDraftId: nullableStr,
      versions: { type: 'array', items: ref('VersionMeta') },
    },
  },
  Head: {
    type: 'object',
    required: ['kind', 'key', 'latestVersion', 'activeVersion', 'retired'],
    properties: { kind: str, key: str, latestVersion: int, activeVersion: { type: ['integer', 'null'] }, retired: { type: 'array', items: int }, latestDraftId: nullableStr, updatedAt: dateTime },
  },
  DefinitionAuditEntry: {
    type: 'object',
    required: ['id', 'at', 'actor', 'action', 'kind', 'key'],
    properties: { id: str, at: dateTime, actor: str, action: str, kind: str, key: str, version: { type: ['integer', 'null'] }, draftId: nullableStr, contentHash: nullableStr, note: nullableStr },
  },
  Diff: {
    type: 'object',
    required: ['kind', 'identical', 'changes', 'summary'],
    properties: {
      from: str,
      to: str,
      kind: str,
      identical: { type: 'boolean' },
      changes: { type: 'array', items: { type: 'object', required: ['op', 'entity', 'pointer'], properties: { op: { enum: ['added', 'removed', 'changed'] }, entity: str, id: str, pointer: str } } },
      summary: { type: 'object' },
    },
  },
  ImportResult: {
    type: 'object',
    required: ['imported', 'skipped'],
    properties: { imported: { type: 'array', items: int }, skipped: { type: 'array', items: int } },
  },
  PublishRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['signature'],
    properties: {
      draftId: { type: 'string', minLength: 1, maxLength: 64 },
      note: { type: 'string', minLength: 1, maxLength: 2000 },
      signature: {
        type: 'object',
        additionalProperties: false,
        required: ['password', 'meaning'],
        description: 'Electronic signature (21 CFR Part 11 §11.50, §11.200): the signer re-enters the password and states the meaning.',
        properties: { password: { type: 'string', minLength: 1, maxLength: 200, writeOnly: true }, meaning: { enum: ['approved', 'reviewed', 'authored', 'responsible'] } },
      },
    },
  },
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
  RetireRequest: {
    type: 'object',
    additionalProperties: false,
    properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } },
  },
  LoginRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['email', 'password'],
    properties: { email: { type: 'string', format: 'email', maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 200, writeOnly: true } },
  },
  RefreshRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['refreshToken'],
    properties: { refreshToken: { type: 'string', minLength: 20, maxLength: 200 } },
  },
  TokenPair: {
    type: 'object',
    required: ['accessToken', 'refreshToken', 'tokenType', 'expiresIn'],
    properties: { accessToken: str, refreshToken: str, tokenType: { const: 'Bearer' }, expiresIn: int },
  },
  Principal: {
    type: 'object',
    required: ['id', 'name', 'kind', 'roles', 'sites', 'lines'],
    properties: {
      id: str,
      name: str,
      kind: { enum: ['user', 'api-key'] },
      roles: { type: 'array', items: { enum: [...ROLES] } },
      sites: { type: 'array', items: str },
      lines: { type: 'array', items: str },
    },
  },
  User: {
    type: 'object',
    required: ['id', 'email', 'name', 'roles', 'sites', 'lines', 'disabled', 'createdAt'],
    properties: {
      id: str,
      email: str,
      name: str,
      roles: { type: 'array', items: { enum: [...ROLES] } },
      sites: { type: 'array', items: str },
      lines: { type: 'array', items: str },
      disabled: { type: 'boolean' },
      createdAt: dateTime,
    },
  },
  UserCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['email', 'name', 'password', 'roles', 'lines'],
    properties: {
      email: { type: 'string', format: 'email', maxLength: 254 },
      name: { type: 'string', minLength: 1, maxLength: 200 },
      password: { type: 'string', minLength: 12, maxLength: 200, writeOnly: true },
      roles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...ROLES] } },
      sites: { type: 'array', uniqueItems: true, maxItems: 50, items: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } },
      lines: { type: 'array', uniqueItems: true, maxItems: 200, items: { type: 'string', pattern: '^(\\*|[A-Za-z][A-Za-z0-9_-]{0,63})$' } },
    },
  },
  UserPatch: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      roles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...ROLES] } },
      lines: { type: 'array', uniqueItems: true, maxItems: 200, items: { type: 'string', pattern: '^(\\*|[A-Za-z][A-Za-z0-9_-]{0,63})$' } },
      disabled: { type: 'boolean' },
    },
  },
  ApiKey: {
    type: 'object',
    required: ['id', 'name', 'roles', 'sites', 'lines', 'createdBy', 'createdAt', 'revokedAt'],
    properties: {
      id: str,
      name: str,
      roles: { type: 'array', items: { enum: [...ROLES] } },
      sites: { type: 'array', items: str },
      lines: { type: 'array', items: str },
      createdBy: str,
      createdAt: dateTime,
      revokedAt: { type: ['string', 'null'], format: 'date-time' },
      lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  ApiKeyCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'roles', 'lines'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      roles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['integration', 'viewer', 'operator'] } },
      lines: { type: 'array', uniqueItems: true, maxItems: 200, items: { type: 'string', pattern: '^(\\*|[A-Za-z][A-Za-z0-9_-]{0,63})$' } },
    },
  },
  ApiKeyCreated: { allOf: [ref('ApiKey'), { type: 'object', required: ['key'], properties: { key: { type: 'string', description: 'Shown once; store it now.' } } }] },
  AuditLogEntry: {
    type: 'object',
    required: ['seq', 'at', 'actor', 'action', 'method', 'path', 'status', 'prevHash', 'hash'],
    properties: {
      seq: int,
      at: dateTime,
      atLocal: { type: 'string', description: 'Server time with its zone offset.' },
      actor: { type: 'object', required: ['id', 'name', 'kind'], properties: { id: str, name: str, kind: str } },
      action: str,
      method: str,
      path: str,
      status: int,
      resource: { oneOf: [{ type: 'null' }, { type: 'object', required: ['kind', 'id'], properties: { kind: str, id: str } }] },
      before: {},
      after: {},
      reason: nullableStr,
      signature: { oneOf: [{ type: 'null' }, ref('Signature')] },
      prevHash: str,
      hash: str,
    },
  },
  AuditVerification: {
    type: 'object',
    required: ['ok', 'checked'],
    properties: {
      ok: { type: 'boolean' },
      checked: int,
      firstTampered: { type: 'object', required: ['seq', 'reason'], properties: { seq: int, reason: str } },
    },
  },
  DeliveryLogEntry: {
    type: 'object',
    description: "One attempt (kind attempt, id <requestId>#<n>) or a request's final status (kind final, id = requestId; attempt = attempts made).",
    required: ['id', 'kind', 'requestId', 'incident', 'level', 'channel', 'status', 'at'],
    properties: {
      id: str,
      kind: { enum: ['attempt', 'final'] },
      requestId: str,
      incident: str,
      level: int,
      channel: { enum: ['email', 'sms', 'webhook', 'andon'] },
      target: nullableStr,
      attempt: { type: ['integer', 'null'] },
      status: { enum: ['sent', 'failed', 'skipped'] },
      providerReply: nullableStr,
      fallback: { ...nullableStr, description: 'The fallback channel used after this request kept failing.' },
      fallbackFor: { ...nullableStr, description: 'The request this one stands in for (a fallback delivery).' },
      recipients: int,
      at: dateTime,
    },
  },
  OutboxMail: {
    type: 'object',
    required: ['id', 'incident', 'from', 'to', 'subject', 'text', 'at'],
    properties: { id: str, incident: str, from: str, to: { type: 'array', items: str }, subject: str, text: str, at: dateTime },
  },
  AndonCall: {
    type: 'object',
    required: ['id', 'incident', 'line', 'level', 'severity', 'colour', 'title', 'speech', 'at'],
    properties: {
      id: str,
      incident: str,
      site: str,
      line: str,
      level: int,
      severity: { enum: ['critical', 'major', 'minor', 'info'] },
      colour: { enum: ['red', 'orange', 'yellow', 'blue'] },
      title: { type: 'object', required: ['en', 'zh'], properties: { en: str, zh: str } },
      speech: { type: 'object', required: ['en', 'zh'], properties: { en: str, zh: str }, description: 'A text meant to be spoken by the board.' },
      at: dateTime,
    },
  },
  AndonBoard: { type: 'object', required: ['line', 'calls'], properties: { line: str, calls: { type: 'array', items: ref('AndonCall') } } },
  ...incidentSchemas,
  ...ruleSchemas,
};
