/**
 * An incident's automatic actions: hold the affected units, the lot of the triggering unit, the
 * line or the work order. Each selected unit gets the unit workflow's own disposition Update with
 * an id derived from the incident and the serial, so a retried activity never holds twice.
 */
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { ActionType } from '../../definitions/rules/vocabulary';
import type { IncidentActionRequest, IncidentActivities } from '../../engine/activities';
import { updateIds, workflowIds } from '../../engine/ids';
import type { ActionOutcome } from '../../definitions/incidents/view';
import { unitDispositionUpdate } from '../../engine/workflows/unit-messages';
import type { Store } from '../../store';

/** Most units one action holds (a line can be big; the rest is reported, not silently dropped). */
export const ACTION_MAX_UNITS = 1000;
const CONCURRENCY = 10;
const HOLDABLE = ['waiting', 'in-progress'];

interface Selection {
  target: string | null;
  filter?: { serials?: string[]; lot?: string; line?: string; workOrder?: string };
  error?: string;
}

async function selectionOf(store: Store, type: ActionType, req: IncidentActionRequest): Promise<Selection> {
  const ctx = req.context;
  switch (type) {
    case 'hold-unit': {
      const serials = [...new Set([...(ctx.serial ? [ctx.serial] : []), ...req.serials])];
      return serials.length ? { target: ctx.serial ?? serials[0] ?? null, filter: { serials } } : { target: null, error: 'the firing names no unit' };
    }
    case 'hold-lot': {
      const lot = ctx.lot ?? (ctx.serial ? (await store.units.get(ctx.serial))?.lot : undefined);
      return lot ? { target: lot, filter: { lot } } : { target: null, error: 'the triggering unit belongs to no lot' };
    }
    case 'hold-line': {
      const line = ctx.line ?? req.line;
      return line ? { target: line, filter: { line } } : { target: null, error: 'the firing names no line' };
    }
    case 'hold-work-order':
      return ctx.workOrder ? { target: ctx.workOrder, filter: { workOrder: ctx.workOrder } } : { target: null, error: 'the firing names no work order' };
    default:
      return { target: null, error: `unknown action ${String(type)}` };
  }
}

async function pooled<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

export function createIncidentActionActivities({ store, temporal }: { store: Store; temporal?: Client }): Pick<IncidentActivities, 'runIncidentActions'> {
  async function hold(serial: string, req: IncidentActionRequest, type: ActionType): Promise<string | null> {
    if (!temporal) throw new Error('no Temporal client: the worker cannot hold units');
    const kind = (await store.units.get(serial))?.kind ?? 'unit';
    const key = `${req.incident}:${serial}`;
    try {
      await temporal.workflow.getHandle(workflowIds.run(kind === 'lot' ? 'lot' : 'unit', serial)).executeUpdate(unitDispositionUpdate, {
        args: [{ type: 'hold', reason: `incident ${req.incident} (${type})`, by: `incident:${req.incident}`, idempotencyKey: key }],
        updateId: updateIds.unitDisposition('hold', key),
      });
      return null;
    } catch (err) {
      const why = err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? (err.cause.details?.[0] as { code?: string } | undefined) : undefined;
      if (why?.code) return why.code;
      if (err instanceof WorkflowNotFoundError || (err instanceof WorkflowUpdateFailedError && /completed|closed/i.test(String(err.cause?.message)))) return 'UNIT_NOT_RUNNING';
      throw err;
    }
  }

  async function run(type: ActionType, req: IncidentActionRequest): Promise<ActionOutcome> {
    const at = new Date().toISOString();
    const sel = await selectionOf(store, type, req);
    if (!sel.filter) return { type, target: sel.target, at, selected: 0, held: [], refused: [], error: sel.error };
    const units = await store.units.select({ site: req.site, statuses: HOLDABLE, ...sel.filter, limit: ACTION_MAX_UNITS + 1 });
    const chosen = units.slice(0, ACTION_MAX_UNITS).map((u) => u.serial);
    const held: string[] = [];
    const refused: ActionOutcome['refused'] = [];
    await pooled(chosen, async (serial) => {
      const reason = await hold(serial, req, type);
      if (reason === null) held.push(serial);
      else refused.push({ serial, reason });
    });
    held.sort();
    refused.sort((a, b) => (a.serial < b.serial ? -1 : 1));
    const error = units.length > ACTION_MAX_UNITS ? `more than ${ACTION_MAX_UNITS} units selected; the first ${ACTION_MAX_UNITS} were held` : undefined;
    return { type, target: sel.target, at, selected: chosen.length, held, refused, ...(error ? { error } : {}) };
  }

  return {
    async runIncidentActions(req: IncidentActionRequest): Promise<ActionOutcome[]> {
      const outcomes: ActionOutcome[] = [];
      for (const action of req.actions) outcomes.push(await run(action.type, req));
      return outcomes;
    },
  };
}
