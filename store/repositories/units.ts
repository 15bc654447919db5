import type { Collection, UpdateFilter } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import { lastSeqOf, newestPerUnit } from '../../definitions/units/batches';
import type { UnitBatch } from '../../definitions/units/model';
import { insertOnce, upsertById } from '../models/insert-once';
import { unitEventId, unitEventModel, unitModel, type UnitDoc, type UnitEventDoc, type UnitEventRecord, type UnitEventRow } from '../models/unit';

export type { UnitEventRecord } from '../models/unit';

export type UnitRecord = Omit<UnitDoc, '_id' | 'events'> & { serial: string };

type LeanUnit = Omit<UnitDoc, 'events'> & { events?: Record<string, UnitEventDoc> };

/** The unit_events documents of a batch, as stored (no undefined fields, `at` a date). */
function unitEventRows(batch: UnitBatch): UnitEventRow[] {
  return batch.events.map((e): UnitEventRow => {
    const row: Record<string, unknown> = { _id: unitEventId(batch.serial, e.seq), serial: batch.serial, ...e, at: new Date(e.at) };
    for (const k of Object.keys(row)) if (row[k] === undefined) delete row[k];
    return row as UnitEventRow;
  });
}

/**
 * The head's update for a batch: everything the batch says, explicitly (a null in $setOnInsert
 * is dropped by the embedded server), and the unit's lasting facts on insert.
 */
function headWrite(batch: UnitBatch, now: Date): { _id: string; update: UpdateFilter<UnitDoc> } {
  const set: Record<string, unknown> = {
    status: batch.status,
    step: batch.step ?? null,
    allowed: batch.allowed.map((a) => ({ type: a.type, step: a.step })),
    // A migration moves a unit to another routing version; lots change quantity.
    routingVersion: batch.routingVersion,
    productModel: batch.productModel ?? null,
    workOrder: batch.workOrder ?? null,
    lot: batch.lot ?? null,
    kind: batch.kind ?? 'unit',
    waitingSince: batch.waitingSince ?? null,
    updatedAt: now,
  };
  for (const k of ['quantity', 'dueAt', 'priority'] as const) if (batch[k] !== undefined) set[k] = batch[k];
  return {
    _id: batch.serial,
    update: { $set: set, $max: { lastSeq: lastSeqOf(batch) }, $setOnInsert: { site: batch.site ?? '', line: batch.line ?? '', routingKey: batch.routingKey, createdAt: now } } as UpdateFilter<UnitDoc>,
  };
}

/** How many event look-ups by _id a trace has in flight at once (the embedded server scans an $in). */
const TRACE_READS = 32;

export class UnitRepository {
  private readonly units: Model<UnitDoc>;
  private readonly unitEvents: Model<UnitEventRow>;

  constructor(connection: Connection) {
    this.units = unitModel(connection);
    this.unitEvents = unitEventModel(connection);
  }

  /**
   * A batch's events are inserted first (one document each, by _id: a retried batch finds them
   * there and adds nothing), then the head is set by _id. The head never carries events, so its
   * write costs the same at the hundredth event as at the first.
   */
  async applyBatch(batch: UnitBatch): Promise<void> {
    await this.insertEvents([batch]);
    await this.setHeads([batch]);
  }

  /** Every event of the batches, in one insert. */
  async insertEvents(batches: readonly UnitBatch[]): Promise<void> {
    await insertOnce(this.unitEvents.collection as unknown as Collection<UnitEventRow>, batches.flatMap(unitEventRows));
  }

  /**
   * The heads the batches leave, in one bulk write by _id. The caller passes each unit's batches
   * in order (the writer drops a batch older than one it wrote); of two batches of one unit, the
   * newer is written.
   */
  async setHeads(batches: readonly UnitBatch[], now: Date = new Date()): Promise<void> {
    await upsertById(this.units.collection as unknown as Collection<UnitDoc>, newestPerUnit(batches).map((b) => headWrite(b, now)));
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

  /**
   * Every recorded event of a unit in seq order; null when the unit is unknown. Each event is
   * read by _id, up to the head's lastSeq, some at a time; a unit recorded before unit_events
   * has them in its head.
   */
  async events(serial: string): Promise<UnitEventRecord[] | null> {
    const head = await this.units.findById(serial, { events: 1, lastSeq: 1 }).lean<LeanUnit>();
    if (!head) return null;
    const bySeq = new Map<number, UnitEventRecord>();
    for (const e of Object.values(head.events ?? {})) bySeq.set(e.seq, e);
    const missing = Array.from({ length: head.lastSeq ?? 0 }, (_, i) => i + 1).filter((seq) => !bySeq.has(seq));
    for (let i = 0; i < missing.length; i += TRACE_READS) {
      const found = await Promise.all(missing.slice(i, i + TRACE_READS).map((seq) => this.unitEvents.findById(unitEventId(serial, seq), { _id: 0, serial: 0 }).lean<UnitEventRecord>()));
      for (const e of found) if (e) bySeq.set(e.seq, e);
    }
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
}
