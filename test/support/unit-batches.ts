/** Unit batches as the unit workflow persists them, for suites that write the read models directly. */
import type { AllowedAction, UnitBatch, UnitEvent } from '../../definitions/units/model';
import { uniqueName } from './env';

/** A batch of a waiting unit on SMT1 with one event; override what the test is about. */
export function unitBatch(over: Partial<UnitBatch> = {}): UnitBatch {
  return {
    serial: uniqueName('SN'),
    site: 'plant-1',
    line: 'SMT1',
    routingKey: 'simple',
    routingVersion: 1,
    status: 'waiting',
    step: 'print',
    allowed: [{ type: 'start', step: 'print', stationGroup: 'smt-printer' }],
    events: [event(1, { type: 'released' })],
    waitingSince: '2026-11-24T08:00:00.000Z',
    ...over,
  };
}

export function event(seq: number, over: Partial<UnitEvent> = {}): UnitEvent {
  return { seq, type: 'completed', step: null, station: null, operator: null, result: null, detail: null, at: '2026-11-24T08:00:00.000Z', idempotencyKey: null, ...over };
}

export const startAt = (step: string, stationGroup?: string): AllowedAction => ({ type: 'start', step, ...(stationGroup ? { stationGroup } : {}) });
