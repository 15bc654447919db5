/**
 * unit:<serial> — one unit's run through its pinned routing version. Operators' actions arrive
 * as Workflow Updates: the validator rejects a wrong step before anything is recorded; the
 * handler applies the routing state machine and returns once the events are persisted.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineQuery,
  defineUpdate,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Routing } from '../../definitions/routing/schema';
import type { RunKind } from '../../definitions/units/model';
import type { PersistActivities, UnitBatch, UnitEvent } from '../activities';
import { applyDisposition, dispositionRejection, type Disposition } from '../routing/disposition';
import {
  allowedActions,
  apply,
  initialState,
  rejection,
  type EventDraft,
  type StepAction,
  type Transition,
  type UnitState,
} from '../routing/machine';

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
}

export interface UnitActionInput extends StepAction {
  idempotencyKey: string;
}

/** What a unit looks like now: its read-model head plus the last seq it has recorded. */
export type UnitView = Omit<UnitBatch, 'events'> & { lastSeq: number };

export interface UnitActionResult {
  unit: UnitView;
  events: UnitEvent[];
}

/** Failure type of a rejected action; its details carry the machine's Rejection. */
export const ACTION_REJECTED = 'ActionRejected';

export const unitActionUpdate = defineUpdate<UnitActionResult, [UnitActionInput]>('unitAction');

/** Quality's hold, release or scrap of a unit, by whom and why. */
export interface UnitDispositionInput extends Disposition {
  by: string;
  idempotencyKey: string;
}
export const unitDispositionUpdate = defineUpdate<UnitActionResult, [UnitDispositionInput]>('unitDisposition');
/** Returns once the release is persisted, so a caller can read the unit right away. */
export const unitReleasedUpdate = defineUpdate<UnitView>('unitReleased');
export const unitViewQuery = defineQuery<UnitView>('unitView');

const { persistUnitBatch } = proxyLocalActivities<PersistActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/** Results of the latest accepted actions by idempotency key, for retries that reach the handler. */
const REMEMBERED_RESULTS = 500;

export async function unitWorkflow(input: UnitWorkflowInput): Promise<UnitView> {
  let state: UnitState = initialState(input.routing);
  let seq = 0;
  let persistedSeq = 0;
  const pending: UnitEvent[] = [];
  const results = new Map<string, UnitActionResult>();

  const view = (): UnitView => ({
    serial: input.serial,
    // Runs started before units carried a site and line (recorded histories) have neither.
    site: input.site ?? '',
    line: input.line ?? '',
    routingKey: input.routingKey,
    routingVersion: input.routingVersion,
    status: state.status,
    step: state.step,
    allowed: allowedActions(state),
    lastSeq: seq,
  });

  const record = (drafts: EventDraft[], by: Partial<UnitActionInput>): UnitEvent[] => {
    const at = new Date().toISOString();
    const events = drafts.map((d) => ({
      seq: ++seq,
      type: d.type,
      step: d.step,
      station: by.station ?? null,
      operator: by.operator ?? null,
      result: d.result ?? null,
      detail: d.detail ?? null,
      at,
      idempotencyKey: by.idempotencyKey ?? null,
    }));
    pending.push(...events);
    return events;
  };

  setHandler(unitViewQuery, view);
  setHandler(unitReleasedUpdate, async () => {
    await condition(() => persistedSeq >= 1);
    return view();
  });
  /** Applies an accepted transition, remembers its answer, and returns once it is persisted. */
  const accept = async (key: string, next: Transition, by: Partial<UnitActionInput>): Promise<UnitActionResult> => {
    state = next.state;
    const events = record(next.events, by);
    const result: UnitActionResult = { unit: view(), events };
    results.set(key, result);
    if (results.size > REMEMBERED_RESULTS) results.delete(results.keys().next().value as string);
    const mine = seq;
    await condition(() => persistedSeq >= mine);
    return result;
  };
  const refuse = (why: { message: string }): never => {
    throw ApplicationFailure.create({ type: ACTION_REJECTED, message: why.message, details: [{ allowed: allowedActions(state), ...why }], nonRetryable: true });
  };

  setHandler(
    unitActionUpdate,
    async (action) => results.get(action.idempotencyKey) ?? accept(action.idempotencyKey, apply(input.routing, state, action), action),
    {
      validator: (action) => {
        if (results.has(action.idempotencyKey)) return;
        const why = rejection(state, action, input.routing);
        if (why) refuse(why);
      },
    },
  );
  setHandler(
    unitDispositionUpdate,
    async (d) => results.get(d.idempotencyKey) ?? accept(d.idempotencyKey, applyDisposition(state, d), { operator: d.by, idempotencyKey: d.idempotencyKey }),
    {
      validator: (d) => {
        if (results.has(d.idempotencyKey)) return;
        const why = dispositionRejection(state, d);
        if (why) refuse(why);
      },
    },
  );

  record([{ type: 'released', step: null }], {});

  // Persist whatever has accumulated, one batch at a time, until the unit is done.
  for (;;) {
    await condition(() => pending.length > 0 || state.status === 'finished' || state.status === 'scrapped');
    if (pending.length === 0) break;
    const events = pending.splice(0, pending.length);
    const { lastSeq, ...head } = view();
    void lastSeq;
    await persistUnitBatch({ ...head, events });
    persistedSeq = events[events.length - 1]?.seq ?? persistedSeq;
  }
  await condition(allHandlersFinished);
  return view();
}
