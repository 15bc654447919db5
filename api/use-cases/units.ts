/** Releasing units onto their routing, acting on them, and reading them back. */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { validateUnitRelease } from '../../definitions/actions/validate';
import { finding } from '../../definitions/validation/finding';
import type { Routing } from '../../definitions/routing/schema';
import { TASK_QUEUE, workflowIds } from '../../engine/ids';
import { unitReleasedUpdate, unitWorkflow } from '../../engine/workflows/unit';
import { unitSearchAttributes } from '../../engine/workflows/search-attributes';
import type { Store, UnitRecord } from '../../store';
import { seesLine, seesSite, type Principal } from '../auth/principal';
import { AppError } from '../http/errors';
import { componentTraceUseCases } from './component-trace';
import type { DefinitionUseCases } from './definitions';
import { dispatchUseCases } from './dispatch';
import { dispositionUseCases } from './dispositions';
import { stationCheck } from './stations';
import { keyReused, unitActions } from './unit-actions';
import { traceEvent, unitDto, type ActionOutcome, type TraceEventDto, type UnitDto } from './unit-dto';

export * from './unit-dto';

const RECENT_UNIT_MS = 5_000;
const RECENT_UNITS = 10_000;

export function unitUseCases(deps: { store: Store; temporal: Client; definitions: DefinitionUseCases; siteKey: string; taskQueue?: string }) {
  const { store, temporal, definitions } = deps;
  const taskQueue = deps.taskQueue ?? TASK_QUEUE;
  const checkStation = stationCheck(store, deps.siteKey);

  /** A unit the caller may see; one on another site or line is "not found" to them (no existence leak). */
  async function knownUnit(serial: string, who: Principal): Promise<UnitRecord> {
    const unit = await store.units.get(serial);
    if (!unit || !seesSite(who, unit.site || deps.siteKey) || !seesLine(who, unit.line)) throw AppError.notFound(`unit ${serial}`);
    return unit;
  }

  /**
   * Units acted on lately, so that an operator's next action does not read the unit again: its
   * site, line, kind and routing key never change, and its routing version (which a migration
   * changes) is refreshed from every answer of its workflow; kept 5 s otherwise, as the station
   * check keeps the master data.
   */
  const recentUnits = new Map<string, { unit: UnitRecord; at: number }>();
  async function unitForAction(serial: string, who: Principal): Promise<UnitRecord> {
    const hit = recentUnits.get(serial);
    if (hit && Date.now() - hit.at < RECENT_UNIT_MS && seesSite(who, hit.unit.site || deps.siteKey) && seesLine(who, hit.unit.line)) return hit.unit;
    const unit = await knownUnit(serial, who);
    remember(unit);
    return unit;
  }
  function remember(unit: UnitRecord): void {
    if (recentUnits.size >= RECENT_UNITS) recentUnits.delete(recentUnits.keys().next().value as string);
    recentUnits.delete(unit.serial);
    recentUnits.set(unit.serial, { unit, at: Date.now() });
  }

  /** Every accepted event also goes to the live stream, tagged with the unit's line. */
  async function announce(unit: UnitDto, events: TraceEventDto[]): Promise<void> {
    for (const e of events) {
      await store.stream.append({ type: 'unit.event', site: unit.site, line: unit.line, data: { serial: unit.serial, status: unit.status, event: e } });
    }
  }

  /** An action that reached no running workflow: a retry of a recorded action, or a finished unit. */
  async function afterTheRun(serial: string, idempotencyKey: string, requestHash: string | undefined, who: Principal): Promise<ActionOutcome & { replayed?: true }> {
    const unit = await knownUnit(serial, who);
    const recorded = ((await store.units.events(serial)) ?? []).filter((e) => e.idempotencyKey === idempotencyKey);
    // Events recorded before they kept the request's hash cannot tell another request apart.
    if (recorded.some((e) => e.requestHash !== undefined && requestHash !== undefined && e.requestHash !== requestHash)) throw keyReused();
    if (recorded.length > 0) return { unit: unitDto(unit), events: recorded.map(traceEvent), replayed: true };
    const scrapped = unit.status === 'scrapped';
    throw new AppError(409, scrapped ? 'unit-scrapped' : 'unit-finished', 'Action rejected', `unit ${serial} is ${unit.status}; no action is allowed`, {
      reason: scrapped ? 'UNIT_SCRAPPED' : 'UNIT_FINISHED',
      allowed: [],
      allowedSteps: [],
    });
  }

  const actOn = unitActions({ temporal, unitForAction, remember, checkStation, announce, afterTheRun });

  const dispositions = dispositionUseCases({
    store,
    temporal,
    siteKey: deps.siteKey,
    knownUnit,
    announce,
    present: (r) => ({ unit: unitDto(r.unit), events: r.events.map(traceEvent) }),
  });

  return {
    knownUnit,
    announce,
    async release(body: unknown, who: Principal): Promise<UnitDto> {
      const request = validateUnitRelease(body);
      if (!request.ok) throw AppError.invalid('Invalid unit release', request.findings);
      const { serial, routing, line, productModel, lot, dueAt, priority } = request.value;
      const site = deps.siteKey;
      if (!seesSite(who, site) || !seesLine(who, line)) {
        throw new AppError(403, 'line-not-allowed', 'Not your line', `you may not release units onto line ${line}`, {
          errors: [finding('/line', 'auth.line-not-allowed', { en: `line ${line} is outside your lines`, zh: `产线 ${line} 不在您的权限范围内` })],
        });
      }
      const masterData = await definitions.versions.active('master-data', deps.siteKey);
      const lines = (masterData?.content as { lines?: Array<{ id: string }> } | undefined)?.lines;
      if (lines && !lines.some((l) => l.id === line)) {
        throw AppError.invalid('Invalid unit release', [finding('/line', 'unit.unknown-line', { en: `line ${line} is not in the site's master data`, zh: `主数据中没有产线 ${line}` })]);
      }
      const version = await definitions.versions.active('routing', routing);
      if (!version) {
        throw new AppError(409, 'routing-not-published', 'Routing not published', `routing "${routing}" has no active published version`, {
          errors: [finding('/routing', 'routing.not-published', { en: 'no published version', zh: '没有已发布的版本' })],
        });
      }
      const content = version.content as Routing;
      const models = content.productModels;
      if (models && (productModel === undefined || !models.includes(productModel))) {
        throw AppError.invalid('Invalid unit release', [
          finding('/productModel', 'unit.product-model', {
            en: productModel === undefined ? `routing ${routing} builds the models ${models.join(', ')}: name one` : `routing ${routing} does not build ${productModel}; it builds ${models.join(', ')}`,
            zh: productModel === undefined ? `工艺路线 ${routing} 适用于型号 ${models.join('、')}：请指定型号` : `工艺路线 ${routing} 不适用于型号 ${productModel}`,
          }),
        ]);
      }
      if (content.mode === 'lot') {
        throw AppError.invalid('Invalid unit release', [finding('/routing', 'unit.lot-routing', { en: `routing ${routing} runs lots: release it through /lots`, zh: `工艺路线 ${routing} 按批次运行：请通过 /lots 投产` })]);
      }
      let handle;
      try {
        handle = await temporal.workflow.start(unitWorkflow, {
          taskQueue,
          workflowId: workflowIds.unit(serial),
          args: [{ serial, site, line, routingKey: routing, routingVersion: version.version, routing: content, ...(productModel ? { productModel } : {}), ...(lot ? { lot } : {}), ...(dueAt ? { dueAt } : {}), ...(priority !== undefined ? { priority } : {}) }],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowIdConflictPolicy: 'FAIL',
          typedSearchAttributes: unitSearchAttributes({ serial, routingKey: routing, line, productModel }),
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) {
          throw new AppError(409, 'unit-exists', 'Unit already released', `serial ${serial} has already been released`, {
            errors: [finding('/serial', 'unit.exists', { en: 'serial already released', zh: '该序列号已投产' })],
          });
        }
        throw err;
      }
      const unit = unitDto(await handle.executeUpdate(unitReleasedUpdate));
      await announce(unit, [{ seq: 1, type: 'released', step: null, station: null, operator: null, result: null, detail: null, at: new Date().toISOString() }]);
      return unit;
    },

    act: actOn,

    /** Quality's hold, release or scrap: of one unit, or in bulk (api/use-cases/dispositions.ts). */
    dispose: dispositions.dispose,
    bulkDispose: dispositions.bulk,
    /** Dispatch queues and claims, and traceability by component lot (handlers in api/handlers/dispatch.ts, trace.ts). */
    dispatch: dispatchUseCases({ store, siteKey: deps.siteKey }),
    componentTrace: componentTraceUseCases({ store, siteKey: deps.siteKey }),

    async get(serial: string, who: Principal): Promise<UnitDto> {
      return unitDto(await knownUnit(serial, who));
    },

    /** Units on the lines the caller may see, oldest serial first, a page at a time. */
    async list(q: { line?: string; status?: string; limit: number; cursor?: string }, who: Principal): Promise<{ items: UnitDto[]; nextCursor: string | null }> {
      if (q.line && !seesLine(who, q.line)) return { items: [], nextCursor: null };
      const lines = q.line ? [q.line] : who.lines.includes('*') ? undefined : who.lines;
      const page = await store.units.list({ site: deps.siteKey, lines, status: q.status, after: q.cursor, limit: q.limit });
      return { items: page.items.map((u) => unitDto(u)), nextCursor: page.next };
    },

    async trace(serial: string, who: Principal): Promise<{ serial: string; events: TraceEventDto[] }> {
      await knownUnit(serial, who);
      const events = await store.units.events(serial);
      if (!events) throw AppError.notFound(`unit ${serial}`);
      return { serial, events: events.map(traceEvent) };
    },
  };
}

export type UnitUseCases = ReturnType<typeof unitUseCases>;
