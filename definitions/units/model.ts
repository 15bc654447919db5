/**
 * The vocabulary of a unit's run, shared by the engine (which produces it), the store (which
 * keeps it) and the API (which shows it): written once, here. A lot (routing mode "lot") runs
 * the same way with a quantity; "unit" below means either unless a field says otherwise.
 */
import type { Outcome } from '../routing/schema';

export type UnitStatus = 'waiting' | 'in-progress' | 'held' | 'scrapped' | 'finished';
export type RunKind = 'unit' | 'lot';

export interface AllowedAction {
  type: 'start' | 'complete';
  step: string;
  /** The station group that works the step (absent in runs recorded before it was carried). */
  stationGroup?: string;
}

export type UnitEventType =
  | 'released'
  | 'started'
  | 'completed'
  | 'held'
  | 'resumed'
  | 'scrapped'
  | 'finished'
  /** A step in progress longer than its maxMinutes. */
  | 'overdue'
  /** A queue-time limit between two steps exceeded. */
  | 'queue-time-exceeded'
  /** Part of a lot scrapped; the lot goes on with the rest. */
  | 'partially-scrapped'
  /** Part of a lot split off into a new lot (detail names it). */
  | 'split'
  /** Moved to another routing version by an administrator's migration. */
  | 'migrated';

/** A measured value as recorded, with the limits it was judged against. */
export interface MeasurementReading {
  name: string;
  value: number;
  unit?: string;
  lsl?: number;
  usl?: number;
  /** Whether the value lies within [lsl, usl]. */
  ok: boolean;
}

/** A component installed at a step: which part, from which supplier lot, how many. */
export interface ComponentScan {
  partNumber: string;
  supplierLot: string | null;
  quantity: number;
}

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
  /** A hash of who sent the keyed request and what (the API's): a retry after the run ended is told apart from another request with the key. */
  requestHash?: string;
  equipment?: string | null;
  measurements?: MeasurementReading[];
  components?: ComponentScan[];
  defectCodes?: string[];
  /** Lots: the quantity this event concerns (scrapped, split off), or the lot's quantity after it. */
  quantity?: number;
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
  kind?: RunKind;
  /** Lots: the good quantity now. */
  quantity?: number;
  productModel?: string;
  workOrder?: string;
  /** The production lot (batch) a unit was built in, when the release named one. */
  lot?: string;
  /** When the work order is due (ISO 8601), and its priority (higher first): dispatch order. */
  dueAt?: string;
  priority?: number;
  /** When the unit started waiting for its current step (ISO 8601); null while not waiting. */
  waitingSince?: string | null;
}
