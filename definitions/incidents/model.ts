/**
 * The vocabulary of incidents and notifications, shared by the engine (escalation workflow), the
 * workers (channels, rule evaluation), the store and the API: written once, here.
 */
import type { ChannelKind } from '../policies/schema';
import type { Bilingual, Severity } from '../rules/vocabulary';

export type { Severity } from '../rules/vocabulary';
export type IncidentStatus = 'open' | 'acknowledged' | 'resolved';

/** The exception types people (or ERP/WMS) raise by hand; rule-raised incidents carry the rule's event type. */
export const EXCEPTION_TYPES = ['material-shortage', 'equipment-failure', 'quality-anomaly', 'order-delay'] as const;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

/** Why a rule fired: the fact values and each leaf condition's result at that moment. */
export interface FiringSnapshot {
  ruleKey: string;
  ruleVersion: number;
  facts: Record<string, unknown>;
  conditions: Array<{ path: string; fact: string; operator: string; value: unknown; params?: Record<string, unknown>; factValue: unknown; result: boolean }>;
  /** Serials of the units the firing concerns (the triggering unit, the units in the window, …). */
  units: string[];
  at: string;
}

/** What opens an incident: a rule firing, or a person / ERP raising an exception. */
export interface IncidentOpening {
  /** incident:<dedupKey>: one open incident per key; a further firing adds an occurrence. */
  dedupKey: string;
  type: string;
  severity: Severity;
  title: Bilingual;
  site: string;
  line: string | null;
  /** Key of the escalation policy whose ladder runs (its active version is pinned at opening). */
  escalationPolicy: string;
  source: { kind: 'rule'; snapshot: FiringSnapshot } | { kind: 'manual'; by: string; exceptionType: ExceptionType } | { kind: 'external'; system: string; reference: string; exceptionType: ExceptionType };
  context: Record<string, string>;
  openedAt: string;
}

/** One notification to send: a channel, its recipients resolved to addresses, a text in both languages. */
export interface NotificationRequest {
  /** Idempotency: incident:<key>:<run>:level-<n>:<channel>[:<repeat>] — a retried send never notifies twice. */
  id: string;
  incident: string;
  level: number;
  channel: ChannelKind;
  /** Webhook target id (master data), for channel "webhook". */
  target?: string;
  recipients: Array<{ userId: string; name: string; email?: string; phone?: string }>;
  subject: Bilingual;
  text: Bilingual;
  line: string | null;
  severity: Severity;
}

export type DeliveryStatus = 'sent' | 'failed' | 'skipped';

/** What a channel did with a request; kept in the delivery log. */
export interface DeliveryResult {
  id: string;
  channel: ChannelKind;
  status: DeliveryStatus;
  attempts: number;
  /** The provider's answer (SMTP response, SMPP message id, HTTP status and body excerpt). */
  providerReply: string | null;
  /** When the channel kept failing and the fallback channel was used. */
  fallback?: ChannelKind;
}
