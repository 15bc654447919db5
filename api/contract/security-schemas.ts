/** The contract's sign-in, user, API key and audit-trail resources (spread into componentSchemas in schemas.ts). */
import type { JsonSchema } from './embed';
import { ref, str, nullableStr, dateTime, int } from './primitives';

export const ROLES = ['admin', 'engineer', 'quality', 'operator', 'viewer', 'integration'] as const;

export const securitySchemas: Record<string, JsonSchema> = {
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
};
