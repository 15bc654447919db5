/**
 * The export format of one definition key with all its versions: plain JSON a git repository
 * can hold, written deterministically so export → import → export is byte-identical.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { schemaFindings } from './validation/ajv';
import type { Validated } from './validation/finding';

export const BUNDLE_FORMAT = 'taktflow.definition-bundle/1';

export const bundleSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/definition-bundle.json',
  title: 'DefinitionBundle',
  type: 'object',
  additionalProperties: false,
  required: ['format', 'kind', 'key', 'activeVersion', 'versions'],
  properties: {
    format: { const: BUNDLE_FORMAT },
    kind: { type: 'string', pattern: '^[a-z][a-z-]{0,31}$' },
    key: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    activeVersion: { type: ['integer', 'null'], minimum: 1 },
    versions: {
      type: 'array',
      maxItems: 10000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['version', 'contentHash', 'publishedAt', 'publishedBy', 'note', 'retired', 'content'],
        properties: {
          version: { type: 'integer', minimum: 1 },
          contentHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          publishedAt: { type: 'string', format: 'date-time' },
          publishedBy: { type: 'string', minLength: 1, maxLength: 200 },
          note: { type: ['string', 'null'], maxLength: 2000 },
          retired: { type: 'boolean' },
          content: { type: 'object' },
        },
      },
    },
  },
} as const;

export type DefinitionBundle = FromSchema<typeof bundleSchema>;
export type BundleVersion = DefinitionBundle['versions'][number];

export function validateBundle(value: unknown): Validated<DefinitionBundle> {
  const findings = schemaFindings(bundleSchema, value);
  return findings.length > 0 ? { ok: false, findings } : { ok: true, value: value as DefinitionBundle };
}

/** Field order fixed here; content keeps the order its author wrote. Ends with a newline. */
export function serializeBundle(b: DefinitionBundle): string {
  const ordered = {
    format: b.format,
    kind: b.kind,
    key: b.key,
    activeVersion: b.activeVersion,
    versions: [...b.versions]
      .sort((x, y) => x.version - y.version)
      .map((v) => ({
        version: v.version,
        contentHash: v.contentHash,
        publishedAt: v.publishedAt,
        publishedBy: v.publishedBy,
        note: v.note,
        retired: v.retired,
        content: v.content,
      })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
