/**
 * The activities the engine's workflows call: types only. workers/ implements them;
 * workflows see nothing but these signatures.
 */
import type { DeliveryResult, Severity } from '../definitions/incidents/model';
import type { EscalationChannel, EscalationRecipient } from '../definitions/policies/schema';
import type { ActionType, Bilingual } from '../definitions/rules/vocabulary';
import type { UnitBatch } from '../definitions/units/model';
import type { ActionOutcome, IncidentView } from '../definitions/incidents/view';
import type { ErpDelivery, ErpMessage } from './work-order/messages';
import type { WorkOrderView } from './work-order/view';

export type { UnitBatch, UnitEvent } from '../definitions/units/model';

export interface PersistActivities {
  persistUnitBatch(batch: UnitBatch): Promise<void>;
}

/** Work orders: the read model (one writer, the work-order workflow) and the ERP webhook. */
export interface WorkOrderActivities {
  persistWorkOrder(view: WorkOrderView): Promise<void>;
  /** POSTs the message with its Idempotency-Key; retried with backoff until it is accepted. */
  sendErpMessage(message: ErpMessage): Promise<ErpDelivery>;
}

/** One level of an escalation ladder to notify: its channels and recipients as the policy states them. */
export interface LevelNotification {
  incident: string;
  /** incident run (a reopened incident runs its ladder again) and level number from 1; repeat from 1 for re-sends. */
  run: number;
  level: number;
  repeat?: number;
  levelName?: string;
  channels: EscalationChannel[];
  recipients: EscalationRecipient[];
  subject: Bilingual;
  text: Bilingual;
  site: string;
  line: string | null;
  severity: Severity;
}

export interface NotifyActivities {
  /** Resolves the recipients (roles, users, groups; line and current shift) and delivers on every channel, with retries and fallback. */
  notifyLevel(n: LevelNotification): Promise<DeliveryResult[]>;
}

/** What an incident's automatic actions apply to: the rule's actions and the firing's context and units. */
export interface IncidentActionRequest {
  incident: string;
  site: string;
  line: string | null;
  actions: Array<{ type: ActionType }>;
  context: Record<string, string>;
  /** Serials of the firing snapshot (hold-unit holds these and context.serial). */
  serials: string[];
}

/** Incidents: the read model (one writer, the incident workflow) and the automatic holds. */
export interface IncidentActivities {
  persistIncident(view: IncidentView): Promise<void>;
  /** Holds the selected units (idempotent per incident and unit); the outcome per action. */
  runIncidentActions(request: IncidentActionRequest): Promise<ActionOutcome[]>;
}

/** Alert rules: what a rule's Temporal Schedule runs (rules with `every` triggers). */
export interface RuleActivities {
  /** Evaluates the rule's active version now; a firing opens or adds to its incident. Null when the rule is not active. */
  evaluateScheduledRule(ruleKey: string): Promise<{ fired: boolean } | null>;
}
