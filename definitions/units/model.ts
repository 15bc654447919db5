/**
 * The vocabulary of a unit's run, shared by the engine (which produces it), the store (which
 * keeps it) and the API (which shows it): written once, here.
 */
import type { Outcome } from '../routing/schema';

export type UnitStatus = 'waiting' | 'in-progress' | 'held' | 'scrapped' | 'finished';

export interface AllowedAction {
  type: 'start' | 'complete';
  step: string;
}

export type UnitEventType = 'released' | 'started' | 'completed' | 'held' | 'resumed' | 'scrapped' | 'finished';

export interface UnitEvent {
  /** 1, 2, 3, … per unit, without gaps: an event's identity together with the serial. */
  seq: number;
  type: UnitEventType;
  step: string | null;
  station: string | null;
  operator: string | null;
  result: Outcome | null;
  detail: string | null;
  /** Server time (ISO 8601, UTC) at which the workflow accepted the action. */
  at: string;
  idempotencyKey: string | null;
}

/** One idempotent write of a unit's read model: its state now and the events since the last write. */
export interface UnitBatch {
  serial: string;
  /** Site and line the unit runs on: who may see and act on it follows from them. */
  site: string;
  line: string;
  routingKey: string;
  routingVersion: number;
  status: UnitStatus;
  step: string | null;
  allowed: AllowedAction[];
  events: UnitEvent[];
}
