/**
 * The production-events read model (see models/production-event.ts): written from unit batches
 * by the persist activity, read by the rule facts as windowed aggregations and by the backtest as
 * a replay in time order.
 */
import type { Collection } from 'mongodb';
import type { Connection, Model, PipelineStage } from 'mongoose';
import type { UnitBatch } from '../../definitions/units/model';
import { productionEventId, productionEventModel, type ProductionEventDoc } from '../models/production-event';
import { insertOnce } from '../models/insert-once';
import { unitModel, type UnitDoc } from '../models/unit';

export type ProductionEvent = ProductionEventDoc;

/** Which events: by type, time (from inclusive, to inclusive) and the dimensions facts filter by. */
export interface EventFilter {
  types?: readonly string[];
  from?: Date;
  to?: Date;
  productModel?: Dimension;
  line?: Dimension;
  step?: Dimension;
  operator?: Dimension;
  defectCode?: string;
  equipment?: Dimension;
  workOrder?: Dimension;
  serials?: readonly string[];
}

/** One value, or any of a list (a rule's scope). */
export type Dimension = string | readonly string[];
const dimension = (d: Dimension): unknown => (typeof d === 'string' ? d : { $in: [...d] });

/** Which units are in progress: released and neither finished nor scrapped. */
export interface WipFilter {
  productModel?: Dimension;
  line?: Dimension;
  step?: Dimension;
  workOrder?: Dimension;
}

export const WIP_STATUSES = ['waiting', 'in-progress', 'held'] as const;

export function eventMatch(f: EventFilter): Record<string, unknown> {
  const match: Record<string, unknown> = {};
  if (f.types) match.type = f.types.length === 1 ? f.types[0] : { $in: [...f.types] };
  if (f.from || f.to) match.at = { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lte: f.to } : {}) };
  for (const k of ['productModel', 'line', 'step', 'operator', 'equipment', 'workOrder'] as const) if (f[k] !== undefined) match[k] = dimension(f[k]);
  if (f.defectCode !== undefined) match.defectCodes = f.defectCode;
  if (f.serials) match.serial = { $in: [...f.serials] };
  return match;
}

/** The production-event documents of a unit batch: one per event, keyed by serial and seq. */
export function productionEventDocs(batch: UnitBatch): ProductionEventDoc[] {
  return batch.events.map((e) => {
    const codes = e.defectCodes ?? [];
    const failed = e.result === 'fail' ? 1 : 0;
    return {
      _id: productionEventId(batch.serial, e.seq),
      serial: batch.serial,
      seq: e.seq,
      type: e.type,
      at: new Date(e.at),
      site: batch.site ?? '',
      line: batch.line ?? '',
      productModel: batch.productModel ?? null,
      workOrder: batch.workOrder ?? null,
      lot: batch.lot ?? null,
      step: e.step ?? null,
      station: e.station ?? null,
      operator: e.operator ?? null,
      equipment: e.equipment ?? null,
      result: e.result ?? null,
      defectCodes: codes,
      failed,
      passed: e.result === 'pass' ? 1 : 0,
      defective: failed === 1 || codes.length > 0 ? 1 : 0,
      detail: e.detail ?? null,
    };
  });
}

export class ProductionEventRepository {
  private readonly events: Model<ProductionEventDoc>;
  private readonly units: Model<UnitDoc>;

  constructor(connection: Connection) {
    this.events = productionEventModel(connection);
    this.units = unitModel(connection);
  }

  /**
   * Inserts one document per event of the batch; returns how many were new. A retried batch
   * finds its ids taken (E11000) and adds nothing.
   */
  async record(batches: UnitBatch | readonly UnitBatch[]): Promise<number> {
    const docs = (Array.isArray(batches) ? batches : [batches as UnitBatch]).flatMap(productionEventDocs);
    return insertOnce(this.events.collection as unknown as Collection<ProductionEventDoc>, docs);
  }

  /** `$match` by the filter, then the given stages. */
  async aggregate<T>(filter: EventFilter, stages: PipelineStage[] = []): Promise<T[]> {
    return this.events.aggregate<T>([{ $match: eventMatch(filter) }, ...stages]).exec();
  }

  /** Events matching the filter with the given fields, in time order (newest first with `newestFirst`). */
  async find(filter: EventFilter, fields: ReadonlyArray<keyof ProductionEventDoc>, options: { newestFirst?: boolean; limit?: number } = {}): Promise<ProductionEventDoc[]> {
    const projection = Object.fromEntries(fields.map((f) => [f, 1]));
    const dir = options.newestFirst ? -1 : 1;
    const q = this.events.find(eventMatch(filter), projection).sort({ at: dir, _id: dir });
    if (options.limit !== undefined) q.limit(options.limit);
    return q.lean<ProductionEventDoc[]>();
  }

  /** Units in progress matching the filter: how many, and when the oldest was first recorded. */
  async wip(f: WipFilter): Promise<{ count: number; oldest: Date | null }> {
    const match: Record<string, unknown> = { status: { $in: [...WIP_STATUSES] } };
    for (const k of ['productModel', 'line', 'step', 'workOrder'] as const) if (f[k] !== undefined) match[k] = dimension(f[k]);
    // The embedded server's $group has no $min: the count by $group, the oldest by a sorted find.
    const [[row], [first]] = await Promise.all([
      this.units.aggregate<{ count: number }>([{ $match: match }, { $group: { _id: null, count: { $sum: 1 } } }]).exec(),
      this.units.find(match, { _id: 0, createdAt: 1 }).sort({ createdAt: 1 }).limit(1).lean<Array<Pick<UnitDoc, 'createdAt'>>>(),
    ]);
    return { count: row?.count ?? 0, oldest: first?.createdAt ? new Date(first.createdAt) : null };
  }
}
