/** The work-order read model: written whole by the work-order workflow, read by the API. */
import type { Connection, Model } from 'mongoose';
import type { WorkOrderView } from '../../definitions/work-orders/view';
import { unitModel } from '../models/unit';
import { workOrderModel, type WorkOrderDoc } from '../models/work-order';

/** A work order in a list: everything but its units. */
export type WorkOrderSummary = Omit<WorkOrderView, 'units'>;

type Lean = WorkOrderDoc;

function viewOf(doc: Lean): WorkOrderView {
  const { _id, serials, updatedAt, ...rest } = doc;
  void serials;
  void updatedAt;
  return { number: _id, ...rest, units: rest.units ?? [] };
}

export class WorkOrderRepository {
  private readonly orders: Model<WorkOrderDoc>;
  private readonly connection: Connection;

  constructor(connection: Connection) {
    this.connection = connection;
    this.orders = workOrderModel(connection);
  }

  /**
   * Sets the whole document by _id. An older revision never overwrites a newer one: the write is
   * skipped when the stored revision is higher (one writer, so a plain read-then-write is safe).
   */
  async save(view: WorkOrderView): Promise<void> {
    const stored = await this.orders.findById(view.number, { revision: 1 }).lean<{ revision?: number }>();
    if (stored && (stored.revision ?? 0) > view.revision) return;
    const { number, ...rest } = view;
    await this.orders.replaceOne({ _id: number }, { ...rest, serials: view.units.map((u) => u.serial), updatedAt: new Date() }, { upsert: true });
  }

  async get(number: string): Promise<WorkOrderView | null> {
    const doc = await this.orders.findById(number, { serials: 0 }).lean<Lean>();
    return doc ? viewOf(doc) : null;
  }

  /** A page by number; on the embedded server this scans (only exact _id filters use an index there). */
  async list(q: { site: string; lines?: string[]; status?: string; after?: string; limit: number }): Promise<{ items: WorkOrderSummary[]; next: string | null }> {
    const filter: Record<string, unknown> = { site: q.site };
    if (q.lines) filter.line = { $in: q.lines };
    if (q.status) filter.status = q.status;
    if (q.after) filter._id = { $gt: q.after };
    const docs = await this.orders.find(filter, { serials: 0, units: 0 }).sort({ _id: 1 }).limit(q.limit + 1).lean<Lean[]>();
    const items = docs.slice(0, q.limit).map((d) => {
      const { units, ...v } = viewOf(d);
      void units;
      return v;
    });
    return { items, next: docs.length > q.limit ? (items[items.length - 1]?.number ?? null) : null };
  }

  /** Which of these serials a unit or another work order already has (read-only look at the units). */
  async takenSerials(serials: readonly string[]): Promise<string[]> {
    const taken = new Set<string>();
    const CHUNK = 1000;
    for (let i = 0; i < serials.length; i += CHUNK) {
      const part = serials.slice(i, i + CHUNK);
      const units = await unitModel(this.connection).find({ _id: { $in: part } }, { _id: 1 }).lean<Array<{ _id: string }>>();
      units.forEach((u) => taken.add(u._id));
      const orders = await this.orders.find({ serials: { $in: part } }, { serials: 1 }).lean<Array<{ serials: string[] }>>();
      const wanted = new Set(part);
      orders.forEach((o) => o.serials.filter((s) => wanted.has(s)).forEach((s) => taken.add(s)));
    }
    return serials.filter((s) => taken.has(s));
  }
}
