/**
 * An operator's start or complete through the API: the request checked (fields, who may act for
 * whom, the station), then the unit's workflow asked (api → Workflow Update), its rejection
 * mapped to a problem naming the reason and the allowed steps, and what it recorded announced on
 * the live stream. Retries by Idempotency-Key are the workflow's to answer (engine/workflows/answers.ts),
 * refusals included: a retry of a refused keyed request is refused alike, marked replayed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { validateUnitAction } from '../../definitions/actions/validate';
import { canonicalJson, finding } from '../../definitions/validation/finding';
import { updateIds, workflowIds } from '../../engine/ids';
import type { Rejection } from '../../engine/routing/machine';
import { ACTION_REJECTED, IDEMPOTENCY_KEY_REUSED, unitActionUpdate } from '../../engine/workflows/unit';
import type { UnitRecord } from '../../store';
import type { Principal } from '../auth/principal';
import { ROLE_PERMISSIONS } from '../contract/permissions';
import { AppError } from '../http/errors';
import { runEnded } from './run-errors';
import { traceEvent, unitDto, type ActionOutcome, type TraceEventDto, type UnitDto } from './unit-dto';

/** The unit's refusal; `replayed` when it is the one a keyed request got before. */
function rejectionOf(err: unknown): (Rejection & { replayed?: boolean }) | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  if (cause instanceof ApplicationFailure && cause.type === ACTION_REJECTED) return cause.details?.[0] as Rejection & { replayed?: boolean };
  return undefined;
}

const REJECTION_STATUS: Record<Rejection['code'], string> = {
  STEP_NOT_ALLOWED: 'step-not-allowed',
  STEP_MISSED: 'step-missed',
  UNIT_SCRAPPED: 'unit-scrapped',
  UNIT_FINISHED: 'unit-finished',
  UNIT_HELD: 'unit-held',
  RESULT_REQUIRED: 'result-required',
  QUANTITY_INVALID: 'quantity-invalid',
  COMPONENT_NOT_ALLOWED: 'component-not-allowed',
  SUPPLIER_LOT_REQUIRED: 'supplier-lot-required',
  COMPONENT_MISSING: 'component-missing',
  MEASUREMENT_REQUIRED: 'measurement-required',
  MEASUREMENT_UNKNOWN: 'measurement-unknown',
  DEFECT_CODE_NOT_ALLOWED: 'defect-code-not-allowed',
  DEFECT_CODES_ON_PASS: 'defect-codes-on-pass',
};

/** The same Idempotency-Key sent with another body, or by another user. */
export function keyReused(): AppError {
  return new AppError(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'this Idempotency-Key was used with a different request body', {
    errors: [finding('', 'idempotency.key-reused', { en: 'the key was used for another body', zh: '该幂等键已用于不同的请求体' })],
    parameter: 'Idempotency-Key',
  });
}

/** Only roles that act for others (machines, integrations, admins) may name another operator. */
function mayActForOthers(p: Principal): boolean {
  return p.roles.some((r) => r !== 'operator' && ROLE_PERMISSIONS[r].includes('units:act'));
}

export interface ActionDeps {
  temporal: Client;
  /** The unit, if the caller may see it (kept a few seconds after each action). */
  unitForAction(serial: string, who: Principal): Promise<UnitRecord>;
  /** Keeps the unit for the next action, at the routing version its workflow answered with. */
  remember(unit: UnitRecord): void;
  checkStation(unit: UnitRecord, step: string, station: string): Promise<void>;
  announce(unit: UnitDto, events: TraceEventDto[]): Promise<void>;
  /** An action that reached no running workflow: a retry of a recorded action (`replayed`), or a finished unit. */
  afterTheRun(serial: string, idempotencyKey: string, requestHash: string | undefined, who: Principal): Promise<ActionOutcome & { replayed?: true }>;
}

export function unitActions(deps: ActionDeps) {
  const { temporal, unitForAction, remember, checkStation, announce, afterTheRun } = deps;
  /** `replayed`: the answer of an earlier request with this key (the handler says so in a header). */
  return async function act(serial: string, body: unknown, idempotencyKeyHeader: string | undefined, who: Principal): Promise<ActionOutcome & { replayed?: true }> {
    const request = validateUnitAction(body);
    if (!request.ok) throw AppError.invalid('Invalid unit action', request.findings);
    if (!mayActForOthers(who) && request.value.operator !== who.id) {
      throw new AppError(403, 'field-not-allowed', 'Field not allowed', 'an operator acts as themselves: operator must be your own id', {
        errors: [finding('/operator', 'auth.field-not-allowed', { en: `operator must be ${who.id}`, zh: `操作员必须是 ${who.id}` })],
      });
    }
    const unit = await unitForAction(serial, who);
    await checkStation(unit, request.value.step, request.value.station);
    const idempotencyKey = idempotencyKeyHeader ?? randomUUID();
    // Who asked and what: the unit keeps it with its answer (engine/workflows/answers.ts).
    const requestHash = idempotencyKeyHeader === undefined ? undefined : createHash('sha256').update(`${who.id}\n${canonicalJson(body)}`).digest('hex');
    const handle = temporal.workflow.getHandle(workflowIds.run(unit.kind ?? 'unit', serial));
    try {
      const result = await handle.executeUpdate(unitActionUpdate, {
        args: [{ ...request.value, idempotencyKey, ...(requestHash ? { requestHash } : {}) }],
        updateId: updateIds.unitAction(idempotencyKey, randomUUID()),
      });
      const outcome = { unit: unitDto(result.unit), events: result.events.map(traceEvent) };
      remember({ ...unit, routingVersion: result.unit.routingVersion });
      if (result.replayed) return { ...outcome, replayed: true };
      await announce(outcome.unit, outcome.events);
      return outcome;
    } catch (err) {
      const why = rejectionOf(err);
      if ((why?.code as string | undefined) === IDEMPOTENCY_KEY_REUSED) throw keyReused();
      if (why) {
        // Wrong data (a part, a lot, a measurement) is the request's fault: 422 naming the field.
        throw new AppError(why.pointer ? 422 : 409, REJECTION_STATUS[why.code], 'Action rejected', why.message, {
          reason: why.code,
          allowed: why.allowed,
          allowedSteps: [...new Set(why.allowed.map((a) => a.step))],
          ...(why.missed ? { missedSteps: why.missed } : {}),
          ...(why.pointer ? { errors: [finding(why.pointer, `unit.${REJECTION_STATUS[why.code]}`, { en: why.message, zh: why.message })] } : {}),
          ...(why.replayed ? { replayed: true } : {}),
        });
      }
      if (runEnded(err)) {
        return afterTheRun(serial, idempotencyKey, requestHash, who);
      }
      throw err;
    }
  };
}
