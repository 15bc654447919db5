/** Units and their events as the API shows them. */
import type { AllowedAction, UnitEvent, UnitStatus } from '../../definitions/units/model';
import type { UnitView } from '../../engine/workflows/unit';
import type { UnitEventRecord, UnitRecord } from '../../store';

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
  kind?: 'unit' | 'lot';
  quantity?: number;
  productModel?: string;
  workOrder?: string;
  lot?: string;
  dueAt?: string;
  priority?: number;
  waitingSince?: string;
}

/** An event as the trace shows it: everything but the caller's idempotency key. */
export type TraceEventDto = Omit<UnitEvent, 'idempotencyKey'>;

type UnitHead = Pick<UnitRecord, 'serial' | 'site' | 'line' | 'status' | 'routingKey' | 'routingVersion' | 'step' | 'allowed'> &
  Partial<Pick<UnitView, 'kind' | 'quantity' | 'productModel' | 'workOrder' | 'lot' | 'dueAt' | 'priority' | 'waitingSince'>>;

const OPTIONAL_HEAD = ['kind', 'quantity', 'productModel', 'workOrder', 'lot', 'dueAt', 'priority', 'waitingSince'] as const;

export function unitDto(u: UnitHead | UnitView): UnitDto {
  const optional: Partial<UnitDto> = {};
  for (const k of OPTIONAL_HEAD) {
    const v = (u as Partial<Record<(typeof OPTIONAL_HEAD)[number], unknown>>)[k];
    if (v !== undefined && v !== null) (optional as Record<string, unknown>)[k] = v;
  }
  return {
    serial: u.serial,
    site: u.site,
    line: u.line,
    status: u.status,
    routing: { key: u.routingKey, version: u.routingVersion },
    step: u.step,
    allowed: u.allowed.map((a) => ({ type: a.type, step: a.step, ...(a.stationGroup ? { stationGroup: a.stationGroup } : {}) })),
    allowedSteps: [...new Set(u.allowed.map((a) => a.step))],
    ...optional,
  };
}

export function traceEvent(e: UnitEventRecord | UnitEvent): TraceEventDto {
  const { idempotencyKey, requestHash, at, ...rest } = e;
  void idempotencyKey;
  void requestHash;
  return { ...rest, at: typeof at === 'string' ? at : at.toISOString() };
}

export interface ActionOutcome {
  unit: UnitDto;
  /** The events this action recorded (a retry gets the same ones back). */
  events: TraceEventDto[];
}
