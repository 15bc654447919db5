/**
 * The activities the engine's workflows call: types only. workers/ implements them;
 * workflows see nothing but these signatures.
 */
import type { DeliveryResult, Severity } from '../definitions/incidents/model';
import type { EscalationChannel, EscalationRecipient } from '../definitions/policies/schema';
import type { Bilingual } from '../definitions/rules/vocabulary';
import type { UnitBatch } from '../definitions/units/model';
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
