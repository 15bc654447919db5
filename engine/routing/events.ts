/**
 * What a unit's run records: the machine's event drafts numbered on from the last seq, stamped
 * with the time and with who sent the action (station, operator, idempotency key and the
 * request's hash). Optional facts appear only on the events that carry them.
 */
import type { UnitEvent } from '../../definitions/units/model';
import type { EventDraft } from './machine';

/** Who sent an action, as far as the run knows (deadlines and releases have no sender). */
export interface Sender {
  station?: string;
  operator?: string;
  idempotencyKey?: string;
  requestHash?: string;
}

export function recordedEvents(drafts: readonly EventDraft[], from: Sender, lastSeq: number, at: string): UnitEvent[] {
  return drafts.map((d, i): UnitEvent => ({
    seq: lastSeq + i + 1,
    type: d.type,
    step: d.step,
    station: from.station ?? null,
    operator: from.operator ?? null,
    result: d.result ?? null,
    detail: d.detail ?? null,
    at,
    idempotencyKey: from.idempotencyKey ?? null,
    ...(from.requestHash !== undefined ? { requestHash: from.requestHash } : {}),
    ...(d.equipment !== undefined ? { equipment: d.equipment } : {}),
    ...(d.measurements ? { measurements: d.measurements } : {}),
    ...(d.components ? { components: d.components } : {}),
    ...(d.defectCodes ? { defectCodes: d.defectCodes } : {}),
    ...(d.quantity !== undefined ? { quantity: d.quantity } : {}),
  }));
}
