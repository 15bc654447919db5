/**
 * The activities the engine's workflows call: types only. workers/ implements them;
 * workflows see nothing but these signatures.
 */
import type { Outcome } from '../definitions/routing/schema';
import type { AllowedAction, EventType, UnitStatus } from './routing/machine';

export interface UnitEvent {
  seq: number;
  type: EventType;
  step: string | null;
  station: string | null;
  operator: string | null;
  result: Outcome | null;
  detail: string | null;
  /** Server time (ISO 8601, UTC) at which the workflow accepted the action. */
  at: string;
  idempotencyKey: string | null;
}

/** One idempotent write of a unit's read model: its state now and the events since the last batch. */
export interface UnitBatch {
  serial: string;
  routingKey: string;
  routingVersion: number;
  status: UnitStatus;
  step: string | null;
  allowed: AllowedAction[];
  events: UnitEvent[];
}

export interface PersistActivities {
  persistUnitBatch(batch: UnitBatch): Promise<void>;
}
