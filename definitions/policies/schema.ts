/**
 * The escalation policy schema (JSON Schema 2020-12) is the single source of the
 * EscalationPolicy type: the TypeScript types below are derived from it, never written by hand.
 *
 * A policy is an ordered ladder of levels. Each level starts `delayMinutes` after the incident
 * opened (`delayFrom: 'open'`) or after the previous level started (`'previous'`; for the first
 * level that is the opening too), and notifies its recipients on every one of its channels.
 * After the last level, `repeat` re-sends the last level every `everyMinutes`, at most `times`
 * times. Acknowledging the incident stops the ladder (`onAcknowledge: 'stop'`) or holds it for
 * `pauseMinutes` and then carries on where it was (`'pause'`).
 */
import type { FromSchema } from 'json-schema-to-ts';
import { identifier, identifiers } from '../validation/common';

export const CHANNELS = ['email', 'sms', 'webhook', 'andon'] as const;
export const DELAY_FROM = ['open', 'previous'] as const;
export const ON_ACKNOWLEDGE = ['stop', 'pause'] as const;
export const RECIPIENT_KINDS = ['role', 'user', 'group'] as const;

/** One week: the longest single delay, pause or repeat interval a policy may state. */
export const MAX_POLICY_MINUTES = 7 * 24 * 60;

const minutes = (minimum: number, maximum: number) => ({ type: 'integer', minimum, maximum }) as const;

const channel = {
  type: 'object',
  description: 'How a level notifies. A webhook names its target (a webhook of the master data); other channels take none.',
  additionalProperties: false,
  required: ['channel'],
  properties: {
    channel: { enum: CHANNELS },
    target: identifier,
  },
  if: { required: ['channel'], properties: { channel: { const: 'webhook' } } },
  then: { required: ['target'] },
  else: { properties: { target: false } },
} as const;

const recipient = {
  type: 'object',
  description: 'Exactly one of: every user holding a role, one user, or every member of a group.',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    role: identifier,
    user: identifier,
    group: identifier,
  },
} as const;

const level = {
  type: 'object',
  additionalProperties: false,
  required: ['delayMinutes', 'delayFrom', 'channels', 'recipients'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    delayMinutes: minutes(0, MAX_POLICY_MINUTES),
    delayFrom: { enum: DELAY_FROM },
    channels: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: channel },
    recipients: { type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, items: recipient },
  },
} as const;

export const escalationPolicySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://taktflow.dev/schemas/escalation-policy.json',
  title: 'EscalationPolicy',
  description: 'An escalation policy: who is notified of an open incident, how, and when, until it is acknowledged.',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'levels', 'onAcknowledge'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    scope: {
      type: 'object',
      description: 'Incidents the policy applies to: on these lines, during these shifts. An absent list means all.',
      additionalProperties: false,
      properties: {
        lines: { ...identifiers, minItems: 1 },
        shifts: { ...identifiers, minItems: 1, maxItems: 50 },
      },
    },
    levels: { type: 'array', minItems: 1, maxItems: 20, items: level },
    repeat: {
      type: 'object',
      description: 'After the last level: send the last level again every `everyMinutes`, at most `times` times.',
      additionalProperties: false,
      required: ['everyMinutes', 'times'],
      properties: {
        everyMinutes: minutes(1, 24 * 60),
        times: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
    onAcknowledge: { enum: ON_ACKNOWLEDGE },
    pauseMinutes: { ...minutes(1, MAX_POLICY_MINUTES), description: 'How long an acknowledgement holds the ladder; only with onAcknowledge "pause".' },
  },
} as const;

export type EscalationPolicy = FromSchema<typeof escalationPolicySchema>;
export type EscalationLevel = EscalationPolicy['levels'][number];
export type EscalationChannel = EscalationLevel['channels'][number];
export type EscalationRecipient = EscalationLevel['recipients'][number];
export type ChannelKind = (typeof CHANNELS)[number];
export type DelayFrom = (typeof DELAY_FROM)[number];
export type OnAcknowledge = (typeof ON_ACKNOWLEDGE)[number];
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
