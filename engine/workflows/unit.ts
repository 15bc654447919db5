/**
 * unit:<serial> (or lot:<id>) — one run through its pinned routing version. Operators' actions
 * arrive as Workflow Updates: the validator rejects a wrong step or wrong data before anything is
 * recorded; the handler applies the routing state machine and returns once the events are
 * persisted. Step and queue-time deadlines sleep on durable timers. Work orders hear of every
 * change; the run continues as new long before its history grows large.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ComponentScan } from '../../definitions/units/model';
import type { PersistActivities, UnitEvent } from '../activities';
import { workflowIds } from '../ids';
import { Answers } from './answers';
import { recordedEvents } from '../routing/events';
import { deadlinesAfter, dueDeadlines, earliest, type Deadline } from '../routing/deadlines';
import { applyDisposition, dispositionRejection, holdState } from '../routing/disposition';
import { allowedActions, apply, initialState, rejection, type EventDraft, type Transition, type UnitState } from '../routing/machine';
import { applyMigration, applySplit, migrationRejection, splitRejection } from '../routing/migration';
import {
  ACTION_REJECTED,
  IDEMPOTENCY_KEY_REUSED,
  lotSplitUpdate,
  unitActionUpdate,
  unitDispositionUpdate,
  unitMigrationUpdate,
  unitReleasedUpdate,
  unitViewQuery,
  type LotSplitResult,
  type UnitActionInput,
  type UnitActionResult,
  type UnitView,
  type UnitWorkflowInput,
} from './unit-messages';
import { runStatus, statusSearchAttribute } from './search-attributes';
import { unitProgressSignal } from './work-order-messages';

export * from './unit-messages';

const { persistUnitBatch } = proxyLocalActivities<PersistActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

const HISTORY_LIMIT = 10_000;

export async function unitWorkflow(input: UnitWorkflowInput): Promise<UnitView> {
  // Runs recorded before durable timers existed replay without them.
  const timersOn = patched('unit-deadlines-v1');
  let routing = input.routing;
  let routingVersion = input.routingVersion;
  const context = { productModel: input.productModel };
  let state: UnitState = input.carry?.state ?? input.startAt?.state ?? initialState(routing, input.kind === 'lot' ? input.quantity : undefined);
  let seq = input.carry?.seq ?? 0;
  let persistedSeq = seq;
  let deadlines: Deadline[] = input.carry?.deadlines ?? [];
  let deadlinesChanged = false;
  const consumed: ComponentScan[] = [...(input.carry?.consumed ?? [])];
  let waitingSince: string | null = input.carry?.waitingSince ?? null;
  const pending: UnitEvent[] = [];
  const results = new Answers(input.carry?.remembered);
  const tracksStatus = workflowInfo().typedSearchAttributes.get(statusSearchAttribute) !== undefined;
  let reported = '';

  const view = (): UnitView => ({
    serial: input.serial,
    // Runs started before units carried a site and line (recorded histories) have neither.
    site: input.site ?? '',
    line: input.line ?? '',
    routingKey: input.routingKey,
    routingVersion,
    status: state.status,
    step: state.step,
    allowed: allowedActions(state, routing),
    lastSeq: seq,
    ...(input.kind ? { kind: input.kind } : {}),
    ...(state.quantity !== undefined ? { quantity: state.quantity } : {}),
    ...(input.productModel ? { productModel: input.productModel } : {}),
    ...(input.workOrder ? { workOrder: input.workOrder } : {}),
    ...(input.lot ? { lot: input.lot } : {}),
    ...(input.dueAt ? { dueAt: input.dueAt } : {}),
    ...(input.priority !== undefined ? { priority: input.priority } : {}),
    ...(timersOn ? { waitingSince } : {}),
    ...(state.holdReason && (state.status === 'held' || state.status === 'scrapped') ? { holdReason: state.holdReason } : {}),
  });

  const record = (drafts: EventDraft[], by: Partial<UnitActionInput>): UnitEvent[] => {
    const events = recordedEvents(drafts, by, seq, new Date().toISOString());
    seq += events.length;
    for (const e of events) if (e.type === 'completed' && e.components) consumed.push(...e.components);
    pending.push(...events);
    return events;
  };

  /** Moves to the next state: the waiting clock and (for step actions) the deadlines follow. */
  const enter = (next: UnitState, action?: { type: 'start' | 'complete'; step: string }): void => {
    const wasWaiting = state.status === 'waiting' ? state.step : undefined;
    state = next;
    if (timersOn && action) {
      deadlines = deadlinesAfter(routing, deadlines, action, Date.now());
      deadlinesChanged = true;
    }
    if (state.status !== 'waiting') waitingSince = null;
    else if (waitingSince === null || wasWaiting !== state.step) waitingSince = new Date().toISOString();
  };

  setHandler(unitViewQuery, view);
  setHandler(unitReleasedUpdate, async () => {
    await condition(() => persistedSeq >= 1);
    return view();
  });
  /** Applies an accepted transition, remembers its answer, and returns once it is persisted. */
  const accept = async (key: string, next: Transition, by: Partial<UnitActionInput>, action?: { type: 'start' | 'complete'; step: string }): Promise<UnitActionResult> => {
    enter(next.state, action);
    const events = record(next.events, by);
    const result: UnitActionResult = { unit: view(), events };
    results.remember(key, result, by.requestHash);
    const mine = seq;
    await condition(() => persistedSeq >= mine);
    return result;
  };
  const refuse = (why: { message: string; code?: string }): never => {
    throw ApplicationFailure.create({ type: ACTION_REJECTED, message: why.message, details: [{ allowed: allowedActions(state, routing), ...why }], nonRetryable: true });
  };

  /** An earlier request's answer, once what it recorded is persisted. */
  const replay = async (known: UnitActionResult): Promise<UnitActionResult> => {
    await condition(() => persistedSeq >= known.unit.lastSeq);
    return { ...known, replayed: true };
  };
  setHandler(
    unitActionUpdate,
    // Not async itself: each promise made in a workflow costs the SDK a stack capture.
    (action) => {
      const key = action.idempotencyKey;
      const known = results.get(key);
      if (known) return replay(known);
      const refused = results.refusal(key);
      if (refused) return results.refuse(action, refused, true);
      const why = rejection(state, action, routing, context);
      return why ? results.refuse(action, why) : accept(key, apply(routing, state, action, context), action, action);
    },
    {
      validator: (action) => {
        if (results.has(action.idempotencyKey)) {
          if (results.usedForAnother(action.idempotencyKey, action.requestHash)) {
            refuse({ code: IDEMPOTENCY_KEY_REUSED, message: `the Idempotency-Key ${action.idempotencyKey} was used for another request` });
          }
          return;
        }
        // Without a key nothing is kept: the validator answers and nothing is recorded. A keyed
        // request's refusal goes to the handler, which keeps it for the key's retries.
        if (action.requestHash !== undefined) return;
        const why = rejection(state, action, routing, context);
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
  setHandler(
    lotSplitUpdate,
    async (s): Promise<LotSplitResult> => {
      const known = results.get(s.idempotencyKey) as LotSplitResult | undefined;
      if (known) return known;
      const split = applySplit(state, s);
      const startAt = { state: split.child, detail: `split off lot ${input.serial} at ${state.step ?? '-'}: ${s.reason}` };
      const result = await accept(s.idempotencyKey, split, { operator: s.by, idempotencyKey: s.idempotencyKey });
      const full: LotSplitResult = { ...result, startAt };
      results.remember(s.idempotencyKey, full);
      return full;
    },
    {
      validator: (s) => {
        if (results.has(s.idempotencyKey)) return;
        const why = splitRejection(state, s.quantity);
        if (why) refuse(why);
      },
    },
  );
  setHandler(
    unitMigrationUpdate,
    async (m) => {
      const known = results.get(m.idempotencyKey);
      if (known) return known;
      const moved = applyMigration(state, routingVersion, m);
      routing = m.routing;
      routingVersion = m.routingVersion;
      deadlines = [];
      deadlinesChanged = true;
      return accept(m.idempotencyKey, moved, { operator: m.by, idempotencyKey: m.idempotencyKey });
    },
    {
      validator: (m) => {
        if (results.has(m.idempotencyKey)) return;
        const why = migrationRejection(state, routingVersion, m);
        if (why) refuse(why);
      },
    },
  );

  if (!input.carry) {
    const detail = input.startAt?.detail;
    record([{ type: 'released', step: null, ...(detail ? { detail } : {}), ...(state.quantity !== undefined ? { quantity: state.quantity } : {}) }], {});
    if (state.status === 'waiting') waitingSince = new Date().toISOString();
  }
  const terminal = (): boolean => state.status === 'finished' || state.status === 'scrapped';

  /** Records what fell due; a deadline that holds the unit holds it. */
  const fireDeadlines = (): void => {
    const due = dueDeadlines(deadlines, state, Date.now());
    deadlines = due.remaining;
    if (due.events.length === 0) return;
    record(due.events, {});
    if (due.hold !== undefined) {
      enter(holdState(state, due.hold));
      record([{ type: 'held', step: state.step, detail: due.hold }], {});
    }
  };

  /** Tells the work order of a change of status or step (a missing work order is not the unit's problem). */
  const report = async (): Promise<void> => {
    if (!input.workOrder) return;
    const now = `${state.status}|${state.step ?? ''}|${state.quantity ?? ''}`;
    if (now === reported) return;
    reported = now;
    try {
      await getExternalWorkflowHandle(workflowIds.workOrder(input.workOrder)).signal(unitProgressSignal, {
        serial: input.serial,
        kind: input.kind ?? 'unit',
        status: state.status,
        step: state.step,
        lastSeq: seq,
        ...(state.quantity !== undefined ? { quantity: state.quantity } : {}),
        ...(terminal() ? { consumption: consumed } : {}),
      });
    } catch {
      // The work order has closed or never existed: the unit's own record stands.
    }
  };

  // Started as 'active' (see unitSearchAttributes): the first change worth telling is a hold or the end.
  let trackedStatus = 'active';
  for (;;) {
    const wake = (): boolean => pending.length > 0 || terminal() || deadlinesChanged;
    const next = timersOn ? earliest(deadlines) : undefined;
    if (next === undefined) await condition(wake);
    else await condition(wake, Math.max(1, next - Date.now()));
    deadlinesChanged = false;
    if (timersOn) fireDeadlines();
    if (pending.length > 0) {
      const events = pending.splice(0, pending.length);
      const { lastSeq: _lastSeq, holdReason: _holdReason, ...head } = view();
      await persistUnitBatch({ ...head, events });
      persistedSeq = events[events.length - 1]?.seq ?? persistedSeq;
      const searchable = runStatus(state.status);
      if (tracksStatus && trackedStatus !== searchable) {
        trackedStatus = searchable;
        upsertSearchAttributes([{ key: statusSearchAttribute, value: searchable }]);
      }
      if (input.workOrder) await report();
    }
    if (terminal() && pending.length === 0) break;
    const info = workflowInfo();
    if (timersOn && pending.length === 0 && (info.continueAsNewSuggested || info.historyLength > (input.historyLimit ?? HISTORY_LIMIT))) {
      await condition(allHandlersFinished);
      if (pending.length === 0) {
        const { carry: _carry, startAt: _startAt, ...rest } = input;
        await continueAsNew<typeof unitWorkflow>({ ...rest, routing, routingVersion, carry: { state, seq, deadlines, consumed, waitingSince, remembered: results.carry() } });
      }
    }
  }
  await condition(allHandlersFinished);
  return view();
}
