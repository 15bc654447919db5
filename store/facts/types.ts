/**
 * What every fact provider works with: the params of one condition (bindings already resolved to
 * literals), the rule's scope, and where and when it is computed.
 */
import type { AlertRuleScope } from '../../definitions/rules/schema';
import type { Shift } from '../../definitions/master-data/lookup';
import type { Dimension, EventFilter, IncidentRepository, ProductionEventRepository, WorkOrderRepository } from '..';

/** What facts read events through: the repository itself, or the worker's recent-events window over it. */
export type FactEvents = Pick<ProductionEventRepository, 'aggregate' | 'find' | 'wip'>;

import type { FactValue } from '../../definitions/rules/run/evaluate';
import type { ResolvedParams } from '../../definitions/rules/run/context';

export type { FactValue, ResolvedParams };

export interface FactEnv {
  events: FactEvents;
  workOrders: WorkOrderRepository;
  /** Reported exceptions (equipment failures, material shortages) of the site: the downtime and shortage facts. */
  incidents: Pick<IncidentRepository, 'spans'>;
  site: string;
  /** The moment the fact is computed at: now, or the replayed event's time in a backtest. */
  now: Date;
  /** IANA zone the shifts' clock times are in (TAKTFLOW_TIMEZONE, default Asia/Shanghai). */
  timeZone: string;
  shifts: readonly Shift[];
  /** The rule's scope: a dimension a condition does not name is limited to it. */
  scope?: AlertRuleScope;
}

export type FactProvider = (params: ResolvedParams, env: FactEnv) => Promise<FactValue>;

const SCOPE_LISTS = { productModel: 'productModels', line: 'lines', step: 'steps' } as const;

/**
 * The event filter of a condition: each dimension param it names, else the scope's list for that
 * dimension (a fact whose optional dimension param is absent is computed over the rule's scope).
 */
export function dimensionsOf(params: ResolvedParams, scope: AlertRuleScope | undefined, names: ReadonlyArray<'productModel' | 'line' | 'step' | 'operator' | 'equipment' | 'workOrder'>): EventFilter {
  const filter: EventFilter = {};
  for (const name of names) {
    const given = params[name];
    let value: Dimension | undefined = given;
    if (value === undefined && name in SCOPE_LISTS) value = scope?.[SCOPE_LISTS[name as keyof typeof SCOPE_LISTS]];
    if (value !== undefined) filter[name] = value;
  }
  return filter;
}

export const percent = (part: number, whole: number, none = 0): number => (whole > 0 ? (100 * part) / whole : none);
export const MINUTE_MS = 60_000;
