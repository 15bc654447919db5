/**
 * Quality's hold, release and scrap: of one unit, or in bulk of every unit of a production lot,
 * line, work order or component (supplier) lot. A bulk decision applies the single-unit one to
 * each selected unit, a few at a time, with an idempotency key derived per unit, so that a retry
 * of the whole call changes nothing that was already done.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { DispositionType } from '../../engine/routing/disposition';
import { updateIds, workflowIds } from '../../engine/ids';
import { unitDispositionUpdate, type UnitActionResult } from '../../engine/workflows/unit';
import { finding } from '../../definitions/validation/finding';
import type { Store, UnitRecord } from '../../store';
import { seesSite, type Principal } from '../auth/principal';
import { AppError } from '../http/errors';
import { runEnded } from './run-errors';
import type { ActionOutcome, TraceEventDto, UnitDto } from './units';

/** How many units a bulk decision works on at once. */
export const BULK_CONCURRENCY = 8;
/** The most units one bulk decision may select. */
export const BULK_MAX_UNITS = 5_000;

export type BulkSelection = { lot: string } | { line: string } | { workOrder: string } | { componentLot: { supplierLot: string; partNumber?: string } };

export interface BulkDispositionRequest {
  type: DispositionType;
  reason: string;
  select: BulkSelection;
}

export interface BulkRefusal {
  serial: string;
  /** Machine-readable: UNIT_FINISHED, UNIT_SCRAPPED, UNIT_HELD, UNIT_NOT_HELD, NOT_FOUND or FAILED. */
  reason: string;
  message: string;
  messageZh: string;
}

export interface BulkDispositionResult {
  type: DispositionType;
  selected: number;
  done: string[];
  refused: BulkRefusal[];
}

const REASONS_ZH: Record<string, string> = {
  UNIT_FINISHED: '该产品已完成工艺路线',
  UNIT_SCRAPPED: '该产品已报废',
  UNIT_HELD: '该产品已处于暂停状态',
  UNIT_NOT_HELD: '该产品未处于暂停状态',
  NOT_FOUND: '找不到该产品',
  FAILED: '处置未能执行，请重试本次批量操作',
};

export interface DispositionDeps {
  store: Store;
  temporal: Client;
  siteKey: string;
  /** The unit if the caller may see it; a 404 problem otherwise. */
  knownUnit(serial: string, who: Principal): Promise<UnitRecord>;
  /** Puts accepted events on the live stream. */
  announce(unit: UnitDto, events: TraceEventDto[]): Promise<void>;
  /** A workflow's answer as the API shows it. */
  present(result: UnitActionResult): ActionOutcome;
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the items' order in the results. */
async function pooled<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

export function dispositionUseCases(deps: DispositionDeps) {
  const { store, temporal, knownUnit, announce, present } = deps;

  /** Quality's hold, release or scrap of a unit on one of the caller's lines. */
  async function dispose(serial: string, type: DispositionType, reason: string, idempotencyKeyHeader: string | undefined, who: Principal): Promise<ActionOutcome> {
    const known = await knownUnit(serial, who);
    const idempotencyKey = idempotencyKeyHeader ?? randomUUID();
    try {
      const result = await temporal.workflow
        .getHandle(workflowIds.run(known.kind ?? 'unit', serial))
        .executeUpdate(unitDispositionUpdate, { args: [{ type, reason, by: who.id, idempotencyKey }], updateId: updateIds.unitDisposition(type, idempotencyKey) });
      const outcome = present(result);
      await announce(outcome.unit, outcome.events);
      return outcome;
    } catch (err) {
      const why = (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause.details?.[0] : undefined) as { code: string; message: string } | undefined;
      if (why) throw new AppError(409, why.code.toLowerCase().replace(/_/g, '-'), 'Refused', why.message, { reason: why.code });
      if (runEnded(err)) {
        const unit = await knownUnit(serial, who);
        throw new AppError(409, `unit-${unit.status}`, 'Refused', `unit ${serial} is ${unit.status}`, { reason: unit.status === 'scrapped' ? 'UNIT_SCRAPPED' : 'UNIT_FINISHED' });
      }
      throw err;
    }
  }

  /** The serials a selection names, among the units the caller may see that the decision may apply to. */
  async function select(selection: BulkSelection, type: DispositionType, who: Principal): Promise<string[]> {
    if (!seesSite(who, deps.siteKey)) return [];
    const lines = who.lines.includes('*') ? undefined : who.lines;
    const statuses = type === 'release' ? ['held'] : ['waiting', 'in-progress', 'held'];
    let serials: string[] | undefined;
    if ('componentLot' in selection) {
      serials = await store.componentUsage.serialsOf({ ...selection.componentLot, site: deps.siteKey, lines });
      if (serials.length === 0) return [];
    }
    const units = await store.units.select({
      site: deps.siteKey,
      lines,
      statuses,
      serials,
      ...('lot' in selection ? { lot: selection.lot } : {}),
      ...('workOrder' in selection ? { workOrder: selection.workOrder } : {}),
      ...('line' in selection ? { line: selection.line } : {}),
      limit: BULK_MAX_UNITS + 1,
    });
    if (units.length > BULK_MAX_UNITS) {
      throw AppError.invalid('Selection too large', [
        finding('/select', 'disposition.selection-too-large', { en: `more than ${BULK_MAX_UNITS} units selected; narrow the selection`, zh: `选中的产品超过 ${BULK_MAX_UNITS} 个，请缩小范围` }),
      ]);
    }
    return units.map((u) => u.serial);
  }

  async function bulk(request: BulkDispositionRequest, idempotencyKeyHeader: string | undefined, who: Principal): Promise<BulkDispositionResult> {
    const serials = await select(request.select, request.type, who);
    const base = idempotencyKeyHeader ?? randomUUID();
    const outcomes = await pooled(serials, BULK_CONCURRENCY, async (serial): Promise<BulkRefusal | null> => {
      try {
        await dispose(serial, request.type, request.reason, `${base}:${serial}`, who);
        return null;
      } catch (err) {
        const known = err instanceof AppError;
        const reason = !known ? 'FAILED' : err.status === 404 ? 'NOT_FOUND' : typeof err.extras.reason === 'string' ? err.extras.reason : 'FAILED';
        const message = known && reason !== 'FAILED' ? (err.detail ?? err.title) : 'the decision could not be applied; retry the bulk call';
        return { serial, reason, message, messageZh: REASONS_ZH[reason] ?? message };
      }
    });
    return {
      type: request.type,
      selected: serials.length,
      done: serials.filter((_, i) => outcomes[i] === null),
      refused: outcomes.filter((o): o is BulkRefusal => o !== null),
    };
  }

  return { dispose, bulk };
}

export type DispositionUseCases = ReturnType<typeof dispositionUseCases>;
