/**
 * wo:<number> — a work order from the ERP, pinned to the routing version resolved at creation.
 * Releasing starts its units as child workflows (abandoned on close: they outlive the order);
 * each unit reports every persisted change of status or step with unitProgressSignal. The order
 * keeps counts per step, finds out when it is behind schedule (durable timer to the due time, and
 * the projected rate), writes its read model (single writer) and tells the ERP: progress at most
 * once per interval, behind-schedule once, completion once with every unit's consumption.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  ParentClosePolicy,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { WorkOrderActivities } from '../activities';
import { workflowIds } from '../ids';
import { erpKeys, type ErpDelivery, type ErpLogEntry, type ErpMessageBody, type ErpMessageKind } from '../work-order/messages';
import { keywordAttributes } from '../work-order/search';
import { allDone, applyReport, checkSchedule, countsOf, initialWorkOrderState, stepTable, statusOf, type WorkOrderState } from '../work-order/state';
import { workOrderView, type WorkOrderView } from '../work-order/view';
import { unitSearchAttributes } from './search-attributes';
import type { unitWorkflow } from './unit';
import {
  unitProgressSignal,
  WORK_ORDER_REJECTED,
  workOrderCreatedUpdate,
  workOrderReleaseUpdate,
  workOrderViewQuery,
  type Outbox,
  type WorkOrderWorkflowInput,
} from './work-order-messages';

export * from './work-order-messages';

const { persistWorkOrder } = proxyLocalActivities<WorkOrderActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});
const { sendErpMessage } = proxyActivities<WorkOrderActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Unit starts issued together (each start command carries the routing). */
const CHILD_STARTS_PER_TASK = 50;
/** How long a release waits for its units to report themselves persisted. */
const RELEASE_SETTLE_MS = 10_000;
/** ERP log entries kept in the read model (behind-schedule and completion are always kept). */
const LOG_SIZE = 50;
const nowIso = (): string => new Date().toISOString();

export async function workOrderWorkflow(input: WorkOrderWorkflowInput): Promise<WorkOrderView> {
  const c = input.carried;
  const state: WorkOrderState = c?.state ?? initialWorkOrderState(input.serials);
  const outbox: Outbox = c?.outbox ?? { progressSent: 0, lastProgressAt: null, progressDirty: false, behindPending: false, completionSent: false, messages: [] };
  let revision = c?.revision ?? 1;
  let persistedRevision = c?.persistedRevision ?? 0;
  let stopping = false;
  let lastStatus = statusOf(state);
  const index = new Map(state.units.map((u, i) => [u.serial, i]));
  const intervalMs = (input.progressIntervalSeconds ?? 60) * 1000;

  const view = (): WorkOrderView => workOrderView(input, input.routing, state, outbox, revision);
  /** Records a change: the read model is written again, the ERP hears of it with the next progress. */
  const changed = (forErp = true): void => {
    revision++;
    if (forErp) outbox.progressDirty = true;
    if (checkSchedule(state, input.dueAt, nowIso())) outbox.behindPending = true;
    const status = statusOf(state);
    if (status !== lastStatus) {
      lastStatus = status;
      const attrs = keywordAttributes({ status });
      if (attrs.length > 0) upsertSearchAttributes(attrs);
    }
  };

  setHandler(workOrderViewQuery, view);
  setHandler(workOrderCreatedUpdate, async () => {
    await condition(() => persistedRevision >= 1);
    return view();
  });
  setHandler(unitProgressSignal, (p) => {
    if (applyReport(state, index.get(p.serial), p)) changed();
  });
  setHandler(
    workOrderReleaseUpdate,
    async ({ count }) => {
      const planned = state.units.filter((u) => u.status === 'planned');
      refuseRelease(planned.length, count);
      const batch = planned.slice(0, count ?? planned.length);
      for (const u of batch) Object.assign(u, { status: 'waiting', step: input.routing.entry });
      state.releasedAt ??= nowIso();
      changed();
      // A few dozen starts per workflow task: each carries the pinned routing, and a task's commands must stay small.
      for (let i = 0; i < batch.length; i += CHILD_STARTS_PER_TASK) {
        const part = batch.slice(i, i + CHILD_STARTS_PER_TASK);
        await Promise.all(part.map((u) => startUnit(input, u.serial).then((failure) => failure && Object.assign(u, { status: 'release-failed', step: null, detail: failure }))));
      }
      changed();
      // Read-your-writes: the units have persisted their release once they have reported it.
      await condition(() => batch.every((u) => u.lastSeq >= 1 || u.status === 'release-failed'), RELEASE_SETTLE_MS);
      const mine = revision;
      await condition(() => persistedRevision >= mine);
      return view();
    },
    { validator: ({ count }) => refuseRelease(state.units.filter((u) => u.status === 'planned').length, count) },
  );

  /** Writes the read model whenever it is behind the state; one write covers every change since the last. */
  const persister = (async () => {
    for (;;) {
      await condition(() => revision > persistedRevision || stopping);
      if (revision <= persistedRevision) return;
      const r = revision;
      await persistWorkOrder(view());
      persistedRevision = r;
    }
  })();

  const deliver = async (kind: ErpMessageKind, idempotencyKey: string): Promise<void> => {
    const at = nowIso();
    const body: ErpMessageBody = {
      kind,
      idempotencyKey,
      at,
      productionRequest: { number: input.number, productModel: input.productModel, routing: { key: input.routingKey, version: input.routingVersion }, line: input.line, quantity: input.quantity, dueAt: input.dueAt },
      status: statusOf(state),
      counts: countsOf(state),
      segments: stepTable(state, input.routing),
      schedule: { ...state.schedule },
      ...(kind === 'completion' ? { units: consumptionOf(state) } : {}),
    };
    let delivery: ErpDelivery;
    try {
      delivery = await sendErpMessage({ kind, idempotencyKey, body });
    } catch (e) {
      delivery = { outcome: 'failed', detail: e instanceof ActivityFailure ? (e.cause?.message ?? e.message) : String(e) };
    }
    outbox.messages.push({ kind, idempotencyKey, at, ...delivery });
    const progress = outbox.messages.filter((m) => m.kind === 'progress');
    if (progress.length > LOG_SIZE) outbox.messages.splice(outbox.messages.indexOf(progress[0] as ErpLogEntry), 1);
    changed(false);
  };

  /** The ERP's messages, one at a time and in order: behind-schedule, progress (debounced), completion. */
  const sender = (async () => {
    for (;;) {
      if (outbox.behindPending) {
        outbox.behindPending = false;
        await deliver('behind-schedule', erpKeys.behindSchedule(input.number));
      } else if (allDone(state)) {
        if (!outbox.completionSent) {
          await deliver('completion', erpKeys.completion(input.number));
          outbox.completionSent = true;
          changed(false);
        }
        return;
      } else if (outbox.progressDirty) {
        const wait = outbox.lastProgressAt === null ? 0 : Date.parse(outbox.lastProgressAt) + intervalMs - Date.now();
        if (wait > 0) {
          if (stopping) return;
          await condition(() => outbox.behindPending || allDone(state) || stopping, wait);
        } else {
          outbox.progressDirty = false;
          outbox.lastProgressAt = nowIso();
          await deliver('progress', erpKeys.progress(input.number, ++outbox.progressSent));
        }
      } else {
        if (stopping) return;
        await condition(() => outbox.progressDirty || outbox.behindPending || allDone(state) || stopping);
      }
    }
  })();

  // The due time: a durable timer; not everything done by then means behind schedule.
  const suggested = (): boolean => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.historyLimit ?? 10_000);
  while (!allDone(state) && !state.schedule.behind && !suggested()) {
    const ms = Date.parse(input.dueAt) - Date.now();
    if (ms <= 0) {
      changed(false);
      break;
    }
    await condition(() => allDone(state) || state.schedule.behind || suggested(), ms);
  }
  await condition(() => allDone(state) || suggested());

  if (allDone(state)) {
    state.completedAt ??= nowIso();
    changed(false);
    await sender;
  }
  stopping = true;
  await Promise.all([sender, persister]);
  await condition(allHandlersFinished);
  if (!allDone(state)) {
    return continueAsNew<typeof workOrderWorkflow>({ ...input, carried: { state, outbox, revision, persistedRevision } });
  }
  return view();
}

function refuseRelease(remaining: number, count: number | undefined): void {
  const why =
    count !== undefined && (!Number.isInteger(count) || count < 1)
      ? { code: 'INVALID_COUNT', message: 'count must be a whole number of at least 1' }
      : remaining === 0
      ? { code: 'NOTHING_TO_RELEASE', message: 'every unit of this work order has been released' }
      : count !== undefined && count > remaining
        ? { code: 'RELEASE_EXCEEDS_REMAINING', message: `${count} units asked for, ${remaining} left to release` }
        : undefined;
  if (why) throw ApplicationFailure.create({ type: WORK_ORDER_REJECTED, message: why.message, details: [{ ...why, remaining }], nonRetryable: true });
}

/** Starts one unit as a child; the reason when its serial is already taken (or the start fails). */
async function startUnit(input: WorkOrderWorkflowInput, serial: string): Promise<string | undefined> {
  try {
    await startChild<typeof unitWorkflow>('unitWorkflow', {
      workflowId: workflowIds.unit(serial),
      taskQueue: workflowInfo().taskQueue,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // The same attributes a unit released through the API starts with (it keeps its status up to date).
      typedSearchAttributes: unitSearchAttributes({ serial, routingKey: input.routingKey, line: input.line, productModel: input.productModel, workOrder: input.number }),
      args: [
        {
          serial,
          site: input.site,
          line: input.line,
          routingKey: input.routingKey,
          routingVersion: input.routingVersion,
          routing: input.routing,
          productModel: input.productModel,
          workOrder: input.number,
          dueAt: input.dueAt,
          priority: input.priority,
        },
      ],
    });
    return undefined;
  } catch (e) {
    const taken = (e as Error)?.name === 'WorkflowExecutionAlreadyStartedError';
    return taken ? `serial ${serial} is already in use` : `release failed: ${(e as Error)?.message ?? String(e)}`;
  }
}

function consumptionOf(state: WorkOrderState): NonNullable<ErpMessageBody['units']> {
  return state.units.map((u) => ({
    serial: u.serial,
    status: u.status === 'finished' || u.status === 'scrapped' ? u.status : 'release-failed',
    materialConsumed: u.consumption ?? [],
  }));
}
