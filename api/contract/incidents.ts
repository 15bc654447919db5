/**
 * The incident and exception part of the contract: operations (spread into OPERATIONS in
 * paths.ts) and component schemas (spread into componentSchemas in schemas.ts).
 */
import { EXCEPTION_TYPES } from '../../definitions/incidents/model';
import { CAUSE_CATEGORIES } from '../../definitions/incidents/routing';
import { SEVERITIES } from '../../definitions/rules/vocabulary';
import type { JsonSchema } from './embed';
import { ref, problems as P, str, nullableStr, int } from './primitives';
import type { Operation } from './paths';

const nullableInt = { type: ['integer', 'null'] } as const;
const nullableNum = { type: ['number', 'null'] } as const;
const obj = { type: 'object' } as const;
const line = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }) as const;
const incidentId = { type: 'string', pattern: '^INC-[0-9]{8}-[0-9A-Z]{8}$' } as const;
const idempotencyKey = { 'Idempotency-Key': { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' } };
const when = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$', description: 'A date or an ISO 8601 date-time.' };
const STATUSES = ['open', 'acknowledged', 'resolved'];

const distribution: JsonSchema = { type: 'object', required: ['count', 'mean', 'p50', 'p90'], properties: { count: int, mean: nullableNum, p50: nullableNum, p90: nullableNum } };
const group: JsonSchema = {
  type: 'object',
  required: ['key', 'opened', 'acknowledged', 'resolved', 'open', 'mtta', 'mttr'],
  properties: { key: str, opened: int, acknowledged: int, resolved: int, open: int, mtta: distribution, mttr: distribution },
};

export const incidentSchemas: Record<string, JsonSchema> = {
  Incident: {
    type: 'object',
    required: ['id', 'dedupKey', 'type', 'severity', 'title', 'site', 'line', 'status', 'source', 'snapshot', 'policy', 'ladder', 'openedAt', 'acknowledgedAt', 'resolvedAt', 'occurrences', 'levels', 'actions', 'affectedUnits', 'ttaSeconds', 'ttrSeconds', 'revision'],
    properties: {
      id: str,
      dedupKey: str,
      workflowId: str,
      firstRunId: str,
      type: str,
      severity: { enum: [...SEVERITIES] },
      title: { type: 'object', required: ['en', 'zh'], properties: { en: str, zh: str } },
      site: str,
      line: nullableStr,
      status: { enum: STATUSES },
      source: { type: 'object', required: ['kind'], properties: { kind: { enum: ['rule', 'manual', 'external'] } } },
      snapshot: { type: ['object', 'null'], description: 'Why: the fact values and per-condition results of the firing.' },
      context: obj,
      policy: { type: 'object', required: ['key', 'version'], properties: { key: str, version: int } },
      ladder: {
        type: 'object',
        required: ['run', 'phase', 'pausedUntil', 'nextLevel', 'nextAt'],
        properties: { run: int, phase: { enum: ['running', 'paused', 'stopped', 'completed'] }, pausedUntil: nullableStr, nextLevel: nullableInt, nextAt: nullableStr },
      },
      openedAt: str,
      acknowledgedAt: nullableStr,
      acknowledgedBy: nullableStr,
      acknowledgeNote: nullableStr,
      resolvedAt: nullableStr,
      resolvedBy: nullableStr,
      resolution: nullableStr,
      causeCategory: nullableStr,
      reopens: { type: 'array', items: { type: 'object', required: ['at', 'by', 'reason'], properties: { at: str, by: str, reason: str } } },
      occurrences: { type: 'object', required: ['count', 'suppressed', 'last'], properties: { count: int, suppressed: int, last: { type: 'array', items: obj } } },
      levels: {
        type: 'array',
        items: {
          type: 'object',
          required: ['run', 'level', 'at', 'status', 'deliveries'],
          properties: { run: int, level: int, repeat: int, name: str, at: str, status: { enum: ['notifying', 'notified', 'failed'] }, deliveries: { type: 'array', items: obj }, error: str },
        },
      },
      actions: { type: 'array', items: { type: 'object', required: ['type', 'selected', 'held', 'refused'], properties: { type: str, target: nullableStr, selected: int, held: { type: 'array', items: str }, refused: { type: 'array', items: obj } } } },
      affectedUnits: { type: 'array', items: str },
      ttaSeconds: nullableInt,
      ttrSeconds: nullableInt,
      cooldownUntil: nullableStr,
      revision: int,
    },
  },
  ExceptionRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'line', 'description'],
    properties: {
      type: { enum: [...EXCEPTION_TYPES] },
      line,
      description: text(2000),
      severity: { enum: [...SEVERITIES] },
      reference: { type: 'string', pattern: '^[\\x21-\\x7e]{1,100}$', description: 'What the report is about: the equipment id of an equipment failure, the part number (or work order) of a material shortage, the ERP/WMS document otherwise; reports with the same reference are one incident, and the downtime and shortage facts read it.' },
      externalSystem: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$', description: 'The system raising it (e.g. "wms"); absent for a person.' },
    },
  },
  ExceptionOutcome: {
    type: 'object',
    required: ['occurrence', 'incident'],
    properties: { occurrence: { enum: ['opening', 'occurrence', 'suppressed', null] }, incident: ref('Incident') },
  },
  AcknowledgeRequest: { type: 'object', additionalProperties: false, properties: { note: text(2000) } },
  ResolveRequest: { type: 'object', additionalProperties: false, required: ['resolution', 'causeCategory'], properties: { resolution: text(4000), causeCategory: { enum: [...CAUSE_CATEGORIES] } } },
  ReopenRequest: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: text(2000) } },
  IncidentMetrics: {
    type: 'object',
    required: ['from', 'to', 'groupBy', 'total', 'groups'],
    properties: { from: str, to: str, groupBy: { enum: ['type', 'line', 'day'] }, total: group, groups: { type: 'array', items: group } },
  },
};

const cursorQuery = {
  limit: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|1[0-9]{2}|200)$', description: '1 to 200 (default 50)' },
  cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,400}$', description: 'Opaque: the nextCursor of the previous page.' },
};
const page = (item: JsonSchema): JsonSchema => ({ type: 'object', required: ['items', 'nextCursor'], properties: { items: { type: 'array', items: item }, nextCursor: nullableStr } });
const tag = 'incidents';

export const incidentOperations: Operation[] = [
  {
    method: 'get', path: '/incidents', operationId: 'listIncidents', tag, access: 'incidents:read', summary: 'Incidents on the lines the caller may see, newest first',
    query: { ...cursorQuery, status: { enum: STATUSES }, line, type: { type: 'string', pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$', maxLength: 100 } },
    responses: { 200: page(ref('Incident')), ...P([400, 401, 403]) },
  },
  {
    method: 'get', path: '/incidents/metrics', operationId: 'getIncidentMetrics', tag, access: 'incidents:read',
    summary: 'MTTA and MTTR (mean, p50, p90 in seconds) and counts of incidents opened in [from, to), grouped by type, line or day (default: the last 30 days, by type)',
    query: { from: when, to: when, groupBy: { enum: ['type', 'line', 'day'] } },
    responses: { 200: ref('IncidentMetrics'), ...P([400, 401, 403]) },
  },
  { method: 'get', path: '/incidents/{id}', operationId: 'getIncident', tag, access: 'incidents:read', summary: 'An incident: status, why it fired, levels notified and their deliveries, actions, TTA/TTR', pathParams: { id: incidentId }, responses: { 200: ref('Incident'), ...P([400, 401, 403, 404]) } },
  {
    method: 'post', path: '/incidents/{id}/acknowledge', operationId: 'acknowledgeIncident', tag, access: 'incidents:acknowledge', pathParams: { id: incidentId },
    summary: 'Take the incident: the escalation stops (or pauses, as its policy says); records time-to-acknowledge', headers: idempotencyKey, body: ref('AcknowledgeRequest'), idempotent: true,
    responses: { 200: ref('Incident'), ...P([400, 401, 403, 404, 409, 422]) },
  },
  {
    method: 'post', path: '/incidents/{id}/resolve', operationId: 'resolveIncident', tag, access: 'incidents:manage', pathParams: { id: incidentId },
    summary: 'Close the incident with a resolution and cause category; records time-to-resolve', headers: idempotencyKey, body: ref('ResolveRequest'), idempotent: true,
    responses: { 200: ref('Incident'), ...P([400, 401, 403, 404, 409, 422]) },
  },
  {
    method: 'post', path: '/incidents/{id}/reopen', operationId: 'reopenIncident', tag, access: 'incidents:manage', pathParams: { id: incidentId },
    summary: 'Reopen a resolved incident (within its cooldown): the ladder runs again from level 1', headers: idempotencyKey, body: ref('ReopenRequest'), idempotent: true,
    responses: { 200: ref('Incident'), ...P([400, 401, 403, 404, 409, 422]) },
  },
  {
    method: 'post', path: '/exceptions', operationId: 'raiseException', tag, access: 'exceptions:raise',
    summary: 'Raise a material shortage, equipment failure, quality anomaly or order delay: routed to its responsible escalation policy; 201 when it opens an incident, 200 when it adds to one',
    headers: idempotencyKey, body: ref('ExceptionRequest'), idempotent: true, responses: { 200: ref('ExceptionOutcome'), 201: ref('ExceptionOutcome'), ...P([400, 401, 403, 422]) },
  },
];
