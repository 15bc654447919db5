/** The contract's definition lifecycle resources: drafts, versions, signatures, diffs, imports (spread into componentSchemas in schemas.ts). */
import type { JsonSchema } from './embed';
import { ref, str, nullableStr, dateTime, int } from './primitives';

export const definitionSchemas: Record<string, JsonSchema> = {
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
  RetireRequest: {
    type: 'object',
    additionalProperties: false,
    properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } },
  },
};
