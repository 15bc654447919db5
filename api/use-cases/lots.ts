/**
 * Lots: a quantity of product that runs a lot-mode routing as one workflow (lot:<id>). Released,
 * split and partly scrapped here; acted on, held and traced like a unit (their read model shares
 * the units collection, keyed by lot id, kind "lot").
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { validateLotRelease, validateLotScrap, validateLotSplit } from '../../definitions/actions/validate';
import type { Routing } from '../../definitions/routing/schema';
import { finding } from '../../definitions/validation/finding';
import { TASK_QUEUE, updateIds, workflowIds } from '../../engine/ids';
import { unitSearchAttributes } from '../../engine/workflows/search-attributes';
import { lotSplitUpdate, unitDispositionUpdate, unitReleasedUpdate, unitWorkflow, type UnitWorkflowInput } from '../../engine/workflows/unit';
import type { Store, UnitRecord } from '../../store';
import { seesLine, seesSite, type Principal } from '../auth/principal';
import { AppError } from '../http/errors';
import { runEnded } from './run-errors';
import type { DefinitionUseCases } from './definitions';
import { traceEvent, unitDto, type ActionOutcome, type UnitDto, type UnitUseCases } from './units';

export interface SplitOutcome {
  lot: UnitDto;
  newLot: UnitDto;
}

/** A refusal from the lot's workflow as a 409 problem with its reason code. */
function refusal(err: unknown): AppError | undefined {
  const why = (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause.details?.[0] : undefined) as { code: string; message: string } | undefined;
  return why ? new AppError(409, why.code.toLowerCase().replace(/_/g, '-'), 'Refused', why.message, { reason: why.code }) : undefined;
}

export function lotUseCases(deps: { store: Store; temporal: Client; definitions: DefinitionUseCases; siteKey: string; taskQueue?: string; units: UnitUseCases }) {
  const { store, temporal, definitions, units } = deps;
  const taskQueue = deps.taskQueue ?? TASK_QUEUE;

  async function knownLot(id: string, who: Principal): Promise<UnitRecord> {
    const lot = await units.knownUnit(id, who).catch(() => undefined);
    if (!lot || lot.kind !== 'lot') throw AppError.notFound(`lot ${id}`);
    return lot;
  }

  /** The refusal of a split or scrap that reached no running workflow: the lot's run has ended. */
  async function ended(id: string, who: Principal): Promise<AppError> {
    const lot = await knownLot(id, who);
    const reason = lot.status === 'scrapped' ? 'UNIT_SCRAPPED' : 'UNIT_FINISHED';
    return new AppError(409, reason.toLowerCase().replace(/_/g, '-'), 'Refused', `lot ${id} is ${lot.status}; it can no longer be split or scrapped`, { reason });
  }

  async function idFree(id: string, pointer: string): Promise<void> {
    if (await store.units.get(id)) {
      throw new AppError(409, 'lot-exists', 'Already released', `${id} is already a unit or a lot`, { errors: [finding(pointer, 'lot.exists', { en: 'already released', zh: '已投产' })] });
    }
  }

  async function start(args: UnitWorkflowInput): Promise<UnitDto> {
    try {
      const handle = await temporal.workflow.start(unitWorkflow, {
        taskQueue,
        workflowId: workflowIds.lot(args.serial),
        args: [args],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
        typedSearchAttributes: unitSearchAttributes({ serial: args.serial, routingKey: args.routingKey, line: args.line, productModel: args.productModel }),
      });
      return unitDto(await handle.executeUpdate(unitReleasedUpdate));
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw new AppError(409, 'lot-exists', 'Already released', `lot ${args.serial} has already been released`);
      throw err;
    }
  }

  return {
    async release(body: unknown, who: Principal): Promise<UnitDto> {
      const request = validateLotRelease(body);
      if (!request.ok) throw AppError.invalid('Invalid lot release', request.findings);
      const { lot, routing, line, quantity, productModel, dueAt, priority } = request.value;
      if (!seesSite(who, deps.siteKey) || !seesLine(who, line)) {
        throw new AppError(403, 'line-not-allowed', 'Not your line', `you may not release lots onto line ${line}`, {
          errors: [finding('/line', 'auth.line-not-allowed', { en: `line ${line} is outside your lines`, zh: `产线 ${line} 不在您的权限范围内` })],
        });
      }
      const version = await definitions.versions.active('routing', routing);
      if (!version) {
        throw new AppError(409, 'routing-not-published', 'Routing not published', `routing "${routing}" has no active published version`, {
          errors: [finding('/routing', 'routing.not-published', { en: 'no published version', zh: '没有已发布的版本' })],
        });
      }
      const content = version.content as Routing;
      if (content.mode !== 'lot') {
        throw AppError.invalid('Invalid lot release', [finding('/routing', 'lot.unit-routing', { en: `routing ${routing} runs single units: release them through /units`, zh: `工艺路线 ${routing} 按单件运行：请通过 /units 投产` })]);
      }
      if (content.productModels && (productModel === undefined || !content.productModels.includes(productModel))) {
        throw AppError.invalid('Invalid lot release', [finding('/productModel', 'unit.product-model', { en: `routing ${routing} builds ${content.productModels.join(', ')}`, zh: `工艺路线 ${routing} 适用于型号 ${content.productModels.join('、')}` })]);
      }
      await idFree(lot, '/lot');
      const released = await start({
        serial: lot, site: deps.siteKey, line, routingKey: routing, routingVersion: version.version, routing: content, kind: 'lot', quantity,
        ...(productModel ? { productModel } : {}), ...(dueAt ? { dueAt } : {}), ...(priority !== undefined ? { priority } : {}),
      });
      await units.announce(released, [{ seq: 1, type: 'released', step: null, station: null, operator: null, result: null, detail: null, at: new Date().toISOString(), quantity }]);
      return released;
    },

    async get(id: string, who: Principal): Promise<UnitDto> {
      return unitDto(await knownLot(id, who));
    },

    /** Splits part of a lot off into a new lot at the same step; both go on from there. */
    async split(id: string, body: unknown, idempotencyKeyHeader: string | undefined, who: Principal): Promise<SplitOutcome> {
      const request = validateLotSplit(body);
      if (!request.ok) throw AppError.invalid('Invalid lot split', request.findings);
      const { quantity, newLot, reason } = request.value;
      const parent = await knownLot(id, who);
      const idempotencyKey = idempotencyKeyHeader ?? randomUUID();
      const existing = await store.units.get(newLot);
      if (existing && !(existing.kind === 'lot' && idempotencyKeyHeader)) await idFree(newLot, '/newLot');
      let result;
      try {
        result = await temporal.workflow
          .getHandle(workflowIds.lot(id))
          .executeUpdate(lotSplitUpdate, { args: [{ quantity, newLot, reason, by: who.id, idempotencyKey }], updateId: updateIds.lotSplit(idempotencyKey) });
      } catch (err) {
        throw refusal(err) ?? (runEnded(err) ? await ended(id, who) : err);
      }
      const lot = unitDto(result.unit);
      await units.announce(lot, result.events.map(traceEvent));
      const child = existing
        ? unitDto(existing)
        : await start({
            serial: newLot, site: parent.site || deps.siteKey, line: parent.line, routingKey: parent.routingKey, routingVersion: result.unit.routingVersion,
            routing: (await definitions.versions.version('routing', parent.routingKey, String(result.unit.routingVersion))).content as Routing,
            kind: 'lot', quantity, startAt: result.startAt,
            ...(parent.productModel ? { productModel: parent.productModel } : {}), ...(parent.dueAt ? { dueAt: parent.dueAt } : {}), ...(parent.priority != null ? { priority: parent.priority } : {}),
          });
      return { lot, newLot: child };
    },

    /** Scraps part of a lot (or all of it) with a reason. */
    async scrap(id: string, body: unknown, idempotencyKeyHeader: string | undefined, who: Principal): Promise<ActionOutcome> {
      const request = validateLotScrap(body);
      if (!request.ok) throw AppError.invalid('Invalid lot scrap', request.findings);
      await knownLot(id, who);
      const idempotencyKey = idempotencyKeyHeader ?? randomUUID();
      try {
        const result = await temporal.workflow.getHandle(workflowIds.lot(id)).executeUpdate(unitDispositionUpdate, {
          args: [{ type: 'scrap', reason: request.value.reason, ...(request.value.quantity !== undefined ? { quantity: request.value.quantity } : {}), by: who.id, idempotencyKey }],
          updateId: updateIds.unitDisposition('scrap', idempotencyKey),
        });
        const outcome = { unit: unitDto(result.unit), events: result.events.map(traceEvent) };
        await units.announce(outcome.unit, outcome.events);
        return outcome;
      } catch (err) {
        throw refusal(err) ?? (runEnded(err) ? await ended(id, who) : err);
      }
    },
  };
}

export type LotUseCases = ReturnType<typeof lotUseCases>;
