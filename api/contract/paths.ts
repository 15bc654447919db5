/** Every operation of the API, with the permission it needs. The router is built from this list. */
import { DEFINITION_KINDS } from '../../definitions/kinds';
import type { JsonSchema } from './embed';
import { incidentOperations } from './incidents';
import type { Access } from './permissions';
import { page, ref, problems as P } from './primitives';
import { CONTENT_SCHEMA_BY_KIND } from './schemas';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path template under /api/v1, e.g. /units/{serial}. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  access: Access;
  pathParams?: Record<string, JsonSchema>;
  query?: Record<string, JsonSchema & { required?: boolean }>;
  headers?: Record<string, JsonSchema & { required?: boolean }>;
  body?: JsonSchema;
  /** Answers by status; null for no body. */
  responses: Record<number, JsonSchema | null | 'event-stream'>;
  /** Accepts Idempotency-Key: a retry with the same key and body gets the first answer. */
  idempotent?: boolean;
  /**
   * The unit's workflow keeps the answers by key (and refuses a key reused for another request),
   * so the API keeps no idempotency record of its own: the operator's hot path writes nothing
   * twice (see engine/workflows/answers.ts).
   */
  answeredByWorkflow?: boolean;
  /** Arguments the handler receives (when the operation is shared by several paths). */
  fixed?: Record<string, string>;
}

const key = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' };
const serial = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' };
const version = { type: 'string', pattern: '^[1-9][0-9]{0,8}$' };
const uuid = { type: 'string', pattern: '^[0-9a-f-]{36}$' };
const identifier = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' };
const supplierLot = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' };
const cursorQuery = {
  limit: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|1[0-9]{2}|200)$', description: '1 to 200 (default 50)' },
  cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,400}$', description: 'Opaque: the nextCursor of the previous page.' },
};
const idempotencyKey = { 'Idempotency-Key': { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' } };
export const camel = (kind: string): string => kind.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

function definitionOperations(): Operation[] {
  return DEFINITION_KINDS.flatMap((kind): Operation[] => {
    const K = camel(kind);
    const base = `/definitions/${kind}`;
    const tag = 'definitions';
    const read = 'definitions:read' as const;
    const write = `definitions.${kind}:write` as const;
    const publish = `definitions.${kind}:publish` as const;
    const fixed = { kind };
    const k = { key };
    const content = ref(CONTENT_SCHEMA_BY_KIND[kind]);
    return [
      { method: 'get', path: base, operationId: `list${K}Keys`, summary: `Keys of ${kind} definitions`, tag, access: read, query: cursorQuery, responses: { 200: page(ref('Head')), ...P([400, 401, 403]) }, fixed },
      { method: 'get', path: `${base}/{key}`, operationId: `get${K}`, summary: `A ${kind} key: versions and lifecycle`, tag, access: read, pathParams: k, responses: { 200: ref('KeySummary'), ...P([400, 401, 403, 404]) }, fixed },
      { method: 'post', path: `${base}/{key}/drafts`, operationId: `create${K}Draft`, summary: `Save a ${kind} draft (validated)`, tag, access: write, pathParams: k, body: content, idempotent: true, responses: { 201: ref('Draft'), ...P([400, 401, 403, 409, 413, 422]) }, fixed },
      { method: 'get', path: `${base}/{key}/drafts`, operationId: `list${K}Drafts`, summary: `Drafts of a ${kind} key`, tag, access: read, pathParams: k, query: cursorQuery, responses: { 200: page(ref('Draft')), ...P([400, 401, 403]) }, fixed },
      { method: 'get', path: `${base}/{key}/drafts/{id}`, operationId: `get${K}Draft`, summary: `One ${kind} draft`, tag, access: read, pathParams: { key, id: uuid }, responses: { 200: ref('Draft'), ...P([400, 401, 403, 404]) }, fixed },
      {
        method: 'put', path: `${base}/{key}/drafts/{id}`, operationId: `update${K}Draft`, summary: `Replace a ${kind} draft's content`, tag, access: write,
        pathParams: { key, id: uuid }, headers: { 'If-Match': { type: 'string', pattern: '^(W/)?"?[1-9][0-9]{0,8}"?$' } }, body: content,
        responses: { 200: ref('Draft'), ...P([400, 401, 403, 404, 409, 413, 422]) }, fixed,
      },
      { method: 'delete', path: `${base}/{key}/drafts/{id}`, operationId: `delete${K}Draft`, summary: `Delete a ${kind} draft`, tag, access: write, pathParams: { key, id: uuid }, responses: { 204: null, ...P([400, 401, 403, 404]) }, fixed },
      {
        method: 'post', path: `${base}/{key}/publish`, operationId: `publish${K}`, summary: `Publish a draft as immutable version N+1 (electronic signature)`, tag, access: publish,
        pathParams: k, body: ref('PublishRequest'), idempotent: true, responses: { 201: ref('VersionMeta'), ...P([400, 401, 403, 404, 409, 422]) }, fixed,
      },
      { method: 'get', path: `${base}/{key}/versions`, operationId: `list${K}Versions`, summary: `Versions of a ${kind} key`, tag, access: read, pathParams: k, query: cursorQuery, responses: { 200: page(ref('VersionMeta')), ...P([400, 401, 403, 404]) }, fixed },
      { method: 'get', path: `${base}/{key}/versions/{n}`, operationId: `get${K}Version`, summary: `One published ${kind} version`, tag, access: read, pathParams: { key, n: version }, responses: { 200: ref('Version'), ...P([400, 401, 403, 404]) }, fixed },
      ...(['put', 'patch', 'delete'] as const).map(
        (method): Operation => ({
          method, path: `${base}/{key}/versions/{n}`, operationId: `${method}${K}Version`, summary: 'Refused: published versions are immutable (409)', tag, access: write,
          pathParams: { key, n: version }, responses: { ...P([400, 401, 403, 404, 409]) }, fixed,
        }),
      ),
      {
        method: 'post', path: `${base}/{key}/versions/{n}/retire`, operationId: `retire${K}Version`, summary: `Retire a ${kind} version`, tag, access: publish,
        pathParams: { key, n: version }, body: ref('RetireRequest'), idempotent: true, responses: { 200: ref('KeySummary'), ...P([400, 401, 403, 404, 409, 422]) }, fixed,
      },
      {
        method: 'get', path: `${base}/{key}/diff`, operationId: `diff${K}`, summary: `Structured diff between two versions (or draft:<id>)`, tag, access: read, pathParams: k,
        query: { from: { type: 'string', pattern: '^([1-9][0-9]{0,8}|draft:[0-9a-f-]{36})$', required: true }, to: { type: 'string', pattern: '^([1-9][0-9]{0,8}|draft:[0-9a-f-]{36})$', required: true } },
        responses: { 200: ref('Diff'), ...P([400, 401, 403, 404]) }, fixed,
      },
      { method: 'get', path: `${base}/{key}/audit`, operationId: `audit${K}`, summary: `Change history of a ${kind} key`, tag, access: read, pathParams: k, query: cursorQuery, responses: { 200: page(ref('DefinitionAuditEntry')), ...P([400, 401, 403, 404]) }, fixed },
      { method: 'get', path: `${base}/{key}/export`, operationId: `export${K}`, summary: `Every version of a ${kind} key as one bundle`, tag, access: read, pathParams: k, responses: { 200: ref('DefinitionBundle'), ...P([400, 401, 403, 404]) }, fixed },
      {
        method: 'post', path: `${base}/{key}/import`, operationId: `import${K}`, summary: `Import a bundle (version numbers and metadata kept)`, tag, access: publish, pathParams: k,
        body: ref('DefinitionBundle'), idempotent: true, responses: { 200: ref('ImportResult'), ...P([400, 401, 403, 409, 413, 422]) }, fixed,
      },
    ];
  });
}

/** Quality's decisions on a unit: path segment and operation id of each. */
export const DISPOSITIONS = {
  hold: { path: 'hold', operationId: 'holdUnit' },
  release: { path: 'release-hold', operationId: 'releaseUnitHold' },
  scrap: { path: 'scrap', operationId: 'scrapUnit' },
} as const;

export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/health', operationId: 'getHealth', summary: 'Health of the API and the servers it needs', tag: 'operations', access: 'public', responses: { 200: ref('Health'), 503: ref('Health') } },
  { method: 'get', path: '/openapi.json', operationId: 'getOpenApi', summary: 'This document', tag: 'operations', access: 'public', responses: { 200: { type: 'object' } } },
  { method: 'post', path: '/auth/login', operationId: 'login', summary: 'Sign in with email and password', tag: 'auth', access: 'public', body: ref('LoginRequest'), responses: { 200: ref('TokenPair'), ...P([400, 401, 422, 429]) } },
  { method: 'post', path: '/auth/refresh', operationId: 'refresh', summary: 'Exchange a refresh token for a new pair (rotation)', tag: 'auth', access: 'public', body: ref('RefreshRequest'), responses: { 200: ref('TokenPair'), ...P([400, 401, 422, 429]) } },
  { method: 'post', path: '/auth/logout', operationId: 'logout', summary: 'Revoke a refresh token and its family', tag: 'auth', access: 'authenticated', body: ref('RefreshRequest'), responses: { 204: null, ...P([400, 401, 422]) } },
  { method: 'get', path: '/auth/me', operationId: 'me', summary: 'Who is calling', tag: 'auth', access: 'authenticated', responses: { 200: ref('Principal'), ...P([401]) } },
  { method: 'get', path: '/users', operationId: 'listUsers', summary: 'Users', tag: 'admin', access: 'users:manage', query: cursorQuery, responses: { 200: page(ref('User')), ...P([400, 401, 403]) } },
  { method: 'post', path: '/users', operationId: 'createUser', summary: 'Create a user', tag: 'admin', access: 'users:manage', body: ref('UserCreate'), idempotent: true, responses: { 201: ref('User'), ...P([400, 401, 403, 409, 422]) } },
  { method: 'patch', path: '/users/{id}', operationId: 'updateUser', summary: "Change a user's name, roles, lines or status", tag: 'admin', access: 'users:manage', pathParams: { id: { type: 'string', maxLength: 254 } }, body: ref('UserPatch'), responses: { 200: ref('User'), ...P([400, 401, 403, 404, 422]) } },
  { method: 'get', path: '/api-keys', operationId: 'listApiKeys', summary: 'API keys (without secrets)', tag: 'admin', access: 'api-keys:manage', query: cursorQuery, responses: { 200: page(ref('ApiKey')), ...P([400, 401, 403]) } },
  { method: 'post', path: '/api-keys', operationId: 'createApiKey', summary: 'Create an API key for ERP, WMS or a machine', tag: 'admin', access: 'api-keys:manage', body: ref('ApiKeyCreate'), idempotent: true, responses: { 201: ref('ApiKeyCreated'), ...P([400, 401, 403, 422]) } },
  { method: 'post', path: '/api-keys/{id}/revoke', operationId: 'revokeApiKey', summary: 'Revoke an API key', tag: 'admin', access: 'api-keys:manage', pathParams: { id: { type: 'string', pattern: '^[a-z0-9]{1,40}$' } }, idempotent: true, responses: { 200: ref('ApiKey'), ...P([400, 401, 403, 404]) } },
  { method: 'get', path: '/audit-log', operationId: 'listAuditLog', summary: 'The hash-chained audit trail of every mutating call', tag: 'admin', access: 'audit:read', query: cursorQuery, responses: { 200: page(ref('AuditLogEntry')), ...P([400, 401, 403]) } },
  { method: 'get', path: '/audit-log/verify', operationId: 'verifyAuditLog', summary: 'Recompute the chain; names the first tampered entry', tag: 'admin', access: 'audit:read', responses: { 200: ref('AuditVerification'), ...P([401, 403]) } },
  ...definitionOperations(),
  {
    method: 'get', path: '/master-data', operationId: 'getActiveMasterData', summary: "The site's active master data (the master-data definition in force)", tag: 'master-data',
    access: 'definitions:read', responses: { 200: ref('MasterData'), ...P([401, 403, 404]) },
  },
  {
    method: 'get', path: '/master-data/{collection}', operationId: 'listMasterData', summary: 'One collection of the active master data (lines, stations, parts, defect codes, …)', tag: 'master-data',
    access: 'definitions:read', query: cursorQuery,
    pathParams: { collection: { enum: ['productModels', 'lines', 'stationGroups', 'stations', 'equipment', 'parts', 'defectCodes', 'roles', 'users', 'groups', 'shifts', 'webhooks'] } },
    responses: { 200: page({ type: 'object' }), ...P([400, 401, 403, 404]) },
  },
  {
    method: 'post', path: '/units', operationId: 'releaseUnit', summary: "Release a unit onto its routing's active version", tag: 'units', access: 'units:release',
    body: ref('UnitRelease'), idempotent: true, headers: idempotencyKey, responses: { 201: ref('Unit'), ...P([400, 401, 403, 409, 422]) },
  },
  {
    method: 'get', path: '/units', operationId: 'listUnits', summary: 'Units of the lines the caller may see', tag: 'units', access: 'units:read',
    query: { ...cursorQuery, line: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' }, status: { enum: ['waiting', 'in-progress', 'held', 'scrapped', 'finished'] } },
    responses: { 200: page(ref('Unit')), ...P([400, 401, 403]) },
  },
  { method: 'get', path: '/units/{serial}', operationId: 'getUnit', summary: 'A unit: status, pinned routing version, allowed steps', tag: 'units', access: 'units:read', pathParams: { serial }, responses: { 200: ref('Unit'), ...P([400, 401, 403, 404]) } },
  {
    method: 'post', path: '/units/{serial}/actions', operationId: 'actOnUnit', summary: 'Start or complete a step', tag: 'units', access: 'units:act', pathParams: { serial },
    headers: idempotencyKey, body: ref('UnitAction'), idempotent: true, answeredByWorkflow: true, responses: { 200: ref('ActionOutcome'), ...P([400, 401, 403, 404, 409, 422]) },
  },
  ...(['hold', 'release', 'scrap'] as const).map(
    (type): Operation => ({
      method: 'post', path: `/units/{serial}/${DISPOSITIONS[type].path}`, operationId: DISPOSITIONS[type].operationId, tag: 'units', access: 'units:disposition', pathParams: { serial },
      summary: { hold: 'Put a unit on hold (quality)', release: 'Release a hold: the unit goes back where it was', scrap: 'Scrap a unit' }[type],
      body: ref('DispositionRequest'), idempotent: true, responses: { 200: ref('ActionOutcome'), ...P([400, 401, 403, 404, 409, 422]) }, fixed: { type },
    }),
  ),
  { method: 'get', path: '/units/{serial}/trace', operationId: 'traceUnit', summary: 'Every recorded event of a unit in order', tag: 'units', access: 'units:read', pathParams: { serial }, responses: { 200: ref('Trace'), ...P([400, 401, 403, 404]) } },
  {
    method: 'post', path: '/lots', operationId: 'releaseLot', summary: "Release a lot (a quantity) onto a lot-mode routing's active version", tag: 'lots', access: 'units:release',
    body: ref('LotRelease'), idempotent: true, headers: idempotencyKey, responses: { 201: ref('Unit'), ...P([400, 401, 403, 409, 422]) },
  },
  { method: 'get', path: '/lots/{lot}', operationId: 'getLot', summary: 'A lot: quantity, status, pinned routing version, allowed steps', tag: 'lots', access: 'units:read', pathParams: { lot: serial }, responses: { 200: ref('Unit'), ...P([400, 401, 403, 404]) } },
  {
    method: 'post', path: '/lots/{lot}/actions', operationId: 'actOnLot', summary: 'Start or complete a step of a lot (scrapQuantity scraps part of it)', tag: 'lots', access: 'units:act', pathParams: { lot: serial },
    headers: idempotencyKey, body: ref('UnitAction'), idempotent: true, answeredByWorkflow: true, responses: { 200: ref('ActionOutcome'), ...P([400, 401, 403, 404, 409, 422]) },
  },
  {
    method: 'post', path: '/lots/{lot}/split', operationId: 'splitLot', summary: 'Split part of a lot off into a new lot at the same step', tag: 'lots', access: 'units:release', pathParams: { lot: serial },
    headers: idempotencyKey, body: ref('LotSplit'), idempotent: true, responses: { 200: ref('LotSplitOutcome'), ...P([400, 401, 403, 404, 409, 422]) },
  },
  {
    method: 'post', path: '/lots/{lot}/scrap', operationId: 'scrapLot', summary: 'Scrap part of a lot (quantity) or all of it (quality)', tag: 'lots', access: 'units:disposition', pathParams: { lot: serial },
    headers: idempotencyKey, body: ref('LotScrap'), idempotent: true, responses: { 200: ref('ActionOutcome'), ...P([400, 401, 403, 404, 409, 422]) },
  },
  { method: 'get', path: '/lots/{lot}/trace', operationId: 'traceLot', summary: 'Every recorded event of a lot in order', tag: 'lots', access: 'units:read', pathParams: { lot: serial }, responses: { 200: ref('Trace'), ...P([400, 401, 403, 404]) } },
  {
    method: 'post', path: '/migrations', operationId: 'migrateUnits', tag: 'units', access: 'units:migrate',
    summary: 'Move chosen in-flight units to another published version of their routing, with an explicit step mapping (administrators; audited); the outcome per unit',
    headers: idempotencyKey, body: ref('UnitMigration'), idempotent: true, responses: { 200: ref('MigrationOutcome'), ...P([400, 401, 403, 422]) },
  },
  {
    method: 'post', path: '/units/bulk-disposition', operationId: 'bulkDisposition', tag: 'units', access: 'units:disposition',
    summary: 'Hold, release or scrap every unit of a production lot, line, work order or component lot (quality): the outcome per unit',
    headers: idempotencyKey, body: ref('BulkDispositionRequest'), idempotent: true, responses: { 200: ref('BulkDispositionResult'), ...P([400, 401, 403, 409, 422]) },
  },
  {
    method: 'get', path: '/stations/{station}/queue', operationId: 'getStationQueue', tag: 'dispatch', access: 'units:read', pathParams: { station: identifier }, query: cursorQuery,
    summary: "Units waiting for the station's group (on its line): earliest due first, then higher priority, then longest waiting; with their claims",
    responses: { 200: ref('DispatchQueue'), ...P([400, 401, 403, 404]) },
  },
  {
    method: 'get', path: '/station-groups/{group}/queue', operationId: 'getStationGroupQueue', tag: 'dispatch', access: 'units:read', pathParams: { group: identifier },
    query: { ...cursorQuery, line: identifier }, summary: 'Units waiting for a station group, in dispatch order, with their claims', responses: { 200: ref('DispatchQueue'), ...P([400, 401, 403, 404]) },
  },
  {
    method: 'post', path: '/stations/{station}/queue/claim', operationId: 'claimNextUnit', tag: 'dispatch', access: 'units:act', pathParams: { station: identifier },
    summary: "Claim the next unit of the station's queue that nobody holds (for a limited time); 404 when none is free",
    headers: idempotencyKey, idempotent: true, responses: { 200: ref('DispatchClaimResult'), ...P([400, 401, 403, 404, 409]) },
  },
  {
    method: 'get', path: '/trace/components', operationId: 'traceComponentLot', tag: 'units', access: 'units:read', summary: 'The units that consumed a supplier lot (optionally of one part number)',
    query: { ...cursorQuery, supplierLot: { ...supplierLot, required: true }, partNumber: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$' } },
    responses: { 200: ref('ComponentTrace'), ...P([400, 401, 403]) },
  },
  {
    method: 'post', path: '/work-orders', operationId: 'createWorkOrder', tag: 'work-orders', access: 'work-orders:write',
    summary: "Create a work order from the ERP's production request: pinned to the routing's active version; serials given or generated",
    headers: idempotencyKey, body: ref('WorkOrderCreate'), idempotent: true, responses: { 201: ref('WorkOrder'), ...P([400, 401, 403, 409, 422]) },
  },
  {
    method: 'get', path: '/work-orders', operationId: 'listWorkOrders', tag: 'work-orders', access: 'work-orders:read', summary: 'Work orders of the lines the caller may see (without their units)',
    query: { ...cursorQuery, line: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' }, status: { enum: ['created', 'released', 'in-progress', 'completed'] } },
    responses: { 200: page(ref('WorkOrderSummary')), ...P([400, 401, 403]) },
  },
  {
    method: 'get', path: '/work-orders/{number}', operationId: 'getWorkOrder', tag: 'work-orders', access: 'work-orders:read', pathParams: { number: serial },
    summary: 'A work order: counts, WIP per step, schedule, ERP messages, units', responses: { 200: ref('WorkOrder'), ...P([400, 401, 403, 404]) },
  },
  {
    method: 'post', path: '/work-orders/{number}/release', operationId: 'releaseWorkOrder', tag: 'work-orders', access: 'work-orders:write', pathParams: { number: serial },
    summary: 'Release units of the work order: all that remain, or {count} more', headers: idempotencyKey, body: ref('WorkOrderRelease'), idempotent: true,
    responses: { 200: ref('WorkOrder'), ...P([400, 401, 403, 404, 409, 422]) },
  },
  ...incidentOperations,
  {
    method: 'get', path: '/stream', operationId: 'stream', summary: 'Server-sent events: unit events (unit.event) and incident changes (incident.updated), by line, resumable with Last-Event-ID', tag: 'stream', access: 'stream:read',
    query: { lines: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}(,[A-Za-z][A-Za-z0-9_-]{0,63}){0,49}$' } }, headers: { 'Last-Event-ID': { type: 'string', maxLength: 100 } },
    responses: { 200: 'event-stream', ...P([400, 401, 403]) },
  },
  {
    method: 'get', path: '/deliveries', operationId: 'listDeliveries', tag: 'notifications', access: 'notifications:read',
    summary: "An incident's notification delivery log: every attempt and each request's final status (provider reply, fallback), oldest first",
    query: { ...cursorQuery, incident: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$', required: true } }, responses: { 200: page(ref('DeliveryLogEntry')), ...P([400, 401, 403]) },
  },
  {
    method: 'get', path: '/outbox', operationId: 'listOutbox', tag: 'notifications', access: 'notifications:read', query: cursorQuery,
    summary: 'Mail written to the local outbox (no SMTP server configured), newest first', responses: { 200: page(ref('OutboxMail')), ...P([400, 401, 403]) },
  },
  {
    method: 'get', path: '/andon/{line}', operationId: 'getAndonBoard', tag: 'notifications', access: 'stream:read', pathParams: { line: identifier },
    summary: "A line's andon board: the open calls, newest first", responses: { 200: ref('AndonBoard'), ...P([400, 401, 403]) },
  },
  {
    method: 'get', path: '/andon/{line}/stream', operationId: 'streamAndon', tag: 'notifications', access: 'stream:read', pathParams: { line: identifier },
    summary: "Server-sent events of a line's andon board (andon.call, andon.cleared), resumable with Last-Event-ID", headers: { 'Last-Event-ID': { type: 'string', maxLength: 100 } },
    responses: { 200: 'event-stream', ...P([400, 401, 403]) },
  },
  {
    method: 'get', path: '/facts', operationId: 'listFacts', tag: 'rules', access: 'definitions:read',
    summary: 'The fact catalog rule conditions test: names, params and their types, units, zh/en labels; with the operators', responses: { 200: ref('FactCatalog'), ...P([401, 403]) },
  },
  {
    method: 'post', path: '/rules/dry-run', operationId: 'dryRunRule', tag: 'rules', access: 'rules:test', body: ref('RuleDryRunRequest'),
    summary: 'Evaluate a rule draft or a published rule with sample facts (other facts from the recorded production): the result and each condition\'s trace; nothing is opened',
    responses: { 200: ref('RuleEvaluation'), ...P([400, 401, 403, 404, 422]) },
  },
  {
    method: 'post', path: '/rules/{key}/backtest', operationId: 'backtestRule', tag: 'rules', access: 'rules:test', pathParams: { key }, body: ref('RuleBacktestRequest'),
    summary: "Replay the last hours or days of recorded production through the rule's active version: when and how often it would have fired",
    responses: { 200: ref('RuleBacktest'), ...P([400, 401, 403, 404, 422]) },
  },
  {
    method: 'get', path: '/rules/checks', operationId: 'checkRules', tag: 'rules', access: 'rules:test',
    summary: 'Static checks of the active rule set: rules that can never fire, overlapping rules, escalation levels never reached', responses: { 200: ref('RuleChecks'), ...P([401, 403]) },
  },
];
