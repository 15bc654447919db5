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
import { definitionSchemas } from './definition-schemas';
import { incidentSchemas } from './incidents';
import { ref, str, nullableStr, dateTime, int } from './primitives';
import { ruleSchemas } from './rule-schemas';
import { securitySchemas } from './security-schemas';
import { unitSchemas } from './unit-schemas';

export const CONTENT_SCHEMA_BY_KIND: Record<(typeof DEFINITION_KINDS)[number], string> = {
  routing: 'Routing',
  'alert-rule': 'AlertRule',
  'escalation-policy': 'EscalationPolicy',
  'master-data': 'MasterData',
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
  ...unitSchemas,
  ...definitionSchemas,
  ...securitySchemas,
  ...ruleSchemas,
};
