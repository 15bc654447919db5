/**
 * What the API and other workflows say to a unit's workflow: its input, Updates and Query.
 * Exported next to the workflow (re-exported by unit.ts), imported by the API.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Routing } from '../../definitions/routing/schema';
import type { ComponentScan, RunKind, UnitBatch, UnitEvent } from '../../definitions/units/model';
import type { Deadline } from '../routing/deadlines';
import type { Disposition } from '../routing/disposition';
import type { Rejection, StepAction, UnitState } from '../routing/machine';

/** What a run hands to the next one when it continues as new. */
export interface UnitCarry {
  state: UnitState;
  seq: number;
  deadlines: Deadline[];
  consumed: ComponentScan[];
  waitingSince: string | null;
  /**
   * The latest answers by idempotency key (with the request's hash), so a retry after
   * continue-as-new gets its answer: what was recorded, or the refusal a keyed request got.
   */
  remembered?: Array<{ key: string; result?: UnitActionResult; rejection?: Rejection; requestHash?: string }>;
}

export interface UnitWorkflowInput {
  serial: string;
  site: string;
  line: string;
  routingKey: string;
  routingVersion: number;
  routing: Routing;
  /** 'lot' for a lot-mode routing: the run carries a quantity. Default 'unit'. */
  kind?: RunKind;
  /** Lots: the quantity released. */
  quantity?: number;
  productModel?: string;
  /** The work order the unit belongs to: it is told of every change of status or step. */
  workOrder?: string;
  /** The production lot (batch) the unit belongs to. */
  lot?: string;
  dueAt?: string;
  priority?: number;
  /** A lot split off another starts where its parent was (the detail says from where). */
  startAt?: { state: UnitState; detail: string };
  /** Set by continue-as-new only. */
  carry?: UnitCarry;
  /** Continue as new after this many history events (default 10,000; Temporal's own suggestion wins earlier). */
  historyLimit?: number;
}

export interface UnitActionInput extends StepAction {
  idempotencyKey: string;
  /**
   * A hash of who asked and what (the API's). The unit keeps it with the answer: the same key
   * with another hash is refused (IDEMPOTENCY_KEY_REUSED) instead of answered with another
   * request's outcome.
   */
  requestHash?: string;
}

/** What a unit looks like now: its read-model head plus the last seq it has recorded. */
export type UnitView = Omit<UnitBatch, 'events'> & { lastSeq: number; holdReason?: string };

export interface UnitActionResult {
  unit: UnitView;
  events: UnitEvent[];
  /** Set when the answer is a retry's: the action was recorded by an earlier request with this key. */
  replayed?: boolean;
}

/** Failure type of a rejected action; its details carry the machine's Rejection. */
export const ACTION_REJECTED = 'ActionRejected';
/** The rejection code of an idempotency key already used for another request. */
export const IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';

export const unitActionUpdate = defineUpdate<UnitActionResult, [UnitActionInput]>('unitAction');

/** Quality's hold, release or scrap of a unit, by whom and why. */
export interface UnitDispositionInput extends Disposition {
  by: string;
  idempotencyKey: string;
}
export const unitDispositionUpdate = defineUpdate<UnitActionResult, [UnitDispositionInput]>('unitDisposition');

/** Splits part of a lot off into a new lot (which the caller then starts with startAt). */
export interface LotSplitInput {
  quantity: number;
  newLot: string;
  reason: string;
  by: string;
  idempotencyKey: string;
}
export interface LotSplitResult extends UnitActionResult {
  /** Where the new lot starts: the parent's position with the split quantity. */
  startAt: { state: UnitState; detail: string };
}
export const lotSplitUpdate = defineUpdate<LotSplitResult, [LotSplitInput]>('lotSplit');

/** Moves an in-flight unit to another version of its routing, mapping the steps it is at. */
export interface UnitMigrationInput {
  routingVersion: number;
  routing: Routing;
  /** Old step id → new step id, for the steps the unit is at; unmapped steps keep their id. */
  stepMapping: Record<string, string>;
  reason: string;
  by: string;
  idempotencyKey: string;
}
export const unitMigrationUpdate = defineUpdate<UnitActionResult, [UnitMigrationInput]>('unitMigration');

/** Returns once the release is persisted, so a caller can read the unit right away. */
export const unitReleasedUpdate = defineUpdate<UnitView>('unitReleased');
export const unitViewQuery = defineQuery<UnitView>('unitView');
