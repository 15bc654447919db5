/**
 * Component-lot traceability: which units consumed a supplier lot. Insert-only, written by the
 * persist activity; one document per part and lot in each event (see models/component-usage.ts).
 */
import type { Collection } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import type { UnitBatch } from '../../definitions/units/model';
import { componentUsageId, componentUsageModel, type ComponentUsageDoc } from '../models/component-usage';
import { insertOnce } from '../models/insert-once';

/** A component usage as read back: the stored document without its _id. */
export type ComponentUsage = Omit<ComponentUsageDoc, '_id'>;

export interface ComponentLotQuery {
  supplierLot: string;
  partNumber?: string;
  site?: string;
  lines?: string[];
}

function usageOf(doc: ComponentUsageDoc): ComponentUsage {
  const { _id, ...rest } = doc;
  void _id;
  return { ...rest, step: rest.step ?? null, station: rest.station ?? null, workOrder: rest.workOrder ?? null, lot: rest.lot ?? null, productModel: rest.productModel ?? null };
}

function filterOf(q: ComponentLotQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = { supplierLot: q.supplierLot };
  if (q.partNumber !== undefined) filter.partNumber = q.partNumber;
  if (q.site !== undefined) filter.site = { $in: [q.site, '', null] };
  if (q.lines) filter.line = { $in: q.lines };
  return filter;
}

export class ComponentUsageRepository {
  private readonly usage: Model<ComponentUsageDoc>;

  constructor(connection: Connection) {
    this.usage = componentUsageModel(connection);
  }

  /**
   * Records the components of the batch's events that name a supplier lot (one part and lot
   * scanned twice in one event counts once, with the quantities added). Returns how many were
   * new; a retried batch finds them all recorded and returns 0.
   */
  async record(batches: UnitBatch | readonly UnitBatch[]): Promise<number> {
    const docs = new Map<string, ComponentUsageDoc>();
    for (const batch of Array.isArray(batches) ? batches : [batches as UnitBatch]) for (const e of batch.events) {
      for (const c of e.components ?? []) {
        if (!c.partNumber || !c.supplierLot) continue;
        const _id = componentUsageId(c.partNumber, c.supplierLot, batch.serial, e.seq);
        const quantity = Number.isFinite(c.quantity) ? c.quantity : 1;
        const seen = docs.get(_id);
        if (seen) {
          seen.quantity += quantity;
          continue;
        }
        docs.set(_id, {
          _id,
          partNumber: c.partNumber,
          supplierLot: c.supplierLot,
          serial: batch.serial,
          seq: e.seq,
          step: e.step ?? null,
          station: e.station ?? null,
          quantity,
          at: new Date(e.at),
          site: batch.site ?? '',
          line: batch.line ?? '',
          workOrder: batch.workOrder ?? null,
          lot: batch.lot ?? null,
          productModel: batch.productModel ?? null,
        });
      }
    }
    return insertOnce(this.usage.collection as unknown as Collection<ComponentUsageDoc>, [...docs.values()]);
  }

  /** A page of the uses of a supplier lot, by part number, serial and event; `after` is the last id of the previous page. */
  async byLot(q: ComponentLotQuery & { after?: string; limit: number }): Promise<{ items: ComponentUsage[]; next: string | null }> {
    const filter = filterOf(q);
    if (q.after !== undefined) filter._id = { $gt: q.after };
    const docs = await this.usage.find(filter).sort({ _id: 1 }).limit(q.limit + 1).lean<ComponentUsageDoc[]>();
    const page = docs.slice(0, q.limit);
    return { items: page.map(usageOf), next: docs.length > q.limit ? (page[page.length - 1]?._id ?? null) : null };
  }

  /** Every unit that consumed the lot, each once, in serial order. */
  async serialsOf(q: ComponentLotQuery): Promise<string[]> {
    const docs = await this.usage.find(filterOf(q), { serial: 1 }).lean<Array<Pick<ComponentUsageDoc, 'serial'>>>();
    return [...new Set(docs.map((d) => d.serial))].sort();
  }
}
