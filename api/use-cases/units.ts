/** Releasing units onto their routing, acting on them, and reading them back. */
import { randomUUID } from 'node:crypto';
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { validateUnitAction, validateUnitRelease } from '../../definitions/actions/validate';
import { finding } from '../../definitions/validation/finding';
import type { Routing } from '../../definitions/routing/schema';
import type { AllowedAction, UnitEvent, UnitStatus } from '../../definitions/units/model';
import { TASK_QUEUE, updateIds, workflowIds } from '../../engine/ids';
import type { Rejection } from '../../engine/routing/machine';
import {
  ACTION_REJECTED,
  unitActionUpdate,
  unitDispositionUpdate,
  unitReleasedUpdate,
  unitWorkflow,
  type UnitView,
} from '../../engine/workflows/unit';
import type { Store, UnitEventRecord, UnitRecord } from '../../store';
import { seesLine, seesSite, type Principal } from '../auth/principal';
import { ROLE_PERMISSIONS } from '../contract/permissions';
import { AppError } from '../http/errors';
import type { DefinitionUseCases } from './definitions';
import { stationCheck } from './stations';

const serialKey = defineSearchAttributeKey('serial', SearchAttributeType.KEYWORD);
const routingKeyKey = defineSearchAttributeKey('routingKey', SearchAttributeType.KEYWORD);


export interface UnitDto {
  serial: string;
  site: string;
  line: string;
  status: UnitStatus;
  routing: { key: string; version: number };
  step: string | null;
  allowed: AllowedAction[];
  /** The steps that may be acted on now. */
  allowedSteps: string[];
}

/** An event as the trace shows it: everything but the caller's idempotency key. */
export type TraceEventDto = Omit<UnitEvent, 'idempotencyKey'>;

function dto(u: Pick<UnitRecord, 'serial' | 'site' | 'line' | 'status' | 'routingKey' | 'routingVersion' | 'step' | 'allowed'> | UnitView): UnitDto {
  return {
    serial: u.serial,
    site: u.site,
    line: u.line,
    status: u.status,
    routing: { key: u.routingKey, version: u.routingVersion },
    step: u.step,
    allowed: u.allowed,
    allowedSteps: [...new Set(u.allowed.map((a) => a.step))],
  };
}

function traceEvent(e: UnitEventRecord | UnitEvent): TraceEventDto {
  const { idempotencyKey, at, ...rest } = e;
  void idempotencyKey;
  return { ...rest, at: typeof at === 'string' ? at : at.toISOString() };
}

function rejectionOf(err: unknown): Rejection | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  if (cause instanceof ApplicationFailure && cause.type === ACTION_REJECTED) return cause.details?.[0] as Rejection;
  return undefined;
}

const REJECTION_STATUS: Record<Rejection['code'], string> = {
  STEP_NOT_ALLOWED: 'step-not-allowed',
  STEP_MISSED: 'step-missed',
  UNIT_SCRAPPED: 'unit-scrapped',
  UNIT_FINISHED: 'unit-finished',
  UNIT_HELD: 'unit-held',
  RESULT_REQUIRED: 'result-required',
};

export interface ActionOutcome {
  unit: UnitDto;
  /** The events this action recorded (a retry gets the same ones back). */
  events: TraceEventDto[];
}

/** Only roles that act for others (machines, integrations, admins) may name another operator. */
function mayActForOthers(p: Principal): boolean {
  return p.roles.some((r) => r !== 'operator' && ROLE_PERMISSIONS[r].includes('units:act'));
}

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

  /** Every accepted event also goes to the live stream, tagged with the unit's line. */
  async function announce(unit: UnitDto, events: TraceEventDto[]): Promise<void> {
    for (const e of events) {
      await store.stream.append({ type: 'unit.event', site: unit.site, line: unit.line, data: { serial: unit.serial, status: unit.status, event: e } });
    }
  }

  /** An action that reached no running workflow: a retry of a recorded action, or a finished unit. */
  async function afterTheRun(serial: string, idempotencyKey: string, who: Principal): Promise<ActionOutcome> {
    const unit = await knownUnit(serial, who);
    const recorded = ((await store.units.events(serial)) ?? []).filter((e) => e.idempotencyKey === idempotencyKey);
    if (recorded.length > 0) return { unit: dto(unit), events: recorded.map(traceEvent) };
    const scrapped = unit.status === 'scrapped';
    throw new AppError(409, scrapped ? 'unit-scrapped' : 'unit-finished', 'Action rejected', `unit ${serial} is ${unit.status}; no action is allowed`, {
      reason: scrapped ? 'UNIT_SCRAPPED' : 'UNIT_FINISHED',
      allowed: [],
      allowedSteps: [],
    });
  }

  return {
    async release(body: unknown, who: Principal): Promise<UnitDto> {
      const request = validateUnitRelease(body);
      if (!request.ok) throw AppError.invalid('Invalid unit release', request.findings);
      const { serial, routing, line } = request.value;
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
      let handle;
      try {
        handle = await temporal.workflow.start(unitWorkflow, {
          taskQueue,
          workflowId: workflowIds.unit(serial),
          args: [{ serial, site, line, routingKey: routing, routingVersion: version.version, routing: version.content as Routing }],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowIdConflictPolicy: 'FAIL',
          typedSearchAttributes: [
            { key: serialKey, value: serial },
            { key: routingKeyKey, value: routing },
          ],
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) {
          throw new AppError(409, 'unit-exists', 'Unit already released', `serial ${serial} has already been released`, {
            errors: [finding('/serial', 'unit.exists', { en: 'serial already released', zh: '该序列号已投产' })],
          });
        }
        throw err;
      }
      const unit = dto(await handle.executeUpdate(unitReleasedUpdate));
      await announce(unit, [{ seq: 1, type: 'released', step: null, station: null, operator: null, result: null, detail: null, at: new Date().toISOString() }]);
      return unit;
    },

    async act(serial: string, body: unknown, idempotencyKeyHeader: string | undefined, who: Principal): Promise<ActionOutcome> {
      const request = validateUnitAction(body);
      if (!request.ok) throw AppError.invalid('Invalid unit action', request.findings);
      if (!mayActForOthers(who) && request.value.operator !== who.id) {
        throw new AppError(403, 'field-not-allowed', 'Field not allowed', 'an operator acts as themselves: operator must be your own id', {
          errors: [finding('/operator', 'auth.field-not-allowed', { en: `operator must be ${who.id}`, zh: `操作员必须是 ${who.id}` })],
        });
      }
      const unit = await knownUnit(serial, who);
      await checkStation(unit, request.value.step, request.value.station);
      const idempotencyKey = idempotencyKeyHeader ?? randomUUID();
      const handle = temporal.workflow.getHandle(workflowIds.unit(serial));
      try {
        const result = await handle.executeUpdate(unitActionUpdate, {
          args: [{ ...request.value, idempotencyKey }],
          updateId: updateIds.unitAction(idempotencyKey),
        });
        const outcome = { unit: dto(result.unit), events: result.events.map(traceEvent) };
        await announce(outcome.unit, outcome.events);
        return outcome;
      } catch (err) {
        const why = rejectionOf(err);
        if (why) {
          throw new AppError(409, REJECTION_STATUS[why.code], 'Action rejected', why.message, {
            reason: why.code,
            allowed: why.allowed,
            allowedSteps: [...new Set(why.allowed.map((a) => a.step))],
            ...(why.missed ? { missedSteps: why.missed } : {}),
          });
        }
        if (err instanceof WorkflowNotFoundError || (err instanceof WorkflowUpdateFailedError && /completed|closed/i.test(String(err.cause?.message)))) {
          return afterTheRun(serial, idempotencyKey, who);
        }
        throw err;
      }
    },

    /** Quality's hold, release or scrap of a unit on one of the caller's lines. */
    async dispose(serial: string, type: 'hold' | 'release' | 'scrap', reason: string, idempotencyKeyHeader: string | undefined, who: Principal): Promise<ActionOutcome> {
      await knownUnit(serial, who);
      const idempotencyKey = idempotencyKeyHeader ?? randomUUID();
      try {
        const result = await temporal.workflow
          .getHandle(workflowIds.unit(serial))
          .executeUpdate(unitDispositionUpdate, { args: [{ type, reason, by: who.id, idempotencyKey }], updateId: updateIds.unitDisposition(type, idempotencyKey) });
        const outcome = { unit: dto(result.unit), events: result.events.map(traceEvent) };
        await announce(outcome.unit, outcome.events);
        return outcome;
      } catch (err) {
        const why = (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause.details?.[0] : undefined) as { code: string; message: string } | undefined;
        if (why) throw new AppError(409, why.code.toLowerCase().replace(/_/g, '-'), 'Refused', why.message, { reason: why.code });
        if (err instanceof WorkflowNotFoundError || (err instanceof WorkflowUpdateFailedError && /completed|closed/i.test(String(err.cause?.message)))) {
          const unit = await knownUnit(serial, who);
          throw new AppError(409, `unit-${unit.status}`, 'Refused', `unit ${serial} is ${unit.status}`, { reason: unit.status === 'scrapped' ? 'UNIT_SCRAPPED' : 'UNIT_FINISHED' });
        }
        throw err;
      }
    },

    async get(serial: string, who: Principal): Promise<UnitDto> {
      return dto(await knownUnit(serial, who));
    },

    /** Units on the lines the caller may see, oldest serial first, a page at a time. */
    async list(q: { line?: string; status?: string; limit: number; cursor?: string }, who: Principal): Promise<{ items: UnitDto[]; nextCursor: string | null }> {
      if (q.line && !seesLine(who, q.line)) return { items: [], nextCursor: null };
      const lines = q.line ? [q.line] : who.lines.includes('*') ? undefined : who.lines;
      const page = await store.units.list({ site: deps.siteKey, lines, status: q.status, after: q.cursor, limit: q.limit });
      return { items: page.items.map(dto), nextCursor: page.next };
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
