import type { Connection, Model } from 'mongoose';
import type { UnitBatch } from '../../definitions/units/model';
import { unitModel, type UnitDoc, type UnitEventDoc, type UnitEventRecord } from '../models/unit';

export type { UnitEventRecord } from '../models/unit';

export type UnitRecord = Omit<UnitDoc, '_id' | 'events'> & { serial: string };

type LeanUnit = Omit<UnitDoc, 'events'> & { events?: Record<string, UnitEventDoc> };

export class UnitRepository {
  private readonly units: Model<UnitDoc>;

  constructor(connection: Connection) {
    this.units = unitModel(connection);
  }

  /**
   * One write per batch, by _id. Events are set under their seq, so writing the same batch
   * twice (a retried activity, a replayed worker) leaves exactly the same document.
   */
  async applyBatch(batch: UnitBatch): Promise<void> {
    const now = new Date();
    const set: Record<string, unknown> = {
      status: batch.status,
      step: batch.step,
      allowed: batch.allowed,
      updatedAt: now,
    };
    // Set by every batch that carries them ($setOnInsert could drop them on the embedded server).
    for (const k of ['productModel', 'workOrder', 'lot'] as const) if (typeof batch[k] === 'string') set[k] = batch[k];
    // A migration moves a unit to another routing version; lots change quantity.
    set.routingVersion = batch.routingVersion;
    for (const k of ['kind', 'quantity', 'dueAt', 'priority', 'waitingSince'] as const) if (batch[k] !== undefined) set[k] = batch[k];
    let lastSeq = 0;
    for (const e of batch.events) {
      set[`events.${e.seq}`] = { ...e, at: new Date(e.at) };
      lastSeq = Math.max(lastSeq, e.seq);
    }
    await this.units.updateOne(
      { _id: batch.serial },
      {
        $set: set,
        $max: { lastSeq },
        $setOnInsert: { site: batch.site, line: batch.line, routingKey: batch.routingKey, createdAt: now },
      },
      { upsert: true },
    );
  }

  async get(serial: string): Promise<UnitRecord | null> {
    const doc = await this.units.findById(serial, { events: 0 }).lean<LeanUnit>();
    if (!doc) return null;
    const { _id, events, ...rest } = doc;
    void events;
    return { serial: _id, ...rest, allowed: rest.allowed.map((a) => ({ type: a.type, step: a.step })) };
  }

  /**
   * A page of units by serial. On the embedded server this scans the collection (only exact
   * _id filters use an index there); a real MongoDB uses the {site, line, status} index.
   */
  async list(q: { site: string; lines?: string[]; status?: string; after?: string; limit: number }): Promise<{ items: UnitRecord[]; next: string | null }> {
    const filter: Record<string, unknown> = { site: { $in: [q.site, '', null] } };
    if (q.lines) filter.line = { $in: q.lines };
    if (q.status) filter.status = q.status;
    if (q.after) filter._id = { $gt: q.after };
    const docs = await this.units.find(filter, { events: 0 }).sort({ _id: 1 }).limit(q.limit + 1).lean<LeanUnit[]>();
    const items = docs.slice(0, q.limit).map((doc) => {
      const { _id, events, ...rest } = doc;
      void events;
      return { serial: _id, ...rest, allowed: rest.allowed.map((a) => ({ type: a.type, step: a.step })) };
    });
    return { items, next: docs.length > q.limit ? (items[items.length - 1]?.serial ?? null) : null };
  }

  /**
   * The units (serial, line, status) matching a bulk selection — by production lot, work order,
   * line or given serials — with one of `statuses`, on the site and (when given) the lines, in
   * serial order, at most `limit`. Scans on the embedded server; indexed on a real MongoDB.
   */
  async select(q: { site: string; lines?: string[]; statuses: string[]; lot?: string; workOrder?: string; line?: string; serials?: string[]; limit: number }): Promise<Array<Pick<UnitRecord, 'serial' | 'line' | 'status'>>> {
    const filter: Record<string, unknown> = { site: { $in: [q.site, '', null] }, status: { $in: q.statuses } };
    if (q.lot !== undefined) filter.lot = q.lot;
    if (q.workOrder !== undefined) filter.workOrder = q.workOrder;
    const lines = q.line !== undefined ? (q.lines && !q.lines.includes(q.line) ? [] : [q.line]) : q.lines;
    if (lines) filter.line = { $in: lines };
    if (q.serials) filter._id = { $in: q.serials };
    const docs = await this.units.find(filter, { _id: 1, line: 1, status: 1 }).sort({ _id: 1 }).limit(q.limit).lean<Array<Pick<UnitDoc, '_id' | 'line' | 'status'>>>();
    return docs.map((d) => ({ serial: d._id, line: d.line ?? '', status: d.status }));
  }

  /** Every recorded event of a unit in seq order; null when the unit is unknown. */
  async events(serial: string): Promise<UnitEventRecord[] | null> {
    const doc = await this.units.findById(serial, { events: 1 }).lean<LeanUnit>();
    if (!doc) return null;
    return Object.values(doc.events ?? {}).sort((a, b) => a.seq - b.seq);
  }
}
