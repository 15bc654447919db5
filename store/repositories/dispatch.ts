/**
 * Dispatch queues and claims. Entries are written only by the persist activity (one unit's
 * batches arrive one after another), read by the API; claims are written by the API.
 */
import type { Collection } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import { lastSeqOf, newestPerUnit } from '../../definitions/units/batches';
import type { UnitBatch } from '../../definitions/units/model';
import { dispatchModels, type DispatchClaimDoc, type DispatchDoc, type DispatchTakeoverDoc } from '../models/dispatch';
import { upsertById } from '../models/insert-once';
import { isDuplicateKey } from '../models/support';

export interface DispatchEntry {
  serial: string;
  site: string;
  line: string;
  stationGroups: string[];
  /** The steps the unit may start, each with its station group. */
  starts: Array<{ step: string; stationGroup: string }>;
  dueAt: Date | null;
  priority: number;
  waitingSince: Date | null;
  workOrder: string | null;
  lot: string | null;
  productModel: string | null;
  /** The queue order as one sortable string; with the serial, the position of a page cursor. */
  rank: string;
}

export interface DispatchClaim {
  serial: string;
  waitingSince: string;
  by: string;
  station: string | null;
  stationGroup: string | null;
  at: Date;
  expiresAt: Date;
}

export type ClaimAttempt = { claimed: true; claim: DispatchClaim; again: boolean } | { claimed: false; holder: DispatchClaim | null };

const NONE = '~'; // sorts after any ISO date
const PRIORITY_LIMIT = 999_999_999;

function dateOf(v: unknown): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 0 || d.getUTCFullYear() > 9999 ? null : d;
}

/** Earliest due date first (none last), then higher priority, then longest waiting. */
export function dispatchRank(dueAt: Date | null, priority: number, waitingSince: Date | null): string {
  const p = Math.max(-PRIORITY_LIMIT, Math.min(PRIORITY_LIMIT, Math.round(Number.isFinite(priority) ? priority : 0)));
  return `${dueAt?.toISOString() ?? NONE}|${String(PRIORITY_LIMIT - p).padStart(10, '0')}|${waitingSince?.toISOString() ?? NONE}`;
}

export const claimIdOf = (serial: string, waitingSince: string): string => `claim:${serial}:${waitingSince}`;

/** The ISO form of when an entry started waiting, as claims name it. */
export const waitKeyOf = (entry: Pick<DispatchEntry, 'waitingSince'>): string => entry.waitingSince?.toISOString() ?? '';

/** The queue entry a batch leaves: its starts' station groups while it waits (none otherwise). */
function entryFields(batch: UnitBatch, now: Date): Omit<DispatchDoc, '_id'> {
  const starts = batch.status === 'waiting' ? batch.allowed.filter((a) => a.type === 'start' && !!a.stationGroup).map((a) => ({ step: a.step, stationGroup: a.stationGroup as string })) : [];
  const lastAt = batch.events[batch.events.length - 1]?.at;
  const waitingSince = starts.length > 0 ? (dateOf(batch.waitingSince) ?? dateOf(lastAt) ?? now) : null;
  const dueAt = dateOf(batch.dueAt);
  const priority = typeof batch.priority === 'number' && Number.isFinite(batch.priority) ? batch.priority : 0;
  return {
    site: batch.site ?? '',
    line: batch.line ?? '',
    stationGroups: [...new Set(starts.map((s) => s.stationGroup))],
    starts,
    dueAt,
    priority,
    waitingSince,
    rank: dispatchRank(dueAt, priority, waitingSince),
    workOrder: batch.workOrder ?? null,
    lot: batch.lot ?? null,
    productModel: batch.productModel ?? null,
    lastSeq: lastSeqOf(batch),
    updatedAt: now,
  };
}

function entryOf(doc: DispatchDoc): DispatchEntry {
  return {
    serial: doc._id,
    site: doc.site ?? '',
    line: doc.line ?? '',
    stationGroups: doc.stationGroups ?? [],
    starts: (doc.starts ?? []).map((s) => ({ step: s.step, stationGroup: s.stationGroup })),
    dueAt: dateOf(doc.dueAt),
    priority: typeof doc.priority === 'number' ? doc.priority : 0,
    waitingSince: dateOf(doc.waitingSince),
    workOrder: doc.workOrder ?? null,
    lot: doc.lot ?? null,
    productModel: doc.productModel ?? null,
    rank: doc.rank ?? '',
  };
}

function claimOf(doc: DispatchClaimDoc): DispatchClaim {
  return { serial: doc.serial, waitingSince: doc.waitingSince, by: doc.by, station: doc.station ?? null, stationGroup: doc.stationGroup ?? null, at: doc.at, expiresAt: doc.expiresAt };
}

export class DispatchRepository {
  private readonly entries: Model<DispatchDoc>;
  private readonly claims: Model<DispatchClaimDoc>;
  private readonly takeovers: Model<DispatchTakeoverDoc>;

  constructor(connection: Connection) {
    const m = dispatchModels(connection);
    this.entries = m.entries;
    this.claims = m.claims;
    this.takeovers = m.takeovers;
  }

  /**
   * The unit's queue entry after `batch`: the station groups of its allowed starts while it
   * waits (starts without a station group are left out); no entry while it waits for none (in
   * progress, held, finished, scrapped). Batches come in each unit's order (see applyBatches).
   */
  applyBatch(batch: UnitBatch, now: Date = new Date()): Promise<void> {
    return this.applyBatches([batch], now);
  }

  /**
   * The entries the batches leave, in one bulk write by _id: of two batches of one unit, the
   * newer counts. The caller passes each unit's batches in order (the writer drops a batch older
   * than one it wrote: a filter on lastSeq would make the embedded server scan the collection).
   */
  async applyBatches(batches: readonly UnitBatch[], now: Date = new Date()): Promise<void> {
    // A unit that waits for no station group has no entry: a delete by _id costs the embedded
    // server a third of an update.
    const entries = this.entries.collection as unknown as Collection<DispatchDoc>;
    const all = newestPerUnit(batches).map((batch) => ({ batch, fields: entryFields(batch, now) }));
    const gone = all.filter((n) => n.fields.stationGroups.length === 0);
    const waiting = all.filter((n) => n.fields.stationGroups.length > 0);
    await Promise.all([
      gone.length > 0 ? entries.bulkWrite(gone.map((n) => ({ deleteOne: { filter: { _id: n.batch.serial } } })), { ordered: false }) : undefined,
      upsertById(
        entries,
        waiting.map((n) => ({ _id: n.batch.serial, update: { $set: n.fields } })),
      ),
    ]);
  }

  async get(serial: string): Promise<DispatchEntry | null> {
    const doc = await this.entries.findById(serial).lean<DispatchDoc>();
    return doc && (doc.stationGroups ?? []).length > 0 ? entryOf(doc) : null;
  }

  /**
   * A page of the units waiting for `stationGroup`, in queue order, after the cursor
   * (`<rank>\n<serial>` of the last item of the previous page).
   */
  async queue(q: { site: string; stationGroup: string; lines?: string[]; after?: string; limit: number }): Promise<{ items: DispatchEntry[]; next: string | null }> {
    const filter: Record<string, unknown> = { site: { $in: [q.site, '', null] }, stationGroups: q.stationGroup };
    if (q.lines) filter.line = { $in: q.lines };
    if (q.after !== undefined) {
      const [rank = '', serial = ''] = q.after.split('\n');
      filter.$or = [{ rank: { $gt: rank } }, { rank, _id: { $gt: serial } }];
    }
    const docs = await this.entries.find(filter).sort({ rank: 1, _id: 1 }).limit(q.limit + 1).lean<DispatchDoc[]>();
    const items = docs.slice(0, q.limit).map(entryOf);
    const last = items[items.length - 1];
    return { items, next: docs.length > q.limit && last ? `${last.rank}\n${last.serial}` : null };
  }

  /** The unexpired claim on this wait of the unit, if any. */
  async activeClaim(serial: string, waitingSince: string, now: Date = new Date()): Promise<DispatchClaim | null> {
    const doc = await this.claims.findById(claimIdOf(serial, waitingSince)).lean<DispatchClaimDoc>();
    return doc && doc.expiresAt instanceof Date && doc.expiresAt.getTime() > now.getTime() ? claimOf(doc) : null;
  }

  /**
   * Claims this wait of a unit for `by` by inserting the claim's unique _id. Held by another
   * and unexpired: refused, naming the holder. Held by `by`: theirs again. Expired: the one
   * caller that inserts the takeover token deletes it (by _id) and inserts its own.
   */
  async claim(c: { serial: string; waitingSince: string; by: string; station?: string | null; stationGroup?: string | null }, ttlMs: number, now: Date = new Date()): Promise<ClaimAttempt> {
    const doc: DispatchClaimDoc = {
      _id: claimIdOf(c.serial, c.waitingSince),
      serial: c.serial,
      waitingSince: c.waitingSince,
      by: c.by,
      station: c.station ?? null,
      stationGroup: c.stationGroup ?? null,
      at: now,
      expiresAt: new Date(now.getTime() + ttlMs),
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.claims.create(doc);
        return { claimed: true, claim: claimOf(doc), again: false };
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
      const held = await this.claims.findById(doc._id).lean<DispatchClaimDoc>();
      if (!held) continue; // deleted in between: insert again
      const expired = !(held.expiresAt instanceof Date) || held.expiresAt.getTime() <= now.getTime();
      if (!expired) return held.by === c.by ? { claimed: true, claim: claimOf(held), again: true } : { claimed: false, holder: claimOf(held) };
      const heldAt = held.at instanceof Date ? held.at.getTime() : 0;
      try {
        await this.takeovers.create({ _id: `${doc._id}#${heldAt}`, at: now, expiresAt: doc.expiresAt });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        return { claimed: false, holder: null }; // another caller is taking it over
      }
      await this.claims.deleteOne({ _id: doc._id });
    }
    return { claimed: false, holder: null };
  }

  /**
   * Deletes expired claims and takeover tokens. A real MongoDB does this itself (TTL index);
   * the embedded server has none, so the API calls this now and then (it scans).
   */
  async purgeExpired(now: Date = new Date()): Promise<number> {
    const [claims, takeovers] = await Promise.all([this.claims.deleteMany({ expiresAt: { $lte: now } }), this.takeovers.deleteMany({ expiresAt: { $lte: now } })]);
    return claims.deletedCount + takeovers.deletedCount;
  }
}
