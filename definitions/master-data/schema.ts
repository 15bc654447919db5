/**
 * Master data of a site: the things routings, rules and escalation policies refer to.
 * The schema is the single source of the MasterData type.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { bilingual, code, identifier, identifiers } from '../validation/common';

const name = { type: 'string', minLength: 1, maxLength: 200 } as const;
const hhmm = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;

export const masterDataSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/master-data.json',
  title: 'MasterData',
  description: "A site's master data: product models, lines, stations, equipment, parts, defect codes, people, shifts and webhook targets.",
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    productModels: {
      type: 'array',
      maxItems: 5000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name'],
        properties: { id: identifier, name: bilingual, family: { type: 'string', maxLength: 200 } },
      },
    },
    lines: {
      type: 'array',
      maxItems: 500,
      items: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: identifier, name } },
    },
    stationGroups: {
      type: 'array',
      maxItems: 2000,
      items: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: identifier, name, line: identifier } },
    },
    stations: {
      type: 'array',
      maxItems: 10000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'stationGroup'],
        properties: { id: identifier, name, stationGroup: identifier, line: identifier },
      },
    },
    equipment: {
      type: 'array',
      maxItems: 10000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name'],
        properties: { id: identifier, name, station: identifier, kind: { type: 'string', maxLength: 100 } },
      },
    },
    parts: {
      type: 'array',
      maxItems: 100000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['partNumber', 'description'],
        properties: {
          partNumber: code,
          description: { type: 'string', minLength: 1, maxLength: 500 },
          lotControlled: { type: 'boolean', description: 'Whether a supplier lot must be known for each use; false when absent.' },
        },
      },
    },
    defectCodes: {
      type: 'array',
      maxItems: 10000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'category', 'name'],
        properties: { code, category: { type: 'string', minLength: 1, maxLength: 100 }, name: bilingual },
      },
    },
    roles: {
      type: 'array',
      maxItems: 200,
      items: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: identifier, name } },
    },
    users: {
      type: 'array',
      maxItems: 100000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name'],
        properties: {
          id: identifier,
          name,
          email: { type: 'string', format: 'email' },
          phone: { type: 'string', pattern: '^\\+?[0-9][0-9 -]{5,20}$' },
          roles: identifiers,
          lines: identifiers,
          shifts: { ...identifiers, description: 'The shifts the person works; none listed: any shift. Escalations reach people of the shift on duty first.' },
        },
      },
    },
    groups: {
      type: 'array',
      maxItems: 2000,
      items: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: identifier, name, members: identifiers } },
    },
    shifts: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'start', 'end'],
        properties: { id: identifier, name, start: hhmm, end: hhmm },
      },
    },
    webhooks: {
      type: 'array',
      maxItems: 500,
      description: 'Webhook targets (chat groups, ticket systems) escalation policies may notify; the address lives in the deployment, not here.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name'],
        properties: { id: identifier, name, kind: { type: 'string', maxLength: 100 } },
      },
    },
  },
} as const;

export type MasterData = FromSchema<typeof masterDataSchema>;
